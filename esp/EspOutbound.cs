using System;
using NanoGate.Hal;

namespace NanoGate.Esp
{
    // Outbound flow (LAN packet -> ESP in tunnel mode, RFC 4303 §3.3, RFC 3948 §2.1), all in place
    // in one PacketSlot, nothing allocated:
    //
    //  1. The slot holds an inner IPv4 packet at PacketSlot.Headroom. Check it is IPv4 and read
    //     source, destination and protocol (RFC 4301 §5.1 step 1).
    //  2. Policy lookup (PolicyTable.Find, first match). None -> drop no-policy; discard -> drop;
    //     protect without SA -> raise an acquire event (once per AcquireRetryMs) and drop no-sa.
    //  3. SA checks: sequence space left (RFC 4303 §3.3.3: never wrap, rekey instead), not expired.
    //  4. Padding 1, 2, 3, ... so that payload + pad + 2 is a multiple of the block (4 for GCM),
    //     then pad length and next header 4 (IPv4) after the packet (RFC 4303 §2.4-2.6).
    //  5. ESP header (SPI, low 32 bits of the sequence number) and IV in the headroom before it.
    //  6. Encrypt and compute the ICV:
    //     CBC: IV from CbcIvGenerator (unpredictable, RFC 3602 §2.3), encrypt, then HMAC over
    //          SPI..ciphertext (+ high sequence bits with ESN, RFC 4303 §2.2.1), truncated;
    //     GCM: nonce = salt | IV, IV = seq, AAD = SPI | seq (RFC 4106 §3-5), tag = ICV.
    //  7. UDP header (4500 -> the peer's port, checksum 0, RFC 3948 §2.1) unless plain ESP, then
    //     the outer IPv4 header (RFC 4301 §5.1.2: inner TOS copied).
    //  8. The slot now holds the outer packet (Offset/Length) and the ESP packet inside it
    //     (EspOffset/EspLength: what a UDP socket sends to RemoteAddress:RemotePort).
    //  9. Count packets and bytes; a soft limit raises a rekey event, a hard one expires the SA.

    /// <summary>
    /// Encapsulates LAN packets into ESP (see the flow above). Every drop is counted globally and,
    /// when the SA is known, on the SA; the reason is returned and left in <see cref="PacketSlot.Verdict"/>.
    /// One instance per engine; not thread-safe (the crypto side owns it).
    /// </summary>
    public sealed class EspOutbound
    {
        /// <summary>How long an unanswered acquire waits before it is raised again (our choice).</summary>
        public const long AcquireRetryMs = 2000;

        private readonly SaTable _sas;
        private readonly PolicyTable _policies;
        private readonly DropCounters _drops;
        private readonly EspEventQueue _events;

        // The HMAC output before its truncated copy into the packet: one for every SA of this
        // direction (one engine, one thread) rather than one per SA.
        private readonly byte[] _hashOut = new byte[EspLayout.MaxHashSize];

        // GCM nonce (salt | IV) and AAD, and the ESN high bits an HMAC covers: the same, one set
        // for the direction instead of one per SA.
        private readonly byte[] _nonce = new byte[12];
        private readonly byte[] _aad = new byte[12];
        private readonly byte[] _sequenceHigh = new byte[4];
        private int _identification;

        /// <summary>Wired by <see cref="EspEngine"/>.</summary>
        public EspOutbound(SaTable sas, PolicyTable policies, DropCounters drops, EspEventQueue events)
        {
            _sas = sas;
            _policies = policies;
            _drops = drops;
            _events = events;
        }

        /// <summary>Steps 1-9 for the inner packet at slot.Offset (slot.Length bytes).</summary>
        [FastPath]
        public DropReason Encapsulate(PacketSlot slot, long nowMs)
        {
            byte[] b = slot.Buffer;
            int inner = slot.Offset;
            if (inner < 0 || slot.Length < 0 || inner + slot.Length > b.Length)
            {
                return Drop(slot, null, DropReason.BadInnerPacket);
            }

            int innerLength = EspLayout.CheckIpv4(b, inner, slot.Length);
            if (innerLength == 0)
            {
                return Drop(slot, null, DropReason.BadInnerPacket);
            }

            Policy policy = _policies.Find(
                Ipv4.Read(b, inner + EspLayout.Ipv4Source),
                Ipv4.Read(b, inner + EspLayout.Ipv4Destination),
                b[inner + EspLayout.Ipv4Protocol]);
            if (policy == null)
            {
                return Drop(slot, null, DropReason.NoPolicy);
            }

            if (policy.Action == PolicyAction.Discard)
            {
                return Drop(slot, null, DropReason.PolicyDiscard);
            }

            SecurityAssociation sa = _sas.GetOutbound(policy.OutboundSa);
            if (sa == null)
            {
                if (!policy.AcquirePending || nowMs - policy.AcquireRaisedMs >= AcquireRetryMs)
                {
                    policy.AcquirePending = true;
                    policy.AcquireRaisedMs = nowMs;
                    _events.Raise(EspEventKind.Acquire, 0, false, policy.Id);
                }

                return Drop(slot, null, DropReason.NoSa);
            }

            return Protect(sa, slot, innerLength, nowMs);
        }

        [FastPath]
        private DropReason Protect(SecurityAssociation sa, PacketSlot slot, int innerLength, long nowMs)
        {
            ulong limit = sa.ExtendedSequenceNumbers ? ulong.MaxValue : uint.MaxValue;
            if (sa.Sequence >= limit)
            {
                if (!sa.Expired)
                {
                    sa.Expired = true;
                    _events.Raise(EspEventKind.Expired, sa.Spi, false, sa.PolicyId);
                }

                return Drop(slot, sa, DropReason.SequenceExhausted);
            }

            if (sa.Expired)
            {
                return Drop(slot, sa, DropReason.SaExpired);
            }

            byte[] b = slot.Buffer;
            int payload = slot.Offset;
            int align = sa.BlockAlign;
            int padLength = (align - ((innerLength + EspLayout.TrailerLength) % align)) % align;
            int encLength = innerLength + padLength + EspLayout.TrailerLength;
            int icvOffset = payload + encLength;
            int end = icvOffset + sa.IcvLength;
            int esp = payload - sa.IvLength - EspLayout.EspHeaderLength;
            int outer = esp - EspLayout.Ipv4HeaderLength - (sa.UdpEncapsulation ? EspLayout.UdpHeaderLength : 0);
            if (outer < 0 || end > b.Length)
            {
                return Drop(slot, sa, DropReason.TooBig);
            }

            ulong seq = sa.Sequence + 1;
            sa.Sequence = seq;
            byte tos = b[payload + EspLayout.Ipv4Tos];

            // Trailer (RFC 4303 §2.4: the padding bytes are 1, 2, 3, ...).
            int pad = payload + innerLength;
            for (int i = 0; i < padLength; i++)
            {
                b[pad + i] = (byte)(i + 1);
            }

            b[icvOffset - 2] = (byte)padLength;
            b[icvOffset - 1] = sa.NextHeader;

            // ESP header (RFC 4303 §2.1, §2.2).
            BigEndian.WriteUInt32(b, esp, sa.Spi);
            BigEndian.WriteUInt32(b, esp + 4, (uint)seq);
            int iv = esp + EspLayout.EspHeaderLength;
            if (sa.Gcm != null)
            {
                SealGcm(sa, b, iv, payload, encLength, icvOffset, seq, _nonce, _aad);
            }
            else
            {
                SealCbc(sa, b, esp, iv, payload, encLength, icvOffset, seq, _hashOut, _sequenceHigh);
            }

            // Outer headers.
            if (sa.UdpEncapsulation)
            {
                int udp = esp - EspLayout.UdpHeaderLength;
                EspLayout.WriteUdpHeader(b, udp, sa.LocalPort, sa.RemotePort, end - udp);
            }

            _identification++;
            EspLayout.WriteIpv4Header(b, outer, end - outer, tos, (ushort)_identification,
                sa.UdpEncapsulation ? EspLayout.ProtocolUdp : EspLayout.ProtocolEsp, sa.LocalAddress, sa.RemoteAddress);

            slot.Offset = outer;
            slot.Length = end - outer;
            slot.EspOffset = esp;
            slot.EspLength = end - esp;
            slot.RemoteAddress = sa.RemoteAddress;
            slot.RemotePort = sa.UdpEncapsulation ? sa.RemotePort : 0;
            slot.UdpEncapsulated = sa.UdpEncapsulation;
            slot.Verdict = DropReason.None;

            sa.Account(innerLength, nowMs, _events);
            if (!sa.RekeyRaised && seq >= limit - SecurityAssociation.SequenceSoftMargin)
            {
                sa.RekeyRaised = true;
                _events.Raise(EspEventKind.Rekey, sa.Spi, false, sa.PolicyId);
            }

            return DropReason.None;
        }

        /// <summary>AES-GCM (RFC 4106): explicit IV = sequence number, nonce = salt | IV, AAD = SPI | [seq high |] seq low.</summary>
        [FastPath]
        private static void SealGcm(SecurityAssociation sa, byte[] b, int iv, int payload, int encLength, int icvOffset, ulong seq, byte[] nonce, byte[] aad)
        {
            if (sa.ForcedIv != null)
            {
                Array.Copy(sa.ForcedIv, 0, b, iv, 8);
            }
            else
            {
                BigEndian.WriteUInt64(b, iv, seq);
            }

            BigEndian.WriteUInt32(nonce, 0, sa.Salt);
            Array.Copy(b, iv, nonce, 4, 8);
            int aadLength = WriteAad(aad, sa, seq);
            sa.Gcm.Encrypt(nonce, 0, aad, 0, aadLength, b, payload, encLength, b, icvOffset);
        }

        /// <summary>CBC + HMAC (RFC 3602, RFC 2451; RFC 2404, RFC 4868): encrypt, then MAC the whole ESP packet.</summary>
        [FastPath]
        private static void SealCbc(SecurityAssociation sa, byte[] b, int esp, int iv, int payload, int encLength, int icvOffset, ulong seq, byte[] hashOut, byte[] sequenceHigh)
        {
            int ivLength = sa.IvLength;
            if (sa.ForcedIv != null)
            {
                Array.Copy(sa.ForcedIv, 0, b, iv, ivLength);
            }
            else
            {
                sa.IvGenerator.Next(b, iv);
            }

            sa.Cbc.EncryptCbc(b, iv, b, payload, encLength);
            if (sa.Hmac == null)
            {
                return;
            }

            sa.Hmac.Append(b, esp, icvOffset - esp);
            if (sa.ExtendedSequenceNumbers)
            {
                // RFC 4303 §2.2.1: the high-order 32 bits count in the ICV but are not sent.
                BigEndian.WriteUInt32(sequenceHigh, 0, (uint)(seq >> 32));
                sa.Hmac.Append(sequenceHigh, 0, 4);
            }

            sa.Hmac.Finish(hashOut, 0);
            Array.Copy(hashOut, 0, b, icvOffset, sa.IcvLength);
        }

        /// <summary>Writes the GCM AAD of <paramref name="sa"/> for <paramref name="seq"/> into <paramref name="aad"/> (12 bytes); returns its length (RFC 4106 §5).</summary>
        [FastPath]
        internal static int WriteAad(byte[] aad, SecurityAssociation sa, ulong seq)
        {
            BigEndian.WriteUInt32(aad, 0, sa.Spi);
            if (sa.ExtendedSequenceNumbers)
            {
                BigEndian.WriteUInt64(aad, 4, seq);
                return 12;
            }

            BigEndian.WriteUInt32(aad, 4, (uint)seq);
            return 8;
        }

        [FastPath]
        private DropReason Drop(PacketSlot slot, SecurityAssociation sa, DropReason reason)
        {
            _drops.Count(reason);
            if (sa != null)
            {
                sa.Drops.Count(reason);
            }

            slot.Verdict = reason;
            return reason;
        }
    }
}
