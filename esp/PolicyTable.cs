using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// The ordered outbound policies (RFC 4301 §4.4.1: the first match wins). A fixed-size array
    /// searched linearly: a gateway has a handful of tunnels, and a scan of a few entries beats any
    /// hash that would box keys. Ids are array indices and stay put while a policy is installed.
    /// </summary>
    public sealed class PolicyTable
    {
        private readonly Policy[] _policies;
        private int _count;

        /// <summary>A table of at most <paramref name="capacity"/> policies.</summary>
        public PolicyTable(int capacity)
        {
            _policies = new Policy[capacity < 1 ? 1 : capacity];
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

            _policies[id] = null;
            _count--;
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
            for (int i = 0; i < policies.Length; i++)
            {
                Policy p = policies[i];
                if (p != null && p.Matches(source, destination, protocol))
                {
                    return p;
                }
            }

            return null;
        }
    }
}
