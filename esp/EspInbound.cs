using System;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Esp
{
    // Inbound flow (ESP packet -> inner IPv4 packet, RFC 4303 §3.4), in place, nothing allocated.
    // The order is the RFC's; nothing is decrypted before it is authenticated:
    //
    //  1. The slot holds the ESP packet (from the SPI; the UDP header and non-ESP-marker check are
    //     the port-4500 demultiplexer's job, NanoGate.Nat.Port4500Demux). Length >= 8.
    //  2. SA lookup by SPI: an array index plus a compare of the full SPI (SaTable). Unknown -> drop.
    //  3. Lengths: room for IV, at least one block, ICV; ciphertext a whole number of blocks.
    //  4. Sequence number: with ESN the high half is inferred (RFC 4303 App. A2.2); the replay
    //     window rejects duplicates and packets left of it (RFC 4303 §3.4.3) - the cheap check first.
    //  5. ICV, in constant time (FixedTime.AreEqual; GCM verifies its tag before decrypting).
    //  6. Only now advance the replay window.
    //  7. Decrypt (CBC; GCM already did), then check pad length and padding bytes 1, 2, 3, ...
    //     (RFC 4303 §2.4) and next header: 4 (IPv4); 59 is a dummy packet, dropped as such.
    //  8. The inner packet must be IPv4 and inside the SA's selectors (RFC 4301 §5.2 step 4):
    //     source in the peer's selector, destination in ours, protocol if the SA names one.
    //  9. The slot now holds the inner packet (Offset/Length); count packets and bytes, lifetimes.
    // 10. UDP-encapsulated: when the newest authenticated packet came from another address or
    //     port than the SA's peer (the peer's NAT rebound), move the SAs to it (RFC 3948; WIRE-FACTS:
    //     follow the translated source port from authenticated packets) and raise PeerMoved.
    //     The I/O side sets slot.RemoteAddress/RemotePort; 0 for the port means "unknown".

    /// <summary>
    /// Decapsulates ESP packets (see the flow above). Peer input never throws; each failure is a
    /// counted <see cref="DropReason"/>. One instance per engine; not thread-safe.
    /// </summary>
    public sealed class EspInbound
    {
        private readonly SaTable _sas;
        private readonly DropCounters _drops;
        private readonly EspEventQueue _events;

        // The computed HMAC before the ICV check: one for every SA of this direction (one engine,
        // one thread) rather than one per SA.
        private readonly byte[] _hashOut = new byte[EspLayout.MaxHashSize];

        // GCM nonce (salt | IV) and AAD, and the ESN high bits an HMAC covers: the same, one set
        // for the direction instead of one per SA.
        private readonly byte[] _nonce = new byte[12];
        private readonly byte[] _aad = new byte[12];
        private readonly byte[] _sequenceHigh = new byte[4];

        /// <summary>Wired by <see cref="EspEngine"/>.</summary>
        public EspInbound(SaTable sas, DropCounters drops, EspEventQueue events)
        {
            _sas = sas;
            _drops = drops;
            _events = events;
        }

        /// <summary>Steps 1-9 for the ESP packet at slot.Offset (slot.Length bytes).</summary>
        [FastPath]
        public DropReason Decapsulate(PacketSlot slot, long nowMs)
        {
            byte[] b = slot.Buffer;
            int esp = slot.Offset;
            int length = slot.Length;
            if (esp < 0 || length < EspLayout.EspHeaderLength || esp + length > b.Length)
            {
                return Drop(slot, null, DropReason.Truncated);
            }

            SecurityAssociation sa = _sas.FindInbound(BigEndian.ReadUInt32(b, esp));
            if (sa == null)
            {
                return Drop(slot, null, DropReason.UnknownSpi);
            }

            if (sa.Expired)
            {
                return Drop(slot, sa, DropReason.SaExpired);
            }

            int iv = esp + EspLayout.EspHeaderLength;
            int payload = iv + sa.IvLength;
            int encLength = length - EspLayout.EspHeaderLength - sa.IvLength - sa.IcvLength;
            if (encLength < sa.BlockAlign)
            {
                return Drop(slot, sa, DropReason.Truncated);
            }

            if (encLength % sa.BlockAlign != 0)
            {
                return Drop(slot, sa, DropReason.BadLength);
            }

            int icvOffset = payload + encLength;
            ReplayWindow window = sa.Window;
            ulong seq = window.InferSequence(BigEndian.ReadUInt32(b, esp + 4));
            DropReason replay = window.Check(seq);
            if (replay != DropReason.None)
            {
                return Drop(slot, sa, replay);
            }

            if (sa.Gcm != null)
            {
                // RFC 4106 §4: nonce = salt | explicit IV from the packet; the AEAD checks the tag first.
                BigEndian.WriteUInt32(_nonce, 0, sa.Salt);
                Array.Copy(b, iv, _nonce, 4, 8);
                int aadLength = EspOutbound.WriteAad(_aad, sa, seq);
                if (!sa.Gcm.Decrypt(_nonce, 0, _aad, 0, aadLength, b, payload, encLength, b, icvOffset))
                {
                    return Drop(slot, sa, DropReason.BadIcv);
                }
            }
            else if (sa.Hmac != null)
            {
                sa.Hmac.Append(b, esp, icvOffset - esp);
                if (sa.ExtendedSequenceNumbers)
                {
                    BigEndian.WriteUInt32(_sequenceHigh, 0, (uint)(seq >> 32));
                    sa.Hmac.Append(_sequenceHigh, 0, 4);
                }

                sa.Hmac.Finish(_hashOut, 0);
                if (!FixedTime.AreEqual(_hashOut, 0, b, icvOffset, sa.IcvLength))
                {
                    return Drop(slot, sa, DropReason.BadIcv);
                }
            }

            window.Update(seq);
            if (sa.Cbc != null)
            {
                sa.Cbc.DecryptCbc(b, iv, b, payload, encLength);
            }

            int padLength = b[icvOffset - 2];
            int nextHeader = b[icvOffset - 1];
            if (padLength > encLength - EspLayout.TrailerLength)
            {
                return Drop(slot, sa, DropReason.BadPadding);
            }

            int pad = icvOffset - EspLayout.TrailerLength - padLength;
            for (int i = 0; i < padLength; i++)
            {
                if (b[pad + i] != (byte)(i + 1))
                {
                    return Drop(slot, sa, DropReason.BadPadding);
                }
            }

            if (nextHeader != sa.NextHeader)
            {
                return Drop(slot, sa, nextHeader == EspLayout.NextHeaderNoNext ? DropReason.DummyPacket : DropReason.BadNextHeader);
            }

            int innerLength = EspLayout.CheckIpv4(b, payload, pad - payload);
            if (innerLength == 0)
            {
                return Drop(slot, sa, DropReason.BadInnerPacket);
            }

            if (!sa.RemoteSelector.Contains(Ipv4.Read(b, payload + EspLayout.Ipv4Source))
                || !sa.LocalSelector.Contains(Ipv4.Read(b, payload + EspLayout.Ipv4Destination))
                || (sa.Protocol != 0 && sa.Protocol != b[payload + EspLayout.Ipv4Protocol]))
            {
                return Drop(slot, sa, DropReason.PolicyMismatch);
            }

            slot.Offset = payload;
            slot.Length = innerLength;
            slot.Verdict = DropReason.None;
            sa.Account(innerLength, nowMs, _events);

            // NAT rebinding: follow the peer's new address or port, but only on an authenticated
            // packet that is the newest so far, so that a delayed or re-sent old one cannot move it back.
            if (sa.UdpEncapsulation && slot.RemotePort != 0 && seq == window.Top
                && (slot.RemoteAddress != sa.RemoteAddress || slot.RemotePort != sa.RemotePort))
            {
                _sas.MovePeer(sa.RemoteAddress, sa.RemotePort, slot.RemoteAddress, slot.RemotePort);
                _events.Raise(EspEventKind.PeerMoved, sa.Spi, true, -1);
            }

            return DropReason.None;
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
