using NanoGate.Hal;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>
/// A register-level model of the WIZnet W5500, written from its datasheet, seen through the SPI
/// bus: every transfer is decoded as the chip does (DS §2.2: 16-bit offset address, control byte
/// BSB[4:0]|RWB|OM[1:0], then data while chip select is low, the address incrementing per byte).
/// Modelled: the common registers (MR with RST, SHAR, PHYCFGR.LNK, VERSIONR), socket 0's registers
/// (Sn_MR, Sn_CR commands OPEN/CLOSE/SEND/RECV, Sn_IR write-1-to-clear, Sn_SR, buffer sizes, the
/// TX/RX pointers and Sn_RX_RSR, which changes only at RECV) and its TX/RX buffer memories, whose
/// 16-bit offsets map into the buffer modulo its size. A received frame is stored as 2 bytes of
/// packet info (length + 2) and the frame; MFEN drops frames not for our MAC or broadcast.
/// Nothing on the transfer path allocates: sent frames go into a preallocated ring.
/// </summary>
internal sealed class W5500Model : ISpiBus
{
    private const int Mr = 0x0000, Shar = 0x0009, Phycfgr = 0x002E, Versionr = 0x0039;
    private const int SnMr = 0x00, SnCr = 0x01, SnIr = 0x02, SnSr = 0x03, SnRxBufSize = 0x1E, SnTxBufSize = 0x1F;
    private const int SnTxFsr = 0x20, SnTxRd = 0x22, SnTxWr = 0x24, SnRxRsr = 0x26, SnRxRd = 0x28, SnRxWr = 0x2A;

    private readonly byte[] _common = new byte[0x40];
    private readonly byte[] _socket = new byte[0x30];
    private readonly byte[] _txMemory = new byte[16 * 1024];
    private readonly byte[] _rxMemory = new byte[16 * 1024];
    private readonly byte[][] _sent = new byte[64][];
    private readonly int[] _sentLength = new int[64];
    private ushort _txRd, _txWr, _rxRdRegister, _rxRd, _rxWr;
    private int _sendOkAfterPolls;
    private int _irPolls;

    public W5500Model()
    {
        for (int i = 0; i < _sent.Length; i++)
        {
            _sent[i] = new byte[1600];
        }

        PowerOn();
    }

    /// <summary>What VERSIONR reads (0x04 on a real W5500).</summary>
    public byte VersionValue { get; set; } = 0x04;

    /// <summary>MR.RST never clears (chip held in reset).</summary>
    public bool ResetSticks { get; set; }

    /// <summary>PHY link (PHYCFGR.LNK).</summary>
    public bool Link { get; set; } = true;

    /// <summary>Where OPEN puts the socket's pointers (the datasheet promises no value; the driver must read them).</summary>
    public ushort OpenPointer { get; set; }

    /// <summary>Every transfer after this many is refused by the bus (-1: never).</summary>
    public int RefuseAfter { get; set; } = -1;

    /// <summary>Reads of Sn_IR after a SEND before SEND_OK shows (0: at once).</summary>
    public int SendOkDelay { get; set; }

    public int Transfers { get; private set; }

    public int Resets { get; private set; }

    public int Opens { get; private set; }

    public int RecvCommands { get; private set; }

    /// <summary>Transfers whose control phase was not variable-length mode, or shorter than a header.</summary>
    public int ProtocolErrors { get; private set; }

    public int FramesDroppedByFilter { get; private set; }

    public int FramesDroppedNoRoom { get; private set; }

    public int SentCount { get; private set; }

    public byte SocketMode => _socket[SnMr];

    public byte SocketStatus => _socket[SnSr];

    public int RxBufferBytes => _socket[SnRxBufSize] * 1024;

    public int TxBufferBytes => _socket[SnTxBufSize] * 1024;

    /// <summary>Bytes waiting in the RX buffer as the chip counts them (Sn_RX_RSR).</summary>
    public int RxWaiting => (ushort)(_rxWr - _rxRd);

    public byte[] Mac()
    {
        byte[] mac = new byte[6];
        Array.Copy(_common, Shar, mac, 0, 6);
        return mac;
    }

    public byte[] Sent(int index) => _sent[index % _sent.Length].AsSpan(0, _sentLength[index % _sent.Length]).ToArray();

    public int SentLength(int index) => _sentLength[index % _sent.Length];

    public byte[] SentBuffer(int index) => _sent[index % _sent.Length];

    /// <summary>Power-on: registers to their reset values, but buffer memory keeps whatever it held.</summary>
    public void PowerOn()
    {
        Array.Clear(_common);
        Array.Clear(_socket);
        _common[Shar] = 0xDE; // garbage a real chip may hold after a warm restart; the driver overwrites it
        _socket[SnRxBufSize] = 2;
        _socket[SnTxBufSize] = 2;
        _txRd = _txWr = _rxRdRegister = _rxRd = _rxWr = 0;
    }

    /// <summary>A frame arrives from the wire; false when the chip drops it (closed, no link, filter, no room).</summary>
    public bool Inject(byte[] frame, int length)
    {
        if (_socket[SnSr] != 0x42 || !Link)
        {
            return false;
        }

        bool broadcast = true, ours = true;
        for (int i = 0; i < 6; i++)
        {
            broadcast &= frame[i] == 0xFF;
            ours &= frame[i] == _common[Shar + i];
        }

        if ((_socket[SnMr] & 0x80) != 0 && !broadcast && !ours)
        {
            FramesDroppedByFilter++;
            return false;
        }

        int need = length + 2;
        if (need > RxBufferBytes - RxWaiting)
        {
            FramesDroppedNoRoom++;
            return false;
        }

        PutRx((byte)(need >> 8));
        PutRx((byte)need);
        for (int i = 0; i < length; i++)
        {
            PutRx(frame[i]);
        }

        return true;
    }

    /// <summary>Two bytes of packet info that cannot be (a corrupted buffer), as some chips have been seen to produce.</summary>
    public void InjectBadPacketInfo(ushort info)
    {
        PutRx((byte)(info >> 8));
        PutRx((byte)info);
    }

    public bool Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        if (RefuseAfter >= 0 && Transfers >= RefuseAfter)
        {
            return false;
        }

        Transfers++;
        if (count < 3)
        {
            ProtocolErrors++;
            return true;
        }

        int address = (write[writeOffset] << 8) | write[writeOffset + 1];
        int control = write[writeOffset + 2];
        int block = control >> 3;
        bool isWrite = (control & 0x04) != 0;
        if ((control & 0x03) != 0)
        {
            ProtocolErrors++;
        }

        if (read != null)
        {
            // DS §2.2: during the address and control phases MISO carries 0x00, 0x01, 0x02.
            read[readOffset] = 0x00;
            read[readOffset + 1] = 0x01;
            read[readOffset + 2] = 0x02;
        }

        for (int i = 0; i < count - 3; i++)
        {
            int at = (address + i) & 0xFFFF;
            if (isWrite)
            {
                WriteByte(block, at, write[writeOffset + 3 + i]);
            }
            else if (read != null)
            {
                read[readOffset + 3 + i] = ReadByte(block, at);
            }
        }

        return true;
    }

    private void PutRx(byte b)
    {
        _rxMemory[_rxWr & (RxBufferBytes - 1)] = b;
        _rxWr++;
    }

    private byte ReadByte(int block, int at)
    {
        switch (block)
        {
            case 0:
                if (at == Versionr)
                {
                    return VersionValue;
                }

                if (at == Phycfgr)
                {
                    return (byte)(Link ? 0xBF : 0xB8);
                }

                return at < _common.Length ? _common[at] : (byte)0;
            case 1:
                return ReadSocket(at);
            case 2:
                return _txMemory[at & (TxBufferBytes - 1)];
            case 3:
                return _rxMemory[at & (RxBufferBytes - 1)];
            default:
                ProtocolErrors++;
                return 0;
        }
    }

    private byte ReadSocket(int at)
    {
        switch (at)
        {
            case SnCr:
                return 0; // commands complete at once
            case SnIr:
                if (_sendOkAfterPolls > 0 && ++_irPolls >= _sendOkAfterPolls)
                {
                    _socket[SnIr] |= 0x10;
                    _sendOkAfterPolls = 0;
                }

                return _socket[SnIr];
            case SnTxFsr: return (byte)((TxBufferBytes - (ushort)(_txWr - _txRd)) >> 8);
            case SnTxFsr + 1: return (byte)(TxBufferBytes - (ushort)(_txWr - _txRd));
            case SnTxRd: return (byte)(_txRd >> 8);
            case SnTxRd + 1: return (byte)_txRd;
            case SnTxWr: return (byte)(_txWr >> 8);
            case SnTxWr + 1: return (byte)_txWr;
            case SnRxRsr: return (byte)(RxWaiting >> 8);
            case SnRxRsr + 1: return (byte)RxWaiting;
            case SnRxRd: return (byte)(_rxRdRegister >> 8);
            case SnRxRd + 1: return (byte)_rxRdRegister;
            case SnRxWr: return (byte)(_rxWr >> 8);
            case SnRxWr + 1: return (byte)_rxWr;
            default:
                return at < _socket.Length ? _socket[at] : (byte)0;
        }
    }

    private void WriteByte(int block, int at, byte value)
    {
        switch (block)
        {
            case 0:
                if (at == Mr && (value & 0x80) != 0)
                {
                    Resets++;
                    PowerOn();
                    _common[Mr] = ResetSticks ? (byte)0x80 : (byte)0;
                    return;
                }

                if (at != Versionr && at != Phycfgr && at < _common.Length)
                {
                    _common[at] = value;
                }

                return;
            case 1:
                WriteSocket(at, value);
                return;
            case 2:
                _txMemory[at & (TxBufferBytes - 1)] = value;
                return;
            case 3:
                _rxMemory[at & (RxBufferBytes - 1)] = value;
                return;
            default:
                ProtocolErrors++;
                return;
        }
    }

    private void WriteSocket(int at, byte value)
    {
        switch (at)
        {
            case SnCr:
                Command(value);
                return;
            case SnIr:
                _socket[SnIr] &= (byte)~value;
                return;
            case SnSr:
            case SnTxFsr:
            case SnTxFsr + 1:
            case SnTxRd:
            case SnTxRd + 1:
            case SnRxRsr:
            case SnRxRsr + 1:
            case SnRxWr:
            case SnRxWr + 1:
                return; // read-only
            case SnTxWr: _txWr = (ushort)((value << 8) | (_txWr & 0xFF)); return;
            case SnTxWr + 1: _txWr = (ushort)((_txWr & 0xFF00) | value); return;
            case SnRxRd: _rxRdRegister = (ushort)((value << 8) | (_rxRdRegister & 0xFF)); return;
            case SnRxRd + 1: _rxRdRegister = (ushort)((_rxRdRegister & 0xFF00) | value); return;
            default:
                if (at < _socket.Length)
                {
                    _socket[at] = value;
                }

                return;
        }
    }

    private void Command(byte command)
    {
        switch (command)
        {
            case 0x01: // OPEN
                Opens++;
                if ((_socket[SnMr] & 0x0F) == 0x04)
                {
                    _socket[SnSr] = 0x42;
                    _txRd = _txWr = _rxRdRegister = _rxRd = _rxWr = OpenPointer;
                }

                return;
            case 0x10: // CLOSE
                _socket[SnSr] = 0;
                return;
            case 0x20: // SEND
                if (_socket[SnSr] != 0x42)
                {
                    return;
                }

                int slot = SentCount % _sent.Length;
                int length = (ushort)(_txWr - _txRd);
                for (int i = 0; i < length; i++)
                {
                    _sent[slot][i] = _txMemory[(_txRd + i) & (TxBufferBytes - 1)];
                }

                _sentLength[slot] = length;
                SentCount++;
                _txRd = _txWr;
                if (SendOkDelay == 0)
                {
                    _socket[SnIr] |= 0x10;
                }
                else
                {
                    _sendOkAfterPolls = SendOkDelay;
                    _irPolls = 0;
                }

                return;
            case 0x40: // RECV
                RecvCommands++;
                _rxRd = _rxRdRegister;
                return;
            default:
                ProtocolErrors++;
                return;
        }
    }
}
