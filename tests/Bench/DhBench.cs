using System.Diagnostics;
using NanoGate.Boards.Host.Dh;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Dh;
using NanoGate.Hal.Crypto.Native;

namespace NanoGate.Bench;

/// <summary>
/// Diffie-Hellman cost per exchange: key generation (constructor: draw + g^x) and agreement
/// (ComputeSharedSecret), portable (the device's fallback code, run on the host JIT), host classes and
/// the native component (native/: mbedTLS, the device's code).
/// </summary>
public sealed class DhBench : IBench
{
    public string Name => "dh";

    public void Run(TextWriter output, bool quick)
    {
        output.WriteLine($"{"implementation",-24} {"group",-10} {"keygen ms",10} {"agree ms",10} {"total ms",10} {"runs",5}");
        foreach (DhGroup group in new[] { DhGroup.Modp1024, DhGroup.Modp1536, DhGroup.Modp2048, DhGroup.Modp3072, DhGroup.Modp4096 })
        {
            int runs = quick ? 2 : group >= DhGroup.Modp3072 ? 10 : 30;
            Measure(output, "portable ModpDH", group, runs, (g, r) => new ModpDiffieHellman(g, r));
            Measure(output, "host ModpDH (BigInteger)", group, runs, (g, r) => new HostModpDiffieHellman(g, r));
            Measure(output, "native (mbedTLS)", group, runs, NativeDiffieHellman.Create);
        }

        foreach (DhGroup group in new[] { DhGroup.Ecp256, DhGroup.Ecp384, DhGroup.Ecp521 })
        {
            Measure(output, "portable EcpDH", group, quick ? 2 : 20, (g, r) => new EcpDiffieHellman(g, r));
            Measure(output, "host EcpDH (OpenSSL)", group, quick ? 5 : 200, (g, r) => new HostEcpDiffieHellman(g, r));
            Measure(output, "native (mbedTLS)", group, quick ? 5 : 200, NativeDiffieHellman.Create);
        }
    }

    private static void Measure(TextWriter output, string name, DhGroup group, int runs, Func<DhGroup, IRandomSource, IDiffieHellman> create)
    {
        var random = new DeterministicRandom(1);
        IDiffieHellman peer = create(group, random);
        byte[] peerPublic = new byte[peer.PublicValueLength];
        peer.WritePublicValue(peerPublic, 0);
        byte[] secret = new byte[peer.SharedSecretLength];

        // Warm-up so the JIT is out of the figures.
        create(group, random).ComputeSharedSecret(peerPublic, 0, peerPublic.Length, secret, 0);

        var keygen = new Stopwatch();
        var agree = new Stopwatch();
        for (int i = 0; i < runs; i++)
        {
            keygen.Start();
            IDiffieHellman dh = create(group, random);
            keygen.Stop();
            agree.Start();
            DhResult result = dh.ComputeSharedSecret(peerPublic, 0, peerPublic.Length, secret, 0);
            agree.Stop();
            if (result != DhResult.Ok)
            {
                throw new InvalidOperationException($"{name} {group}: {result}");
            }

            dh.Wipe();
        }

        double k = keygen.Elapsed.TotalMilliseconds / runs;
        double a = agree.Elapsed.TotalMilliseconds / runs;
        output.WriteLine($"{name,-24} {group,-10} {k,10:F2} {a,10:F2} {k + a,10:F2} {runs,5}");
    }
}
