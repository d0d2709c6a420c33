using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Pstn.Ip;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Pstn.Tests;

/// <summary>
/// The PPP data path allocates nothing: after warm-up, 1,000,000 UDP datagrams out (IPv4/UDP
/// headers, FCS, byte stuffing, the port write) and 1,000,000 in (port read, HDLC decode, FCS,
/// IPv4/UDP checks, the receive ring, Receive) leave GC.GetAllocatedBytesForCurrentThread unchanged.
/// </summary>
public class PppAllocationTests
{
    private const int Frames = 1_000_000;

    [Fact]
    public void A_million_frames_each_way_allocate_nothing()
    {
        var cable = new SimPppCable();
        var link = new PppLink(cable, new DeterministicRandom(7), new DotNetCryptoProvider());
        var ip = new UdpOverPpp(link);
        PppDatagramTransport natt = ip.Bind(4500, 8);
        long now = 0;
        link.Open(now);
        cable.Peer.Start();
        for (int i = 0; i < 100 && link.Phase != PppPhase.Running; i++)
        {
            link.Poll(now += 10);
        }

        Assert.Equal(PppPhase.Running, link.Phase);

        // An ESP-sized datagram with octets that need stuffing (0x7E, 0x7D, control characters).
        byte[] payload = new byte[120];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 37);
        }

        cable.Replay = cable.Peer.EncodeUdp(4500, 4500, payload);
        byte[] buffer = new byte[1500];

        Assert.Equal(200, Run(link, natt, cable, payload, buffer, 200, now));
        long before = GC.GetAllocatedBytesForCurrentThread();
        int received = Run(link, natt, cable, payload, buffer, Frames, now);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Frames, received);
        Assert.Equal(0, allocated);
        Assert.Equal(0, link.BadFrames);
        Assert.True(cable.Written > (long)Frames * (payload.Length + 28));
    }

    private static int Run(PppLink link, PppDatagramTransport natt, SimPppCable cable, byte[] payload, byte[] buffer, int count, long now)
    {
        int received = 0;
        for (int i = 0; i < count; i++)
        {
            if (!natt.Send(payload, 0, payload.Length, 0x0A400001, 4500))
            {
                return -1;
            }

            cable.Pending = 1;
            link.Poll(now);
            if (natt.Receive(buffer, 0, buffer.Length, out _, out _) == payload.Length)
            {
                received++;
            }
        }

        return received;
    }
}
