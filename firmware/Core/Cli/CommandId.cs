namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// What a matched line does. Values below <see cref="FirstOperational"/> change the configuration
    /// (and are the only ones a configuration file may hold); the rest display or act.
    /// </summary>
    public enum CommandId
    {
        /// <summary>Not a command (the line may not end at this word).</summary>
        None = 0,

        /// <summary>sysname NAME.</summary>
        Sysname,

        /// <summary>undo sysname.</summary>
        UndoSysname,

        /// <summary>interface wan address A.B.C.D/M [gateway A.B.C.D].</summary>
        WanAddress,

        /// <summary>interface wan dhcp.</summary>
        WanDhcp,

        /// <summary>undo interface wan address / undo interface wan dhcp.</summary>
        UndoWan,

        /// <summary>ntp-service unicast-server A.B.C.D.</summary>
        NtpServer,

        /// <summary>undo ntp-service unicast-server.</summary>
        UndoNtpServer,

        /// <summary>console password simple TEXT (stored as its hash).</summary>
        ConsolePasswordSimple,

        /// <summary>console password cipher pbkdf2-sha256:... (the stored form).</summary>
        ConsolePasswordCipher,

        /// <summary>undo console password.</summary>
        UndoConsolePassword,

        /// <summary>ike nat-keepalive-timer interval N.</summary>
        NatKeepalive,

        /// <summary>undo ike nat-keepalive-timer interval.</summary>
        UndoNatKeepalive,

        /// <summary>info-center loghost A.B.C.D [port N].</summary>
        LogHost,

        /// <summary>undo info-center loghost.</summary>
        UndoLogHost,

        /// <summary>interface lan [tun NAME] address A.B.C.D/M.</summary>
        LanAddress,

        /// <summary>undo interface lan address.</summary>
        UndoLan,

        /// <summary>ike proposal N (enters the view).</summary>
        IkeProposal,

        /// <summary>undo ike proposal N.</summary>
        UndoIkeProposal,

        /// <summary>ike peer NAME (enters the view).</summary>
        IkePeer,

        /// <summary>undo ike peer NAME.</summary>
        UndoIkePeer,

        /// <summary>ipsec proposal NAME (enters the view).</summary>
        IpsecProposal,

        /// <summary>undo ipsec proposal NAME.</summary>
        UndoIpsecProposal,

        /// <summary>ipsec policy NAME (enters the view).</summary>
        IpsecPolicy,

        /// <summary>undo ipsec policy NAME.</summary>
        UndoIpsecPolicy,

        /// <summary>ike proposal: encryption-algorithm.</summary>
        IkeEncryption,

        /// <summary>ike proposal: undo encryption-algorithm.</summary>
        UndoIkeEncryption,

        /// <summary>ike proposal: authentication-algorithm.</summary>
        IkeAuthentication,

        /// <summary>ike proposal: undo authentication-algorithm.</summary>
        UndoIkeAuthentication,

        /// <summary>ike proposal: dh groupN.</summary>
        IkeDh,

        /// <summary>ike proposal: undo dh.</summary>
        UndoIkeDh,

        /// <summary>ike proposal: sa duration SECONDS.</summary>
        IkeDuration,

        /// <summary>ike proposal: undo sa duration.</summary>
        UndoIkeDuration,

        /// <summary>ike peer: exchange-mode main|aggressive.</summary>
        ExchangeMode,

        /// <summary>ike peer: undo exchange-mode.</summary>
        UndoExchangeMode,

        /// <summary>ike peer: pre-shared-key simple TEXT.</summary>
        PskSimple,

        /// <summary>ike peer: pre-shared-key cipher TEXT.</summary>
        PskCipher,

        /// <summary>ike peer: undo pre-shared-key.</summary>
        UndoPsk,

        /// <summary>ike peer: remote-address A.B.C.D or A.B.C.D/M.</summary>
        RemoteAddress,

        /// <summary>ike peer: undo remote-address.</summary>
        UndoRemoteAddress,

        /// <summary>ike peer: local-id TYPE VALUE.</summary>
        LocalId,

        /// <summary>ike peer: undo local-id.</summary>
        UndoLocalId,

        /// <summary>ike peer: remote-id TYPE VALUE.</summary>
        RemoteId,

        /// <summary>ike peer: undo remote-id.</summary>
        UndoRemoteId,

        /// <summary>ike peer: ike-proposal N.</summary>
        PeerProposal,

        /// <summary>ike peer: undo ike-proposal [N].</summary>
        UndoPeerProposal,

        /// <summary>ike peer: nat traversal.</summary>
        NatTraversal,

        /// <summary>ike peer: undo nat traversal.</summary>
        UndoNatTraversal,

        /// <summary>ike peer: nat force-encapsulation.</summary>
        ForceEncapsulation,

        /// <summary>ike peer: undo nat force-encapsulation.</summary>
        UndoForceEncapsulation,

        /// <summary>ike peer: dpd interval N retry M.</summary>
        Dpd,

        /// <summary>ike peer: undo dpd.</summary>
        UndoDpd,

        /// <summary>ike peer: sha2 compatible.</summary>
        Sha2Compatible,

        /// <summary>ike peer: undo sha2 compatible.</summary>
        UndoSha2Compatible,

        /// <summary>ipsec proposal: esp encryption-algorithm.</summary>
        EspEncryption,

        /// <summary>ipsec proposal: undo esp encryption-algorithm.</summary>
        UndoEspEncryption,

        /// <summary>ipsec proposal: esp authentication-algorithm.</summary>
        EspAuthentication,

        /// <summary>ipsec proposal: undo esp authentication-algorithm.</summary>
        UndoEspAuthentication,

        /// <summary>ipsec policy: ike-peer NAME.</summary>
        PolicyPeer,

        /// <summary>ipsec policy: undo ike-peer.</summary>
        UndoPolicyPeer,

        /// <summary>ipsec policy: proposal NAME.</summary>
        PolicyProposal,

        /// <summary>ipsec policy: undo proposal.</summary>
        UndoPolicyProposal,

        /// <summary>ipsec policy: pfs dh-groupN.</summary>
        Pfs,

        /// <summary>ipsec policy: undo pfs.</summary>
        UndoPfs,

        /// <summary>ipsec policy: local-subnet A.B.C.D/M.</summary>
        LocalSubnet,

        /// <summary>ipsec policy: undo local-subnet.</summary>
        UndoLocalSubnet,

        /// <summary>ipsec policy: remote-subnet A.B.C.D/M.</summary>
        RemoteSubnet,

        /// <summary>ipsec policy: undo remote-subnet.</summary>
        UndoRemoteSubnet,

        /// <summary>ipsec policy: sa duration time-based N.</summary>
        PolicyDurationTime,

        /// <summary>ipsec policy: undo sa duration time-based.</summary>
        UndoPolicyDurationTime,

        /// <summary>ipsec policy: sa duration traffic-based N.</summary>
        PolicyDurationTraffic,

        /// <summary>ipsec policy: undo sa duration traffic-based.</summary>
        UndoPolicyDurationTraffic,

        /// <summary>ipsec policy: sa trigger-mode auto|traffic-based.</summary>
        PolicyTriggerMode,

        /// <summary>ipsec policy: undo sa trigger-mode.</summary>
        UndoPolicyTriggerMode,

        /// <summary>First command that is not configuration.</summary>
        FirstOperational = 200,

        /// <summary>quit: leave the view.</summary>
        Quit,

        /// <summary>return: back to the system view.</summary>
        Return,

        /// <summary>display current-configuration.</summary>
        DisplayCurrentConfiguration,

        /// <summary>display saved-configuration.</summary>
        DisplaySavedConfiguration,

        /// <summary>display ike sa [verbose].</summary>
        DisplayIkeSa,

        /// <summary>display ike peer.</summary>
        DisplayIkePeer,

        /// <summary>display ike proposal.</summary>
        DisplayIkeProposal,

        /// <summary>display ike statistics.</summary>
        DisplayIkeStatistics,

        /// <summary>display ipsec sa.</summary>
        DisplayIpsecSa,

        /// <summary>display ipsec statistics (ESP drop counters).</summary>
        DisplayIpsecStatistics,

        /// <summary>display led.</summary>
        DisplayLed,

        /// <summary>display debugging.</summary>
        DisplayDebugging,

        /// <summary>debugging ikev1 error|event|packet|all.</summary>
        Debugging,

        /// <summary>undo debugging [ikev1 ...].</summary>
        UndoDebugging,

        /// <summary>reset ike sa [conn-id].</summary>
        ResetIkeSa,

        /// <summary>reset ipsec sa.</summary>
        ResetIpsecSa,

        /// <summary>save.</summary>
        Save,

        /// <summary>backup configuration FILE.</summary>
        BackupConfiguration,

        /// <summary>restore configuration FILE.</summary>
        RestoreConfiguration,

        /// <summary>reset saved-configuration (factory reset at the next start).</summary>
        ResetSavedConfiguration,

        /// <summary>capture start [snaplen N]|stop|export, capture keys enable, undo capture keys.</summary>
        Capture,

        /// <summary>display ike error-info.</summary>
        DisplayIkeErrorInfo,

        /// <summary>display capture.</summary>
        DisplayCapture,

        /// <summary>display clock.</summary>
        DisplayClock,

        /// <summary>display version.</summary>
        DisplayVersion,

        /// <summary>reset ike statistics.</summary>
        ResetIkeStatistics,

        /// <summary>display ike offline-info.</summary>
        DisplayIkeOfflineInfo,

        /// <summary>tunnel initiate|terminate|rekey NAME.</summary>
        Tunnel,

        /// <summary>ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST.</summary>
        Ping,
    }
}
