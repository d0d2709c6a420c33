using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// The SA database (RFC 4301 §4.4.2). Inbound SAs sit at an array index taken from the SPI we
    /// chose: SPI = random high bits | index (low <see cref="IndexBits"/> bits), so the inbound
    /// lookup is one mask and one compare of the whole SPI, no hashing and no boxing (wireguard-go
    /// indextable.go). The random high bits make a stale SPI of a removed SA miss its successor
    /// at the same index. Outbound SAs sit in a second array at a handle the policies refer to.
    /// </summary>
    public sealed class SaTable
    {
        private readonly SecurityAssociation[] _inbound;
        private readonly uint[] _reserved;
        private readonly SecurityAssociation[] _outbound;
        private readonly uint _mask;
        private readonly int _indexBits;
        private readonly IRandomSource _random;
        private readonly byte[] _spiBytes = new byte[4];

        /// <summary>
        /// A table of <paramref name="inboundCapacity"/> inbound SAs (rounded up to a power of two,
        /// 2..65536) and <paramref name="outboundCapacity"/> outbound ones.
        /// </summary>
        public SaTable(int inboundCapacity, int outboundCapacity, IRandomSource random)
        {
            int bits = 1;
            while ((1 << bits) < inboundCapacity && bits < 16)
            {
                bits++;
            }

            _indexBits = bits;
            _mask = (1u << bits) - 1;
            _inbound = new SecurityAssociation[1 << bits];
            _reserved = new uint[1 << bits];
            _outbound = new SecurityAssociation[outboundCapacity < 1 ? 1 : outboundCapacity];
            _random = random;
        }

        /// <summary>Low SPI bits that index the inbound array.</summary>
        public int IndexBits
        {
            get { return _indexBits; }
        }

        /// <summary>Inbound capacity.</summary>
        public int InboundCapacity
        {
            get { return _inbound.Length; }
        }

        /// <summary>Outbound capacity.</summary>
        public int OutboundCapacity
        {
            get { return _outbound.Length; }
        }

        /// <summary>
        /// Picks a fresh SPI for an inbound SA to be negotiated and reserves its index; 0 when the
        /// table is full. Never returns 1..255 (reserved by IANA, RFC 4303 §2.1).
        /// </summary>
        public uint ReserveSpi()
        {
            for (uint i = 0; i < (uint)_inbound.Length; i++)
            {
                if (_reserved[i] != 0 || _inbound[i] != null)
                {
                    continue;
                }

                uint spi;
                do
                {
                    _random.Fill(_spiBytes, 0, 4);
                    spi = (BigEndian.ReadUInt32(_spiBytes, 0) & ~_mask) | i;
                }
                while (spi < 256);

                _reserved[i] = spi;
                return spi;
            }

            return 0;
        }

        /// <summary>
        /// Reserves a given SPI (manually keyed SAs, test vectors) when its index is free and it
        /// is not 0..255 (RFC 4303 §2.1).
        /// </summary>
        public bool ReserveSpi(uint spi)
        {
            uint i = spi & _mask;
            if (spi < 256 || _reserved[i] != 0 || _inbound[i] != null)
            {
                return false;
            }

            _reserved[i] = spi;
            return true;
        }

        /// <summary>True when <paramref name="spi"/> is reserved and not yet installed.</summary>
        public bool IsReserved(uint spi)
        {
            uint i = spi & _mask;
            return spi != 0 && _reserved[i] == spi && _inbound[i] == null;
        }

        /// <summary>Gives back a reserved SPI whose negotiation failed.</summary>
        public bool ReleaseSpi(uint spi)
        {
            if (!IsReserved(spi))
            {
                return false;
            }

            _reserved[spi & _mask] = 0;
            return true;
        }

        /// <summary>Installs an inbound SA at the index its (reserved) SPI names.</summary>
        public SaInstallResult AddInbound(SecurityAssociation sa)
        {
            if (!IsReserved(sa.Spi))
            {
                return SaInstallResult.SpiNotReserved;
            }

            uint i = sa.Spi & _mask;
            sa.Handle = (int)i;
            _inbound[i] = sa;
            return SaInstallResult.Ok;
        }

        /// <summary>The inbound SA with exactly this SPI, or null (RFC 4303 §3.4.2).</summary>
        [FastPath]
        public SecurityAssociation FindInbound(uint spi)
        {
            SecurityAssociation sa = _inbound[spi & _mask];
            return sa != null && sa.Spi == spi ? sa : null;
        }

        /// <summary>Inbound SA at a table index (console listing), or null.</summary>
        public SecurityAssociation InboundAt(int index)
        {
            return index >= 0 && index < _inbound.Length ? _inbound[index] : null;
        }

        /// <summary>Removes the inbound SA, frees its SPI and wipes its keys; null when there is none.</summary>
        public SecurityAssociation RemoveInbound(uint spi)
        {
            SecurityAssociation sa = FindInbound(spi);
            if (sa == null)
            {
                return null;
            }

            uint i = spi & _mask;
            _inbound[i] = null;
            _reserved[i] = 0;
            sa.Wipe();
            return sa;
        }

        /// <summary>
        /// Moves every UDP-encapsulated SA whose peer was <paramref name="oldAddress"/>:<paramref name="oldPort"/>
        /// to the new address and port (NAT rebinding, RFC 3948). Returns how many SAs moved.
        /// </summary>
        [FastPath]
        public int MovePeer(uint oldAddress, int oldPort, uint newAddress, int newPort)
        {
            int moved = 0;
            for (int i = 0; i < _inbound.Length; i++)
            {
                moved += Move(_inbound[i], oldAddress, oldPort, newAddress, newPort);
            }

            for (int i = 0; i < _outbound.Length; i++)
            {
                moved += Move(_outbound[i], oldAddress, oldPort, newAddress, newPort);
            }

            return moved;
        }

        [FastPath]
        private static int Move(SecurityAssociation sa, uint oldAddress, int oldPort, uint newAddress, int newPort)
        {
            if (sa == null || !sa.UdpEncapsulation || sa.RemoteAddress != oldAddress || sa.RemotePort != oldPort)
            {
                return 0;
            }

            sa.RemoteAddress = newAddress;
            sa.RemotePort = newPort;
            return 1;
        }

        /// <summary>Installs an outbound SA; its handle, or -1 when full.</summary>
        public int AddOutbound(SecurityAssociation sa)
        {
            for (int i = 0; i < _outbound.Length; i++)
            {
                if (_outbound[i] == null)
                {
                    sa.Handle = i;
                    _outbound[i] = sa;
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The outbound SA with this handle, or null.</summary>
        [FastPath]
        public SecurityAssociation GetOutbound(int handle)
        {
            return handle >= 0 && handle < _outbound.Length ? _outbound[handle] : null;
        }

        /// <summary>Removes an outbound SA and wipes its keys; null when there is none.</summary>
        public SecurityAssociation RemoveOutbound(int handle)
        {
            SecurityAssociation sa = GetOutbound(handle);
            if (sa == null)
            {
                return null;
            }

            _outbound[handle] = null;
            sa.Wipe();
            return sa;
        }
    }
}
