namespace NanoGate.Boards.Sim;

/// <summary>What the simulated exchange does with the next call the simulated modem dials.</summary>
public enum SimDialOutcome
{
    /// <summary>The remote modem answers: CONNECT.</summary>
    Connect,

    /// <summary>The number is engaged: BUSY.</summary>
    Busy,

    /// <summary>Nobody answers: NO ANSWER.</summary>
    NoAnswer,

    /// <summary>Someone answers but no modem carrier: NO CARRIER.</summary>
    NoCarrier,

    /// <summary>The module says nothing (hung firmware): the driver's time limit must fire.</summary>
    Silent,
}
