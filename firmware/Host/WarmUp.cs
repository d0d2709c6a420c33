using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Host;

/// <summary>
/// Before `nanogate run` answers or sends its first IKE message: two gateways on the sim board
/// negotiate main mode and quick mode (PFS, NAT-T through a port-changing NAPT), once with
/// AES-CBC + HMAC and once with AES-GCM ESP, over the crypto provider the process will use, and
/// each hash, cipher and DH class of that provider runs once. The JIT compiles the IKE, ESP and
/// crypto paths and the provider loads its native library here rather than between MM2 and MM3
/// of the first real negotiation: issue 19 measured 83 ms there, nearly all of it first-call
/// cost (a warm process needs a few ms). Both simulated gateways shut down at the end, wiping their
/// keys; nothing is sent on the board.
/// </summary>
public static class WarmUp
{
    /// <summary>Runs the warm-up; false (and the reason on <paramref name="stderr"/>) if the sim tunnel did not come up, which only costs speed.</summary>
    public static bool Run(ICryptoProvider crypto, TextWriter stderr)
    {
        bool ok = true;
        try
        {
            Primitives(crypto);
            ok &= Negotiate(crypto, "esp encryption-algorithm aes-128\n esp authentication-algorithm sha2-256");
            ok &= Negotiate(crypto, "esp encryption-algorithm aes-gcm-128");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine("nanogate: warm-up skipped: " + e.Message);
            return false;
        }

        if (!ok)
        {
            stderr.WriteLine("nanogate: warm-up: the simulated tunnel did not come up (first negotiation will be slower)");
        }

        return ok;
    }

    private static void Primitives(ICryptoProvider crypto)
    {
        byte[] key = new byte[32];
        byte[] data = new byte[1400];
        byte[] digest = new byte[64];
        foreach (HashAlgorithm h in new[] { HashAlgorithm.Md5, HashAlgorithm.Sha1, HashAlgorithm.Sha256, HashAlgorithm.Sha384, HashAlgorithm.Sha512 })
        {
            if (!crypto.SupportsHash(h))
            {
                continue;
            }

            IHash hash = crypto.CreateHash(h);
            hash.Append(data, 0, 64);
            hash.Finish(digest, 0);
            hash.Wipe();
            IHash hmac = crypto.CreateHmac(h, key, 0, 32);
            hmac.Append(data, 0, 64);
            hmac.Finish(digest, 0);
            hmac.Wipe();
        }

        foreach (int size in new[] { 16, 32 })
        {
            if (crypto.SupportsCipher(CipherAlgorithm.AesCbc, size))
            {
                IBlockCipher cbc = crypto.CreateCbc(CipherAlgorithm.AesCbc, key, 0, size);
                cbc.EncryptCbc(new byte[16], 0, data, 0, 64);
                cbc.DecryptCbc(new byte[16], 0, data, 0, 64);
                cbc.Wipe();
            }
        }

        foreach (DhGroup group in new[] { DhGroup.Modp2048, DhGroup.Ecp256 })
        {
            if (!crypto.SupportsGroup(group))
            {
                continue;
            }

            IDiffieHellman a = crypto.CreateDiffieHellman(group, new SystemRandom());
            IDiffieHellman b = crypto.CreateDiffieHellman(group, new SystemRandom());
            byte[] pub = new byte[b.PublicValueLength];
            b.WritePublicValue(pub, 0);
            a.ComputeSharedSecret(pub, 0, pub.Length, new byte[a.SharedSecretLength], 0);
            a.Wipe();
            b.Wipe();
        }
    }

    /// <summary>The demo's two gateways with ESP proposal <paramref name="esp"/>; true when phase 2 came up on both.</summary>
    private static bool Negotiate(ICryptoProvider crypto, string esp)
    {
        const string p1 = "esp encryption-algorithm aes-128\n esp authentication-algorithm sha2-256";
        var clock = new ManualClock();
        var net = new SimNetwork(clock, new DeterministicRandom(19));
        net.AddNat("warm-nat", 0xC6336401, 0xC0A80100, 24, NatPortMode.Change);   // 198.51.100.1, 192.168.1.0/24
        var quiet = new StringWriter();
        var branchBoard = new SimBoard(net, "branch", 0xC0A80102, 11, crypto, quiet);   // 192.168.1.2
        var hqBoard = new SimBoard(net, "hq", 0xCB007102, 22, crypto, quiet);           // 203.0.113.2
        Gateway branch = Create(branchBoard, DemoCommand.Branch.Replace(p1, esp, StringComparison.Ordinal));
        Gateway hq = Create(hqBoard, DemoCommand.HeadOffice.Replace(p1, esp, StringComparison.Ordinal));
        var ikeBranch = new IkeKeyExchange(branch);
        branch.KeyExchange = ikeBranch;
        var ikeHq = new IkeKeyExchange(hq);
        hq.KeyExchange = ikeHq;
        SimLanHost pc = branchBoard.Lan.AddHost(0x0A01000A);      // 10.1.0.10
        SimLanHost server = hqBoard.Lan.AddHost(0x0A020014);      // 10.2.0.20
        ushort seq = 1;
        for (int t = 0; t < 20000 && pc.Replies.Count == 0; t += 50)
        {
            pc.Ping(server.Address, seq++);
            for (int i = 0; i < 50; i++)
            {
                branch.RunOnce(clock.NowMs);
                hq.RunOnce(clock.NowMs);
                net.Poll();
                clock.Advance(1);
            }
        }

        bool up = pc.Replies.Count > 0 && ikeBranch.Statistics.Phase2Established > 0 && ikeHq.Statistics.Phase2Established > 0;

        // As at a real shutdown: every SA deleted and its keys wiped (a native provider's slots
        // come back), so the warm-up leaves nothing behind in the process that goes on to run.
        ikeBranch.Shutdown(clock.NowMs);
        ikeHq.Shutdown(clock.NowMs);
        branch.RemoveAllSas();
        hq.RemoveAllSas();
        for (int i = 0; i < 100; i++)
        {
            branch.RunOnce(clock.NowMs);
            hq.RunOnce(clock.NowMs);
            net.Poll();
            clock.Advance(1);
        }

        return up;
    }

    private static Gateway Create(SimBoard board, string config)
    {
        var gateway = new Gateway(SimGatewayBoard.Create(board, "warm-up"));
        var report = new TextBuffer();
        if (!gateway.LoadStartup(config, report))
        {
            throw new InvalidOperationException("warm-up configuration rejected: " + report);
        }

        return gateway;
    }
}
