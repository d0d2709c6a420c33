using System.Text;
using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>
/// A Hayes modem model for the simulated board: an AT engine (ATZ, E, V, X, S, D, A, H, the
/// "+++" escape with guard times), a phone line that can be unplugged, an exchange that answers,
/// is busy or never answers, incoming rings with caller ID, and a data mode whose bytes go to a
/// far end (<see cref="FarEnd"/>, e.g. a simulated PPP peer). The gateway sees it as its UART.
/// Time comes from the board's clock: CONNECT arrives <see cref="ConnectDelayMs"/> after ATD and
/// the escape needs <see cref="GuardTimeMs"/> of silence on both sides of "+++".
/// </summary>
public sealed class SimModem(IMonotonicClock clock) : ISerialPort
{
    private readonly Queue<byte> _toGateway = new();
    private readonly StringBuilder _command = new();
    private long _dialAtMs = -1;
    private long _lastDataMs;
    private int _plus;
    private long _plusAtMs;
    private bool _echo = true;
    private bool _verbose = true;
    private bool _extended;

    /// <summary>What the next dialled call does.</summary>
    public SimDialOutcome Outcome { get; set; } = SimDialOutcome.Connect;

    /// <summary>No dial tone: ATD answers NO DIALTONE (with X4; NO CARRIER otherwise).</summary>
    public bool LineUnplugged { get; set; }

    /// <summary>The module is dead: it answers nothing at all.</summary>
    public bool Dead { get; set; }

    /// <summary>Commands that answer ERROR (e.g. an init string the module does not know).</summary>
    public HashSet<string> Rejected { get; } = new(StringComparer.Ordinal);

    /// <summary>Speed reported with CONNECT.</summary>
    public int ConnectSpeed { get; set; } = 33600;

    /// <summary>Time from ATD (or ATA) to the result.</summary>
    public int ConnectDelayMs { get; set; } = 3000;

    /// <summary>S12 guard time.</summary>
    public int GuardTimeMs { get; set; } = 1000;

    /// <summary>True while a call is up and the modem passes data.</summary>
    public bool InDataMode { get; private set; }

    /// <summary>True while a call is up (data mode or escaped to command mode).</summary>
    public bool OffHook { get; private set; }

    /// <summary>Every command line the gateway sent, in order.</summary>
    public List<string> Commands { get; } = new();

    /// <summary>The far end of a call: receives the gateway's data-mode bytes and may answer through <see cref="SendFromFarEnd"/>.</summary>
    public ISimModemFarEnd? FarEnd { get; set; }

    /// <summary>Calls that connected.</summary>
    public int Calls { get; private set; }

    /// <summary>Calls dialled so far (the number of each).</summary>
    public List<string> Dialled { get; } = new();

    /// <summary>An incoming call rings once, with caller ID before it when given.</summary>
    public void Ring(string? number = null, string? name = null)
    {
        Emit("RING", "2");
        if (number is not null)
        {
            Line("NMBR = " + number);
        }

        if (name is not null)
        {
            Line("NAME = " + name);
        }
    }

    /// <summary>The far end or the line drops the call: NO CARRIER, back to command mode.</summary>
    public void DropCarrier()
    {
        InDataMode = false;
        OffHook = false;
        Emit("NO CARRIER", "3");
    }

    /// <summary>Data-mode bytes from the far end to the gateway (ignored outside a call).</summary>
    public void SendFromFarEnd(byte[] buffer, int offset, int count)
    {
        if (!InDataMode)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            _toGateway.Enqueue(buffer[offset + i]);
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        Tick();
        int n = 0;
        while (n < count && _toGateway.Count > 0)
        {
            buffer[offset + n++] = _toGateway.Dequeue();
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        Tick();
        if (Dead)
        {
            return;
        }

        if (InDataMode)
        {
            WriteData(buffer, offset, count);
            return;
        }

        for (int i = 0; i < count; i++)
        {
            char c = (char)buffer[offset + i];
            if (_dialAtMs >= 0)
            {
                // V.250 §6.3.1: any character aborts a dial in progress.
                _dialAtMs = -1;
                Emit("NO CARRIER", "3");
                continue;
            }

            if (_echo)
            {
                _toGateway.Enqueue((byte)c);
            }

            if (c == '\r')
            {
                Execute(_command.ToString());
                _command.Clear();
            }
            else if (c != '\n')
            {
                _command.Append(c);
            }
        }
    }

    private void WriteData(byte[] buffer, int offset, int count)
    {
        long now = clock.NowMs;
        for (int i = 0; i < count; i++)
        {
            byte b = buffer[offset + i];
            if (b == '+' && (_plus > 0 || now - _lastDataMs >= GuardTimeMs) && _plus < 3)
            {
                _plus++;
                _plusAtMs = now;
                continue;
            }

            // Not an escape: the '+' bytes held back were data after all.
            for (; _plus > 0; _plus--)
            {
                FarEnd?.FromGateway((byte)'+');
            }

            FarEnd?.FromGateway(b);
            _lastDataMs = now;
        }
    }

    private void Tick()
    {
        long now = clock.NowMs;
        if (InDataMode && _plus == 3 && now - _plusAtMs >= GuardTimeMs)
        {
            _plus = 0;
            InDataMode = false;
            Emit("OK", "0");
        }

        if (_dialAtMs >= 0 && now >= _dialAtMs)
        {
            _dialAtMs = -1;
            switch (Outcome)
            {
                case SimDialOutcome.Connect:
                    Emit("CONNECT " + ConnectSpeed, "1");
                    InDataMode = true;
                    OffHook = true;
                    _lastDataMs = now;
                    Calls++;
                    FarEnd?.CallStarted();
                    break;
                case SimDialOutcome.Busy:
                    Emit(_extended ? "BUSY" : "NO CARRIER", _extended ? "7" : "3");
                    break;
                case SimDialOutcome.NoAnswer:
                    Emit("NO ANSWER", "8");
                    break;
                case SimDialOutcome.NoCarrier:
                    Emit("NO CARRIER", "3");
                    break;
                case SimDialOutcome.Silent:
                    break;
            }
        }
    }

    private void Execute(string line)
    {
        string cmd = line.Trim().ToUpperInvariant();
        if (cmd.Length == 0)
        {
            return;
        }

        Commands.Add(cmd);
        if (!cmd.StartsWith("AT", StringComparison.Ordinal) || Rejected.Contains(cmd))
        {
            Emit("ERROR", "4");
            return;
        }

        string body = cmd.Substring(2);
        if (body.StartsWith('D'))
        {
            string number = body.TrimStart('D', 'T', 'P');
            Dialled.Add(number);
            if (LineUnplugged)
            {
                Emit(_extended ? "NO DIALTONE" : "NO CARRIER", _extended ? "6" : "3");
                return;
            }

            _dialAtMs = clock.NowMs + ConnectDelayMs;
            return;
        }

        if (body == "A")
        {
            _dialAtMs = clock.NowMs + ConnectDelayMs;
            return;
        }

        if (body == "O" && OffHook)
        {
            Emit("CONNECT " + ConnectSpeed, "1");
            InDataMode = true;
            return;
        }

        switch (body)
        {
            case "Z":
                _echo = true;
                _verbose = true;
                _extended = false;
                OffHook = false;
                break;
            case "E0":
                _echo = false;
                break;
            case "E1":
                _echo = true;
                break;
            case "V0":
                _verbose = false;
                break;
            case "V1":
                _verbose = true;
                break;
            case "H":
            case "H0":
                OffHook = false;
                break;
        }

        if (body.Contains("X4", StringComparison.Ordinal))
        {
            _extended = true;
        }

        Emit("OK", "0");
    }

    private void Emit(string verbose, string numeric)
    {
        if (Dead)
        {
            return;
        }

        if (_verbose)
        {
            Line(verbose);
        }
        else
        {
            foreach (char c in numeric + "\r")
            {
                _toGateway.Enqueue((byte)c);
            }
        }
    }

    private void Line(string text)
    {
        foreach (char c in "\r\n" + text + "\r\n")
        {
            _toGateway.Enqueue((byte)c);
        }
    }
}
