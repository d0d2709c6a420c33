using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// The ordered outbound policies (RFC 4301 §4.4.1: the first match, lowest id, wins). Ids are
    /// array indices and stay put while a policy is installed.
    /// <para>
    /// Lookup does not scan the policies: they are indexed by their remote selector (the packet's
    /// destination), one open-addressing hash over (prefix length, network). A lookup masks the
    /// destination once per prefix length in use (at most 33) and walks only the policies with that
    /// exact remote subnet, kept in id order, so its cost follows the number of distinct prefix
    /// lengths, not the number of policies (issue 17: a hub with thousands of branches). Ints and
    /// arrays only: no boxing, nothing allocated by <see cref="Find"/>. Adding and removing are the
    /// control plane's and may rebuild the index in place.
    /// </para>
    /// </summary>
    public sealed class PolicyTable
    {
        private const byte EmptySlot = 0xFF;
        private const byte DeletedSlot = 0xFE;

        private readonly Policy[] _policies;

        // Per policy id: the next id (greater) with the same remote subnet, or -1.
        private readonly int[] _next;

        // The index: per slot the remote subnet's prefix length (or Empty/Deleted), its network and
        // the lowest policy id with it. Twice as many slots as policies keeps probes short.
        private readonly byte[] _slotPrefix;
        private readonly uint[] _slotNetwork;
        private readonly int[] _slotHead;
        private readonly int _slotMask;
        private int _deletedSlots;

        // Prefix lengths in use, longest first, and how many policies use each.
        private readonly int[] _prefixUse = new int[33];
        private readonly byte[] _prefixes = new byte[33];
        private int _prefixCount;

        private int _count;

        /// <summary>A table of at most <paramref name="capacity"/> policies.</summary>
        public PolicyTable(int capacity)
        {
            if (capacity < 1)
            {
                capacity = 1;
            }

            _policies = new Policy[capacity];
            _next = new int[capacity];
            int slots = 4;
            while (slots < 2 * capacity)
            {
                slots <<= 1;
            }

            _slotPrefix = new byte[slots];
            _slotNetwork = new uint[slots];
            _slotHead = new int[slots];
            _slotMask = slots - 1;
            ClearIndex();
        }

        /// <summary>Maximum number of policies.</summary>
        public int Capacity
        {
            get { return _policies.Length; }
        }

        /// <summary>Installed policies.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Adds a policy at the lowest free id (searched in id order); returns the id or -1 when full.</summary>
        public int Add(Policy policy)
        {
            for (int i = 0; i < _policies.Length; i++)
            {
                if (_policies[i] == null)
                {
                    policy.Id = i;
                    _policies[i] = policy;
                    _count++;
                    Index(i);
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Removes the policy with <paramref name="id"/>; false when there is none.</summary>
        public bool Remove(int id)
        {
            if (id < 0 || id >= _policies.Length || _policies[id] == null)
            {
                return false;
            }

            Unindex(id);
            _policies[id] = null;
            _count--;
            if (_deletedSlots > (_slotMask + 1) / 4)
            {
                Rebuild();
            }

            return true;
        }

        /// <summary>The policy with <paramref name="id"/>, or null.</summary>
        public Policy Get(int id)
        {
            return id >= 0 && id < _policies.Length ? _policies[id] : null;
        }

        /// <summary>The first policy (lowest id) matching the packet, or null.</summary>
        [FastPath]
        public Policy Find(uint source, uint destination, byte protocol)
        {
            Policy[] policies = _policies;
            int[] next = _next;
            int best = -1;
            for (int k = 0; k < _prefixCount; k++)
            {
                int prefix = _prefixes[k];
                uint network = destination & MaskOf(prefix);
                int slot = SlotOf(prefix, network);
                if (slot < 0)
                {
                    continue;
                }

                // Ids ascend along the chain: the first match is this subnet's best, and nothing
                // past the best found so far can win.
                for (int id = _slotHead[slot]; id >= 0 && (best < 0 || id < best); id = next[id])
                {
                    if (policies[id].Matches(source, destination, protocol))
                    {
                        best = id;
                        break;
                    }
                }
            }

            return best < 0 ? null : policies[best];
        }

        [FastPath]
        private static uint MaskOf(int prefix)
        {
            return prefix == 0 ? 0u : 0xFFFFFFFFu << (32 - prefix);
        }

        [FastPath]
        private int Hash(int prefix, uint network)
        {
            uint h = (network ^ ((uint)prefix << 24)) * 0x9E3779B1u;
            return (int)(h >> 7) & _slotMask;
        }

        /// <summary>The slot holding (prefix, network), or -1.</summary>
        [FastPath]
        private int SlotOf(int prefix, uint network)
        {
            int slot = Hash(prefix, network);
            for (int probes = 0; probes <= _slotMask; probes++)
            {
                byte p = _slotPrefix[slot];
                if (p == EmptySlot)
                {
                    return -1;
                }

                if (p == prefix && _slotNetwork[slot] == network)
                {
                    return slot;
                }

                slot = (slot + 1) & _slotMask;
            }

            return -1;
        }

        private void Index(int id)
        {
            TrafficSelector remote = _policies[id].Remote;
            int prefix = remote.PrefixLength;
            uint network = remote.Network;
            int slot = SlotOf(prefix, network);
            if (slot < 0)
            {
                slot = FreeSlot(prefix, network);
                if (_slotPrefix[slot] == DeletedSlot)
                {
                    _deletedSlots--;
                }

                _slotPrefix[slot] = (byte)prefix;
                _slotNetwork[slot] = network;
                _slotHead[slot] = id;
                _next[id] = -1;
            }
            else if (id < _slotHead[slot])
            {
                _next[id] = _slotHead[slot];
                _slotHead[slot] = id;
            }
            else
            {
                int at = _slotHead[slot];
                while (_next[at] >= 0 && _next[at] < id)
                {
                    at = _next[at];
                }

                _next[id] = _next[at];
                _next[at] = id;
            }

            if (_prefixUse[prefix]++ == 0)
            {
                AddPrefix(prefix);
            }
        }

        private void Unindex(int id)
        {
            TrafficSelector remote = _policies[id].Remote;
            int prefix = remote.PrefixLength;
            int slot = SlotOf(prefix, remote.Network);
            if (slot >= 0)
            {
                if (_slotHead[slot] == id)
                {
                    _slotHead[slot] = _next[id];
                }
                else
                {
                    int at = _slotHead[slot];
                    while (at >= 0 && _next[at] != id)
                    {
                        at = _next[at];
                    }

                    if (at >= 0)
                    {
                        _next[at] = _next[id];
                    }
                }

                if (_slotHead[slot] < 0)
                {
                    _slotPrefix[slot] = DeletedSlot;
                    _deletedSlots++;
                }
            }

            _next[id] = -1;
            if (--_prefixUse[prefix] == 0)
            {
                RemovePrefix(prefix);
            }
        }

        // The first empty or deleted slot on the probe path; the table has twice the slots of
        // policies, so one exists.
        private int FreeSlot(int prefix, uint network)
        {
            int slot = Hash(prefix, network);
            while (_slotPrefix[slot] != EmptySlot && _slotPrefix[slot] != DeletedSlot)
            {
                slot = (slot + 1) & _slotMask;
            }

            return slot;
        }

        private void AddPrefix(int prefix)
        {
            int at = _prefixCount;
            while (at > 0 && _prefixes[at - 1] < prefix)
            {
                _prefixes[at] = _prefixes[at - 1];
                at--;
            }

            _prefixes[at] = (byte)prefix;
            _prefixCount++;
        }

        private void RemovePrefix(int prefix)
        {
            int at = 0;
            while (at < _prefixCount && _prefixes[at] != prefix)
            {
                at++;
            }

            for (; at < _prefixCount - 1; at++)
            {
                _prefixes[at] = _prefixes[at + 1];
            }

            if (_prefixCount > 0)
            {
                _prefixCount--;
            }
        }

        // Deleted slots lengthen probes; after many removals the index is laid out afresh.
        private void Rebuild()
        {
            ClearIndex();
            for (int i = 0; i < _policies.Length; i++)
            {
                if (_policies[i] != null)
                {
                    Index(i);
                }
            }
        }

        private void ClearIndex()
        {
            for (int i = 0; i < _slotPrefix.Length; i++)
            {
                _slotPrefix[i] = EmptySlot;
                _slotHead[i] = -1;
            }

            for (int i = 0; i < _next.Length; i++)
            {
                _next[i] = -1;
            }

            for (int i = 0; i < _prefixUse.Length; i++)
            {
                _prefixUse[i] = 0;
            }

            _prefixCount = 0;
            _deletedSlots = 0;
        }
    }
}
