namespace NanoGate.Firmware.Cli
{
    /// <summary>The views (command contexts) of the console; each block of the configuration file is one.</summary>
    public enum CliView
    {
        /// <summary>The top level: "[sysname]".</summary>
        System = 0,

        /// <summary>"ike proposal N": "[sysname-ike-proposal-10]".</summary>
        IkeProposal = 1,

        /// <summary>"ike peer NAME": "[sysname-ike-peer-hq]".</summary>
        IkePeer = 2,

        /// <summary>"ipsec proposal NAME": "[sysname-ipsec-proposal-p1]".</summary>
        IpsecProposal = 3,

        /// <summary>"ipsec policy NAME": "[sysname-ipsec-policy-to-hq]".</summary>
        IpsecPolicy = 4,
    }
}
