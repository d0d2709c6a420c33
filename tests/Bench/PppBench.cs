using System.Diagnostics;
using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Pstn.Ip;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Bench;

/// <summary>
/// The PPP data path over the PSTN modem: ns per UDP datagram sent (IPv4/UDP headers and
/// checksums, FCS-16, byte stuffing with ACCM 0) and received (HDLC decode, FCS, IPv4/UDP checks,
/// the receive ring), after a real negotiation with the simulated access server; allocated bytes
/// per frame. A 33.6 kbit/s line carries about 4,200 octets a second, so this is headroom, not a limit.
/// </summary>
public sealed class PppBench : IBench
{
    public string Name => "ppp";

    public void Run(TextWriter output, bool quick)
    {
        int frames = quick ? 20_000 : 1_000_000;
        output.WriteLine($"{"payload",8} {"send ns",9} {"receive ns",11} {"alloc B/frame",14} {"MB/s each way",14}");
        foreach (int size in new[] { 64, 512, 1400 })
        {
            var cable = new SimPppCable();
            var link = new PppLink(cable, new DeterministicRandom(1), new DotNetCryptoProvider());
            var ip = new UdpOverPpp(link);
            PppDatagramTransport natt = ip.Bind(4500, 8);
            link.Open(0);
            cable.Peer.Start();
            for (int i = 0; i < 100 && link.Phase != PppPhase.Running; i++)
            {
                link.Poll(i * 10);
            }

            byte[] payload = new byte[size];
            new Random(size).NextBytes(payload);
            cable.Replay = cable.Peer.EncodeUdp(4500, 4500, payload);
            byte[] buffer = new byte[1500];
            Pass(link, natt, cable, payload, buffer, 2000);

            long before = GC.GetAllocatedBytesForCurrentThread();
            var send = Stopwatch.StartNew();
            for (int i = 0; i < frames; i++)
            {
                natt.Send(payload, 0, size, 0x0A400001, 4500);
            }

            double sendNs = send.Elapsed.TotalNanoseconds / frames;
            var receive = Stopwatch.StartNew();
            int got = 0;
            for (int i = 0; i < frames; i++)
            {
                cable.Pending = 1;
                link.Poll(1000);
                got += natt.Receive(buffer, 0, buffer.Length, out _, out _) > 0 ? 1 : 0;
            }

            double receiveNs = receive.Elapsed.TotalNanoseconds / frames;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (got != frames)
            {
                output.WriteLine($"  only {got} of {frames} frames arrived");
            }

            double mbps = size / Math.Max(sendNs, receiveNs) * 1000.0;
            output.WriteLine($"{size,8} {sendNs,9:F0} {receiveNs,11:F0} {(double)allocated / (2.0 * frames),14:F3} {mbps,14:F1}");
        }
    }

    private static void Pass(PppLink link, PppDatagramTransport natt, SimPppCable cable, byte[] payload, byte[] buffer, int frames)
    {
        for (int i = 0; i < frames; i++)
        {
            natt.Send(payload, 0, payload.Length, 0x0A400001, 4500);
            cable.Pending = 1;
            link.Poll(1000);
            natt.Receive(buffer, 0, buffer.Length, out _, out _);
        }
    }
}
