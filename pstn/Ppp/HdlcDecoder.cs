using NanoGate.Hal;

namespace NanoGate.Pstn.Ppp
{
    /// <summary>
    /// Receives asynchronous HDLC-like frames one octet at a time (RFC 1662 §4): flags delimit,
    /// 0x7D un-escapes the next octet, control characters flagged in the receive ACCM are removed
    /// (inserted by the DCE, §4.2), and a frame is good when the FCS over it and its FCS field is
    /// 0xF0B8 (§C.2). Back-to-back flags are idle fill. Nothing is allocated per frame.
    /// </summary>
    public sealed class HdlcDecoder
    {
        private readonly byte[] _frame;
        private int _length;
        private bool _escaped;
        private bool _overflow;
        private ushort _fcs = Fcs16.Initial;

        /// <summary>A decoder for frames up to <paramref name="maxFrame"/> octets (address to FCS).</summary>
        public HdlcDecoder(int maxFrame)
        {
            _frame = new byte[maxFrame];
            ReceiveAccm = 0xFFFFFFFF;
        }

        /// <summary>Control characters to drop on receipt (the ACCM we asked the peer for).</summary>
        public uint ReceiveAccm { get; set; }

        /// <summary>The last good frame: address, control, protocol, information (no FCS).</summary>
        public byte[] Frame
        {
            get { return _frame; }
        }

        /// <summary>Length of the last good frame in <see cref="Frame"/>.</summary>
        public int FrameLength { get; private set; }

        /// <summary>Takes one received octet.</summary>
        [FastPath]
        public HdlcStatus Push(byte value)
        {
            if (value == HdlcEncoder.Flag)
            {
                return EndFrame();
            }

            if (value < 0x20 && ((ReceiveAccm >> value) & 1) != 0)
            {
                return HdlcStatus.None;
            }

            if (value == HdlcEncoder.Escape)
            {
                _escaped = true;
                return HdlcStatus.None;
            }

            if (_escaped)
            {
                _escaped = false;
                value = (byte)(value ^ 0x20);
            }

            if (_length == _frame.Length)
            {
                _overflow = true;
                return HdlcStatus.None;
            }

            _frame[_length++] = value;
            _fcs = Fcs16.Update(_fcs, value);
            return HdlcStatus.None;
        }

        [FastPath]
        private HdlcStatus EndFrame()
        {
            HdlcStatus status = HdlcStatus.None;
            if (_escaped)
            {
                status = HdlcStatus.Aborted;
            }
            else if (_overflow)
            {
                status = HdlcStatus.TooLong;
            }
            else if (_length > 0)
            {
                if (_length < 4 || _fcs != Fcs16.Good)
                {
                    status = HdlcStatus.BadFcs;
                }
                else
                {
                    FrameLength = _length - 2;
                    status = HdlcStatus.Frame;
                }
            }

            _length = 0;
            _escaped = false;
            _overflow = false;
            _fcs = Fcs16.Initial;
            return status;
        }
    }
}
