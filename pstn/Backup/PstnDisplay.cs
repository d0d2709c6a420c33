using NanoGate.Hal;
using NanoGate.Pstn.Modem;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Pstn.Backup
{
    /// <summary>
    /// The console's view of the PSTN module (<c>display modem</c>, <c>display ppp</c>,
    /// <c>display dialer</c>), one string of lines each. Console only: allocates.
    /// </summary>
    public static class PstnDisplay
    {
        /// <summary>Line state, last result code, speed, caller ID, call duration.</summary>
        public static string Modem(AtModem modem, long nowMs)
        {
            string text = "Line state       : " + LineName(modem.State) + "\n"
                + "Last result code : " + ResultName(modem.LastResult) + "\n";
            if (modem.State == LineState.Connected)
            {
                text += "Speed            : " + modem.ConnectSpeed.ToString() + " bit/s\n"
                    + "Call duration    : " + ((nowMs - modem.ConnectedAtMs) / 1000).ToString() + " s\n";
            }

            string number = modem.CallerNumber;
            if (number.Length > 0)
            {
                text += "Caller ID        : " + number + " " + modem.CallerName + "\n";
            }

            return text;
        }

        /// <summary>PPP phase, LCP/IPCP states, addresses, failure, counters.</summary>
        public static string Ppp(PppLink link)
        {
            return "PPP phase        : " + PhaseName(link.Phase) + "\n"
                + "LCP / IPCP       : " + StateName(link.Lcp.State) + " / " + StateName(link.Ipcp.State) + "\n"
                + "Authentication   : " + (link.Lcp.AuthProtocol == PppProtocol.Pap ? "PAP" : link.Lcp.AuthProtocol == PppProtocol.Chap ? "CHAP-MD5" : "none") + "\n"
                + "Local address    : " + Ipv4.Format(link.LocalAddress) + "\n"
                + "Peer address     : " + Ipv4.Format(link.PeerAddress) + "\n"
                + "Last failure     : " + FailureName(link.LastFailure) + "\n"
                + "Frames in/out    : " + link.FramesIn.ToString() + " / " + link.FramesOut.ToString() + " (bad " + link.BadFrames.ToString() + ")\n";
        }

        /// <summary>Dial backup state, active WAN, last error, budget use.</summary>
        public static string Dialer(DialBackup backup)
        {
            return "Dialer state     : " + BackupName(backup.State) + "\n"
                + "Active WAN       : " + (backup.ActiveWan == ActiveWan.Pstn ? "pstn" : backup.ActiveWan == ActiveWan.Ethernet ? "ethernet" : "none") + "\n"
                + "Last error       : " + ErrorName(backup.LastError) + "\n"
                + "Calls / up       : " + backup.Attempts.ToString() + " / " + backup.Successes.ToString() + "\n"
                + "Used today       : " + (backup.UsedTodaySeconds / 60).ToString() + " min " + (backup.UsedTodaySeconds % 60).ToString() + " s\n";
        }

        /// <summary>The error record text for a failed call, in the operator's words.</summary>
        public static string ErrorName(DialError error)
        {
            switch (error)
            {
                case DialError.NoDialtone: return "no dial tone";
                case DialError.Busy: return "busy";
                case DialError.NoAnswer: return "no answer";
                case DialError.NoCarrier: return "no carrier";
                case DialError.ModemFailure: return "modem not responding or command refused";
                case DialError.AuthenticationFailed: return "authentication failed";
                case DialError.IpcpRejected: return "IPCP rejected (no address)";
                case DialError.PppFailed: return "PPP negotiation failed";
                default: return "none";
            }
        }

        private static string LineName(LineState state)
        {
            switch (state)
            {
                case LineState.NoLine: return "no line";
                case LineState.Initialising: return "initialising";
                case LineState.Idle: return "idle";
                case LineState.Dialling: return "dialling";
                case LineState.Ringing: return "ringing";
                case LineState.Connected: return "connected";
                default: return "hanging up";
            }
        }

        private static string ResultName(ModemResult result)
        {
            switch (result)
            {
                case ModemResult.Ok: return "OK";
                case ModemResult.Connect: return "CONNECT";
                case ModemResult.Ring: return "RING";
                case ModemResult.NoCarrier: return "NO CARRIER";
                case ModemResult.Error: return "ERROR";
                case ModemResult.NoDialtone: return "NO DIALTONE";
                case ModemResult.Busy: return "BUSY";
                case ModemResult.NoAnswer: return "NO ANSWER";
                case ModemResult.Timeout: return "(timeout)";
                default: return "-";
            }
        }

        private static string PhaseName(PppPhase phase)
        {
            switch (phase)
            {
                case PppPhase.Establish: return "establish";
                case PppPhase.Authenticate: return "authenticate";
                case PppPhase.Network: return "network";
                case PppPhase.Running: return "running";
                case PppPhase.Terminate: return "terminate";
                default: return "dead";
            }
        }

        private static string StateName(PppState state)
        {
            switch (state)
            {
                case PppState.Initial: return "initial";
                case PppState.Starting: return "starting";
                case PppState.Closed: return "closed";
                case PppState.Stopped: return "stopped";
                case PppState.Closing: return "closing";
                case PppState.Stopping: return "stopping";
                case PppState.ReqSent: return "req-sent";
                case PppState.AckRcvd: return "ack-rcvd";
                case PppState.AckSent: return "ack-sent";
                default: return "opened";
            }
        }

        private static string FailureName(PppFailure failure)
        {
            switch (failure)
            {
                case PppFailure.LcpTimeout: return "LCP timeout";
                case PppFailure.AuthProtocolRejected: return "authentication protocol rejected";
                case PppFailure.AuthFailed: return "authentication failed";
                case PppFailure.AuthTimeout: return "authentication timeout";
                case PppFailure.IpcpRejected: return "IPCP rejected";
                case PppFailure.IpcpTimeout: return "IPCP timeout";
                case PppFailure.PeerTerminated: return "terminated by peer";
                case PppFailure.EchoTimeout: return "echo timeout";
                case PppFailure.LowerLayerDown: return "carrier lost";
                case PppFailure.LoopedBack: return "line looped back";
                default: return "none";
            }
        }

        private static string BackupName(BackupState state)
        {
            switch (state)
            {
                case BackupState.Standby: return "standby";
                case BackupState.Dialling: return "dialling";
                case BackupState.Negotiating: return "negotiating";
                case BackupState.Backup: return "backup (WAN on PSTN)";
                case BackupState.Returning: return "returning (Ethernet back)";
                case BackupState.HangingUp: return "hanging up";
                case BackupState.Waiting: return "waiting to retry";
                case BackupState.Idle: return "idle (hung up, no traffic)";
                default: return "budget exhausted";
            }
        }
    }
}
