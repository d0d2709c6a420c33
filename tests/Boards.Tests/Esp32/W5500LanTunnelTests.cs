using NanoGate.Boards.Drivers;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using GatewayNode = NanoGate.Firmware.Gateway.Gateway;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>
/// The ESP32 LAN port in the real gateway: gateway A's protected side is the W5500 driver and
/// layer 2 over the chip model, with a host on its wire that speaks ARP and ICMP echo; gateway B
/// is a sim gateway. IKE (main mode, quick mode) keys the tunnel on the first ping, then pings
/// cross it both ways: every frame on A's LAN went through the W5500's SPI frames and ARP.
/// </summary>
public sealed class W5500LanTunnelTests
{
    private const uint HostA = 0x0A01000A;   // 10.1.0.10, on the W5500's wire
    private const uint LanA = 0x0A010001;    // 10.1.0.1
    private static readonly byte[] s_hostMac = [0x02, 0x00, 0x00, 0x00, 0x01, 0x0A];

    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly W5500Model _chip;
    private readonly EthernetLanPort _lanA;
    private readonly GatewayNode _a;
    private readonly GatewayNode _b;
    private readonly SimLanHost _hostB;
    private byte[]? _gatewayMac;
    private int _seen;

    public W5500LanTunnelTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(7));
        var boardA = new SimBoard(_net, "gwA", 0xC6336402, 1); // 198.51.100.2
        var boardB = new SimBoard(_net, "gwB", 0xCB007102, 2); // 203.0.113.2
        (_chip, W5500 driver) = W5500Tests.Started();
        _lanA = new EthernetLanPort(driver, boardA.Clock, 8, 2, 1500);
        _a = Gateway(boardA, _lanA, Config("gwA", "198.51.100.2/24", "198.51.100.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"));
        _b = Gateway(boardB, boardB.Lan, Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.2", "10.2.0.0/24", "10.1.0.0/24"));
        // What Esp32Board.Attach does on the device: the LAN port follows the applied configuration.
        GatewayConfiguration applied = _a.Cli.Applied;
        _lanA.Configure(applied.LanAddress, applied.LanPrefixLength);
        _a.KeyExchange = new IkeKeyExchange(_a);
        _b.KeyExchange = new IkeKeyExchange(_b);
        _hostB = boardB.Lan.AddHost(0x0A020014); // 10.2.0.20
        _a.Start(_clock.NowMs);
        _b.Start(_clock.NowMs);
    }

    private static GatewayNode Gateway(SimBoard board, ILanPort lan, string config)
    {
        var node = new GatewayNode(new GatewayBoard
        {
            Name = board.Name,
            Clock = board.Clock,
            Random = board.Random,
            InsecureRandomAllowed = true, // the sim board's seeded random
            Crypto = board.Crypto,
            Ike = board.Ike,
            NatT = board.NatT,
            Lan = lan,
        }.TapCapture());
        var report = new TextBuffer();
        Assert.True(node.LoadStartup(config, report), report.ToString());
        return node;
    }

    private static string Config(string sysname, string wan, string gateway, string lan, string peer, string localNet, string remoteNet) =>
        $"""
        sysname {sysname}
        interface wan address {wan} gateway {gateway}
        interface lan address {lan}
        ike proposal 10
        ike peer peer
         pre-shared-key simple fake-test-key
         remote-address {peer}
         ike-proposal 10
        ipsec proposal p1
        ipsec policy to-peer
         ike-peer peer
         proposal p1
         local-subnet {localNet}
         remote-subnet {remoteNet}
        """;

    private int RepliesToHostA { get; set; }

    private int EchoRequestsAnsweredByHostA { get; set; }

    private void Pump(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            _a.RunOnce(_clock.NowMs);
            _b.RunOnce(_clock.NowMs);
            _net.Poll();
            HostAOnTheWire();
            _clock.Advance(1);
        }
    }

    // Host A: answers ARP for its address, learns the gateway's MAC from ARP replies, answers
    // echo requests and counts echo replies, all from the frames the chip put on the wire.
    private void HostAOnTheWire()
    {
        for (; _seen < _chip.SentCount; _seen++)
        {
            byte[] f = _chip.Sent(_seen);
            int type = BigEndian.ReadUInt16(f, 12);
            if (type == EthernetLanPort.EtherTypeArp)
            {
                int op = BigEndian.ReadUInt16(f, 20);
                if (op == EthernetLanPort.ArpRequest && Ipv4.Read(f, 38) == HostA)
                {
                    Wire(Arp(EthernetLanPort.ArpReply, f[22..28], Ipv4.Read(f, 28)));
                }
                else if (op == EthernetLanPort.ArpReply && Ipv4.Read(f, 28) == LanA)
                {
                    _gatewayMac = f[22..28];
                }

                continue;
            }

            byte[] packet = f[14..];
            if (type == EthernetLanPort.EtherTypeIpv4
                && IcmpEcho.TryRead(packet, packet.Length, out uint source, out uint destination, out int icmp, out ushort id, out ushort sequence)
                && destination == HostA)
            {
                if (icmp == IcmpEcho.EchoRequest)
                {
                    EchoRequestsAnsweredByHostA++;
                    SendIpv4(IcmpEcho.Build(HostA, source, IcmpEcho.EchoReply, id, sequence, 56));
                }
                else if (icmp == IcmpEcho.EchoReply)
                {
                    RepliesToHostA++;
                }
            }
        }
    }

    private static byte[] Arp(int op, byte[] targetMac, uint targetIp) =>
        EthernetFrames.Arp(op, s_hostMac, HostA, targetMac, targetIp, op == EthernetLanPort.ArpRequest ? W5500Tests.BroadcastMac : targetMac);

    private void Wire(byte[] frame) => Assert.True(_chip.Inject(frame, frame.Length));

    private void SendIpv4(byte[] packet)
    {
        byte[] f = new byte[Math.Max(60, 14 + packet.Length)];
        _gatewayMac!.CopyTo(f, 0);
        s_hostMac.CopyTo(f, 6);
        f[12] = 0x08;
        packet.CopyTo(f, 14);
        Wire(f);
    }

    [Fact]
    public void A_host_behind_the_W5500_pings_through_the_tunnel_and_is_pinged_back()
    {
        // Host A finds its default gateway by ARP, as any LAN host does.
        Wire(Arp(EthernetLanPort.ArpRequest, new byte[6], LanA));
        Pump(5);
        Assert.Equal(W5500Tests.OurMac, _gatewayMac);

        for (ushort seq = 1; seq <= 30 && RepliesToHostA == 0; seq++)
        {
            SendIpv4(IcmpEcho.Build(HostA, _hostB.Address, IcmpEcho.EchoRequest, 7, seq, 56));
            Pump(500);
        }

        Assert.True(RepliesToHostA > 0, "no echo reply crossed the tunnel to the W5500 side: " + _a.Cli.Applied.Sysname);
        Assert.True(_lanA.ArpRequestsSent >= 1); // gateway A resolved host A before delivering the reply

        _hostB.Ping(HostA, 900);
        Pump(50);
        Assert.Equal(1, EchoRequestsAnsweredByHostA);
        Assert.Contains((HostA, (ushort)900), _hostB.Replies);
        Assert.Equal(0, _chip.ProtocolErrors);
    }
}
