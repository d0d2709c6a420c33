namespace NanoGate.Pstn.Ppp
{
    /// <summary>Link phases (RFC 1661 §3.2), with Running for "IPCP opened, IP passes".</summary>
    public enum PppPhase
    {
        /// <summary>Link Dead: nothing running.</summary>
        Dead = 0,

        /// <summary>Link Establishment: LCP negotiating.</summary>
        Establish = 1,

        /// <summary>Authentication: PAP or CHAP running.</summary>
        Authenticate = 2,

        /// <summary>Network-Layer Protocol: IPCP negotiating.</summary>
        Network = 3,

        /// <summary>IPCP opened: we have an address and IPv4 passes.</summary>
        Running = 4,

        /// <summary>Link Termination: Terminate-Request sent.</summary>
        Terminate = 5,
    }
}
