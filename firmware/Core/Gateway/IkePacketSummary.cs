using NanoGate.Hal;
using NanoGate.Ike.Wire;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The one-line summary <c>debugging ikev1 packet</c> prints for an ISAKMP datagram: direction,
    /// peer, length and the fixed header's fields (RFC 2408 §3.1: cookies, exchange type, flags,
    /// message ID). Only the header is read (the rest may be encrypted); a datagram too short for
    /// it is said to be so, never read past.
    /// </summary>
    public static class IkePacketSummary
    {
        /// <summary>ISAKMP header length (RFC 2408 §3.1).</summary>
        private const int HeaderLength = 28;

        /// <summary>"sent 204 bytes to 203.0.113.2:500: main mode, I-cookie ..., R-cookie ..., msgid 0, encrypted".</summary>
        public static string Format(bool sent, byte[] b, int offset, int count, uint address, int port, int localPort)
        {
            string head = (sent ? "sent " : "received ") + count.ToString() + " bytes " + (sent ? "to " : "from ")
                + Ipv4.Format(address) + ":" + port.ToString() + " (local port " + localPort.ToString() + ")";
            if (count == 1 && b[offset] == 0xFF)
            {
                return head + ": NAT keepalive";
            }

            // On 4500 an ISAKMP message follows the 4-byte non-ESP marker (RFC 3948 §2.2).
            if (count >= 4 && b[offset] == 0 && b[offset + 1] == 0 && b[offset + 2] == 0 && b[offset + 3] == 0)
            {
                offset += 4;
                count -= 4;
            }

            if (count < HeaderLength)
            {
                return head + ": shorter than an ISAKMP header";
            }

            int exchange = b[offset + 18];
            int flags = b[offset + 19];
            uint mid = BigEndian.ReadUInt32(b, offset + 20);
            return head + ": " + ExchangeName(exchange) + ", I-cookie " + Hex(b, offset, 8) + ", R-cookie " + Hex(b, offset + 8, 8)
                + ", msgid " + mid.ToString() + ((flags & 1) != 0 ? ", encrypted" : "");
        }

        private static string ExchangeName(int type)
        {
            switch (type)
            {
                case ExchangeType.IdentityProtection: return "main mode";
                case ExchangeType.Aggressive: return "aggressive mode";
                case ExchangeType.Informational: return "informational";
                case ExchangeType.QuickMode: return "quick mode";
                default: return "exchange " + type.ToString();
            }
        }

        private static string Hex(byte[] b, int offset, int count)
        {
            const string digits = "0123456789abcdef";
            char[] c = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                c[2 * i] = digits[b[offset + i] >> 4];
                c[(2 * i) + 1] = digits[b[offset + i] & 15];
            }

            return new string(c);
        }
    }
}
