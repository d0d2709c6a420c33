using System;
using NanoGate.Hal;

namespace NanoGate.Boards.Drivers
{
    // The little layer 2 between the gateway's ILanPort (whole IPv4 packets) and an Ethernet
    // controller in raw mode (whole frames):
    //
    //  Receive: frame -> destination must be our MAC or broadcast -> EtherType (IEEE 802.3 /
    //   RFC 894): 0x0800 IPv4 -> the IPv4 packet (its Total Length, so Ethernet padding is cut)
    //   to the caller; 0x0806 ARP (RFC 826) -> merge the sender into an existing cache entry
    //   (sending the packet held for it), and answer a request for our LAN address; others dropped.
    //  Send: IPv4 packet -> next hop (on-link only: the destination itself, or broadcast for the
    //   limited and subnet broadcast) -> cache: fresh entry -> frame out; otherwise the entry goes
    //   pending, a request goes out and the packet is held (RFC 1122 §2.3.2.2: keep at least the
    //   latest packet per unresolved address), replacing an older one held for the same address.
    //  Idle: a poll that finds no frame holds the next one off for IdlePollMs.
    //  Poll (from Receive, by the clock): pending entries are asked again once a second
    //   (RFC 1122 §2.3.2.1: at most 1 request per second per destination) up to MaxTries times,
    //   then dropped with their held packet; the PHY link is read once a second.
    //
    // Nothing allocates after construction: frames are built in two preallocated buffers, held
    // packets live in a fixed set of hold slots.

    /// <summary>
    /// <see cref="ILanPort"/> over an Ethernet controller (<see cref="IFrameDevice"/>): Ethernet II
    /// framing, ARP answers for the gateway's LAN address, and resolution and caching of LAN hosts'
    /// MAC addresses in a bounded <see cref="ArpCache"/>.
    /// </summary>
    public sealed class EthernetLanPort : ILanPort
    {
        /// <summary>EtherType of IPv4 (RFC 894).</summary>
        public const int EtherTypeIpv4 = 0x0800;

        /// <summary>EtherType of ARP (RFC 826).</summary>
        public const int EtherTypeArp = 0x0806;

        /// <summary>ARP opcode ares_op$REQUEST (RFC 826).</summary>
        public const int ArpRequest = 1;

        /// <summary>ARP opcode ares_op$REPLY (RFC 826).</summary>
        public const int ArpReply = 2;

        /// <summary>How long a learnt MAC address is used before it is asked for again.</summary>
        public const long LifetimeMs = 60000;

        /// <summary>Interval between requests for one address (RFC 1122 §2.3.2.1: at most one per second).</summary>
        public const long RetryMs = 1000;

        /// <summary>Requests per resolution before the address is given up (and its held packet dropped).</summary>
        public const int MaxTries = 3;

        /// <summary>
        /// After a poll that found no frame, the controller is not asked again for this long: an
        /// idle LAN then costs at most 250 polls a second (each an SPI transfer, and on
        /// nanoFramework two short-lived SpanByte values), at the price of up to 4 ms of latency for
        /// the first frame after a quiet spell; while frames arrive, every call polls.
        /// </summary>
        public const long IdlePollMs = 4;

        /// <summary>Frames looked at per <see cref="Receive"/> call before it returns 0 (keeps the run loop moving).</summary>
        public const int FrameBudget = 16;

        private const int EthHeader = 14;
        private const int ArpLength = 28;
        private const int MinFrame = 60;
        private const long LinkPollMs = 1000;

        private readonly IFrameDevice _device;
        private readonly IMonotonicClock _clock;
        private readonly ArpCache _cache;
        private readonly byte[] _rx;
        private readonly byte[] _tx;
        private readonly byte[][] _hold;
        private readonly int[] _holdLength;
        private readonly int[] _holdEntry;
        private readonly int _mtu;
        private uint _address;
        private uint _mask;
        private bool _configured;
        private long _nextPoll = long.MinValue;
        private long _nextLinkPoll = long.MinValue;
        private long _nextDevicePoll = long.MinValue;

        /// <summary>
        /// A LAN port on <paramref name="device"/> with an ARP cache of <paramref name="cacheSize"/>
        /// entries and <paramref name="holdSlots"/> packets of up to <paramref name="mtu"/> bytes held
        /// while their next hop is resolved. Call <see cref="Configure"/> before traffic flows.
        /// </summary>
        public EthernetLanPort(IFrameDevice device, IMonotonicClock clock, int cacheSize, int holdSlots, int mtu)
        {
            if (device == null)
            {
                throw new ArgumentNullException(nameof(device));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            _device = device;
            _clock = clock;
            _mtu = mtu;
            _cache = new ArpCache(cacheSize, LifetimeMs);
            _rx = new byte[EthHeader + mtu + 4];
            _tx = new byte[EthHeader + mtu + 4];
            _hold = new byte[holdSlots][];
            _holdLength = new int[holdSlots];
            _holdEntry = new int[holdSlots];
            for (int i = 0; i < holdSlots; i++)
            {
                _hold[i] = new byte[mtu];
                _holdEntry[i] = -1;
            }
        }

        /// <summary>The ARP table (for display and tests).</summary>
        public ArpCache Cache
        {
            get { return _cache; }
        }

        /// <summary>The gateway's LAN address (host order), 0 before <see cref="Configure"/>.</summary>
        public uint Address
        {
            get { return _address; }
        }

        /// <summary>IPv4 packets handed to the gateway.</summary>
        public int PacketsReceived { get; private set; }

        /// <summary>IPv4 packets put on the wire (directly or after resolution).</summary>
        public int PacketsSent { get; private set; }

        /// <summary>ARP requests answered.</summary>
        public int ArpAnswered { get; private set; }

        /// <summary>ARP requests sent.</summary>
        public int ArpRequestsSent { get; private set; }

        /// <summary>Frames dropped on receive: not for us, unknown EtherType, malformed IPv4 or ARP, too long.</summary>
        public int ReceiveDrops { get; private set; }

        /// <summary>Packets dropped on send: not on the LAN subnet, cache full of pending entries, no hold slot, resolution failed, controller refused.</summary>
        public int SendDrops { get; private set; }

        /// <summary>Sets the LAN address and prefix (from the applied configuration); drops every cache entry and held packet.</summary>
        public void Configure(uint address, int prefixLength)
        {
            _address = address;
            _mask = WanAddressPlan.Mask(prefixLength);
            _configured = address != 0;
            for (int i = 0; i < _cache.Capacity; i++)
            {
                _cache.Remove(i);
            }

            for (int i = 0; i < _holdEntry.Length; i++)
            {
                _holdEntry[i] = -1;
            }
        }

        /// <inheritdoc/>
        [FastPath]
        public int Receive(byte[] buffer, int offset, int count)
        {
            long now = _clock.NowMs;
            Poll(now);
            if (now < _nextDevicePoll)
            {
                return 0;
            }

            for (int budget = 0; budget < FrameBudget; budget++)
            {
                int length;
                FrameResult r = _device.TryReceiveFrame(_rx, 0, _rx.Length, out length);
                if (r == FrameResult.None || r == FrameResult.BusError)
                {
                    if (budget == 0)
                    {
                        _nextDevicePoll = now + IdlePollMs;
                    }

                    return 0;
                }

                if (r != FrameResult.Ok)
                {
                    ReceiveDrops++;
                    continue;
                }

                if (!ForUs(length))
                {
                    ReceiveDrops++;
                    continue;
                }

                int type = BigEndian.ReadUInt16(_rx, 12);
                if (type == EtherTypeArp)
                {
                    OnArp(length, now);
                    continue;
                }

                if (type != EtherTypeIpv4)
                {
                    ReceiveDrops++;
                    continue;
                }

                int packet = Ipv4Length(length);
                if (packet < 0 || packet > count)
                {
                    ReceiveDrops++;
                    continue;
                }

                Array.Copy(_rx, EthHeader, buffer, offset, packet);
                PacketsReceived++;
                return packet;
            }

            return 0;
        }

        /// <inheritdoc/>
        [FastPath]
        public bool Send(byte[] buffer, int offset, int count)
        {
            if (!_configured || count < 20 || count > _mtu)
            {
                SendDrops++;
                return false;
            }

            uint destination = Ipv4.Read(buffer, offset + 16);
            if (destination == 0xFFFFFFFF || destination == (_address | ~_mask))
            {
                FillBroadcast(_tx, 0);
                return SendIpv4(buffer, offset, count);
            }

            if ((destination & _mask) != (_address & _mask))
            {
                SendDrops++;
                return false;
            }

            long now = _clock.NowMs;
            int entry = _cache.Find(destination);
            if (entry >= 0 && _cache.IsFresh(entry, now))
            {
                _cache.CopyMac(entry, now, _tx, 0);
                return SendIpv4(buffer, offset, count);
            }

            if (entry < 0 || _cache.StateOf(entry) != ArpCache.Pending)
            {
                entry = _cache.StartPending(destination, now);
                if (entry < 0)
                {
                    SendDrops++;
                    return false;
                }

                DropHeld(entry);
                SendArp(ArpRequest, null, 0, destination);
            }

            return Hold(entry, buffer, offset, count);
        }

        /// <summary>Retries and gives up pending resolutions, reads the link; called from <see cref="Receive"/>.</summary>
        [FastPath]
        public void Poll(long nowMs)
        {
            if (nowMs >= _nextLinkPoll)
            {
                _nextLinkPoll = nowMs + LinkPollMs;
                _device.PollLink();
            }

            if (nowMs < _nextPoll)
            {
                return;
            }

            _nextPoll = nowMs + RetryMs / 4;
            for (int i = 0; i < _cache.Capacity; i++)
            {
                if (_cache.StateOf(i) != ArpCache.Pending || nowMs - _cache.StampOf(i) < RetryMs)
                {
                    continue;
                }

                if (_cache.TriesOf(i) >= MaxTries)
                {
                    if (DropHeld(i))
                    {
                        SendDrops++;
                    }

                    _cache.Remove(i);
                    continue;
                }

                _cache.Retried(i, nowMs);
                SendArp(ArpRequest, null, 0, _cache.AddressOf(i));
            }
        }

        private bool ForUs(int length)
        {
            if (length < EthHeader)
            {
                return false;
            }

            byte[] mac = _device.MacAddress;
            bool broadcast = true;
            bool ours = true;
            for (int i = 0; i < 6; i++)
            {
                broadcast &= _rx[i] == 0xFF;
                ours &= _rx[i] == mac[i];
            }

            return broadcast || ours;
        }

        // The IPv4 packet's length from its header (RFC 791 §3.1), or -1 when the header is not
        // IPv4 or claims more than the frame holds.
        private int Ipv4Length(int frame)
        {
            int available = frame - EthHeader;
            if (available < 20 || (_rx[EthHeader] >> 4) != 4 || (_rx[EthHeader] & 0x0F) < 5)
            {
                return -1;
            }

            int total = BigEndian.ReadUInt16(_rx, EthHeader + 2);
            return total < 20 || total > available ? -1 : total;
        }

        // RFC 826 "Packet Reception": hardware type Ethernet (1), protocol IPv4 (0x0800), address
        // lengths 6 and 4; merge the sender if we have an entry for it; if we are the target and it
        // is a request, answer with our MAC address.
        private void OnArp(int length, long now)
        {
            const int a = EthHeader;
            if (length < a + ArpLength || BigEndian.ReadUInt16(_rx, a) != 1 || BigEndian.ReadUInt16(_rx, a + 2) != EtherTypeIpv4
                || _rx[a + 4] != 6 || _rx[a + 5] != 4)
            {
                ReceiveDrops++;
                return;
            }

            int op = BigEndian.ReadUInt16(_rx, a + 6);
            uint sender = Ipv4.Read(_rx, a + 14);
            uint target = Ipv4.Read(_rx, a + 24);
            if (sender != 0 && (_rx[a + 8] & 0x01) == 0)
            {
                int entry = _cache.Update(sender, _rx, a + 8, now);
                if (entry >= 0)
                {
                    SendHeld(entry, now);
                }
            }

            if (_configured && target == _address && op == ArpRequest)
            {
                SendArp(ArpReply, _rx, a + 8, sender);
                ArpAnswered++;
            }
        }

        // An ARP packet (RFC 826): a request is broadcast with an unknown (zero) target MAC
        // address; a reply goes to the requester's MAC address.
        private void SendArp(int op, byte[] targetMac, int targetMacOffset, uint targetAddress)
        {
            byte[] mac = _device.MacAddress;
            if (targetMac == null)
            {
                FillBroadcast(_tx, 0);
            }
            else
            {
                Array.Copy(targetMac, targetMacOffset, _tx, 0, 6);
            }

            Array.Copy(mac, 0, _tx, 6, 6);
            BigEndian.WriteUInt16(_tx, 12, EtherTypeArp);
            const int a = EthHeader;
            BigEndian.WriteUInt16(_tx, a, 1);
            BigEndian.WriteUInt16(_tx, a + 2, EtherTypeIpv4);
            _tx[a + 4] = 6;
            _tx[a + 5] = 4;
            BigEndian.WriteUInt16(_tx, a + 6, (ushort)op);
            Array.Copy(mac, 0, _tx, a + 8, 6);
            Ipv4.Write(_tx, a + 14, _address);
            if (targetMac == null)
            {
                Array.Clear(_tx, a + 18, 6);
            }
            else
            {
                Array.Copy(targetMac, targetMacOffset, _tx, a + 18, 6);
            }

            Ipv4.Write(_tx, a + 24, targetAddress);
            Array.Clear(_tx, a + ArpLength, MinFrame - a - ArpLength);
            if (_device.TrySendFrame(_tx, 0, MinFrame) == FrameResult.Ok && op == ArpRequest)
            {
                ArpRequestsSent++;
            }
        }

        // Frames the IPv4 packet behind the destination MAC address already in _tx[0..6].
        private bool SendIpv4(byte[] packet, int offset, int count)
        {
            Array.Copy(_device.MacAddress, 0, _tx, 6, 6);
            BigEndian.WriteUInt16(_tx, 12, EtherTypeIpv4);
            Array.Copy(packet, offset, _tx, EthHeader, count);
            int frame = EthHeader + count;
            if (frame < MinFrame)
            {
                Array.Clear(_tx, frame, MinFrame - frame);
                frame = MinFrame;
            }

            if (_device.TrySendFrame(_tx, 0, frame) != FrameResult.Ok)
            {
                SendDrops++;
                return false;
            }

            PacketsSent++;
            return true;
        }

        private bool Hold(int entry, byte[] packet, int offset, int count)
        {
            int slot = -1;
            for (int i = 0; i < _holdEntry.Length; i++)
            {
                if (_holdEntry[i] == entry)
                {
                    // RFC 1122 §2.3.2.2: the latest packet replaces the one held before it.
                    SendDrops++;
                    slot = i;
                    break;
                }

                if (slot < 0 && _holdEntry[i] < 0)
                {
                    slot = i;
                }
            }

            if (slot < 0)
            {
                SendDrops++;
                return false;
            }

            Array.Copy(packet, offset, _hold[slot], 0, count);
            _holdLength[slot] = count;
            _holdEntry[slot] = entry;
            return true;
        }

        private void SendHeld(int entry, long now)
        {
            for (int i = 0; i < _holdEntry.Length; i++)
            {
                if (_holdEntry[i] == entry)
                {
                    _holdEntry[i] = -1;
                    _cache.CopyMac(entry, now, _tx, 0);
                    SendIpv4(_hold[i], 0, _holdLength[i]);
                }
            }
        }

        private bool DropHeld(int entry)
        {
            bool dropped = false;
            for (int i = 0; i < _holdEntry.Length; i++)
            {
                if (_holdEntry[i] == entry)
                {
                    _holdEntry[i] = -1;
                    dropped = true;
                }
            }

            return dropped;
        }

        private static void FillBroadcast(byte[] frame, int offset)
        {
            for (int i = 0; i < 6; i++)
            {
                frame[offset + i] = 0xFF;
            }
        }
    }
}
