using System;
using NanoGate.Hal;

namespace NanoGate.Boards.Drivers
{
    // The WIZnet W5500 as a plain Ethernet MAC: socket 0 in MACRAW mode, polled (W5500 datasheet
    // v1.0.x, "W5500 DS" below; register map §4, SPI frame §2.2).
    //
    //  SPI frame (DS §2.2): 16-bit offset address, big-endian | control byte | data. The control
    //  byte is BSB[4:0] << 3 | RWB << 2 | OM[1:0]; BSB 00000 = common registers, n*4+1 = socket n
    //  registers, n*4+2 = its TX buffer, n*4+3 = its RX buffer; RWB 1 = write; OM 00 = variable
    //  length, the frame lasting as long as SCSn is low. One ISpiBus.Transfer is one frame.
    //
    //  Start: MR.RST (0x80) resets every register and clears itself; VERSIONR (0x0039) reads 0x04;
    //  SHAR (0x0009, 6 bytes) is the MAC address; socket 0 gets 16 KB of each buffer
    //  (Sn_RXBUF_SIZE 0x1E, Sn_TXBUF_SIZE 0x1F, in KB); Sn_MR (0x00) = MACRAW (0x04) | MFEN (0x80,
    //  the chip drops frames not for our MAC or broadcast, so the interpreter never sees them);
    //  Sn_CR (0x01) = OPEN (0x01); Sn_SR (0x03) must read SOCK_MACRAW (0x42).
    //
    //  Receive (DS §4.2 Sn_RX_RSR 0x26, Sn_RX_RD 0x28, Sn_CR RECV 0x40): Sn_RX_RSR bytes are
    //  waiting at Sn_RX_RD. In MACRAW mode each frame is preceded by 2 bytes of packet info, its
    //  length including those 2 bytes. The 16-bit read pointer is an offset the chip maps into the
    //  socket's buffer modulo its size, so a frame that runs past the end of the buffer reads on
    //  from its start; the driver only lets the pointer wrap at 0xFFFF (ushort arithmetic). The
    //  frames of one Sn_RX_RSR reading are read one by one; then Sn_RX_RD = the pointer and RECV
    //  tell the chip their space is free again (once per burst, to save SPI transfers).
    //
    //  Send (Sn_TX_WR 0x24, Sn_CR SEND 0x20, Sn_IR 0x02 bit SEND_OK 0x10, write 1 to clear): the
    //  frame goes to the TX buffer at Sn_TX_WR, Sn_TX_WR += length, SEND. The next send first waits
    //  for SEND_OK, so the whole TX buffer is free whenever a frame is written.
    //
    //  Link: PHYCFGR (0x002E) bit LNK (0x01).
    //
    //  SPI transfers cost the interpreter a native call each (and, on nanoFramework, a SpanByte
    //  value per buffer), so the driver counts them: an idle poll is one (Sn_RX_RSR); a frame of up
    //  to FirstChunk - 2 bytes is read together with its packet info in one, a longer one in two;
    //  the space is released once per burst (Sn_RX_RD, RECV, Sn_CR poll); a send is the frame, Sn_TX_WR,
    //  SEND and its Sn_CR poll, plus reading and clearing SEND_OK of the previous frame.

    /// <summary>
    /// Register-level driver for the WIZnet W5500 in MACRAW mode (raw Ethernet frames through
    /// socket 0), polled over SPI. Constructed on its bus like an IoT.Device binding; failures are
    /// values (<see cref="FrameResult"/>, <see cref="W5500StartResult"/>), counted.
    /// </summary>
    public sealed class W5500 : IFrameDevice
    {
        /// <summary>What VERSIONR reads on a W5500 (DS §4.1 VERSIONR).</summary>
        public const byte ChipVersion = 0x04;

        /// <summary>Longest frame handled: 1514 bytes plus an 802.1Q tag (no FCS in MACRAW).</summary>
        public const int MaxFrame = 1518;

        /// <summary>Shortest frame handled: an Ethernet header.</summary>
        public const int MinFrame = 14;

        /// <summary>Data bytes of the first receive transfer: the packet info and the start of the frame (a whole ARP or short TCP frame).</summary>
        public const int FirstChunk = 128;

        /// <summary>Socket 0's share of each buffer in KB (the chip has 16 KB each way; DS §4.2 Sn_RXBUF_SIZE).</summary>
        public const int BufferKb = 16;

        // Common register block (DS §4.1).
        internal const int Mr = 0x0000;
        internal const int Shar = 0x0009;
        internal const int Phycfgr = 0x002E;
        internal const int Versionr = 0x0039;

        // Socket register block (DS §4.2).
        internal const int SnMr = 0x00;
        internal const int SnCr = 0x01;
        internal const int SnIr = 0x02;
        internal const int SnSr = 0x03;
        internal const int SnRxBufSize = 0x1E;
        internal const int SnTxBufSize = 0x1F;
        internal const int SnTxWr = 0x24;
        internal const int SnRxRsr = 0x26;
        internal const int SnRxRd = 0x28;

        // Block select values (DS §2.2.2).
        internal const int BlockCommon = 0;
        internal const int BlockSocket0 = 1;
        internal const int BlockTx0 = 2;
        internal const int BlockRx0 = 3;

        internal const byte MrReset = 0x80;
        internal const byte PhyLink = 0x01;
        internal const byte ModeMacRaw = 0x04;
        internal const byte ModeMacFilter = 0x80;
        internal const byte CmdOpen = 0x01;
        internal const byte CmdClose = 0x10;
        internal const byte CmdSend = 0x20;
        internal const byte CmdRecv = 0x40;
        internal const byte IrSendOk = 0x10;
        internal const byte StatusClosed = 0x00;
        internal const byte StatusMacRaw = 0x42;

        private const int Header = 3;
        private const int ResetPolls = 1000;
        private const int CommandPolls = 100;
        private const int SendPolls = 200;

        private readonly ISpiBus _bus;
        private readonly byte[] _mac = new byte[6];
        private readonly byte[] _regOut = new byte[Header + 6];
        private readonly byte[] _regIn = new byte[Header + 6];
        private readonly byte[] _bulkOut;
        private readonly byte[] _bulkIn;
        private ushort _rxRd;
        private int _known;
        private int _unreleased;
        private ushort _txWr;
        private bool _open;
        private bool _sendPending;
        private bool _link;
        private int _version = -1;

        /// <summary>A driver for the W5500 on <paramref name="bus"/> (chip select handled by the bus). Call <see cref="TryStart"/>.</summary>
        public W5500(ISpiBus bus)
        {
            if (bus == null)
            {
                throw new ArgumentNullException(nameof(bus));
            }

            _bus = bus;
            int bulk = Header + MaxFrame + 2;
            _bulkOut = new byte[bulk];
            _bulkIn = new byte[bulk];
        }

        /// <summary>VERSIONR as last read (0x04 on a W5500), -1 before <see cref="TryStart"/>.</summary>
        public int Version
        {
            get { return _version; }
        }

        /// <inheritdoc/>
        public byte[] MacAddress
        {
            get { return _mac; }
        }

        /// <inheritdoc/>
        public bool LinkUp
        {
            get { return _link; }
        }

        /// <summary>Frames received.</summary>
        public int FramesReceived { get; private set; }

        /// <summary>Frames queued for sending.</summary>
        public int FramesSent { get; private set; }

        /// <summary>Received frames dropped because the caller's buffer was too small.</summary>
        public int TooLongDrops { get; private set; }

        /// <summary>Impossible packet-info lengths seen (each flushed the receive buffer by reopening socket 0).</summary>
        public int CorruptFrames { get; private set; }

        /// <summary>Link transitions seen by <see cref="PollLink"/>.</summary>
        public int LinkChanges { get; private set; }

        /// <summary>SPI transfers the bus refused.</summary>
        public int BusErrors { get; private set; }

        /// <summary>
        /// Resets the chip, checks VERSIONR, sets the MAC address (6 bytes at
        /// <paramref name="macOffset"/>), gives socket 0 the buffers and opens it in MACRAW mode.
        /// </summary>
        public W5500StartResult TryStart(byte[] mac, int macOffset)
        {
            _open = false;
            _sendPending = false;
            if (!WriteRegister(BlockCommon, Mr, MrReset))
            {
                return W5500StartResult.BusError;
            }

            int polls = 0;
            while (true)
            {
                int mr = ReadRegister(BlockCommon, Mr);
                if (mr < 0)
                {
                    return W5500StartResult.BusError;
                }

                if ((mr & MrReset) == 0)
                {
                    break;
                }

                if (++polls == ResetPolls)
                {
                    return W5500StartResult.ResetTimeout;
                }
            }

            _version = ReadRegister(BlockCommon, Versionr);
            if (_version < 0)
            {
                return W5500StartResult.BusError;
            }

            if (_version != ChipVersion)
            {
                return W5500StartResult.WrongVersion;
            }

            Array.Copy(mac, macOffset, _mac, 0, 6);
            SetHeader(_regOut, BlockCommon, Shar, true);
            Array.Copy(_mac, 0, _regOut, Header, 6);
            if (!Transfer(_regOut, null, Header + 6)
                || !WriteRegister(BlockSocket0, SnRxBufSize, BufferKb)
                || !WriteRegister(BlockSocket0, SnTxBufSize, BufferKb))
            {
                return W5500StartResult.BusError;
            }

            W5500StartResult opened = OpenSocket();
            if (opened == W5500StartResult.Ok)
            {
                // The state at start is not a change.
                int changes = LinkChanges;
                PollLink();
                LinkChanges = changes;
            }

            return opened;
        }

        /// <inheritdoc/>
        public bool PollLink()
        {
            int phy = ReadRegister(BlockCommon, Phycfgr);
            bool link = phy >= 0 && (phy & PhyLink) != 0;
            if (link != _link)
            {
                LinkChanges++;
                _link = link;
            }

            return link;
        }

        /// <inheritdoc/>
        [FastPath]
        public FrameResult TryReceiveFrame(byte[] buffer, int offset, int count, out int length)
        {
            length = 0;
            if (!_open)
            {
                return FrameResult.BusError;
            }

            if (_known < 2)
            {
                // Everything known to be waiting has been read: give the space back, then ask again.
                if (_unreleased > 0 && !Release())
                {
                    return FrameResult.BusError;
                }

                int waiting = ReadReceivedSize();
                if (waiting < 0)
                {
                    return FrameResult.BusError;
                }

                _known = waiting;
                if (_known < 2)
                {
                    return FrameResult.None;
                }
            }

            // One transfer reads the packet info (2 bytes, big-endian: frame length + 2) and the
            // first FirstChunk - 2 bytes of the frame; a longer frame takes a second transfer.
            SetHeader(_bulkOut, BlockRx0, _rxRd, false);
            if (!Transfer(_bulkOut, _bulkIn, Header + FirstChunk))
            {
                return FrameResult.BusError;
            }

            int total = (_bulkIn[Header] << 8) | _bulkIn[Header + 1];
            int frame = total - 2;
            if (frame < MinFrame || frame > MaxFrame || total > _known)
            {
                // The pointer no longer points at a packet info: nothing after it can be trusted.
                CorruptFrames++;
                return Reopen() ? FrameResult.Corrupt : FrameResult.BusError;
            }

            if (frame > count)
            {
                TooLongDrops++;
                Consume(total);
                return FrameResult.TooLong;
            }

            int first = frame < FirstChunk - 2 ? frame : FirstChunk - 2;
            Array.Copy(_bulkIn, Header + 2, buffer, offset, first);
            if (frame > first)
            {
                SetHeader(_bulkOut, BlockRx0, (ushort)(_rxRd + FirstChunk), false);
                if (!Transfer(_bulkOut, _bulkIn, Header + frame - first))
                {
                    return FrameResult.BusError;
                }

                Array.Copy(_bulkIn, Header, buffer, offset + first, frame - first);
            }

            Consume(total);
            if (_known < 2 && !Release())
            {
                return FrameResult.BusError;
            }

            length = frame;
            FramesReceived++;
            return FrameResult.Ok;
        }

        /// <inheritdoc/>
        [FastPath]
        public FrameResult TrySendFrame(byte[] buffer, int offset, int count)
        {
            if (!_open)
            {
                return FrameResult.BusError;
            }

            if (count < MinFrame || count > MaxFrame)
            {
                return FrameResult.TooLong;
            }

            if (!_link)
            {
                return FrameResult.LinkDown;
            }

            if (_sendPending)
            {
                FrameResult done = WaitSendOk();
                if (done != FrameResult.Ok)
                {
                    return done;
                }
            }

            SetHeader(_bulkOut, BlockTx0, _txWr, true);
            Array.Copy(buffer, offset, _bulkOut, Header, count);
            if (!Transfer(_bulkOut, null, Header + count))
            {
                return FrameResult.BusError;
            }

            _txWr = (ushort)(_txWr + count);
            if (!WriteRegister16(BlockSocket0, SnTxWr, _txWr) || !Command(CmdSend))
            {
                return FrameResult.BusError;
            }

            _sendPending = true;
            FramesSent++;
            return FrameResult.Ok;
        }

        private W5500StartResult OpenSocket()
        {
            if (!WriteRegister(BlockSocket0, SnMr, ModeMacRaw | ModeMacFilter) || !Command(CmdOpen))
            {
                return W5500StartResult.BusError;
            }

            int status = ReadRegister(BlockSocket0, SnSr);
            if (status < 0)
            {
                return W5500StartResult.BusError;
            }

            if (status != StatusMacRaw)
            {
                return W5500StartResult.OpenFailed;
            }

            // The pointers start wherever the chip left them; read, never assume 0.
            int rd = ReadRegister16(BlockSocket0, SnRxRd);
            int wr = ReadRegister16(BlockSocket0, SnTxWr);
            if (rd < 0 || wr < 0)
            {
                return W5500StartResult.BusError;
            }

            _rxRd = (ushort)rd;
            _txWr = (ushort)wr;
            _known = 0;
            _unreleased = 0;
            _open = true;
            _sendPending = false;
            return W5500StartResult.Ok;
        }

        private bool Reopen()
        {
            _open = false;
            if (!Command(CmdClose))
            {
                return false;
            }

            return OpenSocket() == W5500StartResult.Ok;
        }

        // Moves past one frame; its space goes back to the chip at the next Release.
        private void Consume(int total)
        {
            _rxRd = (ushort)(_rxRd + total);
            _known -= total;
            _unreleased += total;
        }

        // Sn_RX_RD = the read pointer, then RECV: the chip may reuse the space of every frame read
        // since the last release (one release per burst of frames, not per frame).
        private bool Release()
        {
            if (!WriteRegister16(BlockSocket0, SnRxRd, _rxRd) || !Command(CmdRecv))
            {
                return false;
            }

            _unreleased = 0;
            return true;
        }

        // Sn_RX_RSR changes while the chip receives; a non-zero value is read again until two
        // reads agree (the 16-bit register is read byte by byte). Zero, the idle case, is one read.
        private int ReadReceivedSize()
        {
            int previous = ReadRegister16(BlockSocket0, SnRxRsr);
            if (previous == 0)
            {
                return 0;
            }

            for (int i = 0; i < 4 && previous >= 0; i++)
            {
                int now = ReadRegister16(BlockSocket0, SnRxRsr);
                if (now == previous)
                {
                    return now;
                }

                previous = now;
            }

            return -1;
        }

        private FrameResult WaitSendOk()
        {
            for (int i = 0; i < SendPolls; i++)
            {
                int ir = ReadRegister(BlockSocket0, SnIr);
                if (ir < 0)
                {
                    return FrameResult.BusError;
                }

                if ((ir & IrSendOk) != 0)
                {
                    _sendPending = false;
                    return WriteRegister(BlockSocket0, SnIr, IrSendOk) ? FrameResult.Ok : FrameResult.BusError;
                }
            }

            return FrameResult.Busy;
        }

        // Writes a command to Sn_CR and waits until the chip has taken it (Sn_CR reads 0 again).
        private bool Command(byte command)
        {
            if (!WriteRegister(BlockSocket0, SnCr, command))
            {
                return false;
            }

            for (int i = 0; i < CommandPolls; i++)
            {
                int cr = ReadRegister(BlockSocket0, SnCr);
                if (cr < 0)
                {
                    return false;
                }

                if (cr == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private int ReadRegister(int block, int address)
        {
            SetHeader(_regOut, block, address, false);
            return Transfer(_regOut, _regIn, Header + 1) ? _regIn[Header] : -1;
        }

        private int ReadRegister16(int block, int address)
        {
            SetHeader(_regOut, block, address, false);
            return Transfer(_regOut, _regIn, Header + 2) ? (_regIn[Header] << 8) | _regIn[Header + 1] : -1;
        }

        private bool WriteRegister(int block, int address, int value)
        {
            SetHeader(_regOut, block, address, true);
            _regOut[Header] = (byte)value;
            return Transfer(_regOut, null, Header + 1);
        }

        private bool WriteRegister16(int block, int address, int value)
        {
            SetHeader(_regOut, block, address, true);
            _regOut[Header] = (byte)(value >> 8);
            _regOut[Header + 1] = (byte)value;
            return Transfer(_regOut, null, Header + 2);
        }

        private bool Transfer(byte[] write, byte[] read, int count)
        {
            if (_bus.Transfer(write, 0, read, 0, count))
            {
                return true;
            }

            BusErrors++;
            return false;
        }

        // Address phase (16 bits, big-endian) and control phase (DS §2.2.1, §2.2.2).
        private static void SetHeader(byte[] frame, int block, int address, bool write)
        {
            frame[0] = (byte)(address >> 8);
            frame[1] = (byte)address;
            frame[2] = (byte)((block << 3) | (write ? 0x04 : 0x00));
        }
    }
}
