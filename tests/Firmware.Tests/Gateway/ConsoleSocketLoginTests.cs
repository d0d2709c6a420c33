using NanoGate.Boards.Linux;
using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Hal;
using NanoGate.Host;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Issue 16, the console socket and a console password: a sim gateway's console behind the socket
/// server as `nanogate run` sets it up (greeting = the login notice), driven by the client of
/// `nanogate console`. The password comes from a file or the caller, never from a -c line.
/// </summary>
public sealed class ConsoleSocketLoginTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly SimGateway _gw;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ng-login-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
    private readonly ConsoleSocketServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _loop;

    public ConsoleSocketLoginTests()
    {
        var net = new SimNetwork(_clock, new DeterministicRandom(3));
        _gw = new SimGateway(net, "gw", ManualKeys.Ip("203.0.113.2"), 1,
            SimGateway.Config("gw", "203.0.113.2/24", "203.0.113.1", "10.2.0.1/24", "198.51.100.1", "10.2.0.0/24", "10.1.0.0/24"), new StringWriter());
        _gw.Node.Start(0);
        NanoGate.Firmware.Gateway.Gateway node = _gw.Node;
        _server = new ConsoleSocketServer(_path)
        {
            ConnectionStarted = node.Cli.ReturnToSystemView,
            Busy = () => node.ConsoleBusy,
            Greeting = () => node.Cli.LoginNotice,
        };
        _loop = new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                lock (node)
                {
                    node.RunOnce(_clock.NowMs);
                    _server.Service((line, write) => node.ExecuteLine(line, _clock.NowMs, new CallbackLines(write)));
                }

                Thread.Sleep(1);
            }
        });
        _loop.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Join();
        _server.Dispose();
    }

    private void SetPassword()
    {
        lock (_gw.Node)
        {
            Assert.Contains("Console password set", _gw.Console("console password simple s3cret pass"));
        }
    }

    private int Session(Func<string?>? password, out string output, out string errors, params string[] commands)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int status = ConsoleSocketClient.Session(_path, commands, o, e, password);
        output = o.ToString();
        errors = e.ToString();
        return status;
    }

    [Fact]
    public void Without_a_password_the_socket_console_says_so_as_the_serial_one_does()
    {
        Assert.Equal(ConsoleSocketClient.Done, Session(null, out string output, out string errors, "display clock"));
        Assert.Equal(CommandLine.NoPasswordNotice + "\n", errors);
        Assert.Contains("Uptime:", output);
        Assert.Equal(CommandLine.LoginRequiredNotice, ConsoleSocketClient.LoginGreeting);
    }

    [Fact]
    public void Dash_c_without_a_password_fails_with_a_clear_message_and_the_command_is_no_password_attempt()
    {
        SetPassword();
        Assert.Equal(ConsoleSocketClient.LoginFailed, Session(null, out string output, out string errors, "display clock"));
        Assert.Contains("the console has a password: give it with --password-file FILE", errors);
        Assert.Equal("", output);
        Assert.Equal(0, _gw.Node.Cli.Login.TotalFailures);
    }

    [Fact]
    public void The_password_given_logs_in_before_the_commands_and_a_wrong_one_runs_none()
    {
        SetPassword();
        Assert.Equal(ConsoleSocketClient.Done, Session(() => "s3cret pass", out string output, out string errors, "display clock"));
        Assert.Contains("Uptime:", output);
        Assert.DoesNotContain("s3cret", output + errors);

        Assert.Equal(ConsoleSocketClient.LoginFailed, Session(() => "wrong", out output, out errors, "display clock"));
        Assert.Contains("Error: Wrong password.", errors);
        Assert.Equal("", output);
        Assert.Equal(1, _gw.Node.Cli.Login.TotalFailures);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Password_file_is_refused_when_others_may_read_it()
    {
        string file = Path.Combine(Path.GetTempPath(), $"ng-pw-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(file, "s3cret pass\n");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Assert.Contains("may be read or changed by other users (mode 644); chmod 600 it", ConsoleCommand.ReadPasswordFile(file, out string? password));
            Assert.Null(password);

            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Null(ConsoleCommand.ReadPasswordFile(file, out password));
            Assert.Equal("s3cret pass", password);

            SetPassword();
            Assert.Equal(ConsoleSocketClient.Done, Session(() => password, out string output, out _, "display clock"));
            Assert.Contains("Uptime:", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed class CallbackLines(Action<string> write) : ILineWriter
    {
        public void WriteLine(string line) => write(line);
    }
}
