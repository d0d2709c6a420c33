namespace NanoGate.Firmware.Cli
{
    /// <summary>What one word of a command may be.</summary>
    public enum NodeKind
    {
        /// <summary>A fixed keyword; may be abbreviated to any unambiguous prefix.</summary>
        Keyword = 0,

        /// <summary>A name or other text word; Min/Max bound its length.</summary>
        Word = 1,

        /// <summary>A decimal integer in Min..Max.</summary>
        Integer = 2,

        /// <summary>A dotted-quad IPv4 address.</summary>
        Ipv4 = 3,

        /// <summary>An address with a prefix length ("192.168.100.2/24"); host bits allowed.</summary>
        Ipv4Prefix = 4,

        /// <summary>A network with a prefix length ("10.1.0.0/24"); host bits must be zero.</summary>
        Ipv4Network = 5,

        /// <summary>The rest of the line (a secret may hold blanks); one quoted word is unquoted.</summary>
        RestOfLine = 6,
    }
}
