using System.Diagnostics;
using NanoGate.Boards.Host;
using NanoGate.Boards.Linux;
using NanoGate.Boards.Sim;
using NanoGate.Pstn.Ip;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Pstn.Tests;

/// <summary>
/// The Linux board's tty binding carries PPP: a real pty pair made by socat, the gateway's PPP
/// client on one end (<see cref="PtySerialPort"/>), the simulated dial-in server on the other,
/// real time. It fails (never skips) when socat is missing: tests/run.sh installs it.
/// </summary>
public class PtyLinkTests
{
    [Fact]
    public void PPP_with_PAP_and_UDP_over_a_socat_pty_pair()
    {
        Assert.True(File.Exists("/usr/bin/socat"), "socat is missing (tests/run.sh installs it with apt-get)");
        string dir = Directory.CreateTempSubdirectory("nanogate-pty-").FullName;
        string a = Path.Combine(dir, "gateway"), b = Path.Combine(dir, "isp");
        using var socat = Process.Start(new ProcessStartInfo("socat", $"pty,raw,echo=0,link={a} pty,raw,echo=0,link={b}")
        {
            RedirectStandardError = true,
        })!;
        try
        {
            var started = Stopwatch.StartNew();
            while (!(File.Exists(a) && File.Exists(b)) && started.ElapsedMilliseconds < 5000)
            {
                Thread.Sleep(20);
            }

            Assert.True(File.Exists(a) && File.Exists(b), "socat made no pty pair");
            using var gatewayPort = new PtySerialPort(a);
            using var ispPort = new PtySerialPort(b);
            var peer = new SimPppPeer(ispPort.Write) { Auth = SimPppAuth.Pap, EchoUdp = true };
            var link = new PppLink(gatewayPort, new SystemRandom(), new DotNetCryptoProvider());
            link.SetCredentials("nanogate", "fake-secret");
            var ip = new UdpOverPpp(link);
            PppDatagramTransport natt = ip.Bind(4500, 8);
            var clock = new StopwatchClock();
            byte[] pump = new byte[512];

            link.Open(clock.NowMs);
            peer.Start();
            bool sent = false;
            int received = 0;
            byte[] buffer = new byte[1500];
            var deadline = Stopwatch.StartNew();
            while (deadline.ElapsedMilliseconds < 10_000 && received == 0)
            {
                int n = ispPort.Read(pump, 0, pump.Length);
                for (int i = 0; i < n; i++)
                {
                    peer.FromGateway(pump[i]);
                }

                link.Poll(clock.NowMs);
                if (link.Phase == PppPhase.Running && !sent)
                {
                    byte[] hello = "across a real tty"u8.ToArray();
                    sent = natt.Send(hello, 0, hello.Length, peer.ServerAddress, 4500);
                }

                if (natt.Receive(buffer, 0, buffer.Length, out _, out _) > 0)
                {
                    received++;
                }

                Thread.Sleep(1);
            }

            Assert.Equal(PppPhase.Running, link.Phase);
            Assert.True(peer.Authenticated);
            Assert.Equal(peer.AssignAddress, link.LocalAddress);
            Assert.True(sent);
            Assert.Equal(1, received);
            Assert.Equal(0, link.BadFrames);
        }
        finally
        {
            socat.Kill();
            socat.WaitForExit();
            Directory.Delete(dir, true);
        }
    }
}
