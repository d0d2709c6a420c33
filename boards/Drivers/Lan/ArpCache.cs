using System;
using NanoGate.Hal;

namespace NanoGate.Boards.Drivers
{
    /// <summary>
    /// The ARP translation table (RFC 826, "Packet Reception"; RFC 1122 §2.3.2.1) of the LAN port:
    /// a fixed number of entries, each free, pending (a request is out) or resolved (IPv4 address
    /// to MAC address, with the time it was learnt). It never grows: a new pending entry takes a
    /// free slot, else a resolved one that expired, else the least recently used resolved one, and
    /// never a pending one. Entries are created only for addresses the gateway sends to
    /// (<see cref="StartPending"/>); an ARP packet can only refresh an entry that exists
    /// (<see cref="Update"/>), so a flood of requests from made-up senders cannot evict anything.
    /// </summary>
    public sealed class ArpCache
    {
        /// <summary>Entry state: unused.</summary>
        public const int Free = 0;

        /// <summary>Entry state: a request is out, no answer yet.</summary>
        public const int Pending = 1;

        /// <summary>Entry state: the MAC address is known.</summary>
        public const int Resolved = 2;

        private readonly uint[] _address;
        private readonly byte[] _mac;
        private readonly int[] _state;
        private readonly long[] _stamp;
        private readonly long[] _used;
        private readonly int[] _tries;
        private readonly long _lifetimeMs;

        /// <summary>A table of <paramref name="capacity"/> entries whose answers are trusted for <paramref name="lifetimeMs"/>.</summary>
        public ArpCache(int capacity, long lifetimeMs)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _address = new uint[capacity];
            _mac = new byte[capacity * 6];
            _state = new int[capacity];
            _stamp = new long[capacity];
            _used = new long[capacity];
            _tries = new int[capacity];
            _lifetimeMs = lifetimeMs;
        }

        /// <summary>Number of entries.</summary>
        public int Capacity
        {
            get { return _state.Length; }
        }

        /// <summary>Entries in use (pending or resolved).</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _state.Length; i++)
                {
                    if (_state[i] != Free)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>The entry for <paramref name="address"/>, or -1.</summary>
        [FastPath]
        public int Find(uint address)
        {
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] != Free && _address[i] == address)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>State of entry <paramref name="entry"/> (<see cref="Free"/>, <see cref="Pending"/>, <see cref="Resolved"/>).</summary>
        public int StateOf(int entry)
        {
            return _state[entry];
        }

        /// <summary>Address of entry <paramref name="entry"/>.</summary>
        public uint AddressOf(int entry)
        {
            return _address[entry];
        }

        /// <summary>Requests sent for a pending entry.</summary>
        public int TriesOf(int entry)
        {
            return _tries[entry];
        }

        /// <summary>When the entry was learnt (resolved) or last asked for (pending).</summary>
        public long StampOf(int entry)
        {
            return _stamp[entry];
        }

        /// <summary>True when the entry is resolved and younger than the lifetime at <paramref name="nowMs"/>.</summary>
        [FastPath]
        public bool IsFresh(int entry, long nowMs)
        {
            return _state[entry] == Resolved && nowMs - _stamp[entry] < _lifetimeMs;
        }

        /// <summary>Copies entry <paramref name="entry"/>'s MAC address and marks it used.</summary>
        [FastPath]
        public void CopyMac(int entry, long nowMs, byte[] destination, int offset)
        {
            Array.Copy(_mac, entry * 6, destination, offset, 6);
            _used[entry] = nowMs;
        }

        /// <summary>
        /// RFC 826 merge: when <paramref name="address"/> has an entry, stores the sender's MAC
        /// address and marks it resolved now. Returns the entry, or -1 when there is none (no entry
        /// is created here).
        /// </summary>
        [FastPath]
        public int Update(uint address, byte[] mac, int offset, long nowMs)
        {
            int i = Find(address);
            if (i < 0)
            {
                return -1;
            }

            Array.Copy(mac, offset, _mac, i * 6, 6);
            _state[i] = Resolved;
            _stamp[i] = nowMs;
            _used[i] = nowMs;
            _tries[i] = 0;
            return i;
        }

        /// <summary>
        /// Makes <paramref name="address"/> pending (a request is about to go out): its own entry
        /// when it has one, else a free, expired or least recently used resolved entry. Returns the
        /// entry, or -1 when every entry is pending.
        /// </summary>
        [FastPath]
        public int StartPending(uint address, long nowMs)
        {
            int i = Find(address);
            if (i < 0)
            {
                i = Victim(nowMs);
                if (i < 0)
                {
                    return -1;
                }
            }

            _address[i] = address;
            _state[i] = Pending;
            _stamp[i] = nowMs;
            _used[i] = nowMs;
            _tries[i] = 1;
            return i;
        }

        /// <summary>Records one more request for pending entry <paramref name="entry"/>.</summary>
        public void Retried(int entry, long nowMs)
        {
            _tries[entry]++;
            _stamp[entry] = nowMs;
        }

        /// <summary>Frees entry <paramref name="entry"/>.</summary>
        public void Remove(int entry)
        {
            _state[entry] = Free;
            _address[entry] = 0;
        }

        private int Victim(long nowMs)
        {
            int lru = -1;
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Free)
                {
                    return i;
                }

                if (_state[i] == Resolved)
                {
                    if (nowMs - _stamp[i] >= _lifetimeMs)
                    {
                        return i;
                    }

                    if (lru < 0 || _used[i] < _used[lru])
                    {
                        lru = i;
                    }
                }
            }

            return lru;
        }
    }
}
