namespace NanoGate.Ike.Config
{
    /// <summary>A configured phase 1 identity: its type and text ("fqdn hq.example.net").</summary>
    public sealed class Identity
    {
        /// <summary>Creates an identity.</summary>
        public Identity(IdentityType type, string value)
        {
            Type = type;
            Value = value;
        }

        /// <summary>The ID type.</summary>
        public IdentityType Type { get; private set; }

        /// <summary>The text form (dotted quad for IPv4).</summary>
        public string Value { get; private set; }

        /// <summary>CLI keyword of a type ("fqdn", "user-fqdn", "ip", "key-id").</summary>
        public static string Keyword(IdentityType type)
        {
            switch (type)
            {
                case IdentityType.Ipv4Address:
                    return "ip";
                case IdentityType.Fqdn:
                    return "fqdn";
                case IdentityType.UserFqdn:
                    return "user-fqdn";
                case IdentityType.KeyId:
                    return "key-id";
                default:
                    return "none";
            }
        }

        /// <summary>"fqdn hq.example.net".</summary>
        public override string ToString()
        {
            return Keyword(Type) + " " + Value;
        }
    }
}
