namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The debugging switches (<c>debugging ikev1 error|event|packet</c>, <c>undo debugging</c>) and
    /// the sink the IKE side reports through. Messages of a switched-off kind cost one test.
    /// </summary>
    public sealed class DebugLog
    {
        /// <summary>Error records.</summary>
        public const int Error = 1;

        /// <summary>Negotiation events.</summary>
        public const int Event = 2;

        /// <summary>Packet summaries.</summary>
        public const int Packet = 4;

        /// <summary>Error records kept for <c>display ike error-info</c>.</summary>
        public const int MaxRecords = 32;

        private readonly ILineWriter _out;
        private readonly System.Collections.ArrayList _records = new System.Collections.ArrayList();

        /// <summary>Creates a log printing to <paramref name="output"/>, everything off.</summary>
        public DebugLog(ILineWriter output)
        {
            _out = output;
        }

        /// <summary>Where error records also go as they are kept (the syslog export; null: nowhere).</summary>
        public ILineWriter Export { get; set; }

        /// <summary>Which kinds are switched on (bits above).</summary>
        public int Enabled { get; set; }

        /// <summary>Reports a failed negotiation (printed when "error" is on).</summary>
        public void ReportError(long nowMs, uint peerAddress, IkeErrorReason reason)
        {
            ReportRecord(nowMs, ErrorRecord.Format(peerAddress, reason));
        }

        /// <summary>Keeps an error record in words of its own ("IKE is disabled: ...") and prints it when "error" is on.</summary>
        public void ReportRecord(long nowMs, string text)
        {
            // Kept for display ike error-info whether or not debugging is on.
            if (_records.Count >= MaxRecords)
            {
                _records.RemoveAt(0);
            }

            _records.Add(ErrorRecord.Stamp(nowMs) + text);
            if (Export != null)
            {
                Export.WriteLine(ErrorRecord.Stamp(nowMs) + text);
            }

            if ((Enabled & Error) != 0)
            {
                _out.WriteLine(ErrorRecord.Stamp(nowMs) + text);
            }
        }

        /// <summary>Reports an event ("phase1 established with 203.0.113.2", printed when "event" is on).</summary>
        public void ReportEvent(long nowMs, string text)
        {
            if ((Enabled & Event) != 0)
            {
                _out.WriteLine(ErrorRecord.Stamp(nowMs) + "Ikev1 event: " + text);
            }
        }

        /// <summary>Reports a packet summary (printed when "packet" is on).</summary>
        public void ReportPacket(long nowMs, string text)
        {
            if ((Enabled & Packet) != 0)
            {
                _out.WriteLine(ErrorRecord.Stamp(nowMs) + "Ikev1 packet: " + text);
            }
        }

        /// <summary>Number of kept error records.</summary>
        public int RecordCount
        {
            get { return _records.Count; }
        }

        /// <summary><c>display ike error-info</c>: the kept records, oldest first.</summary>
        public void RenderRecords(ILineWriter o)
        {
            o.WriteLine("  Ikev1 error-info records: " + _records.Count.ToString());
            for (int i = 0; i < _records.Count; i++)
            {
                o.WriteLine("  " + (string)_records[i]);
            }
        }

        /// <summary>True when <paramref name="kind"/> is on (callers skip building text otherwise).</summary>
        public bool IsOn(int kind)
        {
            return (Enabled & kind) != 0;
        }
    }
}
