using System.Text;
using NanoGate.Hal;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>Phase 1 identities on the wire (RFC 2407 §4.6.2.1): text form and matching against the configuration.</summary>
    public static class PeerIdentity
    {
        /// <summary>Formats the ID payload at <paramref name="payload"/> as "fqdn hq.example.net".</summary>
        public static string Format(byte[] b, int payload)
        {
            int type = IdPayload.GetIdType(b, payload);
            int off = IdPayload.GetDataOffset(payload);
            int len = IdPayload.GetDataLength(b, payload);
            switch (type)
            {
                case IdType.Ipv4Addr:
                    return "ip " + Ipv4.Format(IdPayload.GetIpv4(b, payload));
                case IdType.Fqdn:
                case IdType.UserFqdn:
                case IdType.KeyId:
                    return Identity.Keyword((IdentityType)type) + " " + new string(Encoding.UTF8.GetChars(b, off, len));
                default:
                    return IdType.Name(type);
            }
        }

        /// <summary>
        /// True when the ID payload is the configured remote identity (None accepts any; FQDN and
        /// USER_FQDN compare without case, RFC 4343).
        /// </summary>
        public static bool Matches(Identity expected, byte[] b, int payload)
        {
            if (expected == null || expected.Type == IdentityType.None)
            {
                return true;
            }

            int type = IdPayload.GetIdType(b, payload);
            if (type != (int)expected.Type)
            {
                return false;
            }

            if (type == IdType.Ipv4Addr)
            {
                uint address;
                return Ipv4.TryParse(expected.Value, out address) && IdPayload.GetIpv4(b, payload) == address;
            }

            string got = new string(Encoding.UTF8.GetChars(b, IdPayload.GetDataOffset(payload), IdPayload.GetDataLength(b, payload)));
            if (type == IdType.KeyId)
            {
                return got == expected.Value;
            }

            return got.ToLower() == expected.Value.ToLower();
        }
    }
}
