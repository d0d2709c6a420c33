namespace NanoGate.Pstn.Ppp
{
    /// <summary>Why the link went down or never came up, in the words of the error records.</summary>
    public enum PppFailure
    {
        /// <summary>No failure (or we closed it).</summary>
        None = 0,

        /// <summary>LCP got no agreement within Max-Configure requests.</summary>
        LcpTimeout,

        /// <summary>The peer wants an authentication we do not speak, or we have no credentials.</summary>
        AuthProtocolRejected,

        /// <summary>The peer refused our user name and password (PAP Nak, CHAP Failure).</summary>
        AuthFailed,

        /// <summary>The peer never answered our PAP requests or sent no CHAP challenge.</summary>
        AuthTimeout,

        /// <summary>The peer rejected IPCP or the IP-Address option: no address for us.</summary>
        IpcpRejected,

        /// <summary>IPCP got no agreement within Max-Configure requests.</summary>
        IpcpTimeout,

        /// <summary>The peer sent Terminate-Request.</summary>
        PeerTerminated,

        /// <summary>LCP Echo-Requests went unanswered.</summary>
        EchoTimeout,

        /// <summary>The line dropped (carrier lost).</summary>
        LowerLayerDown,

        /// <summary>Our magic number came back: the line is looped back (RFC 1661 §6.4).</summary>
        LoopedBack,
    }
}
