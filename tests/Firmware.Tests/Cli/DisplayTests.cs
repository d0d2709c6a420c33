using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Status;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>
/// Golden outputs of the display commands over hand-filled snapshots. The layouts follow Huawei
/// VRP's "display ike sa" (Conn-ID / Peer / VPN / Flag(s) / Phase, entry count, flag legend with
/// RD--READY ST--STAYALIVE ...) and "display ipsec sa" (policy block, tunnel ends, flows,
/// [Outbound ESP SAs] / [Inbound ESP SAs] with "SPI: n (0x...)" and "sa remaining key duration
/// (kilobytes/sec)"), as published in Huawei's command references.
/// </summary>
public class DisplayTests
{
    private static (CliHarness, FakeRuntime) WithRuntime()
    {
        var h = new CliHarness();
        var rt = new FakeRuntime();
        h.Cli.Runtime = rt;
        return (h, rt);
    }

    private static FakeIkeSa Phase1() => new()
    {
        ConnId = 2,
        PeerAddress = 0xCB007102,
        PeerPort = 4500,
        LocalAddress = 0xC0A86402,
        LocalPort = 4500,
        VpnName = "hq",
        Flags = IkeSaFlags.Ready | IkeSaFlags.StayAlive,
        Phase = 1,
        InitiatorCookie = 0x0123456789abcdef,
        ResponderCookie = 0xfedcba9876543210,
        LifetimeSeconds = 86400,
        EstablishedAtMs = 1_000,
        RemoteId = "fqdn hq.example.net",
        NatTraversal = true,
        Dpd = true,
    };

    [Fact]
    public void Display_ike_sa_table()
    {
        var (h, rt) = WithRuntime();
        rt.IkeSas.Add(new FakeIkeSa { ConnId = 3, PeerAddress = 0xCB007102, PeerPort = 4500, VpnName = "hq", Flags = IkeSaFlags.Ready | IkeSaFlags.StayAlive, Phase = 2 });
        rt.IkeSas.Add(Phase1());
        rt.IkeSas.Add(new FakeIkeSa { ConnId = 7, PeerAddress = 0xC6336409, PeerPort = 500, VpnName = "dr", Flags = IkeSaFlags.Negotiating, Phase = 1 });
        Assert.Equal(CliHarness.Lines(
            "IKE SA information :",
            "    Conn-ID   Peer                  VPN             Flag(s)       Phase",
            "  ------------------------------------------------------------------------",
            "    3         203.0.113.2:4500      hq              RD|ST         v1:2",
            "    2         203.0.113.2:4500      hq              RD|ST         v1:1",
            "    7         198.51.100.9:500      dr              NEG           v1:1",
            "",
            "  Number of IKE SA : 3",
            "  ------------------------------------------------------------------------",
            "",
            "  Flag Description:",
            "  RD--READY   ST--STAYALIVE   RL--REPLACED   FD--FADING   TO--TIMEOUT   NEG--NEGOTIATING"), h.Expect(true, "display ike sa"));
    }

    [Fact]
    public void Display_ike_sa_verbose()
    {
        var (h, rt) = WithRuntime();
        rt.IkeSas.Add(Phase1());
        h.Output.Clear();
        Assert.True(h.Cli.Execute("display ike sa verbose", 301_000));
        Assert.Equal(CliHarness.Lines(
            "  --------------------------------------------------",
            "  Conn-ID                  : 2",
            "  Peer                     : 203.0.113.2:4500",
            "  Local                    : 192.168.100.2:4500",
            "  VPN                      : hq",
            "  Phase                    : v1:1",
            "  Flag(s)                  : RD|ST",
            "  Initiator cookie         : 0x0123456789abcdef",
            "  Responder cookie         : 0xfedcba9876543210",
            "  Exchange mode            : main",
            "  Authentication method    : pre-shared-key",
            "  Encryption algorithm     : aes-256",
            "  Authentication algorithm : sha2-256",
            "  DH group                 : group14",
            "  Lifetime (s)             : 86400",
            "  Remaining (s)            : 86100",
            "  Remote ID                : fqdn hq.example.net",
            "  NAT traversal            : yes",
            "  DPD                      : on",
            "",
            "  Number of IKE SA : 1"), h.Output.ToString());
    }

    [Fact]
    public void Display_ipsec_sa()
    {
        var (h, rt) = WithRuntime();
        rt.IpsecSas.Add(new FakeIpsecSa
        {
            PolicyName = "to-hq",
            ConnId = 3,
            TunnelLocal = 0xC0A86402,
            TunnelRemote = 0xCB007102,
            LocalSubnet = 0x0A010000,
            LocalPrefixLength = 24,
            RemoteSubnet = 0x0A020000,
            RemotePrefixLength = 24,
            InboundSpi = 0xC1000001,
            OutboundSpi = 0xC7B05585,
            Encryption = CipherAlgorithm.AesCbc,
            KeySize = 16,
            Integrity = HashAlgorithm.Sha256,
            IcvBits = 128,
            UdpEncapsulated = true,
            InboundBytes = 4096,
            InboundPackets = 4,
            OutboundBytes = 640,
            OutboundPackets = 5,
            MaxReceivedSequence = 4,
            MaxSentSequence = 5,
            ReplayWindow = 64,
            EstablishedAtMs = 0,
            LifetimeSeconds = 3600,
            LifetimeKilobytes = 0,
        });
        h.Output.Clear();
        Assert.True(h.Cli.Execute("display ipsec sa", 300_000));
        Assert.Equal(CliHarness.Lines(
            "===============================",
            "Interface: wan",
            "===============================",
            "",
            "  -----------------------------",
            "  IPsec policy name: \"to-hq\"",
            "  Mode             : ISAKMP",
            "  -----------------------------",
            "    Connection ID     : 3",
            "    Encapsulation mode: Tunnel",
            "    Tunnel local      : 192.168.100.2",
            "    Tunnel remote     : 203.0.113.2",
            "    Flow source       : 10.1.0.0/255.255.255.0 0/0",
            "    Flow destination  : 10.2.0.0/255.255.255.0 0/0",
            "",
            "    [Outbound ESP SAs]",
            "      SPI: 3350222213 (0xc7b05585)",
            "      Proposal: ESP-ENCRYPT-AES-128 ESP-AUTH-SHA2-256",
            "      ICV length (bits): 128",
            "      SA remaining key duration (kilobytes/sec): --/3300",
            "      Output security packets/bytes: 5/640",
            "      Max sent sequence-number: 5",
            "      UDP encapsulation used for NAT traversal: Y",
            "",
            "    [Inbound ESP SAs]",
            "      SPI: 3238002689 (0xc1000001)",
            "      Proposal: ESP-ENCRYPT-AES-128 ESP-AUTH-SHA2-256",
            "      ICV length (bits): 128",
            "      SA remaining key duration (kilobytes/sec): --/3300",
            "      Input security packets/bytes: 4/4096",
            "      Max received sequence-number: 4",
            "      Anti-replay : Enable",
            "      Anti-replay window size: 64",
            "      UDP encapsulation used for NAT traversal: Y"), h.Output.ToString());
    }

    [Fact]
    public void Display_ipsec_sa_gcm_with_volume_lifetime_and_none()
    {
        var (h, rt) = WithRuntime();
        Assert.Equal("Info: No IPsec SA.\n", h.Expect(true, "display ipsec sa"));
        rt.IpsecSas.Add(new FakeIpsecSa
        {
            PolicyName = "p",
            Encryption = CipherAlgorithm.AesGcm,
            KeySize = 32,
            Integrity = HashAlgorithm.Sha256,
            IcvBits = 128,
            LifetimeSeconds = 100,
            LifetimeKilobytes = 10,
            OutboundBytes = 3 * 1024,
            InboundBytes = 20 * 1024,
        });
        string text = h.Expect(true, "display ipsec sa");
        Assert.Contains("      Proposal: ESP-ENCRYPT-AES-GCM-256\n", text);
        Assert.Contains("      SA remaining key duration (kilobytes/sec): 7/100\n", text);
        Assert.Contains("      SA remaining key duration (kilobytes/sec): 0/100\n", text);
        Assert.Contains("      UDP encapsulation used for NAT traversal: N\n", text);
    }

    [Fact]
    public void Display_ike_statistics()
    {
        var (h, rt) = WithRuntime();
        rt.Ike.PacketsReceived = 120;
        rt.Ike.PacketsSent = 118;
        rt.Ike.Retransmissions = 2;
        rt.Ike.PacketsDropped = 1;
        rt.Ike.Phase1Started = 3;
        rt.Ike.Phase1Established = 2;
        rt.Ike.Phase2Started = 4;
        rt.Ike.Phase2Established = 4;
        rt.Ike.DpdSent = 7;
        rt.Ike.DpdAnswered = 5;
        rt.Ike.DpdAcked = 6;
        rt.Ike.Rekeys = 3;
        rt.Ike.HalfOpenRefused = 12;
        rt.Ike.ResponderDhOperations = 6;
        rt.Ike.ResponderDhRefused = 40;
        rt.Ike.ByReason[(int)IkeErrorReason.Phase1ProposalMismatch] = 1;
        Assert.Equal(CliHarness.Lines(
            "  IKEv1 statistics",
            "  --------------------------------------------------------",
            "  Packets received              : 120",
            "  Packets sent                  : 118",
            "  Retransmissions               : 2",
            "  Packets dropped               : 1",
            "  Phase 1 started/established   : 3/2",
            "  Phase 2 started/established   : 4/4",
            "  DPD R-U-THERE sent/acked      : 7/6",
            "  Peer's R-U-THERE answered     : 5",
            "  DPD timeouts                  : 0",
            "  Phase 2 rekeys                : 3",
            "  Half-open refused             : 12",
            "  Responder DH done/refused     : 6/40",
            "  Negotiation failures:",
            "    phase1 proposal mismatch                        : 1",
            "    authentication failed / pre-shared key mismatch : 0",
            "    peer address mismatch                           : 0",
            "    config ID mismatch                              : 0",
            "    flow mismatch                                   : 0",
            "    phase2 proposal or pfs mismatch                 : 0",
            "    malformed payload                               : 0",
            "    peer timeout                                    : 0",
            "    dpd timeout                                     : 0",
            "    resource limit (table, half-open, DH)           : 0",
            "    exchange mode mismatch                          : 0"), h.Expect(true, "display ike statistics"));
    }

    [Fact]
    public void Display_ipsec_statistics_shows_the_esp_drop_counters()
    {
        var (h, rt) = WithRuntime();
        rt.Esp.InboundPackets = 10;
        rt.Esp.OutboundPackets = 12;
        rt.Esp.Names = ["replay", "icv mismatch"];
        rt.Esp.Counts = [3, 1];
        Assert.Equal(CliHarness.Lines(
            "  ESP statistics",
            "  --------------------------------------------------------",
            "  Inbound packets               : 10",
            "  Outbound packets              : 12",
            "  Dropped packets:",
            "    replay                                          : 3",
            "    icv mismatch                                    : 1"), h.Expect(true, "display ipsec statistics"));
    }

    [Fact]
    public void Display_ike_peer_and_proposal_tables()
    {
        var h = new CliHarness();
        Assert.True(h.Cli.LoadStartup(CliHarness.Issue8Example));
        Assert.Equal(CliHarness.Lines(
            "  Number of IKE peers: 1",
            "",
            "  Peer name       Exchange   Remote address      Remote ID                 NAT-T  DPD     Proposals",
            "  ------------------------------------------------------------------------------------------------",
            "  hq              main       203.0.113.2         fqdn hq.example.net       on     30/15   10"), h.Expect(true, "display ike peer"));
        Assert.Equal(CliHarness.Lines(
            "  Number   Encryption  Authentication  DH       Lifetime(s)",
            "  --------------------------------------------------------",
            "  10       aes-256     sha2-256        group14  86400",
            "  default  aes-256     sha2-256        group14  86400"), h.Expect(true, "display ike proposal"));
    }

    [Fact]
    public void Display_led()
    {
        var h = new CliHarness();
        var leds = new LedStatus { TunnelCount = 1 };
        leds.On(StatusEvent.Running);
        leds.On(StatusEvent.WanLinkUp);
        leds.OnTunnel(StatusEvent.TunnelFailed, 0);
        h.Cli.Leds = leds;
        Assert.Equal(CliHarness.Lines(
            "  LED   State       Meaning",
            "  --------------------------------------------------",
            "  PWR   on          power on",
            "  SYS   on          running",
            "  WAN   slow-blink  link up, no address",
            "  VPN   fast-blink  last negotiation failed",
            "  PSTN  off         reserved for the modem module"), h.Expect(true, "display led"));
    }

    [Fact]
    public void Reset_and_capture_reach_the_runtime()
    {
        var (h, rt) = WithRuntime();
        rt.IkeSas.Add(Phase1());
        Assert.Equal("Info: 1 IKE SA(s) deleted.\n", h.Expect(true, "reset ike sa"));
        Assert.Equal("Info: 1 IKE SA(s) deleted.\n", h.Expect(true, "reset ike sa 2"));
        Assert.Equal("Error: No IKE SA with connection ID 9.\n", h.Expect(false, "reset ike sa 9"));
        Assert.Equal("Info: 0 IPsec SA pair(s) deleted.\n", h.Expect(true, "reset ipsec sa"));
        Assert.Equal("Info: capture 1\n", h.Expect(true, "capture start"));
        Assert.Equal("Info: capture 3\n", h.Expect(true, "cap exp"));
        Assert.Equal(["reset ike 0", "reset ike 2", "reset ike 9", "reset ipsec", "capture 1", "capture 3"], rt.Calls);
    }
}
