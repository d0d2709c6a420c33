using NanoGate.Boards.Linux;
using NanoGate.Hal;

namespace NanoGate.Boards.Tests;

/// <summary>
/// Issue 16: a console command that goes on after its call (ping) through the console socket, and
/// the Linux board's raw ICMP socket that plain ping uses.
/// </summary>
public sealed class ConsoleSocketBusyTests
{
    [Fact]
    public void A_command_that_runs_on_streams_its_lines_and_the_next_line_waits_for_its_end()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ng-busy-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        using var firstSeen = new ManualResetEventSlim();
        bool busy = false;
        bool nextRanWhileBusy = false;
        Action<string>? slowWrite = null;
        using var server = new ConsoleSocketServer(path) { Busy = () => busy };
        using var stop = new CancellationTokenSource();
        var loop = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                server.Service((line, write) =>
                {
                    if (line == "slow")
                    {
                        write("slow-1");
                        slowWrite = write;
                        busy = true;
                    }
                    else
                    {
                        nextRanWhileBusy |= busy;
                        write("after");
                    }
                });

                // The "ping" goes on: its second line only once the client has shown the first.
                if (busy && firstSeen.Wait(0))
                {
                    slowWrite!("slow-2");
                    busy = false;
                }

                Thread.Sleep(1);
            }
        });
        loop.Start();
        try
        {
            var output = new SignallingWriter("slow-1", firstSeen);
            Assert.True(ConsoleSocketClient.Run(path, ["slow", "after-line"], output, output));
            Assert.Equal("slow-1\nslow-2\nafter\n", output.ToString().Replace("\r", ""));
            Assert.False(nextRanWhileBusy);
        }
        finally
        {
            stop.Cancel();
            loop.Join();
        }
    }

    [Fact]
    public void Raw_ICMP_socket_gets_the_kernels_echo_reply_or_is_not_opened_without_privilege()
    {
        IcmpSocket? icmp = IcmpSocket.TryOpen(Ipv4Loopback);
        if (!Environment.IsPrivilegedProcess)
        {
            // Without root (or CAP_NET_RAW) the board has no plain ping; -a through a tunnel remains.
            icmp?.Dispose();
            return;
        }

        Assert.NotNull(icmp);
        using (icmp)
        {
            // Echo request, identifier 0x4e47, sequence 1, 8 data bytes (RFC 792).
            byte[] request = [8, 0, 0, 0, 0x4e, 0x47, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8];
            ushort sum = Checksum(request);
            request[2] = (byte)(sum >> 8);
            request[3] = (byte)sum;
            Assert.True(icmp!.Send(request, 0, request.Length, Ipv4Loopback, 0));

            var buffer = new byte[2048];
            DateTime until = DateTime.UtcNow.AddSeconds(2);
            bool replied = false;
            while (!replied && DateTime.UtcNow < until)
            {
                int n = icmp.Receive(buffer, 0, buffer.Length, out uint from, out _);
                if (n <= 0)
                {
                    Thread.Sleep(1);
                    continue;
                }

                // A whole IPv4 packet: header, then the ICMP message.
                int ihl = (buffer[0] & 0xF) * 4;
                replied = from == Ipv4Loopback && buffer[9] == 1 && buffer[ihl] == 0 && buffer[ihl + 4] == 0x4e && buffer[ihl + 5] == 0x47;
            }

            Assert.True(replied);
        }
    }

    private const uint Ipv4Loopback = 0x7F000001;

    private static ushort Checksum(byte[] b)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < b.Length; i += 2)
        {
            sum += (uint)((b[i] << 8) | b[i + 1]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>Collects the client's output and signals when a given line has arrived.</summary>
    private sealed class SignallingWriter(string line, ManualResetEventSlim seen) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }

            if (value == line)
            {
                seen.Set();
            }
        }

        public override string ToString()
        {
            lock (this)
            {
                return base.ToString();
            }
        }
    }
}
