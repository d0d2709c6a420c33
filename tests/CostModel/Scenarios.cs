using NanoGate.Esp;
using NanoGate.Esp.Tests;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;
using NanoGate.Ike.Tests.Exchanges;

namespace NanoGate.CostModel;

/// <summary>
/// The operations the cost model measures, run inside the instrumented load context: seal and
/// open of one ESP packet (64, 512, 1400 inner bytes; EspEngine with the portable or the native
/// provider), and one main mode + quick mode with PFS (phase 1 ECP-256, PFS ECP-256, ESP
/// AES-GCM-128: the device defaults) counted separately for the initiator and the responder.
/// </summary>
public static class Scenarios
{
    public sealed record Figure(string Operation, string Provider, long Instructions, long NativeCalls);

    public static List<Figure> Run()
    {
        var figures = new List<Figure>();
        foreach (ICryptoProvider crypto in new ICryptoProvider[] { new PortableCryptoProvider(), new NativeCryptoProvider() })
        {
            foreach ((string name, int index) in new[] { ("aes128-gcm-16", 7), ("aes128-cbc/hmac-sha256", 1) })
            {
                foreach (int size in new[] { 64, 512, 1400 })
                {
                    (Figure seal, Figure open) = Esp(crypto, name, index, size);
                    figures.Add(seal);
                    figures.Add(open);
                }
            }

            figures.AddRange(Exchange(crypto));
        }

        return figures;
    }

    private static (Figure Seal, Figure Open) Esp(ICryptoProvider crypto, string suite, int index, int size)
    {
        const int Packets = 50;
        var pair = new EspPair(crypto, EspSuite.All[index]);
        var slot = new PacketSlot(1500);
        long sealIl = 0, sealNative = 0, openIl = 0, openNative = 0;
        for (int i = 0; i < Packets + 5; i++)
        {
            EspPair.WriteInner(slot, size);
            (long il0, long n0) = (IlCounter.Instructions, IlCounter.NativeCalls);
            DropReason sealed_ = pair.A.Encapsulate(slot, i);
            (long il1, long n1) = (IlCounter.Instructions, IlCounter.NativeCalls);
            EspPair.ToReceived(slot);
            (long il2, long n2) = (IlCounter.Instructions, IlCounter.NativeCalls);
            DropReason opened = pair.B.Decapsulate(slot, i);
            (long il3, long n3) = (IlCounter.Instructions, IlCounter.NativeCalls);
            if (sealed_ != DropReason.None || opened != DropReason.None)
            {
                throw new InvalidOperationException($"{suite} {size}: {sealed_} / {opened}");
            }

            // The first packets pay one-time work (first use of an SA); the model is the steady state.
            if (i >= 5)
            {
                sealIl += il1 - il0;
                sealNative += n1 - n0;
                openIl += il3 - il2;
                openNative += n3 - n2;
            }
        }

        return (new Figure($"ESP seal {suite} {size} B", crypto.Name, sealIl / Packets, sealNative / Packets),
            new Figure($"ESP open {suite} {size} B", crypto.Name, openIl / Packets, openNative / Packets));
    }

    /// <summary>Main mode + quick mode, branch initiating, each gateway's work counted on its side.</summary>
    private static Figure[] Exchange(ICryptoProvider crypto)
    {
        Rig rig = QuickModeMatrixTests.NewRig(NatCase.Change, "aesgcm128", DhGroup.Ecp256, seed: 3, crypto: crypto);
        long[] il = new long[2], native = new long[2];
        void Side(int side, Action work)
        {
            (long i0, long n0) = (IlCounter.Instructions, IlCounter.NativeCalls);
            work();
            il[side] += IlCounter.Instructions - i0;
            native[side] += IlCounter.NativeCalls - n0;
        }

        long now = rig.Clock.NowMs;
        Side(0, () => rig.Branch.Quick!.Initiate("tun", now));
        long end = rig.Clock.NowMs + 10_000;
        while (!QuickModeMatrixTests.BothInstalled(rig))
        {
            if (rig.Clock.NowMs > end)
            {
                throw new InvalidOperationException("exchange did not complete:\n" + string.Join("\n", rig.Branch.Events.Concat(rig.Hq.Events)));
            }

            rig.Network.Poll();
            now = rig.Clock.NowMs;
            Side(0, () =>
            {
                rig.Branch.Pump(now);
                rig.Branch.Daemon.Poll(now);
                rig.Branch.Quick!.Poll(now);
            });
            Side(1, () =>
            {
                rig.Hq.Pump(now);
                rig.Hq.Daemon.Poll(now);
                rig.Hq.Quick!.Poll(now);
            });
            long next = Math.Min(rig.Network.NextDeliveryMs ?? long.MaxValue, Math.Min(rig.Branch.Daemon.NextDeadlineMs, rig.Hq.Daemon.NextDeadlineMs));
            rig.Clock.Advance(Math.Max(1, Math.Min(next, end + 1) - rig.Clock.NowMs));
        }

        return
        [
            new Figure("main mode + quick mode, initiator (ECP-256, PFS ECP-256, AES-GCM)", crypto.Name, il[0], native[0]),
            new Figure("main mode + quick mode, responder (ECP-256, PFS ECP-256, AES-GCM)", crypto.Name, il[1], native[1]),
        ];
    }
}
