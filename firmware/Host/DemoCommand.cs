using NanoGate.Boards.Sim;
using NanoGate.Firmware.Capture;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Wire;

namespace NanoGate.Host;

/// <summary>
/// `nanogate demo`: a branch gateway behind a NAPT and a head-office gateway on the sim board
/// negotiate main mode and quick mode with NAT-T from their startup configurations; LAN hosts ping
/// through the tunnel. Prints the timeline from the simulated internet tap and what an operator
/// would see. Exit code 0 only when pings really crossed the tunnel both ways.
/// With <c>--capture DIR</c> the branch captures its WAN side with key export on (capture keys
/// enable, capture start, capture export) and the exported files are copied into DIR;
/// <c>--esp X</c> sets both sides' ESP encryption (e.g. aes-gcm-128) for such checks.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The branch's startup configuration (tests/Bench "memory" measures the gateway it makes).</summary>
    internal const string Branch = """
        sysname branch
        interface wan address 192.168.1.2/24 gateway 192.168.1.1
        interface lan address 10.1.0.1/24
        ike proposal 10
         encryption-algorithm aes-256
         authentication-algorithm sha2-256
         dh group14
        ike peer hq
         pre-shared-key simple demo-only-not-a-secret
         remote-address 203.0.113.2
         ike-proposal 10
        ipsec proposal p1
         esp encryption-algorithm aes-128
         esp authentication-algorithm sha2-256
        ipsec policy to-hq
         ike-peer hq
         proposal p1
         pfs dh-group14
         local-subnet 10.1.0.0/24
         remote-subnet 10.2.0.0/24
        """;

    /// <summary>The head office's startup configuration.</summary>
    internal const string HeadOffice = """
        sysname hq
        interface wan address 203.0.113.2/24 gateway 203.0.113.1
        interface lan address 10.2.0.1/24
        ike proposal 10
         encryption-algorithm aes-256
         authentication-algorithm sha2-256
         dh group14
        ike peer branch
         pre-shared-key simple demo-only-not-a-secret
         remote-address 198.51.100.1
         ike-proposal 10
        ipsec proposal p1
         esp encryption-algorithm aes-128
         esp authentication-algorithm sha2-256
        ipsec policy to-branch
         ike-peer branch
         proposal p1
         pfs dh-group14
         local-subnet 10.2.0.0/24
         remote-subnet 10.1.0.0/24
        """;

    /// <summary>What --esp takes (the ESP encryption algorithms of the console).</summary>
    internal static readonly string[] EspAlgorithms = ["aes-128", "aes-192", "aes-256", "aes-gcm-128", "aes-gcm-256", "3des"];

    public static int Run(ICryptoProvider crypto, string? captureDir = null, string? espAlgorithm = null)
    {
        string branchConfig = Branch;
        string hqConfig = HeadOffice;
        if (espAlgorithm is not null)
        {
            // --esp X: both sides' ipsec proposal p1 uses X (aes-gcm takes no authentication algorithm).
            const string p1 = "esp encryption-algorithm aes-128\n esp authentication-algorithm sha2-256";
            string replacement = "esp encryption-algorithm " + espAlgorithm
                + (espAlgorithm.StartsWith("aes-gcm", StringComparison.Ordinal) ? "" : "\n esp authentication-algorithm sha2-256");
            branchConfig = branchConfig.Replace(p1, replacement, StringComparison.Ordinal);
            hqConfig = hqConfig.Replace(p1, replacement, StringComparison.Ordinal);
        }

        var clock = new ManualClock();
        var net = new SimNetwork(clock, new DeterministicRandom(2024));
        net.AddNat("branch-nat", Ipv4Of("198.51.100.1"), Ipv4Of("192.168.1.0"), 24, NatPortMode.Change);
        var quiet = new StringWriter();
        var branchBoard = new SimBoard(net, "branch", Ipv4Of("192.168.1.2"), 11, crypto, quiet);
        var hqBoard = new SimBoard(net, "hq", Ipv4Of("203.0.113.2"), 22, crypto, quiet);
        Gateway branch = Create(branchBoard, branchConfig, "branch");
        Gateway hq = Create(hqBoard, hqConfig, "hq");
        var ikeBranch = new IkeKeyExchange(branch);
        branch.KeyExchange = ikeBranch;
        var ikeHq = new IkeKeyExchange(hq);
        hq.KeyExchange = ikeHq;
        var log = new TextBuffer();
        branch.ExecuteLine("debugging ikev1 error", 0, log);
        hq.ExecuteLine("debugging ikev1 error", 0, log);

        Console.WriteLine("NanoGate demo: branch (192.168.1.2 behind NAPT 198.51.100.1) <-> head office (203.0.113.2)");
        Console.WriteLine("Note: simulated network, deterministic randomness (demo only, never for real keys); crypto: " + crypto.Name + ".");
        Console.WriteLine();
        if (captureDir is not null)
        {
            branch.ExecuteLine("capture keys enable", 0, log);
            branch.ExecuteLine("capture start", 0, log);
        }

        SimLanHost pc = branchBoard.Lan.AddHost(Ipv4Of("10.1.0.10"));
        SimLanHost server = hqBoard.Lan.AddHost(Ipv4Of("10.2.0.20"));

        void Pump(int ms)
        {
            for (int i = 0; i < ms; i++)
            {
                branch.RunOnce(clock.NowMs);
                hq.RunOnce(clock.NowMs);
                net.Poll();
                clock.Advance(1);
            }
        }

        ushort seq = 1;
        for (int t = 0; t < 20000 && pc.Replies.Count == 0; t += 250)
        {
            pc.Ping(server.Address, seq++);
            Pump(250);
        }

        for (int i = 0; i < 3; i++)
        {
            pc.Ping(server.Address, seq++);
            Pump(100);
        }

        int fromBranch = pc.Replies.Count;
        int sent = seq - 1;
        server.Ping(pc.Address, 1000);
        Pump(100);
        bool back = server.Replies.Any(r => r.Sequence == 1000);

        if (captureDir is not null)
        {
            Export(branch, branchBoard, captureDir, clock.NowMs);
        }

        Console.WriteLine("Timeline (the internet link between the NAPT and the head office):");
        foreach (WireRecord r in net.Tap.Where(r => r.Link == "internet").Take(40))
        {
            Console.WriteLine("  " + Describe(r));
        }

        Console.WriteLine();
        Negotiated(ikeBranch);
        Console.WriteLine($"Pings branch -> head office: {sent} sent, {fromBranch} answered, {sent - fromBranch} dropped (no-sa) while the first one's");
        Console.WriteLine("  acquire negotiated the tunnel (sa trigger-mode traffic-based; auto negotiates before any traffic).");
        Console.WriteLine();
        Show(branch, "display ike sa");
        Show(branch, "display ipsec sa");
        Show(hq, "display ike sa");
        Show(hq, "display ipsec sa");
        Show(branch, "display led");
        Show(hq, "display led");
        if (log.ToString().Length > 0)
        {
            Console.WriteLine("Console messages:");
            Console.WriteLine(log.ToString());
        }

        bool ok = fromBranch > 0 && back && ikeBranch.Statistics.Phase2Established > 0 && ikeHq.Statistics.Phase2Established > 0;
        Console.WriteLine(ok
            ? $"Result: tunnel up; {fromBranch} ping(s) branch -> head office answered, head office -> branch answered."
            : "Result: FAILED: no traffic crossed the tunnel.");
        return ok ? 0 : 1;
    }

    /// <summary>capture export on the branch, then the exported blobs copied from the sim storage into <paramref name="dir"/>.</summary>
    private static void Export(Gateway branch, SimBoard board, string dir, long nowMs)
    {
        var output = new TextBuffer();
        branch.ExecuteLine("capture export", nowMs, output);
        Console.Write("branch: capture export\n" + output);
        Directory.CreateDirectory(dir);
        foreach (string name in new[] { CaptureControl.PcapFileName, CaptureControl.IsakmpKeyFileName, CaptureControl.EspKeyFileName })
        {
            int n = board.Storage.Length(name);
            if (n >= 0)
            {
                byte[] data = new byte[n];
                board.Storage.Read(name, data, 0, n);
                File.WriteAllBytes(Path.Combine(dir, name), data);
                Console.WriteLine("  copied to " + Path.Combine(dir, name));
            }
        }

        Console.WriteLine();
    }

    private static Gateway Create(SimBoard board, string config, string name)
    {
        var gateway = new Gateway(SimGatewayBoard.Create(board, "sim-" + name));
        var report = new TextBuffer();
        if (!gateway.LoadStartup(config, report))
        {
            throw new InvalidOperationException("demo configuration rejected: " + report);
        }

        return gateway;
    }

    /// <summary>What was negotiated, in one place: the algorithms and DH groups of both phases, PFS, NAT.</summary>
    private static void Negotiated(IkeKeyExchange ike)
    {
        for (int i = 0; i < ike.SaCount; i++)
        {
            IIkeSaView sa = ike.GetSa(i);
            if (sa.Phase == 1)
            {
                Console.WriteLine($"Phase 1 (main mode): {AlgorithmNames.Cipher(sa.Encryption, sa.KeySize)}, {AlgorithmNames.Hash(sa.Hash)}, DH {AlgorithmNames.Group(sa.Group, false)}");
                Console.WriteLine(sa.NatTraversal
                    ? $"NAT detected (RFC 3947 NAT-D): the peer is seen at {Ipv4.Format(sa.PeerAddress)}:{sa.PeerPort}; IKE and ESP moved to UDP 4500"
                    : "No NAT detected: IKE on UDP 500");
            }
            else
            {
                Console.WriteLine($"Phase 2 (quick mode): ESP {AlgorithmNames.Cipher(sa.Encryption, sa.KeySize)}, "
                    + (sa.Encryption == NanoGate.Hal.Crypto.CipherAlgorithm.AesGcm ? "integrity by GCM" : AlgorithmNames.Hash(sa.Hash))
                    + (sa.Group == NanoGate.Hal.Crypto.DhGroup.None ? ", no PFS" : ", PFS DH " + AlgorithmNames.Group(sa.Group, false))
                    + (sa.NatTraversal ? ", UDP-encapsulated (RFC 3948)" : ""));
                break;
            }
        }
    }

    private static void Show(Gateway g, string command)
    {
        var output = new TextBuffer();
        g.ExecuteLine(command, g.LastNowMs, output);
        Console.WriteLine("<" + g.Cli.Applied!.Sysname + "> " + command);
        Console.WriteLine(output.ToString());
    }

    private static string Describe(WireRecord r)
    {
        string what;
        byte[] p = r.Payload;
        bool nat = r.Source.Port == 4500 || r.Destination.Port == 4500;
        int off = nat && p.Length >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0 ? 4 : 0;
        if (p.Length == 1 && p[0] == 0xFF)
        {
            what = "NAT keepalive";
        }
        else if (nat && off == 0)
        {
            what = "ESP SPI " + BigEndian.ReadUInt32(p, 0).ToString("x8") + " seq " + BigEndian.ReadUInt32(p, 4).ToString();
        }
        else if (p.Length >= off + 28)
        {
            int exchange = p[off + 18];
            bool encrypted = (p[off + 19] & 1) != 0;
            what = "ISAKMP " + ExchangeType.Name(exchange) + (encrypted ? " (encrypted)" : "");
        }
        else
        {
            what = "?";
        }

        return $"{r.TimeMs,6} ms  {r.Source,-20} -> {r.Destination,-20} {p.Length,5} bytes  {what}";
    }

    private static uint Ipv4Of(string s)
    {
        Ipv4.TryParse(s, out uint a);
        return a;
    }
}
