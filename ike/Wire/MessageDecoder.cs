using System;
using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Renders a parsed message as an indented tree, like tshark's, for debug logs and the
    /// console. Allocates (strings); never call it on the fast path. Reads only through the views,
    /// so it is safe on any message <see cref="IsakmpMessage"/> accepted.
    /// <code>
    /// ISAKMP Identity Protection (Main Mode), 180 bytes, message ID 0x00000000
    ///   cookies a7e7f74a51ab4336 / 0000000000000000, version 1.0, flags none
    ///   SA, 56 bytes: DOI 1, situation 0x00000001
    ///     proposal #1 ISAKMP, SPI size 0, 1 transform(s)
    ///       transform #1 KEY_IKE
    ///         Encryption-Algorithm = AES-CBC (7)
    /// </code>
    /// </summary>
    public sealed class MessageDecoder
    {
        private const string Indent1 = "  ";
        private const string Indent2 = "    ";
        private const string Indent3 = "      ";
        private const string Indent4 = "        ";
        private const string NewLine = "\n";

        private string[] _parts = new string[64];
        private int _count;

        /// <summary>The tree for a parsed message (header only while it still needs decryption).</summary>
        public string Decode(IsakmpMessage m)
        {
            _count = 0;
            if (!m.IsHeaderValid)
            {
                Line("", "ISAKMP (not parsed): " + m.Error.Reason);
                return Text();
            }

            Line("", "ISAKMP " + ExchangeType.Name(m.ExchangeType) + ", " + m.Length.ToString() + " bytes, message ID 0x" + Hex32(m.MessageId));
            Line(Indent1, "cookies " + Hex64(m.InitiatorCookie) + " / " + Hex64(m.ResponderCookie) + ", version 1.0, flags " + Flags(m.Flags));
            if (m.NeedsDecryption)
            {
                Line(Indent1, "encrypted body, " + m.BodyLength.ToString() + " bytes, first payload " + PayloadType.Name(m.FirstPayload));
                return Text();
            }

            byte[] p = m.PayloadBuffer;
            for (int i = 0; i < m.PayloadCount; i++)
            {
                Payload(m.PayloadTypeAt(i), p, m.PayloadOffsetAt(i), m.PayloadLengthAt(i));
            }

            if (m.WasDecrypted)
            {
                Line(Indent1, "(decrypted; " + m.PaddingLength.ToString() + " bytes of padding)");
            }

            return Text();
        }

        /// <summary>One line for a refused message: the reason and the notify a peer gets.</summary>
        public static string DecodeError(WireError error)
        {
            return error.Reason + " (notify " + NotifyType.Name(error.Notify) + ")";
        }

        private void Payload(int type, byte[] p, int o, int length)
        {
            string head = PayloadType.Name(type) + ", " + length.ToString() + " bytes";
            switch (type)
            {
                case PayloadType.SecurityAssociation:
                    Line(Indent1, head + ": DOI " + SaPayload.GetDoi(p, o).ToString() + ", situation 0x" + Hex32(SaPayload.GetSituation(p, o)));
                    for (int prop = SaPayload.GetFirstProposal(o); prop >= 0; prop = SaPayload.GetNextChild(p, prop))
                    {
                        Proposal(p, prop);
                    }

                    return;
                case PayloadType.Identification:
                    Line(Indent1, head + ": " + IdType.Name(IdPayload.GetIdType(p, o)) + " " + IdText(p, o) + ProtocolPort(IdPayload.GetProtocol(p, o), IdPayload.GetPort(p, o)));
                    return;
                case PayloadType.Notification:
                    Line(Indent1, head + ": " + NotifyType.Name(NotifyPayload.GetNotifyType(p, o)) + " (" + NotifyPayload.GetNotifyType(p, o).ToString() + "), "
                        + ProtocolId.Name(NotifyPayload.GetProtocolId(p, o)) + ", SPI " + HexText(p, NotifyPayload.GetSpiOffset(o), NotifyPayload.GetSpiSize(p, o))
                        + ", data " + HexText(p, NotifyPayload.GetDataOffset(p, o), NotifyPayload.GetDataLength(p, o)));
                    return;
                case PayloadType.Delete:
                    int count = DeletePayload.GetSpiCount(p, o);
                    int size = DeletePayload.GetSpiSize(p, o);
                    Line(Indent1, head + ": " + ProtocolId.Name(DeletePayload.GetProtocolId(p, o)) + ", " + count.ToString() + " SPI(s)"
                        + (count > 0 ? " " + HexText(p, DeletePayload.GetSpiOffset(p, o, 0), size * count) : ""));
                    return;
                case PayloadType.VendorId:
                    string known = VendorName(p, OpaquePayload.GetDataOffset(o), OpaquePayload.GetDataLength(p, o));
                    Line(Indent1, head + ": " + HexText(p, OpaquePayload.GetDataOffset(o), OpaquePayload.GetDataLength(p, o)) + (known.Length > 0 ? " (" + known + ")" : ""));
                    return;
                case PayloadType.NatOa:
                case PayloadType.NatOaDraft:
                    Line(Indent1, head + ": " + IdType.Name(NatOaPayload.GetIdType(p, o)) + " "
                        + (NatOaPayload.GetIdType(p, o) == IdType.Ipv4Addr ? Ipv4(NatOaPayload.GetIpv4(p, o)) : HexText(p, NatOaPayload.GetAddressOffset(o), length - NatOaPayload.AddressOffset)));
                    return;
                case PayloadType.Fragment:
                    Line(Indent1, head + ": ID " + FragmentPayload.GetFragmentId(p, o).ToString() + ", #" + FragmentPayload.GetNumber(p, o).ToString()
                        + (FragmentPayload.IsLast(p, o) ? " (last)" : "") + ", " + FragmentPayload.GetDataLength(p, o).ToString() + " bytes of data");
                    return;
                case PayloadType.Certificate:
                case PayloadType.CertificateRequest:
                    Line(Indent1, head + ": encoding " + CertPayload.GetEncoding(p, o).ToString() + ", " + CertPayload.GetDataLength(p, o).ToString() + " bytes");
                    return;
                default:
                    Line(Indent1, head + ": " + HexText(p, o + GenericPayload.Size, length - GenericPayload.Size));
                    return;
            }
        }

        private void Proposal(byte[] p, int prop)
        {
            int protocol = ProposalPayload.GetProtocolId(p, prop);
            int spiSize = ProposalPayload.GetSpiSize(p, prop);
            Line(Indent2, "proposal #" + ProposalPayload.GetNumber(p, prop).ToString() + " " + ProtocolId.Name(protocol)
                + (spiSize > 0 ? ", SPI " + HexText(p, prop + ProposalPayload.SpiOffset, spiSize) : ", no SPI")
                + ", " + ProposalPayload.GetTransformCount(p, prop).ToString() + " transform(s)");
            for (int t = ProposalPayload.GetFirstTransform(p, prop); t >= 0; t = SaPayload.GetNextChild(p, t))
            {
                Line(Indent3, "transform #" + TransformPayload.GetNumber(p, t).ToString() + " " + TransformId.Name(protocol, TransformPayload.GetTransformId(p, t)));
                int end = t + GenericPayload.GetLength(p, t);
                for (int a = TransformPayload.GetAttributesOffset(t); a < end; a += DataAttribute.GetTotalLength(p, a))
                {
                    Attribute(p, a, protocol == ProtocolId.Isakmp);
                }
            }
        }

        private void Attribute(byte[] p, int a, bool phase1)
        {
            int type = DataAttribute.GetType(p, a);
            string name = phase1 ? Phase1Attribute.Name(type) : Phase2Attribute.Name(type);
            ulong value;
            if (!DataAttribute.TryGetValue(p, a, out value))
            {
                Line(Indent4, name + " = " + HexText(p, DataAttribute.GetValueOffset(p, a), DataAttribute.GetValueLength(p, a)));
                return;
            }

            string form = DataAttribute.IsTv(p, a) ? "" : " (TLV, " + DataAttribute.GetValueLength(p, a).ToString() + " bytes)";
            if (value <= 0xFFFF)
            {
                int v = (int)value;
                string named = phase1 ? Phase1Attribute.ValueName(type, v) : Phase2Attribute.ValueName(type, v);
                string number = v.ToString();
                Line(Indent4, name + " = " + (named == number ? number : named + " (" + number + ")") + form);
                return;
            }

            Line(Indent4, name + " = " + value.ToString() + form);
        }

        private static string IdText(byte[] p, int o)
        {
            int type = IdPayload.GetIdType(p, o);
            int data = IdPayload.GetDataOffset(o);
            int length = IdPayload.GetDataLength(p, o);
            switch (type)
            {
                case IdType.Ipv4Addr:
                    return Ipv4(IdPayload.GetIpv4(p, o));
                case IdType.Ipv4AddrSubnet:
                    return Ipv4(IdPayload.GetIpv4(p, o)) + "/" + Ipv4(IdPayload.GetIpv4Second(p, o));
                case IdType.Ipv4AddrRange:
                    return Ipv4(IdPayload.GetIpv4(p, o)) + "-" + Ipv4(IdPayload.GetIpv4Second(p, o));
                case IdType.Fqdn:
                case IdType.UserFqdn:
                    return Printable(p, data, length);
                default:
                    return HexText(p, data, length);
            }
        }

        private static string ProtocolPort(int protocol, int port)
        {
            if (protocol == 0 && port == 0)
            {
                return "";
            }

            return " (protocol " + protocol.ToString() + ", port " + port.ToString() + ")";
        }

        /// <summary>Vendor IDs worth naming (MD5 of the strings; WIRE-FACTS.md, RFC 3947, RFC 3706).</summary>
        private static string VendorName(byte[] p, int o, int n)
        {
            if (StartsWith(p, o, n, "4a131c81070358455c5728f20e95452f")) { return "RFC 3947 NAT-T"; }
            if (StartsWith(p, o, n, "90cb80913ebb696e086381b5ec427b1f")) { return "draft-ietf-ipsec-nat-t-ike-02\\n"; }
            if (StartsWith(p, o, n, "cd60464335df21f87cfdb2fc68b6a448")) { return "draft-ietf-ipsec-nat-t-ike-02"; }
            if (StartsWith(p, o, n, "7d9419a65310ca6f2c179d9215529d56")) { return "draft-ietf-ipsec-nat-t-ike-03"; }
            if (StartsWith(p, o, n, "afcad71368a1f1c96b8696fc77570100")) { return "RFC 3706 DPD"; }
            if (StartsWith(p, o, n, "4048b7d56ebce88525e7de7f00d6c2d3")) { return "IKE fragmentation"; }
            if (StartsWith(p, o, n, "09002689dfd6b712")) { return "XAUTH"; }
            return "";
        }

        private static bool StartsWith(byte[] p, int o, int n, string hex)
        {
            int bytes = hex.Length / 2;
            if (n < bytes)
            {
                return false;
            }

            for (int i = 0; i < bytes; i++)
            {
                if (p[o + i] != (byte)((Hex.Nibble(hex[2 * i]) << 4) | Hex.Nibble(hex[(2 * i) + 1])))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Flags(int flags)
        {
            if (flags == 0)
            {
                return "none";
            }

            return ((flags & IsakmpHeader.FlagEncryption) != 0 ? "E" : "")
                + ((flags & IsakmpHeader.FlagCommit) != 0 ? "C" : "")
                + ((flags & IsakmpHeader.FlagAuthenticationOnly) != 0 ? "A" : "");
        }

        private static string Ipv4(uint a)
        {
            return ((a >> 24) & 0xFF).ToString() + "." + ((a >> 16) & 0xFF).ToString() + "." + ((a >> 8) & 0xFF).ToString() + "." + (a & 0xFF).ToString();
        }

        /// <summary>Hex of at most 64 bytes (longer data ends in "..." and its length).</summary>
        private static string HexText(byte[] p, int o, int n)
        {
            if (n <= 0)
            {
                return "-";
            }

            int shown = n > 64 ? 64 : n;
            string s = Hex.Format(p, o, shown);
            return n > shown ? s + "... (" + n.ToString() + " bytes)" : s;
        }

        private static string Hex32(uint v)
        {
            byte[] b = new byte[4];
            BigEndian.WriteUInt32(b, 0, v);
            return HexText(b, 0, 4);
        }

        private static string Hex64(ulong v)
        {
            byte[] b = new byte[8];
            BigEndian.WriteUInt64(b, 0, v);
            return HexText(b, 0, 8);
        }

        private static string Printable(byte[] p, int o, int n)
        {
            int shown = n > 255 ? 255 : n;
            char[] c = new char[shown];
            for (int i = 0; i < shown; i++)
            {
                byte b = p[o + i];
                c[i] = b >= 0x20 && b < 0x7F ? (char)b : '.';
            }

            return new string(c);
        }

        private void Line(string indent, string text)
        {
            if (_count + 3 > _parts.Length)
            {
                string[] bigger = new string[_parts.Length * 2];
                Array.Copy(_parts, bigger, _count);
                _parts = bigger;
            }

            _parts[_count++] = indent;
            _parts[_count++] = text;
            _parts[_count++] = NewLine;
        }

        private string Text()
        {
            string[] exact = new string[_count];
            Array.Copy(_parts, exact, _count);
            return string.Concat(exact);
        }
    }
}
