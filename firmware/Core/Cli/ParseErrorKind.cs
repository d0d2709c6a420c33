namespace NanoGate.Firmware.Cli
{
    /// <summary>Why a command line did not match, in the categories Huawei VRP reports.</summary>
    public enum ParseErrorKind
    {
        /// <summary>No word of the tree starts like this one.</summary>
        Unrecognized = 0,

        /// <summary>The abbreviation fits more than one keyword.</summary>
        Ambiguous = 1,

        /// <summary>The line stops before the command is complete.</summary>
        Incomplete = 2,

        /// <summary>Words follow a complete command that takes no more.</summary>
        TooManyParameters = 3,

        /// <summary>An argument has the wrong form or is out of range.</summary>
        WrongParameter = 4,

        /// <summary>A double quote is not closed.</summary>
        UnterminatedQuote = 5,

        /// <summary>The command parsed but cannot be carried out (a missing object, a reference still in use...).</summary>
        Rejected = 6,
    }
}
