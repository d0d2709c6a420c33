using NanoGate.Hal;

namespace NanoGate.Esp
{
    /// <summary>
    /// One entry of the security policy database (RFC 4301 §4.4.1) for outbound traffic: packets
    /// from <see cref="Local"/> to <see cref="Remote"/> with <see cref="Protocol"/> (0 = any) are
    /// protected with the SA bound to the policy, or discarded.
    /// </summary>
    public sealed class Policy
    {
        /// <summary>Source subnet of outbound packets (our LAN side).</summary>
        public readonly TrafficSelector Local;

        /// <summary>Destination subnet of outbound packets (the peer's side).</summary>
        public readonly TrafficSelector Remote;

        /// <summary>IP protocol (0 = any).</summary>
        public readonly byte Protocol;

        /// <summary>Protect or discard.</summary>
        public readonly PolicyAction Action;

        /// <summary>The policy's id in the <see cref="PolicyTable"/> (stable while installed).</summary>
        public int Id;

        /// <summary>Handle of the outbound SA in use (-1 = none yet).</summary>
        public int OutboundSa = -1;

        /// <summary>When the last acquire event was raised (ms); 0 = never.</summary>
        public long AcquireRaisedMs;

        /// <summary>True after an acquire was raised and before an SA got bound.</summary>
        public bool AcquirePending;

        /// <summary>A policy; bind an SA by installing an outbound SA with this policy's id.</summary>
        public Policy(TrafficSelector local, TrafficSelector remote, byte protocol, PolicyAction action)
        {
            Local = local;
            Remote = remote;
            Protocol = protocol;
            Action = action;
        }

        /// <summary>True when a packet from <paramref name="source"/> to <paramref name="destination"/> with <paramref name="protocol"/> matches.</summary>
        [FastPath]
        public bool Matches(uint source, uint destination, byte protocol)
        {
            return Local.Contains(source) && Remote.Contains(destination) && (Protocol == 0 || Protocol == protocol);
        }
    }
}
