namespace NanoGate.Ike
{
    /// <summary>Where a phase 1 SA is (RFC 2409 §5): the message last handled, per role.</summary>
    public enum IkeSaState
    {
        /// <summary>Created, nothing sent.</summary>
        New = 0,

        /// <summary>Main mode: MM1 sent (initiator) / MM2 sent (responder).</summary>
        MainSa = 1,

        /// <summary>Main mode: MM3 sent (initiator) / MM4 sent (responder).</summary>
        MainKe = 2,

        /// <summary>Main mode: MM5 sent (initiator), waiting for MM6.</summary>
        MainAuth = 3,

        /// <summary>Aggressive mode: AM1 sent (initiator) / AM2 sent (responder).</summary>
        AggressiveSent = 4,

        /// <summary>Phase 1 done.</summary>
        Established = 5,

        /// <summary>Failed or deleted; the slot is freed on the next poll.</summary>
        Dead = 6,
    }
}
