using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>NAT between the branch and the internet in a test case.</summary>
public enum NatCase
{
    None,
    Preserve,
    Change,
}

/// <summary>
/// Two gateways on a simulated internet (the interop harness's topology): the branch at
/// 192.168.100.2 behind a NAPT 203.0.113.1 (or at 198.51.100.2 without NAT), HQ at 203.0.113.2.
/// <see cref="RunUntil"/> is the run loop for both, jumping the manual clock to the next event.
/// </summary>
public sealed class Rig
{
    public const string Psk = "fake-test-psk-not-a-secret";
    public static readonly uint HqAddress = Ip("203.0.113.2");
    public static readonly uint NatPublic = Ip("203.0.113.1");
    public static readonly uint BranchInside = Ip("192.168.100.2");
    public static readonly uint BranchDirect = Ip("198.51.100.2");

    public Rig(NatCase nat, ExchangeMode mode, DhGroup group, uint seed = 1, ICryptoProvider? crypto = null)
    {
        Clock = new ManualClock(1000);
        Network = new SimNetwork(Clock, new DeterministicRandom(seed));
        uint branch = nat == NatCase.None ? BranchDirect : BranchInside;
        BranchPublic = nat == NatCase.None ? BranchDirect : NatPublic;
        if (nat != NatCase.None)
        {
            Nat = Network.AddNat("branch", NatPublic, Ip("192.168.100.0"), 24, nat == NatCase.Preserve ? NatPortMode.Preserve : NatPortMode.Change);
        }

        // Without a provider given, the branch's group 19 keys are .NET's with the private key kept,
        // so that the tests can derive phase 1 again from the wire (Phase1Oracle).
        BranchCrypto = crypto is null ? new OracleDhCrypto(new NanoGate.Boards.Host.DotNetCryptoProvider()) : null;
        Branch = new Gateway(Network, "branch", branch, seed + 100, crypto ?? BranchCrypto);
        Hq = new Gateway(Network, "hq", HqAddress, seed + 200, crypto);
        BranchPeer = Gateway.Peer("hq", HqAddress, mode, group, Psk, "branch.example.net", "hq.example.net");
        HqPeer = Gateway.Peer("branch", BranchPublic, mode, group, Psk, "hq.example.net", "branch.example.net");
        Branch.Daemon.AddPeer(BranchPeer);
        Hq.Daemon.AddPeer(HqPeer);
    }

    /// <summary>The branch's crypto when the rig chose it (no provider given): its DH keys are known to <see cref="Phase1Oracle"/>.</summary>
    public OracleDhCrypto? BranchCrypto { get; }

    public ManualClock Clock { get; }
    public SimNetwork Network { get; }
    public SimNat? Nat { get; }
    public uint BranchPublic { get; }
    public Gateway Branch { get; }
    public Gateway Hq { get; }
    public PeerConfig BranchPeer { get; }
    public PeerConfig HqPeer { get; }

    /// <summary>Lets HQ reach the branch behind the NAT (a port forward for 500 and 4500).</summary>
    public void ForwardToBranch()
    {
        Nat!.Forward(500, new Endpoint(BranchInside, 500));
        Nat.Forward(4500, new Endpoint(BranchInside, 4500));
    }

    /// <summary>Runs both gateways until <paramref name="done"/> or <paramref name="maxMs"/> of simulated time.</summary>
    public bool RunUntil(Func<bool> done, long maxMs)
    {
        long end = Clock.NowMs + maxMs;
        while (true)
        {
            Network.Poll();
            Branch.Pump(Clock.NowMs);
            Hq.Pump(Clock.NowMs);
            Branch.Daemon.Poll(Clock.NowMs);
            Hq.Daemon.Poll(Clock.NowMs);
            Branch.Quick?.Poll(Clock.NowMs);
            Hq.Quick?.Poll(Clock.NowMs);

            // The daemon's shared buffers were never taken by two messages at once (IkeScratch).
            Assert.Equal(0, Branch.Daemon.Scratch.Misuses);
            Assert.Equal(0, Hq.Daemon.Scratch.Misuses);
            if (done())
            {
                return true;
            }

            long next = Math.Min(Network.NextDeliveryMs ?? long.MaxValue, Math.Min(Branch.Daemon.NextDeadlineMs, Hq.Daemon.NextDeadlineMs));
            next = Math.Min(next, Math.Min(QuickDeadline(Branch), QuickDeadline(Hq)));
            if (next > end)
            {
                if (Clock.NowMs >= end)
                {
                    return done();
                }

                next = end;
            }

            Clock.Advance(Math.Max(0, next - Clock.NowMs));
        }
    }

    /// <summary>
    /// Quick mode's next timer; a deadline already passed (it says "now" while a policy waits for
    /// its phase 1) was just polled, and phase 1 progress comes from the network and daemon timers.
    /// </summary>
    private long QuickDeadline(Gateway g)
    {
        long t = g.Quick?.NextDeadlineMs ?? long.MaxValue;
        return t <= Clock.NowMs ? long.MaxValue : t;
    }

    public bool BothEstablished() => Branch.Established is not null && Hq.Established is not null;

    /// <summary>IKE messages seen on the internet link, in order (marker stripped, with whether it was there).</summary>
    public List<IkeOnWire> InternetIke()
    {
        var list = new List<IkeOnWire>();
        foreach (WireRecord r in Network.Tap.Where(r => r.Link == "internet"))
        {
            byte[] d = r.Payload;
            if (d.Length == 1)
            {
                continue;
            }

            bool hasMarker = d.Length >= 4 && d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0 && (r.Destination.Port == 4500 || r.Source.Port == 4500);
            byte[] m = hasMarker ? d[4..] : d;
            var msg = new IsakmpMessage();
            if (msg.TryParse(m, 0, m.Length))
            {
                list.Add(new IkeOnWire(r, m, hasMarker, msg));
            }
        }

        return list;
    }

    public static uint Ip(string s)
    {
        Assert.True(Ipv4.TryParse(s, out uint a));
        return a;
    }

    public sealed record IkeOnWire(WireRecord Record, byte[] Message, bool Marker, IsakmpMessage Parsed)
    {
        public int Exchange => Parsed.ExchangeType;
        public bool Encrypted => Parsed.IsEncrypted;
        public int Count(int type) => Parsed.Count(type);
        public bool Has(int type) => Parsed.Count(type) > 0;
    }
}
