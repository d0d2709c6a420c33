using System.Buffers.Binary;
using System.Text;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Capture;
using NanoGate.Firmware.Gateway;
using NanoGate.Firmware.Tests.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;
using static NanoGate.Firmware.Tests.Gateway.ManualKeys;

namespace NanoGate.Firmware.Tests.Capture;

/// <summary>
/// End to end on the sim board: the branch gateway (192.168.1.2, behind a port-changing NAPT)
/// captures while it negotiates main mode + quick mode with NAT-T with the head office
/// (203.0.113.2) and pings cross; the export is parsed back here and decrypted with the exported
/// keys and the project's portable crypto, as Wireshark would: the ISAKMP messages (main mode
/// 1..6, quick mode 1..3) are there, MM5 decrypts under the ikev1_decryption_table key, and ESP
/// packets of both directions decrypt under the esp_sa keys to the pinged IPv4 packets.
/// </summary>
public sealed class GatewayCaptureTests
{
    private const int ExchangeMain = 2;   // RFC 2408 §3.1 / RFC 2409: identity protection
    private const int ExchangeQuick = 32;
    private const int PayloadKe = 4;

    private readonly ManualClock _clock = new();
    private readonly SimNetwork _net;
    private readonly SimGateway _a;
    private readonly SimGateway _b;

    public GatewayCaptureTests()
    {
        _net = new SimNetwork(_clock, new DeterministicRandom(7));
        _net.AddNat("branch", Ip("198.51.100.1"), Ip("192.168.1.0"), 24, NatPortMode.Change);
        var warnings = new StringWriter();
        _a = new SimGateway(_net, "gwA", Ip("192.168.1.2"), 1,
            SimGateway.Config("gwA", "192.168.1.2/24", "192.168.1.1", "10.1.0.1/24", "203.0.113.2", "10.1.0.0/24", "10.2.0.0/24"), warnings);
        _b = new SimGateway(_net, "gwB", Ip("203.0.113.2"), 2,
            SimGateway.Config("gwB", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", "10.1.0.0/24"), warnings);
        _a.Node.KeyExchange = new IkeKeyExchange(_a.Node);
        _b.Node.KeyExchange = new IkeKeyExchange(_b.Node);
    }

    private void Pump(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            _a.Node.RunOnce(_clock.NowMs);
            _b.Node.RunOnce(_clock.NowMs);
            _net.Poll();
            _clock.Advance(1);
        }
    }

    private byte[] Stored(string name)
    {
        int n = _a.Board.Storage.Length(name);
        Assert.True(n >= 0, name + " was not written");
        byte[] b = new byte[n];
        Assert.Equal(n, _a.Board.Storage.Read(name, b, 0, n));
        return b;
    }

    [Fact]
    public void Capture_with_keys_exports_a_pcap_whose_IKE_and_ESP_decrypt_with_the_exported_keys()
    {
        Pump(10);
        Assert.StartsWith("Warning: From now on the keys", _a.Console("capture keys enable"));
        Assert.StartsWith("Info: Capture started", _a.Console("capture start"));

        SimLanHost hostA = _a.Board.Lan.AddHost(Ip("10.1.0.10"));
        SimLanHost hostB = _b.Board.Lan.AddHost(Ip("10.2.0.20"));
        for (ushort seq = 1; seq <= 30 && hostA.Replies.Count == 0; seq++)
        {
            hostA.Ping(hostB.Address, seq);
            Pump(500);
        }

        Assert.NotEmpty(hostA.Replies);
        hostB.Ping(hostA.Address, 900);
        Pump(100);

        string export = _a.Console("capture export");
        Assert.Matches(@"^Info: Wrote capture\.pcap: \d+ packet\(s\), \d+ bytes \(times are since capture start\)\.\n"
            + @"Warning: Wrote ikev1_decryption_table \(1 ISAKMP SA\(s\)\) and esp_sa \(2 ESP SA\(s\)\): they hold secret keys; delete them after use\.\n$", export);

        var pcap = new PcapReader(Stored(CaptureControl.PcapFileName));
        Assert.Equal(101u, pcap.LinkType);
        uint wan = Ip("192.168.1.2");
        uint peer = Ip("203.0.113.2");
        var ike = new List<(PcapRecord Record, byte[] Message)>();
        var esp = new List<PcapRecord>();
        foreach (PcapRecord r in pcap.Records)
        {
            Assert.True(PcapRecord.Ipv4ChecksumHolds(r.Data));
            Assert.Equal(17, r.Protocol);
            Assert.True((r.Source == wan && r.Destination == peer) || (r.Source == peer && r.Destination == wan));
            Assert.Equal(r.WireLength, BinaryPrimitives.ReadUInt16BigEndian(r.Data.AsSpan(2)));
            Assert.Equal(r.WireLength - 20, BinaryPrimitives.ReadUInt16BigEndian(r.Data.AsSpan(24)));
            byte[] p = r.Payload;
            bool port500 = r.SourcePort == 500 || r.DestinationPort == 500;
            if (port500)
            {
                ike.Add((r, p));
            }
            else if (p.Length >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0)
            {
                ike.Add((r, p[4..]));  // RFC 3948 §2.2 non-ESP marker
            }
            else if (!(p.Length == 1 && p[0] == 0xFF))
            {
                esp.Add(r);
            }
        }

        // Main mode 1..6 (the first four on 500, then floated to 4500, RFC 3947 §4) and quick mode 1..3.
        var main = ike.Where(m => m.Message[18] == ExchangeMain).ToList();
        var quick = ike.Where(m => m.Message[18] == ExchangeQuick).ToList();
        Assert.Equal(6, main.Count);
        Assert.Equal(3, quick.Count);
        Assert.All(main.Take(4), m => Assert.Equal(500, m.Record.DestinationPort == 500 ? m.Record.SourcePort : -1));
        Assert.All(main.Skip(4).Concat(quick), m => Assert.True(m.Record.SourcePort == 4500 || m.Record.DestinationPort == 4500));
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(i % 2 == 0 ? wan : peer, main[i].Record.Source); // we initiated (the acquire)
        }

        // ikev1_decryption_table: CKY-I of the capture, and Ka decrypts MM5 (RFC 2409 Appendix B:
        // IV = hash(g^xi | g^xr) truncated to the block; default proposal aes-256, sha2-256).
        string[] ikeLines = DataLines(Stored(CaptureControl.IsakmpKeyFileName));
        string[] ikeFields = Assert.Single(ikeLines).Split(',');
        Assert.Equal(Convert.ToHexStringLower(main[0].Message[..8]), ikeFields[0]);
        byte[] ka = Convert.FromHexString(ikeFields[1]);
        Assert.Equal(32, ka.Length);
        var crypto = new PortableCryptoProvider();
        byte[] gxi = FindPayload(main[2].Message, PayloadKe);
        byte[] gxr = FindPayload(main[3].Message, PayloadKe);
        IHash sha = crypto.CreateHash(HashAlgorithm.Sha256);
        sha.Append(gxi, 0, gxi.Length);
        sha.Append(gxr, 0, gxr.Length);
        byte[] iv = new byte[32];
        sha.Finish(iv, 0);
        byte[] mm5 = main[4].Message;
        Assert.Equal(1, mm5[19] & 1); // encryption bit
        byte[] body = mm5[28..];
        crypto.CreateCbc(CipherAlgorithm.AesCbc, ka, 0, ka.Length).DecryptCbc(iv, 0, body, 0, body.Length);
        Assert.Equal(5, mm5[16]);                 // first payload: ID (RFC 2408 §3.8)
        Assert.Equal(1, body[4]);                 // ID type IPV4_ADDR
        Assert.Equal(wan, BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(8)));  // our ID: the WAN address

        // esp_sa: two lines (out and in); packets of each direction decrypt to the pings.
        string[] espLines = DataLines(Stored(CaptureControl.EspKeyFileName));
        Assert.Equal(2, espLines.Length);
        Assert.NotEmpty(esp);
        bool sawRequest = false;
        bool sawReply = false;
        foreach (PcapRecord r in esp)
        {
            byte[] inner = DecryptEsp(crypto, espLines, r);
            Assert.Equal(0x45, inner[0]);
            Assert.Equal(1, inner[9]);            // ICMP
            uint src = BinaryPrimitives.ReadUInt32BigEndian(inner.AsSpan(12));
            uint dst = BinaryPrimitives.ReadUInt32BigEndian(inner.AsSpan(16));
            if (r.Source == wan && src == hostA.Address && dst == hostB.Address && inner[20] == 8)
            {
                sawRequest = true;                // echo request from the branch host, going out
            }

            if (r.Source == peer && src == hostB.Address && dst == hostA.Address && inner[20] == 0)
            {
                sawReply = true;                  // echo reply to it, coming in
            }
        }

        Assert.True(sawRequest, "no outbound ESP packet decrypted to hostA's echo request");
        Assert.True(sawReply, "no inbound ESP packet decrypted to hostB's echo reply");
    }

    /// <summary>
    /// RFC 4303 §2 + RFC 3602 + RFC 4868 with the esp_sa line of the packet's addresses and SPI:
    /// check the 16-byte HMAC-SHA2-256 ICV, decrypt AES-CBC, strip padding; returns the inner packet.
    /// </summary>
    private static byte[] DecryptEsp(ICryptoProvider crypto, string[] lines, PcapRecord r)
    {
        byte[] p = r.Payload;
        uint spi = BinaryPrimitives.ReadUInt32BigEndian(p);
        string prefix = $"\"IPv4\",\"{Ipv4.Format(r.Source)}\",\"{Ipv4.Format(r.Destination)}\",\"0x{spi:x8}\",";
        string line = Assert.Single(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        string[] f = line.Split(',').Select(x => x.Trim('"')).ToArray();
        Assert.Equal("AES-CBC [RFC3602]", f[4]);
        Assert.Equal("HMAC-SHA-256-128 [RFC4868]", f[6]);
        byte[] encKey = Convert.FromHexString(f[5][2..]);
        byte[] authKey = Convert.FromHexString(f[7][2..]);

        int icvAt = p.Length - 16;
        IHash hmac = crypto.CreateHmac(HashAlgorithm.Sha256, authKey, 0, authKey.Length);
        hmac.Append(p, 0, icvAt);
        byte[] mac = new byte[32];
        hmac.Finish(mac, 0);
        Assert.Equal(mac[..16], p[icvAt..]);

        byte[] ct = p[24..icvAt];
        crypto.CreateCbc(CipherAlgorithm.AesCbc, encKey, 0, encKey.Length).DecryptCbc(p, 8, ct, 0, ct.Length);
        Assert.Equal(4, ct[^1]);                  // next header: IPv4 (tunnel mode)
        int padLength = ct[^2];
        for (int i = 0; i < padLength; i++)
        {
            Assert.Equal(i + 1, ct[ct.Length - 2 - padLength + i]); // RFC 4303 §2.4 padding 1, 2, 3, ...
        }

        return ct[..(ct.Length - 2 - padLength)];
    }

    private static byte[] FindPayload(byte[] message, int type)
    {
        int next = message[16];
        int at = 28;
        while (next != 0 && at + 4 <= message.Length)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at + 2));
            if (next == type)
            {
                return message[(at + 4)..(at + length)];
            }

            next = message[at];
            at += length;
        }

        throw new Xunit.Sdk.XunitException("payload " + type + " not found");
    }

    private static string[] DataLines(byte[] file) =>
        Encoding.ASCII.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();
}
