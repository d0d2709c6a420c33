using System.Diagnostics;
using System.Globalization;
using NanoGate.Boards.Host;
using NanoGate.Boards.Host.Dh;
using NanoGate.Boards.Host.LibCrypto;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Bench;

/// <summary>
/// Crypto at the floor (issue 19): the cost of one 1400-byte AES-GCM-128 packet (encrypt, 8-byte
/// AAD, 16-byte tag) in microseconds of CPU time for the libcrypto EVP path (a context per SA, as
/// the dotnet provider now runs it), .NET's AesGcm (re-keyed per call), the portable code, and
/// OpenSSL's own floor (`openssl speed -evp aes-128-gcm -bytes 1400`, when the tool is there);
/// then MODP-2048 key generation and agreement in milliseconds, BN_mod_exp against BigInteger.
/// </summary>
public sealed class FloorBench : IBench
{
    public string Name => "floor";

    public void Run(TextWriter output, bool quick)
    {
        double seconds = quick ? 0.05 : 0.5;
        byte[] key = new byte[16];
        new DeterministicRandom(1).Fill(key, 0, 16);
        output.WriteLine($"{"AES-GCM-128, 1400 B, encrypt",-44} {"us/packet",10} {"MB/CPU-s",10}");
        IAead[] aeads =
        [
            new LibCryptoGcmAead(key, 0, 16, 16),
            new DotNetGcmAead(key, 0, 16, 16),
            new PortableCryptoProvider().CreateGcm(key, 0, 16, 16),
        ];
        string[] names = ["libcrypto EVP, context per SA (dotnet provider)", ".NET AesGcm (dotnet-bcl)", "portable"];
        for (int i = 0; i < aeads.Length; i++)
        {
            double us = MicrosecondsPerOp(Gcm(aeads[i]), seconds);
            output.WriteLine($"{names[i],-44} {us,10:F3} {1400 / us,10:F1}");
        }

        double? floor = OpenSslFloor(quick);
        output.WriteLine(floor is double f
            ? $"{"openssl speed -evp aes-128-gcm -bytes 1400",-44} {f,10:F3} {1400 / f,10:F1}"
            : "openssl speed: not available (no openssl tool on PATH)");

        output.WriteLine();
        output.WriteLine($"{"MODP-2048 (group 14)",-44} {"keygen ms",10} {"agree ms",10}");
        int runs = quick ? 3 : 20;
        Dh("libcrypto BN_mod_exp (dotnet provider)", output, runs, r => new LibCryptoModpDiffieHellman(DhGroup.Modp2048, r));
        Dh("BigInteger.ModPow (dotnet-bcl)", output, runs, r => new HostModpDiffieHellman(DhGroup.Modp2048, r));
    }

    private static Action Gcm(IAead aead)
    {
        byte[] nonce = new byte[12];
        byte[] aad = new byte[8];
        byte[] buffer = new byte[1400];
        byte[] tag = new byte[16];
        return () => aead.Encrypt(nonce, 0, aad, 0, 8, buffer, 0, 1400, tag, 0);
    }

    private static void Dh(string name, TextWriter output, int runs, Func<IRandomSource, IDiffieHellman> create)
    {
        var random = new DeterministicRandom(7);
        IDiffieHellman peer = create(random);
        byte[] peerPublic = new byte[peer.PublicValueLength];
        peer.WritePublicValue(peerPublic, 0);
        byte[] secret = new byte[peer.SharedSecretLength];
        create(random).ComputeSharedSecret(peerPublic, 0, peerPublic.Length, secret, 0);   // JIT
        double keygen = double.MaxValue, agree = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            TimeSpan t0 = Environment.CpuUsage.TotalTime;
            IDiffieHellman dh = create(random);
            TimeSpan t1 = Environment.CpuUsage.TotalTime;
            dh.ComputeSharedSecret(peerPublic, 0, peerPublic.Length, secret, 0);
            TimeSpan t2 = Environment.CpuUsage.TotalTime;
            keygen = Math.Min(keygen, (t1 - t0).TotalMilliseconds);
            agree = Math.Min(agree, (t2 - t1).TotalMilliseconds);
            dh.Wipe();
        }

        // CPU time has a coarse tick on some kernels; the best of the runs with a 0 floor is shown.
        output.WriteLine($"{name,-44} {keygen,10:F3} {agree,10:F3}");
    }

    private static double MicrosecondsPerOp(Action op, double seconds)
    {
        Measure(op, seconds);
        double best = double.MaxValue;
        for (int trial = 0; trial < 5; trial++)
        {
            best = Math.Min(best, Measure(op, seconds / 5));
        }

        return best;
    }

    private static double Measure(Action op, double seconds)
    {
        long ops = 0;
        TimeSpan cpu0 = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            for (int i = 0; i < 50; i++)
            {
                op();
            }

            ops += 50;
        }

        return (Environment.CpuUsage.TotalTime - cpu0).TotalMicroseconds / ops;
    }

    /// <summary>OpenSSL's per-record cost: `openssl speed -mr` prints "+R:count:name:cpu-seconds".</summary>
    private static double? OpenSslFloor(bool quick)
    {
        try
        {
            var info = new ProcessStartInfo("openssl", $"speed -evp aes-128-gcm -bytes 1400 -seconds {(quick ? 1 : 3)} -mr")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process p = Process.Start(info)!;
            string text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            foreach (string line in text.Split('\n'))
            {
                string[] f = line.Trim().Split(':');
                if (f.Length == 4 && f[0] == "+R")
                {
                    return double.Parse(f[3], CultureInfo.InvariantCulture) * 1e6 / double.Parse(f[1], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        return null;
    }
}
