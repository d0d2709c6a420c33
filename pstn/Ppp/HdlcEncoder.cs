using NanoGate.Hal;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// Builds one asynchronous HDLC-like frame (RFC 1662 §3, §4): opening flag, the octets with
    /// 0x7E, 0x7D and the control characters flagged in the ACCM escaped as 0x7D, octet ^ 0x20
    /// (§4.2), the FCS-16 complemented and least significant octet first (§C.2), closing flag.
    /// Pieces are appended in place (header, then the caller's packet), so nothing is copied twice
    /// and nothing is allocated per frame.
    /// </summary>
    public sealed class HdlcEncoder
    {
        /// <summary>Flag Sequence (RFC 1662 §4.1).</summary>
        public const byte Flag = 0x7E;

        /// <summary>Control Escape (RFC 1662 §4.2).</summary>
        public const byte Escape = 0x7D;

        private readonly byte[] _output;
        private int _length;
        private ushort _fcs;
        private uint _accm;

        /// <summary>An encoder for frames of up to <paramref name="maxFrame"/> octets before escaping.</summary>
        public HdlcEncoder(int maxFrame)
        {
            _output = new byte[2 * (maxFrame + 2) + 2];
        }

        /// <summary>The encoded frame (valid after <see cref="Finish"/>).</summary>
        public byte[] Output
        {
            get { return _output; }
        }

        /// <summary>Starts a frame that escapes the control characters flagged in <paramref name="accm"/>.</summary>
        [FastPath]
        public void Begin(uint accm)
        {
            _accm = accm;
            _fcs = Fcs16.Initial;
            _output[0] = Flag;
            _length = 1;
        }

        /// <summary>Appends one octet; false when the frame would not fit.</summary>
        [FastPath]
        public bool Add(byte value)
        {
            if (_length + 2 > _output.Length - 5)
            {
                return false;
            }

            _fcs = Fcs16.Update(_fcs, value);
            Put(value);
            return true;
        }

        /// <summary>Appends octets; false when the frame would not fit.</summary>
        [FastPath]
        public bool Add(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (!Add(buffer[offset + i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Appends the FCS and the closing flag; returns the frame's length in <see cref="Output"/>.</summary>
        [FastPath]
        public int Finish()
        {
            ushort fcs = (ushort)~_fcs;
            Put((byte)(fcs & 0xFF));
            Put((byte)(fcs >> 8));
            _output[_length++] = Flag;
            return _length;
        }

        [FastPath]
        private void Put(byte value)
        {
            bool escape = value == Flag || value == Escape || (value < 0x20 && ((_accm >> value) & 1) != 0);
            if (escape)
            {
                _output[_length++] = Escape;
                _output[_length++] = (byte)(value ^ 0x20);
            }
            else
            {
                _output[_length++] = value;
            }
        }
    }
}
