using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Pstn.Ip;
using NanoGate.Pstn.Modem;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Pstn.Tests;

/// <summary>The whole dial-up on the sim board: AT dial, CONNECT, PPP over the data port, UDP, hang-up.</summary>
public class DialUpTests
{
    [Fact]
    public void Dial_PPP_with_CHAP_UDP_then_hang_up_over_the_simulated_modem()
    {
        var clock = new ManualClock(0);
        var sim = new SimModem(clock);
        var peer = new SimPppPeer(sim.SendFromFarEnd) { Auth = SimPppAuth.Chap, EchoUdp = true };
        sim.FarEnd = peer;
        var modem = new AtModem(sim);
        var link = new PppLink(modem.DataPort, new DeterministicRandom(3), new DotNetCryptoProvider());
        link.SetCredentials("nanogate", "fake-secret");
        var ip = new UdpOverPpp(link);
        PppDatagramTransport ike = ip.Bind(500, 4);

        modem.StartInit(clock.NowMs);
        Assert.Equal(ModemEvent.Ready, Step(modem, link, clock, ModemEvent.Ready, 1000));
        Assert.True(modem.Dial("0800123456", DialMode.Tone, clock.NowMs));
        Assert.Equal(ModemEvent.Connected, Step(modem, link, clock, ModemEvent.Connected, 10_000));

        link.Open(clock.NowMs);
        peer.Start();
        Step(modem, link, clock, ModemEvent.None, 2000);
        Assert.Equal(PppPhase.Running, link.Phase);
        Assert.True(peer.Authenticated);
        Assert.Equal(peer.AssignAddress, link.LocalAddress);

        byte[] hello = "over the phone line"u8.ToArray();
        Assert.True(ike.Send(hello, 0, hello.Length, peer.ServerAddress, 500));
        Step(modem, link, clock, ModemEvent.None, 100);
        byte[] buffer = new byte[100];
        int n = ike.Receive(buffer, 0, buffer.Length, out uint from, out _);
        Assert.Equal(hello, buffer[..n]);
        Assert.Equal(peer.ServerAddress, from);

        // Leave PPP politely, then the modem: the escape and ATH must not reach the peer as data.
        link.Close(clock.NowMs);
        Step(modem, link, clock, ModemEvent.None, 200);
        Assert.Equal(PppPhase.Dead, link.Phase);
        Assert.True(modem.HangUp(clock.NowMs));
        Assert.Equal(ModemEvent.HungUp, Step(modem, link, clock, ModemEvent.HungUp, 5000));
        Assert.False(sim.OffHook);
        Assert.DoesNotContain("bad IPv4", peer.Log);
    }

    [Fact]
    public void The_far_end_hanging_up_ends_PPP_as_lower_layer_down()
    {
        var clock = new ManualClock(0);
        var sim = new SimModem(clock);
        var peer = new SimPppPeer(sim.SendFromFarEnd);
        sim.FarEnd = peer;
        var modem = new AtModem(sim);
        var link = new PppLink(modem.DataPort, new DeterministicRandom(3), new DotNetCryptoProvider());
        modem.StartInit(clock.NowMs);
        Step(modem, link, clock, ModemEvent.Ready, 1000);
        modem.Dial("0800123456", DialMode.Tone, clock.NowMs);
        Step(modem, link, clock, ModemEvent.Connected, 10_000);
        link.Open(clock.NowMs);
        peer.Start();
        Step(modem, link, clock, ModemEvent.None, 1000);
        Assert.Equal(PppPhase.Running, link.Phase);

        sim.DropCarrier();
        Assert.Equal(ModemEvent.CarrierLost, Step(modem, link, clock, ModemEvent.CarrierLost, 100));
        link.LowerDown(clock.NowMs);
        Assert.Equal(PppPhase.Dead, link.Phase);
        Assert.Equal(PppFailure.LowerLayerDown, link.LastFailure);
        Assert.Equal(LineState.Idle, modem.State);
    }

    private static ModemEvent Step(AtModem modem, PppLink link, ManualClock clock, ModemEvent wanted, int ms)
    {
        for (int t = 0; t < ms; t += 10)
        {
            link.Poll(clock.NowMs);
            ModemEvent e;
            while ((e = modem.Poll(clock.NowMs)) != ModemEvent.None)
            {
                if (e == wanted)
                {
                    return e;
                }
            }

            clock.Advance(10);
        }

        return ModemEvent.None;
    }
}
