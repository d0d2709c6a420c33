using System.Security.Cryptography;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Main and aggressive mode between two gateways on the sim board, for no NAT, a port-preserving
/// and a port-changing NAPT in front of the branch, each side as initiator, groups 14 and 19.
/// Every case asserts the messages on the internet link: their number, NAT-D where RFC 3947 §3.2
/// puts them (and, recomputed here with SHA-256, mismatching exactly where the NAT is), the float
/// to 4500 with the non-ESP marker (RFC 3947 §4, RFC 3948 §2.2), and NAT keepalives from the
/// NATed side only (RFC 3948 §2.3). With group 19 the keys and HASHes of both ends are checked
/// against <see cref="Phase1Oracle"/>, RFC 2409 recomputed from the wire with .NET.
/// </summary>
public class Phase1MatrixTests
{
    public static IEnumerable<object[]> Matrix()
    {
        foreach (ExchangeMode mode in new[] { ExchangeMode.Main, ExchangeMode.Aggressive })
        {
            foreach (NatCase nat in new[] { NatCase.None, NatCase.Preserve, NatCase.Change })
            {
                foreach (bool branchInitiates in new[] { true, false })
                {
                    foreach (DhGroup group in new[] { DhGroup.Modp2048, DhGroup.Ecp256 })
                    {
                        yield return new object[] { mode, nat, branchInitiates, group };
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Establishes(ExchangeMode mode, NatCase nat, bool branchInitiates, DhGroup group)
    {
        var rig = new Rig(nat, mode, group);
        if (!branchInitiates && nat != NatCase.None)
        {
            rig.ForwardToBranch();
        }

        Gateway initiator = branchInitiates ? rig.Branch : rig.Hq;
        Gateway responder = branchInitiates ? rig.Hq : rig.Branch;
        initiator.Daemon.Initiate(branchInitiates ? rig.BranchPeer : rig.HqPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 10_000), string.Join("\n", initiator.Events.Concat(responder.Events)));

        IkeSa b = rig.Branch.Established!;
        IkeSa h = rig.Hq.Established!;
        Assert.Equal(b.Keys.SkeyidD, h.Keys.SkeyidD);
        Assert.Equal(b.Keys.SkeyidA, h.Keys.SkeyidA);
        Assert.Equal(b.Iv.Current, h.Iv.Current);
        Assert.Equal("fqdn hq.example.net", b.RemoteIdentity);
        Assert.Equal("fqdn branch.example.net", h.RemoteIdentity);
        if (group == DhGroup.Ecp256)
        {
            // Both ends' keys and the HASH_I/HASH_R they sent, against RFC 2409 §5 recomputed from the wire with .NET.
            Phase1Oracle phase1 = Phase1Oracle.Of(rig, rig.BranchCrypto!);
            phase1.AssertSameKeys(b);
            phase1.AssertSameKeys(h);
        }

        // The messages of the exchange on the internet link.
        int exchangeType = mode == ExchangeMode.Main ? ExchangeType.IdentityProtection : ExchangeType.Aggressive;
        var wire = rig.InternetIke().Where(m => m.Exchange == exchangeType).ToList();
        Assert.Equal(mode == ExchangeMode.Main ? 6 : 3, wire.Count);
        bool natted = nat != NatCase.None;
        Assert.Equal(natted, b.NatHere);
        Assert.False(b.NatThere);
        Assert.False(h.NatHere);
        Assert.Equal(natted, h.NatThere);

        // NAT-D: MM3/MM4 (AM2; AM3 is encrypted), RFC payload type 20 (both sides send the RFC VID).
        int[] withNatD = mode == ExchangeMode.Main ? [2, 3] : [1];
        foreach (int i in withNatD)
        {
            Assert.Equal(2, wire[i].Count(PayloadType.NatD));
            AssertNatD(wire[i], rig);
        }

        // Float: MM5/MM6 (AM3) on 4500 with the marker exactly when a NAT is seen.
        int firstFloated = mode == ExchangeMode.Main ? 4 : 2;
        for (int i = 0; i < wire.Count; i++)
        {
            bool on4500 = natted && i >= firstFloated;
            Assert.Equal(on4500, wire[i].Marker);
            Assert.Equal(on4500 ? 4500 : 500, wire[i].Record.Destination.Port == 500 || wire[i].Record.Destination.Port == 4500
                ? wire[i].Record.Destination.Port : wire[i].Record.Source.Port);
        }

        Assert.True(wire[^1].Encrypted);

        // Responder and initiator follow the NAT's translation of the branch's 4500 port.
        if (natted)
        {
            // HQ takes the port from the last authenticated message; in aggressive mode started by
            // HQ that is AM2 on 500, so it floats to the forwarded 4500.
            int mapped = mode == ExchangeMode.Aggressive && !branchInitiates ? 4500
                : rig.Nat!.Mappings[new NanoGate.Boards.Sim.Endpoint(Rig.BranchInside, 4500)];
            Assert.Equal(mapped, h.PeerPort);
            Assert.Equal(4500, h.LocalPort);
            Assert.Equal(4500, b.LocalPort);
            if (nat == NatCase.Preserve && branchInitiates)
            {
                Assert.Equal(4500, mapped);
            }
        }
        else
        {
            Assert.Equal(500, h.PeerPort);
            Assert.Equal(500, b.LocalPort);
        }

        // Keepalives: one 0xFF every 20 s from the NATed branch only.
        long t0 = rig.Clock.NowMs;
        rig.RunUntil(() => false, 45_000);
        var keepalives = rig.Network.Tap.Where(r => r.Link == "internet" && r.Payload.Length == 1 && r.TimeMs > t0).ToList();
        if (natted)
        {
            Assert.Equal(2, keepalives.Count);
            Assert.All(keepalives, k => Assert.Equal(0xFF, k.Payload[0]));
            Assert.All(keepalives, k => Assert.Equal(Rig.NatPublic, k.Source.Address));
            Assert.All(keepalives, k => Assert.Equal(4500, k.Destination.Port));
            Assert.Equal(2, rig.Hq.KeepalivesReceived);
        }
        else
        {
            Assert.Empty(keepalives);
        }
    }

    /// <summary>
    /// RFC 3947 §3.2, recomputed here: the first NAT-D is SHA-256(CKY-I | CKY-R | destination
    /// address | port) and matches what the receiver sees, the second the sender's own address and
    /// port, which mismatches the source on the internet link exactly when the sender is the NATed branch.
    /// </summary>
    private static void AssertNatD(Rig.IkeOnWire m, Rig rig)
    {
        byte[] b = m.Message;
        int first = m.Parsed.PayloadOffsetAt(m.Parsed.Find(PayloadType.NatD, 0));
        int second = m.Parsed.PayloadOffsetAt(m.Parsed.Find(PayloadType.NatD, m.Parsed.Find(PayloadType.NatD, 0) + 1));
        var dst = m.Record.Destination;
        var src = m.Record.Source;
        Assert.Equal(Hash(b, dst.Address, dst.Port), Data(b, first));
        bool fromBranch = src.Address == rig.BranchPublic;
        bool natted = rig.Nat is not null;
        Assert.Equal(!(fromBranch && natted), Hash(b, src.Address, src.Port).SequenceEqual(Data(b, second)));
    }

    private static byte[] Hash(byte[] m, uint address, int port)
    {
        byte[] ap = new byte[6];
        Ipv4.Write(ap, 0, address);
        ap[4] = (byte)(port >> 8);
        ap[5] = (byte)port;
        return SHA256.HashData([.. m[0..16], .. ap]);
    }

    private static byte[] Data(byte[] m, int payload) => m[(payload + 4)..(payload + GenericPayload.GetLength(m, payload))];
}
