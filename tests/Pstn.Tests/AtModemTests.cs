using NanoGate.Boards.Sim;
using NanoGate.Pstn.Modem;

namespace NanoGate.Pstn.Tests;

/// <summary>The V.250 driver against the simulated modem (and a scripted UART for raw result codes).</summary>
public class AtModemTests
{
    private readonly ManualClock _clock = new(1000);
    private readonly SimModem _sim;
    private readonly AtModem _modem;

    public AtModemTests()
    {
        _sim = new SimModem(_clock);
        _modem = new AtModem(_sim);
    }

    [Fact]
    public void Init_sends_ATZ_ATE0_ATV1_then_the_init_string_each_after_OK()
    {
        _modem.InitString = "ATX4S0=0";
        Assert.True(_modem.StartInit(_clock.NowMs));
        Assert.Equal(LineState.Initialising, _modem.State);

        Assert.Equal(ModemEvent.Ready, Until(ModemEvent.Ready, 100));
        Assert.Equal(new[] { "ATZ", "ATE0", "ATV1", "ATX4S0=0" }, _sim.Commands);
        Assert.Equal(LineState.Idle, _modem.State);
        Assert.Equal(ModemResult.Ok, _modem.LastResult);
        Assert.True(_modem.IsReady);
    }

    [Fact]
    public void An_init_string_the_module_rejects_fails_init_with_ERROR()
    {
        _modem.InitString = "AT+VCID=1";
        _sim.Rejected.Add("AT+VCID=1");
        _modem.StartInit(_clock.NowMs);

        Assert.Equal(ModemEvent.InitFailed, Until(ModemEvent.InitFailed, 100));
        Assert.Equal(ModemResult.Error, _modem.LastResult);
        Assert.Equal(LineState.NoLine, _modem.State);
        Assert.False(_modem.Dial("5551234", DialMode.Tone, _clock.NowMs));
    }

    [Fact]
    public void A_dead_module_fails_init_on_the_reset_time_limit_not_before()
    {
        _sim.Dead = true;
        _modem.StartInit(_clock.NowMs);

        Assert.Equal(ModemEvent.None, Until(ModemEvent.InitFailed, AtModem.DefaultResetTimeoutMs - 20));
        Assert.Equal(ModemEvent.InitFailed, Until(ModemEvent.InitFailed, 40));
        Assert.Equal(ModemResult.Timeout, _modem.LastResult);
        Assert.Equal(LineState.NoLine, _modem.State);
    }

    [Fact]
    public void A_silent_step_after_reset_times_out_on_the_command_limit()
    {
        var port = new ScriptedPort();
        var modem = new AtModem(port);
        modem.StartInit(0);
        port.Say("\r\nOK\r\n");
        Assert.Equal(ModemEvent.None, modem.Poll(10));
        Assert.EndsWith("ATE0\r", port.Written.ToString(), StringComparison.Ordinal);
        Assert.Equal(ModemEvent.None, modem.Poll(10 + AtModem.DefaultCommandTimeoutMs - 1));
        Assert.Equal(ModemEvent.InitFailed, modem.Poll(10 + AtModem.DefaultCommandTimeoutMs));
        Assert.Equal(ModemResult.Timeout, modem.LastResult);
    }

    [Theory]
    [InlineData(DialMode.Tone, "ATDT5551234")]
    [InlineData(DialMode.Pulse, "ATDP5551234")]
    public void Dial_CONNECT_with_speed_enters_data_mode(DialMode mode, string command)
    {
        Ready();
        Assert.True(_modem.Dial("5551234", mode, _clock.NowMs));
        Assert.Equal(LineState.Dialling, _modem.State);

        Assert.Equal(ModemEvent.Connected, Until(ModemEvent.Connected, 5000));
        Assert.Equal(command, _sim.Commands[^1]);
        Assert.Equal(ModemResult.Connect, _modem.LastResult);
        Assert.Equal(33600, _modem.ConnectSpeed);
        Assert.Equal(LineState.Connected, _modem.State);
    }

    [Theory]
    [InlineData(SimDialOutcome.Busy, ModemResult.Busy, LineState.Idle)]
    [InlineData(SimDialOutcome.NoAnswer, ModemResult.NoAnswer, LineState.Idle)]
    [InlineData(SimDialOutcome.NoCarrier, ModemResult.NoCarrier, LineState.Idle)]
    public void Dial_failures_come_back_as_values(SimDialOutcome outcome, ModemResult expected, LineState state)
    {
        Ready();
        _sim.Outcome = outcome;
        _modem.Dial("5551234", DialMode.Tone, _clock.NowMs);

        Assert.Equal(ModemEvent.CallFailed, Until(ModemEvent.CallFailed, 5000));
        Assert.Equal(expected, _modem.LastResult);
        Assert.Equal(state, _modem.State);
    }

    [Fact]
    public void An_unplugged_line_answers_NO_DIALTONE_and_the_line_state_is_no_line()
    {
        Ready();
        _sim.LineUnplugged = true;
        _modem.Dial("5551234", DialMode.Tone, _clock.NowMs);

        Assert.Equal(ModemEvent.CallFailed, Until(ModemEvent.CallFailed, 100));
        Assert.Equal(ModemResult.NoDialtone, _modem.LastResult);
        Assert.Equal(LineState.NoLine, _modem.State);

        // Plugged back in, the next dial goes through.
        _sim.LineUnplugged = false;
        Assert.True(_modem.Dial("5551234", DialMode.Tone, _clock.NowMs));
        Assert.Equal(ModemEvent.Connected, Until(ModemEvent.Connected, 5000));
    }

    [Fact]
    public void A_dial_without_result_times_out_and_is_aborted()
    {
        Ready();
        _sim.Outcome = SimDialOutcome.Silent;
        _modem.ConnectTimeoutMs = 10000;
        _modem.Dial("5551234", DialMode.Tone, _clock.NowMs);

        Assert.Equal(ModemEvent.None, Until(ModemEvent.CallFailed, 9990));
        Assert.Equal(ModemEvent.CallFailed, Until(ModemEvent.CallFailed, 20));
        Assert.Equal(ModemResult.Timeout, _modem.LastResult);
        Assert.Equal(LineState.Idle, _modem.State);
    }

    [Fact]
    public void Invalid_numbers_are_refused()
    {
        Ready();
        Assert.False(_modem.Dial("555;ATZ", DialMode.Tone, _clock.NowMs));
        Assert.False(_modem.Dial(string.Empty, DialMode.Tone, _clock.NowMs));
        Assert.Equal(LineState.Idle, _modem.State);
    }

    [Fact]
    public void Rings_with_caller_id_then_auto_answer_after_two_rings()
    {
        Ready();
        _modem.AutoAnswerRings = 2;
        _sim.Ring();
        Assert.Equal(ModemEvent.Ring, Until(ModemEvent.Ring, 10));
        _sim.Ring("5551234", "HEAD OFFICE");

        Assert.Equal(ModemEvent.Ring, Until(ModemEvent.Ring, 10));
        Assert.Equal(ModemEvent.CallerId, Until(ModemEvent.CallerId, 10));
        Assert.Equal(ModemEvent.CallerId, Until(ModemEvent.CallerId, 10));
        Assert.Equal("5551234", _modem.CallerNumber);
        Assert.Equal("HEAD OFFICE", _modem.CallerName);
        Assert.Equal(2, _modem.RingCount);
        Assert.Equal("ATA", _sim.Commands[^1]);

        Assert.Equal(ModemEvent.Connected, Until(ModemEvent.Connected, 5000));
        Assert.Equal(LineState.Connected, _modem.State);
    }

    [Fact]
    public void A_ringing_line_is_idle_again_after_the_ring_gap_and_answer_is_by_hand()
    {
        Ready();
        _sim.Ring();
        Assert.Equal(ModemEvent.Ring, Until(ModemEvent.Ring, 10));
        Assert.Equal(LineState.Ringing, _modem.State);
        Until(ModemEvent.Connected, AtModem.DefaultRingGapMs + 10);
        Assert.Equal(LineState.Idle, _modem.State);
        Assert.False(_modem.Answer(_clock.NowMs));

        _sim.Ring();
        Assert.Equal(ModemEvent.Ring, Until(ModemEvent.Ring, 10));
        Assert.True(_modem.Answer(_clock.NowMs));
        Assert.Equal(ModemEvent.Connected, Until(ModemEvent.Connected, 5000));
    }

    [Fact]
    public void Data_mode_bytes_never_reach_the_command_parser()
    {
        var far = Connect();
        byte[] fromPeer = "\r\nRING\r\nOK\r\nNO DIALTONE\r\n"u8.ToArray();
        _sim.SendFromFarEnd(fromPeer, 0, fromPeer.Length);

        Assert.Equal(ModemEvent.None, _modem.Poll(_clock.NowMs));
        var buffer = new byte[64];
        int n = _modem.DataPort.Read(buffer, 0, buffer.Length);
        Assert.Equal(fromPeer, buffer[..n]);
        Assert.Equal(LineState.Connected, _modem.State);
        Assert.Equal(ModemEvent.None, _modem.Poll(_clock.NowMs));

        byte[] toPeer = "ATH\r+x+"u8.ToArray();
        _modem.DataPort.Write(toPeer, 0, toPeer.Length);
        Assert.Equal(toPeer, far.Received.ToArray());
        Assert.Equal("ATDT5551234", _sim.Commands[^1]);
    }

    [Fact]
    public void Outside_data_mode_the_data_port_passes_nothing()
    {
        Ready();
        _sim.Ring();
        var buffer = new byte[64];
        Assert.Equal(0, _modem.DataPort.Read(buffer, 0, buffer.Length));
        Assert.Equal(ModemEvent.Ring, Until(ModemEvent.Ring, 10));
        _modem.DataPort.Write(buffer, 0, 10);
        Assert.Equal(10, ((ModemDataPort)_modem.DataPort).Dropped);
    }

    [Fact]
    public void Hang_up_waits_the_guard_time_sends_plus_plus_plus_then_ATH()
    {
        var far = Connect();
        byte[] data = { 1, 2, 3 };
        _modem.DataPort.Write(data, 0, 3);
        Assert.True(_modem.HangUp(_clock.NowMs));
        Assert.Equal(LineState.HangingUp, _modem.State);

        // Nothing may follow the data within the guard time, or the modem would not escape.
        Until(ModemEvent.HungUp, AtModem.DefaultGuardTimeMs - 20);
        Assert.True(_sim.InDataMode);
        Assert.Equal(3, far.Received.Count);

        Assert.Equal(ModemEvent.HungUp, Until(ModemEvent.HungUp, 3000));
        Assert.Equal("ATH", _sim.Commands[^1]);
        Assert.False(_sim.OffHook);
        Assert.Equal(LineState.Idle, _modem.State);
        Assert.Equal(3, far.Received.Count);
    }

    [Fact]
    public void A_modem_that_ignores_the_escape_leaves_the_call_up_with_a_timeout()
    {
        Connect();
        _sim.GuardTimeMs = 60000;
        _modem.HangUp(_clock.NowMs);

        Assert.Equal(ModemEvent.HangUpFailed, Until(ModemEvent.HangUpFailed, 10000));
        Assert.Equal(ModemResult.Timeout, _modem.LastResult);
        Assert.Equal(LineState.Connected, _modem.State);
    }

    [Fact]
    public void NO_CARRIER_in_data_mode_ends_the_call()
    {
        Connect();
        _sim.DropCarrier();
        var buffer = new byte[64];
        _modem.DataPort.Read(buffer, 0, buffer.Length);

        Assert.Equal(ModemEvent.CarrierLost, _modem.Poll(_clock.NowMs));
        Assert.Equal(ModemResult.NoCarrier, _modem.LastResult);
        Assert.Equal(LineState.Idle, _modem.State);
    }

    [Fact]
    public void Hanging_up_while_dialling_aborts_the_dial()
    {
        Ready();
        _modem.Dial("5551234", DialMode.Tone, _clock.NowMs);
        Assert.True(_modem.HangUp(_clock.NowMs));
        Assert.Equal(ModemEvent.HungUp, Until(ModemEvent.HungUp, 3000));
        Assert.Equal(LineState.Idle, _modem.State);
        Assert.False(_sim.OffHook);
    }

    /// <summary>Each V.250 result code, verbose and numeric (Table 1), as the answer to a dial.</summary>
    [Theory]
    [InlineData("CONNECT", ModemResult.Connect, ModemEvent.Connected)]
    [InlineData("CONNECT 28800/ARQ", ModemResult.Connect, ModemEvent.Connected)]
    [InlineData("1", ModemResult.Connect, ModemEvent.Connected)]
    [InlineData("NO CARRIER", ModemResult.NoCarrier, ModemEvent.CallFailed)]
    [InlineData("3", ModemResult.NoCarrier, ModemEvent.CallFailed)]
    [InlineData("ERROR", ModemResult.Error, ModemEvent.CallFailed)]
    [InlineData("4", ModemResult.Error, ModemEvent.CallFailed)]
    [InlineData("NO DIALTONE", ModemResult.NoDialtone, ModemEvent.CallFailed)]
    [InlineData("NO DIAL TONE", ModemResult.NoDialtone, ModemEvent.CallFailed)]
    [InlineData("6", ModemResult.NoDialtone, ModemEvent.CallFailed)]
    [InlineData("BUSY", ModemResult.Busy, ModemEvent.CallFailed)]
    [InlineData("7", ModemResult.Busy, ModemEvent.CallFailed)]
    [InlineData("NO ANSWER", ModemResult.NoAnswer, ModemEvent.CallFailed)]
    [InlineData("8", ModemResult.NoAnswer, ModemEvent.CallFailed)]
    public void Result_codes_verbose_and_numeric(string line, ModemResult result, ModemEvent expected)
    {
        var port = new ScriptedPort();
        var modem = ScriptedReady(port);
        Assert.True(modem.Dial("5551234", DialMode.Tone, 100));
        port.Say("\r\n" + line + "\r\n");

        Assert.Equal(expected, modem.Poll(200));
        Assert.Equal(result, modem.LastResult);
        if (line == "CONNECT 28800/ARQ")
        {
            Assert.Equal(28800, modem.ConnectSpeed);
        }
    }

    [Theory]
    [InlineData("RING")]
    [InlineData("2")]
    public void RING_verbose_and_numeric(string line)
    {
        var port = new ScriptedPort();
        var modem = ScriptedReady(port);
        port.Say(line + "\r");
        Assert.Equal(ModemEvent.Ring, modem.Poll(100));
        Assert.Equal(ModemResult.Ring, modem.LastResult);
        Assert.Equal(LineState.Ringing, modem.State);
    }

    [Fact]
    public void OK_and_ERROR_answer_a_console_command_and_silence_times_out()
    {
        var port = new ScriptedPort();
        var modem = ScriptedReady(port);
        Assert.True(modem.TrySendCommand("ATI3", 100));
        port.Say("\r\nU.S. Robotics\r\n\r\nOK\r\n");
        Assert.Equal(ModemEvent.CommandDone, modem.Poll(100));
        Assert.Equal(ModemResult.Ok, modem.LastResult);

        Assert.True(modem.TrySendCommand("AT&Q9", 200));
        port.Say("ERROR\r\n");
        Assert.Equal(ModemEvent.CommandDone, modem.Poll(200));
        Assert.Equal(ModemResult.Error, modem.LastResult);

        Assert.True(modem.TrySendCommand("ATI4", 300));
        Assert.Equal(ModemEvent.None, modem.Poll(300 + AtModem.DefaultCommandTimeoutMs - 1));
        Assert.Equal(ModemEvent.CommandDone, modem.Poll(300 + AtModem.DefaultCommandTimeoutMs));
        Assert.Equal(ModemResult.Timeout, modem.LastResult);
    }

    [Fact]
    public void ATH_answered_with_ERROR_or_nothing_is_a_failed_hang_up()
    {
        var port = new ScriptedPort();
        var modem = ScriptedReady(port);
        modem.Dial("1", DialMode.Tone, 0);
        port.Say("CONNECT\r\n");
        Assert.Equal(ModemEvent.Connected, modem.Poll(0));
        modem.HangUp(5000);
        Assert.Equal(ModemEvent.None, modem.Poll(6000));
        Assert.EndsWith("+++", port.Written.ToString(), StringComparison.Ordinal);
        port.Say("OK\r\n");
        Assert.Equal(ModemEvent.None, modem.Poll(7000));
        Assert.EndsWith("ATH\r", port.Written.ToString(), StringComparison.Ordinal);
        port.Say("ERROR\r\n");
        Assert.Equal(ModemEvent.HangUpFailed, modem.Poll(7100));
        Assert.Equal(ModemResult.Error, modem.LastResult);
    }

    [Fact]
    public void The_constructor_checks_its_port()
    {
        Assert.Throws<ArgumentNullException>(() => new AtModem(null!));
    }

    private static AtModem ScriptedReady(ScriptedPort port)
    {
        var modem = new AtModem(port) { InitString = string.Empty };
        modem.StartInit(0);
        for (int i = 0; i < 3; i++)
        {
            port.Say("OK\r\n");
            modem.Poll(0);
        }

        Assert.True(modem.IsReady);
        return modem;
    }

    private void Ready()
    {
        _modem.StartInit(_clock.NowMs);
        Assert.Equal(ModemEvent.Ready, Until(ModemEvent.Ready, 100));
    }

    private FarEndRecorder Connect()
    {
        Ready();
        var far = new FarEndRecorder();
        _sim.FarEnd = far;
        _modem.Dial("5551234", DialMode.Tone, _clock.NowMs);
        Assert.Equal(ModemEvent.Connected, Until(ModemEvent.Connected, 5000));
        return far;
    }

    /// <summary>Polls in 10 ms steps for up to <paramref name="ms"/>; returns the wanted event, or None.</summary>
    private ModemEvent Until(ModemEvent wanted, int ms)
    {
        for (int t = 0; t <= ms; t += 10)
        {
            ModemEvent e;
            while ((e = _modem.Poll(_clock.NowMs)) != ModemEvent.None)
            {
                if (e == wanted)
                {
                    return e;
                }
            }

            if (t + 10 <= ms)
            {
                _clock.Advance(10);
            }
        }

        return ModemEvent.None;
    }
}
