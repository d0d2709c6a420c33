using NanoGate.Esp;
using NanoGate.Firmware.Config;
using NanoGate.Firmware.Status;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The tunnels of the applied configuration, one per ipsec policy in configuration order: each
    /// with its protect policy in the ESP engine (RFC 4301 §4.4.1, the SPD entry its SAs bind to),
    /// its peer and the state shown on its LED and in the displays (up while the policy has a live
    /// outbound SA, negotiating while an acquire is pending, down otherwise).
    /// <para>
    /// A new configuration is applied as a <see cref="ConfigDiff"/>: the tunnels of peers it leaves
    /// alone keep their policy (and so their SAs); those of removed or changed peers lose theirs,
    /// with every SA still bound to it; those of added or changed peers get a new one.
    /// </para>
    /// </summary>
    public sealed class TunnelTable
    {
        private const int Unknown = -1;
        private const int Down = 0;
        private const int Negotiating = 1;
        private const int Up = 2;

        private int[] _policy = new int[0];
        private string[] _name = new string[0];
        private string[] _peer = new string[0];
        private int[] _state = new int[0];

        /// <summary>Number of tunnels.</summary>
        public int Count
        {
            get { return _policy.Length; }
        }

        /// <summary>The ESP policy id of tunnel <paramref name="tunnel"/> (-1 when the engine had no room).</summary>
        public int PolicyId(int tunnel)
        {
            return _policy[tunnel];
        }

        /// <summary>The tunnel (ipsec policy) named <paramref name="name"/>, or -1.</summary>
        public int Find(string name)
        {
            for (int i = 0; i < _name.Length; i++)
            {
                if (_name[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Name of the tunnel an ESP policy id belongs to ("" when none).</summary>
        public string NameOfPolicy(int policyId)
        {
            for (int i = 0; i < _policy.Length; i++)
            {
                if (_policy[i] == policyId)
                {
                    return _name[i];
                }
            }

            return "";
        }

        /// <summary>
        /// Takes <paramref name="applied"/> in as <paramref name="diff"/> says. Tunnels that go
        /// lose their protect policy and every outbound SA bound to it (<paramref name="gateway"/>
        /// removes the pair); new ones get a policy. Returns the names of the ipsec policies the
        /// engine had no room for (null: none).
        /// </summary>
        public string Apply(GatewayConfiguration applied, ConfigDiff diff, Gateway gateway)
        {
            EspEngine esp = gateway.Esp;
            for (int i = 0; i < _policy.Length; i++)
            {
                if (diff.Drops(_peer[i]) || applied.FindPolicy(_name[i]) == null)
                {
                    if (_policy[i] >= 0)
                    {
                        gateway.RemoveSasOfPolicy(_policy[i]);
                        esp.RemovePolicy(_policy[i]);
                    }
                }
            }

            int count = applied.Policies.Count;
            int[] ids = new int[count];
            string[] names = new string[count];
            string[] peers = new string[count];
            string full = null;
            for (int i = 0; i < count; i++)
            {
                IpsecPolicy p = (IpsecPolicy)applied.Policies[i];
                names[i] = p.Name;
                peers[i] = p.PeerName;
                int kept = Find(p.Name);
                // Kept as it is (a tunnel the engine had no room for tries again).
                if (kept >= 0 && !diff.Drops(_peer[kept]) && _policy[kept] >= 0)
                {
                    ids[i] = _policy[kept];
                    continue;
                }

                ids[i] = esp.AddPolicy(new TrafficSelector(p.LocalSubnet, p.LocalPrefixLength),
                    new TrafficSelector(p.RemoteSubnet, p.RemotePrefixLength), 0, PolicyAction.Protect);
                if (ids[i] < 0)
                {
                    full = full == null ? p.Name : full + ", " + p.Name;
                }
            }

            _policy = ids;
            _name = names;
            _peer = peers;

            // Indexes may have moved: every LED is told its tunnel's state on the next update.
            _state = new int[count];
            for (int i = 0; i < count; i++)
            {
                _state[i] = Unknown;
            }

            return full;
        }

        /// <summary>
        /// Reads each tunnel's state from the engine; only changes reach <paramref name="leds"/>
        /// (a tunnel of unknown state is told what it is).
        /// </summary>
        public void Update(EspEngine esp, LedStatus leds)
        {
            for (int i = 0; i < _policy.Length; i++)
            {
                Policy policy = _policy[i] < 0 ? null : esp.Policies.Get(_policy[i]);
                int state = Down;
                if (policy != null)
                {
                    SecurityAssociation sa = esp.GetOutbound(policy.OutboundSa);
                    if (sa != null && !sa.Expired)
                    {
                        state = Up;
                    }
                    else if (policy.AcquirePending)
                    {
                        state = Negotiating;
                    }
                }

                if (state != _state[i])
                {
                    _state[i] = state;
                    leds.OnTunnel(state == Up ? StatusEvent.TunnelUp
                        : (state == Negotiating ? StatusEvent.TunnelNegotiating : StatusEvent.TunnelDeleted), i);
                }
            }
        }
    }
}
