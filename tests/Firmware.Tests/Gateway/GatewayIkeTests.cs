using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Two sim gateways keyed by IKE: the branch (gwA, 192.168.1.2) behind a port-changing NAPT
/// (198.51.100.1), the head office (gwB, 203.0.113.2) public. The first ping raises an acquire;
/// main or aggressive mode with NAT-T, then quick mode (RFC 2409 §5.5) install the SAs, and pings
/// cross the tunnel both ways. Both sides derive KEYMAT independently: traffic only flows when
/// the keys agree.
/// </summary>
public sealed class GatewayIkeTests
{
    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly StringWriter _warnings = new();
    private SimGateway? _a;
    private SimGateway? _b;
    private IkeKeyExchange? _ikeA;
    private IkeKeyExchange? _ikeB;

    public GatewayIkeTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(7));
        _net.AddNat("branch", Ip("198.51.100.1"), Ip("192.168.1.0"), 24, NatPortMode.Change);
    }

    private static uint Ip(string s) => ManualKeys.Ip(s);

    private void Start(string extraA = "", string extraB = "", string proposalA = "", string proposalB = "", string policyA = "", string policyB = "",
        string remoteNetB = "10.1.0.0/24")
    {
        _a = new SimGateway(_net, "gwA", Ip("192.168.1.2"), 1,
            Config("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24", extraA, proposalA, policyA), _warnings);
        _b = new SimGateway(_net, "gwB", Ip("203.0.113.2"), 2,
            Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", remoteNetB, extraB, proposalB, policyB), _warnings);
        _ikeA = new IkeKeyExchange(_a.Node);
        _a.Node.KeyExchange = _ikeA;
        _ikeB = new IkeKeyExchange(_b.Node);
        _b.Node.KeyExchange = _ikeB;
    }

    private static string Config(string sysname, string wan, string gateway, string lan, string peer, string localNet, string remoteNet,
        string peerExtra, string proposal, string policyExtra) =>
        $"""
        sysname {sysname}
        interface wan address {wan} gateway {gateway}
        interface lan address {lan}
        ike proposal 10
        ike peer peer
         pre-shared-key simple fake-test-key
         remote-address {peer}
         ike-proposal 10
        {peerExtra}
        ipsec proposal p1
        {proposal}
        ipsec policy to-peer
         ike-peer peer
         proposal p1
         local-subnet {localNet}
         remote-subnet {remoteNet}
        {policyExtra}
        """;

    private void Pump(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            _a!.Node.RunOnce(_clock.NowMs);
            _b!.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(1);
        }
    }

    /// <summary>Pings from branch host to HQ host every 500 ms until one is answered; false after <paramref name="maxMs"/>.</summary>
    private bool PingUntilAnswered(SimLanHost from, SimLanHost to, int maxMs)
    {
        for (int t = 0; t < maxMs; t += 500)
        {
            from.Ping(to.Address, (ushort)(t / 500 + 1));
            Pump(500);
            if (from.Replies.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private void AssertTunnelCarriesTrafficBothWays()
    {
        SimLanHost hostA = _a!.Board.Lan.AddHost(Ip("10.1.0.10"));
        SimLanHost hostB = _b!.Board.Lan.AddHost(Ip("10.2.0.20"));
        Assert.True(PingUntilAnswered(hostA, hostB, 15000), "no reply through the tunnel; A: " + _a.Console("display ike error-info")
            + Records(_ikeA!) + " B: " + Records(_ikeB!));
        int before = hostA.Answered;
        hostB.Ping(hostA.Address, 900);
        Pump(50);
        Assert.Equal(before + 1, hostA.Answered);
        Assert.Contains((hostA.Address, (ushort)900), hostB.Replies);
        Assert.Equal(1UL, _ikeA!.Statistics.Phase2Established);
        Assert.Equal(1UL, _ikeB!.Statistics.Phase2Established);
    }

    private static string Records(IkeKeyExchange ike) =>
        string.Join("\n", Enumerable.Range(0, ike.RecordCount).Select(ike.GetRecord));

    [Fact]
    public void Main_mode_and_quick_mode_with_NAT_T_bring_up_the_tunnel_from_an_acquire()
    {
        Start();
        AssertTunnelCarriesTrafficBothWays();

        // NAT-T: the branch floated to 4500, both SAs are UDP-encapsulated.
        Assert.True(_b!.Node.Esp.GetOutbound(0)!.UdpEncapsulation);
        string ike = _a!.Console("display ike sa");
        Assert.Matches(@"203\.0\.113\.2:4500\s+peer\s+RD\|ST\s+v1:1", ike);
        Assert.Matches(@"203\.0\.113\.2:4500\s+peer\s+RD\|ST\s+v1:2", ike);
        Assert.Contains("to-peer", _a.Console("display ipsec sa"));
        Assert.Equal(LedMode.On, _a.Board.Leds[LedId.Vpn]);
        Assert.Equal(LedMode.On, _b.Board.Leds[LedId.Vpn]);
    }

    [Fact]
    public void Quick_mode_with_PFS_group_14()
    {
        Start(policyA: " pfs dh-group14", policyB: " pfs dh-group14");
        AssertTunnelCarriesTrafficBothWays();
    }

    [Fact]
    public void Aggressive_mode_then_quick_mode()
    {
        string a = " exchange-mode aggressive\n local-id fqdn branch.example.net\n remote-id fqdn hq.example.net";
        string b = " exchange-mode aggressive\n local-id fqdn hq.example.net\n remote-id fqdn branch.example.net";
        Start(extraA: a, extraB: b);
        AssertTunnelCarriesTrafficBothWays();
    }

    [Fact]
    public void AES_GCM_128_tunnel()
    {
        string gcm = " esp encryption-algorithm aes-gcm-128";
        Start(proposalA: gcm, proposalB: gcm);
        AssertTunnelCarriesTrafficBothWays();
        Assert.Equal(NanoGate.Hal.Crypto.CipherAlgorithm.AesGcm, _a!.Node.Esp.GetOutbound(0)!.Cipher);
    }

    [Fact]
    public void Phase2_proposal_mismatch_is_recorded_on_both_sides()
    {
        Start(proposalA: " esp authentication-algorithm sha1", proposalB: " esp authentication-algorithm sha2-256");
        SimLanHost hostA = _a!.Board.Lan.AddHost(Ip("10.1.0.10"));
        Assert.False(PingUntilAnswered(hostA, _b!.Board.Lan.AddHost(Ip("10.2.0.20")), 4000));
        Assert.Contains(Enumerable.Range(0, _ikeB!.RecordCount).Select(_ikeB.GetRecord),
            r => r.Contains("Ikev1 error-info record(peer address: 198.51.100.1, error reason: phase2 proposal or pfs mismatch)"));
        Assert.Contains(Enumerable.Range(0, _ikeA!.RecordCount).Select(_ikeA.GetRecord),
            r => r.Contains("Ikev1 error-info record(peer address: 203.0.113.2, error reason: phase2 proposal or pfs mismatch)"));
    }

    [Fact]
    public void PFS_mismatch_is_a_phase2_proposal_or_pfs_mismatch()
    {
        Start(policyA: " pfs dh-group14");
        SimLanHost hostA = _a!.Board.Lan.AddHost(Ip("10.1.0.10"));
        Assert.False(PingUntilAnswered(hostA, _b!.Board.Lan.AddHost(Ip("10.2.0.20")), 4000));
        Assert.Contains(Enumerable.Range(0, _ikeB!.RecordCount).Select(_ikeB.GetRecord), r => r.Contains("error reason: phase2 proposal or pfs mismatch"));
        Assert.Contains(Enumerable.Range(0, _ikeA!.RecordCount).Select(_ikeA.GetRecord), r => r.Contains("error reason: phase2 proposal or pfs mismatch"));
    }

    [Fact]
    public void Flow_mismatch_answers_INVALID_ID_INFORMATION_and_is_recorded_on_both_sides()
    {
        Start(remoteNetB: "10.9.0.0/24");
        SimLanHost hostA = _a!.Board.Lan.AddHost(Ip("10.1.0.10"));
        Assert.False(PingUntilAnswered(hostA, _b!.Board.Lan.AddHost(Ip("10.2.0.20")), 4000));
        Assert.Contains(Enumerable.Range(0, _ikeB!.RecordCount).Select(_ikeB.GetRecord),
            r => r.Contains("Ikev1 error-info record(peer address: 198.51.100.1, error reason: flow mismatch)"));
        Assert.Contains(Enumerable.Range(0, _ikeA!.RecordCount).Select(_ikeA.GetRecord), r => r.Contains("error reason: flow mismatch"));
        Assert.Contains("Ikev1 error-info record(peer address: 198.51.100.1, error reason: flow mismatch)", _b.Console("display ike error-info"));
    }
}
