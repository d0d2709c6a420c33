using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Esp.Tests;

/// <summary>Policies, acquire, selectors, SA install/remove, lifetimes and sequence exhaustion.</summary>
public class EspPolicyAndLifetimeTests
{
    private static readonly ICryptoProvider s_crypto = EspPair.Provider("dotnet");
    private static EspSuite Gcm => EspSuite.All[7];
    private static EspSuite Cbc => EspSuite.All[1];

    [Fact]
    public void Packets_without_a_matching_policy_or_with_discard_are_dropped_and_counted()
    {
        var pair = new EspPair(s_crypto, Cbc);
        var slot = new PacketSlot(1500);
        EspPair.WriteInner(slot, 64, source: 0x0A030001);
        Assert.Equal(DropReason.NoPolicy, pair.A.Encapsulate(slot, 0));
        Assert.Equal(DropReason.NoPolicy, slot.Verdict);

        pair.A.AddPolicy(new TrafficSelector(0x0A030000, 16), TrafficSelector.Any(), 0, PolicyAction.Discard);
        EspPair.WriteInner(slot, 64, source: 0x0A030001);
        Assert.Equal(DropReason.PolicyDiscard, pair.A.Encapsulate(slot, 0));

        slot.ResetForInner(30);
        slot.Buffer[slot.Offset] = 0x60; // IPv6: not for this path
        Assert.Equal(DropReason.BadInnerPacket, pair.A.Encapsulate(slot, 0));

        Assert.Equal(1, pair.A.Drops.Get(DropReason.NoPolicy));
        Assert.Equal(1, pair.A.Drops.Get(DropReason.PolicyDiscard));
        Assert.Equal(1, pair.A.Drops.Get(DropReason.BadInnerPacket));
        Assert.Equal(3, pair.A.Drops.Total);
        Assert.Equal(0, pair.Out.Drops.Total);
    }

    [Fact]
    public void Protect_without_sa_raises_acquire_once_per_retry_interval()
    {
        var engine = new EspEngine(s_crypto, new DeterministicRandom(1), 4, 4, 4);
        int policy = engine.AddPolicy(new TrafficSelector(EspPair.LanA, 16), new TrafficSelector(EspPair.LanB, 16), 0, PolicyAction.Protect);
        var slot = new PacketSlot(1500);
        for (long t = 0; t < 1000; t += 100)
        {
            EspPair.WriteInner(slot, 64);
            Assert.Equal(DropReason.NoSa, engine.Encapsulate(slot, 5000 + t));
        }

        Assert.Equal(EspEventKind.Acquire, engine.Events.TryTake(out _, out _, out int id));
        Assert.Equal(policy, id);
        Assert.Equal(EspEventKind.None, engine.Events.TryTake(out _, out _, out _));
        Assert.Equal(10, engine.Drops.Get(DropReason.NoSa));

        EspPair.WriteInner(slot, 64);
        engine.Encapsulate(slot, 5000 + EspOutbound.AcquireRetryMs);
        Assert.Equal(EspEventKind.Acquire, engine.Events.TryTake(out _, out _, out _));

        SaParameters p = EspPair.Parameters(Cbc, 0x12345);
        p.PolicyId = policy;
        Assert.True(engine.InstallOutbound(p, 0, out _) >= 0);
        Assert.False(engine.Policies.Get(policy)!.AcquirePending);
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.None, engine.Encapsulate(slot, 9000));
    }

    [Fact]
    public void Inbound_packet_outside_the_sa_selectors_is_a_policy_mismatch()
    {
        // B accepts only 10.1.1.0/24 -> 10.2.0.0/16 on this SA; A's policy is wider.
        var pair = new EspPair(s_crypto, Gcm, tweak: p =>
        {
            if (p.LocalAddress == EspPair.WanB)
            {
                p.RemoteSelector = new TrafficSelector(0x0A010100, 24);
            }
        });
        var slot = new PacketSlot(1500);
        EspPair.WriteInner(slot, 64, source: 0x0A010105);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        EspPair.ToReceived(slot);
        Assert.Equal(DropReason.None, pair.B.Decapsulate(slot, 0));

        EspPair.WriteInner(slot, 64, source: 0x0A010205);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        EspPair.ToReceived(slot);
        Assert.Equal(DropReason.PolicyMismatch, pair.B.Decapsulate(slot, 0));
        Assert.Equal(1, pair.In.Drops.Get(DropReason.PolicyMismatch));
        Assert.Equal(1, pair.B.Drops.Get(DropReason.PolicyMismatch));
    }

    [Fact]
    public void Unknown_spi_counts_globally_and_a_removed_sa_stops_matching()
    {
        var pair = new EspPair(s_crypto, Cbc);
        var slot = new PacketSlot(1500);
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        EspPair.ToReceived(slot);
        byte[] packet = slot.Buffer.AsSpan(slot.Offset, slot.Length).ToArray();

        // Same index, different high bits: not our SA.
        slot.Buffer[slot.Offset] ^= 0x80;
        Assert.Equal(DropReason.UnknownSpi, pair.B.Decapsulate(slot, 0));

        Assert.True(pair.B.RemoveInbound(pair.In.Spi));
        Assert.Null(pair.B.FindInbound(pair.In.Spi));
        Assert.True(pair.In.Expired);
        Array.Copy(packet, 0, slot.Buffer, slot.Offset, packet.Length);
        Assert.Equal(DropReason.UnknownSpi, pair.B.Decapsulate(slot, 0));
        Assert.Equal(2, pair.B.Drops.Get(DropReason.UnknownSpi));
        Assert.False(pair.B.RemoveInbound(pair.In.Spi));
    }

    [Fact]
    public void Removing_an_sa_wipes_its_crypto_objects()
    {
        var pair = new EspPair(s_crypto, Gcm);
        SecurityAssociation sa = pair.Out;
        Assert.True(pair.A.RemoveOutbound(pair.Handle));
        // The dotnet AEAD is disposed by Wipe: using it again fails.
        Assert.Throws<ObjectDisposedException>(() => sa.Gcm.Encrypt(new byte[12], 0, new byte[8], 0, 8, new byte[16], 0, 16, new byte[16], 0));
        Assert.Equal(0u, sa.Salt); // the salt is gone too

        var slot = new PacketSlot(1500);
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.NoSa, pair.A.Encapsulate(slot, 0));
    }

    [Fact]
    public void Rekey_is_make_before_break()
    {
        var pair = new EspPair(s_crypto, Cbc);
        int policy = pair.Out.PolicyId;
        SaParameters p = EspPair.Parameters(Cbc, 0x777777);
        p.PolicyId = policy;
        int newer = pair.A.InstallOutbound(p, 10, out SaInstallResult r);
        Assert.Equal(SaInstallResult.Ok, r);
        Assert.Equal(newer, pair.A.Policies.Get(policy)!.OutboundSa);

        Assert.True(pair.A.RemoveOutbound(pair.Handle));
        Assert.Equal(newer, pair.A.Policies.Get(policy)!.OutboundSa);
        var slot = new PacketSlot(1500);
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 20));
        Assert.Equal(0x777777u, BigEndian.ReadUInt32(slot.Buffer, slot.EspOffset));

        // Removing the one in use falls back to nothing left: acquire.
        Assert.True(pair.A.RemoveOutbound(newer));
        Assert.Equal(-1, pair.A.Policies.Get(policy)!.OutboundSa);
    }

    [Fact]
    public void Packet_and_byte_lifetimes_raise_rekey_then_expire()
    {
        var pair = new EspPair(s_crypto, Cbc, tweak: p =>
        {
            p.SoftPackets = 3;
            p.HardPackets = 5;
        });
        var slot = new PacketSlot(1500);
        var kinds = new List<EspEventKind>();
        for (int i = 1; i <= 6; i++)
        {
            EspPair.WriteInner(slot, 100);
            DropReason r = pair.A.Encapsulate(slot, i);
            Assert.Equal(i <= 5 ? DropReason.None : DropReason.SaExpired, r);
            if (r == DropReason.None)
            {
                EspPair.ToReceived(slot);
                Assert.Equal(DropReason.None, pair.B.Decapsulate(slot, i));
            }

            while (pair.A.Events.TryTake(out uint spi, out bool inbound, out _) is var k && k != EspEventKind.None)
            {
                Assert.Equal(pair.Out.Spi, spi);
                Assert.False(inbound);
                kinds.Add(k);
            }

            if (i == 3)
            {
                Assert.Equal([EspEventKind.Rekey], kinds);
            }
        }

        Assert.Equal([EspEventKind.Rekey, EspEventKind.Expired], kinds);
        Assert.True(pair.Out.Expired);
        Assert.Equal(5, pair.Out.Packets);
        Assert.Equal(500, pair.Out.Bytes);
        Assert.Equal(1, pair.Out.Drops.Get(DropReason.SaExpired));

        // The inbound side counted the same five packets and expired too.
        Assert.True(pair.In.Expired);
        Assert.Equal(EspEventKind.Rekey, pair.B.Events.TryTake(out _, out bool inb, out _));
        Assert.True(inb);
        Assert.Equal(EspEventKind.Expired, pair.B.Events.TryTake(out _, out _, out _));
    }

    [Fact]
    public void Byte_lifetime_and_time_lifetime_through_poll()
    {
        var pair = new EspPair(s_crypto, Gcm, tweak: p =>
        {
            p.SoftBytes = 1000;
            p.SoftLifetimeMs = 60_000;
            p.HardLifetimeMs = 90_000;
        });
        var slot = new PacketSlot(1500);
        EspPair.WriteInner(slot, 1000);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 10));
        Assert.Equal(EspEventKind.Rekey, pair.A.Events.TryTake(out _, out _, out _));

        pair.B.Poll(59_999);
        Assert.Equal(0, pair.B.Events.Count);
        pair.B.Poll(60_000);
        Assert.Equal(EspEventKind.Rekey, pair.B.Events.TryTake(out _, out _, out _));
        pair.B.Poll(70_000);
        Assert.Equal(0, pair.B.Events.Count);
        pair.B.Poll(90_000);
        Assert.Equal(EspEventKind.Expired, pair.B.Events.TryTake(out uint spi, out _, out _));
        Assert.Equal(pair.In.Spi, spi);
        pair.A.Poll(90_000);
        Assert.Equal(EspEventKind.Expired, pair.A.Events.TryTake(out _, out _, out _));
        EspPair.WriteInner(slot, 100);
        Assert.Equal(DropReason.SaExpired, pair.A.Encapsulate(slot, 90_001));
    }

    [Fact]
    public void Sequence_numbers_never_wrap_without_esn()
    {
        var pair = new EspPair(s_crypto, Cbc);
        var slot = new PacketSlot(1500);
        pair.Out.Sequence = uint.MaxValue - SecurityAssociation.SequenceSoftMargin - 1;
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        Assert.Equal(EspEventKind.Rekey, pair.A.Events.TryTake(out _, out _, out _));

        pair.Out.Sequence = uint.MaxValue - 1;
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        Assert.Equal(uint.MaxValue, BigEndian.ReadUInt32(slot.Buffer, slot.EspOffset + 4));

        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.SequenceExhausted, pair.A.Encapsulate(slot, 0));
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.SequenceExhausted, pair.A.Encapsulate(slot, 0));
        Assert.Equal((ulong)uint.MaxValue, pair.Out.LastSequence);
        Assert.Equal(EspEventKind.Expired, pair.A.Events.TryTake(out _, out _, out _));
        Assert.Equal(EspEventKind.None, pair.A.Events.TryTake(out _, out _, out _));
        Assert.Equal(2, pair.Out.Drops.Get(DropReason.SequenceExhausted));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(12)]
    public void Esn_carries_packets_across_2_to_the_32(int suiteIndex)
    {
        EspSuite suite = EspSuite.All[suiteIndex];
        if (!suite.Esn)
        {
            // Without ESN the same start is the end of the SA.
            var plain = new EspPair(s_crypto, suite);
            plain.Out.Sequence = uint.MaxValue;
            var s = new PacketSlot(1500);
            EspPair.WriteInner(s, 64);
            Assert.Equal(DropReason.SequenceExhausted, plain.A.Encapsulate(s, 0));
            return;
        }

        var pair = new EspPair(s_crypto, suite);
        var slot = new PacketSlot(1500);
        pair.Out.Sequence = 0xFFFFFFF0;
        pair.In.ReplayWindow.Update(0xFFFFFFE0); // the receiver has followed so far
        for (int i = 0; i < 40; i++)
        {
            EspPair.WriteInner(slot, 64, fill: (byte)i);
            Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
            EspPair.ToReceived(slot);
            Assert.Equal(DropReason.None, pair.B.Decapsulate(slot, 0));
        }

        Assert.Equal(0x100000018UL, pair.Out.LastSequence);
        Assert.Equal(0x100000018UL, pair.In.ReplayWindow.Top);
    }

    [Fact]
    public void Spis_index_the_table_and_are_never_reserved_values()
    {
        var engine = new EspEngine(s_crypto, new DeterministicRandom(9), 8, 2, 2);
        var spis = new HashSet<uint>();
        for (int i = 0; i < 8; i++)
        {
            uint spi = engine.ReserveInboundSpi();
            Assert.True(spi >= 256);
            Assert.True(spis.Add(spi & 7), "index used twice");
        }

        Assert.Equal(0u, engine.ReserveInboundSpi());
        Assert.Equal(SaInstallResult.SpiNotReserved, engine.InstallInbound(EspPair.Parameters(Cbc, 0x99999999), 0));
        Assert.False(engine.ReserveInboundSpi(255));
    }

    [Fact]
    public void Released_spi_can_be_reserved_again_and_only_reserved_spis_install()
    {
        var engine = new EspEngine(s_crypto, new DeterministicRandom(9), 2, 2, 2);
        uint a = engine.ReserveInboundSpi();
        uint b = engine.ReserveInboundSpi();
        Assert.Equal(0u, engine.ReserveInboundSpi());
        Assert.True(engine.ReleaseSpi(a));
        Assert.False(engine.ReleaseSpi(a));
        uint c = engine.ReserveInboundSpi();
        Assert.Equal(a & 1, c & 1);
        Assert.Equal(SaInstallResult.Ok, engine.InstallInbound(EspPair.Parameters(Cbc, c), 0));
        Assert.Equal(SaInstallResult.SpiNotReserved, engine.InstallInbound(EspPair.Parameters(Cbc, c), 0));
        Assert.Equal(SaInstallResult.Ok, engine.InstallInbound(EspPair.Parameters(Cbc, b), 0));
        Assert.NotNull(engine.FindInbound(b));
        Assert.NotNull(engine.FindInbound(c));
    }

    [Fact]
    public void Install_rejects_bad_parameters()
    {
        var engine = new EspEngine(s_crypto, new DeterministicRandom(9), 8, 8, 2);
        int policy = engine.AddPolicy(TrafficSelector.Any(), TrafficSelector.Any(), 0, PolicyAction.Protect);

        SaInstallResult Try(Action<SaParameters> change)
        {
            SaParameters p = EspPair.Parameters(Cbc, 0x1000);
            p.PolicyId = policy;
            change(p);
            engine.InstallOutbound(p, 0, out SaInstallResult r);
            return r;
        }

        Assert.Equal(SaInstallResult.Ok, Try(_ => { }));
        Assert.Equal(SaInstallResult.BadParameters, Try(p => p.EncryptionKey = new byte[15]));
        Assert.Equal(SaInstallResult.BadParameters, Try(p => p.IntegrityKey = null!));
        Assert.Equal(SaInstallResult.BadParameters, Try(p => p.IntegrityKey = new byte[20]));
        Assert.Equal(SaInstallResult.BadParameters, Try(p => { p.Cipher = CipherAlgorithm.TripleDesCbc; p.EncryptionKey = new byte[16]; }));
        Assert.Equal(SaInstallResult.BadParameters, Try(p => { p.Cipher = CipherAlgorithm.AesGcm; p.EncryptionKey = new byte[16]; }));
        Assert.Equal(SaInstallResult.BadParameters, Try(p => { p.Cipher = CipherAlgorithm.AesGcm; p.EncryptionKey = new byte[20]; p.GcmIcvLength = 10; }));
        Assert.Equal(SaInstallResult.BadParameters, Try(p => { p.Integrity = HashAlgorithm.Md5; p.IntegrityKey = new byte[16]; }));
        Assert.Equal(SaInstallResult.NoSuchPolicy, Try(p => p.PolicyId = 3));
        Assert.Equal(SaInstallResult.Ok, Try(p => { p.Cipher = CipherAlgorithm.AesGcm; p.EncryptionKey = new byte[36]; p.GcmIcvLength = 8; }));
    }

    [Fact]
    public void Sha256_96_compat_switch_truncates_the_icv_to_12_bytes()
    {
        var pair = new EspPair(s_crypto, EspSuite.All[5]);
        Assert.Equal(12, pair.Out.IcvLength);
        Assert.Equal(16, new EspPair(s_crypto, EspSuite.All[1]).Out.IcvLength);
    }

    [Fact]
    public void Every_drop_reason_has_a_distinct_console_name()
    {
        var names = new HashSet<string>();
        for (int i = 0; i < DropCounters.ReasonCount; i++)
        {
            Assert.True(names.Add(DropCounters.NameOf((DropReason)i)));
        }

        Assert.DoesNotContain("unknown", names);
    }

    [Fact]
    public void A_full_event_queue_counts_what_it_loses()
    {
        var q = new EspEventQueue(2);
        Assert.True(q.Raise(EspEventKind.Rekey, 1, true, -1));
        Assert.True(q.Raise(EspEventKind.Expired, 2, true, -1));
        Assert.False(q.Raise(EspEventKind.Acquire, 0, false, 3));
        Assert.Equal(1, q.Lost);
        Assert.Equal(EspEventKind.Rekey, q.TryTake(out uint spi, out _, out _));
        Assert.Equal(1u, spi);
        Assert.True(q.Raise(EspEventKind.Acquire, 0, false, 3));
        Assert.Equal(EspEventKind.Expired, q.TryTake(out _, out _, out _));
        Assert.Equal(EspEventKind.Acquire, q.TryTake(out _, out _, out int policy));
        Assert.Equal(3, policy);
    }
}

/// <summary>Following the peer's NAT rebinding (RFC 3948; WIRE-FACTS "follow the translated source port").</summary>
public class EspNatRebindingTests
{
    [Fact]
    public void Newest_authenticated_packet_from_a_new_port_moves_the_peers_sas()
    {
        var pair = new EspPair(EspPair.Provider("dotnet"), EspSuite.All[7]);
        // B also has an outbound SA towards A (the other direction of the same tunnel).
        int policy = pair.B.AddPolicy(new TrafficSelector(EspPair.LanB, 16), new TrafficSelector(EspPair.LanA, 16), 0, PolicyAction.Protect);
        SaParameters p = EspPair.Parameters(EspSuite.All[7], 0x4444);
        p.PolicyId = policy;
        p.RemoteAddress = EspPair.WanA;
        int back = pair.B.InstallOutbound(p, 0, out _);
        pair.In.RemoteAddress = EspPair.WanA;

        var slot = new PacketSlot(1500);
        byte[] first = Send(pair, slot);
        byte[] second = Send(pair, slot);

        // Packet 2 arrives first from a new NAT mapping 203.0.113.9:61000.
        Assert.Equal(DropReason.None, Receive(pair, slot, second, 0xCB007109, 61000));
        Assert.Equal(0xCB007109u, pair.In.RemoteAddress);
        Assert.Equal(61000, pair.In.RemotePort);
        Assert.Equal(61000, pair.B.GetOutbound(back)!.RemotePort);
        Assert.Equal(0xCB007109u, pair.B.GetOutbound(back)!.RemoteAddress);
        Assert.Equal(EspEventKind.PeerMoved, pair.B.Events.TryTake(out uint spi, out _, out _));
        Assert.Equal(pair.In.Spi, spi);

        // The older packet 1, arriving late from the old mapping, does not move it back.
        Assert.Equal(DropReason.None, Receive(pair, slot, first, EspPair.WanA, 4500));
        Assert.Equal(61000, pair.In.RemotePort);
        Assert.Equal(EspEventKind.None, pair.B.Events.TryTake(out _, out _, out _));

        // B's next packet to A goes to the new mapping.
        EspPair.WriteInner(slot, 64, source: 0x0A020007, destination: 0x0A010005);
        Assert.Equal(DropReason.None, pair.B.Encapsulate(slot, 0));
        Assert.Equal(0xCB007109u, slot.RemoteAddress);
        Assert.Equal(61000, slot.RemotePort);
        Assert.Equal(61000, BigEndian.ReadUInt16(slot.Buffer, slot.EspOffset - 6));
    }

    private static byte[] Send(EspPair pair, PacketSlot slot)
    {
        EspPair.WriteInner(slot, 64);
        Assert.Equal(DropReason.None, pair.A.Encapsulate(slot, 0));
        return slot.Buffer.AsSpan(slot.EspOffset, slot.EspLength).ToArray();
    }

    private static DropReason Receive(EspPair pair, PacketSlot slot, byte[] packet, uint address, int port)
    {
        Array.Copy(packet, 0, slot.Buffer, PacketSlot.ReceiveOffset, packet.Length);
        slot.Offset = PacketSlot.ReceiveOffset;
        slot.Length = packet.Length;
        slot.RemoteAddress = address;
        slot.RemotePort = port;
        return pair.B.Decapsulate(slot, 0);
    }
}
