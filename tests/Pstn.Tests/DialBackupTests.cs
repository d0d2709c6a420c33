using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Pstn.Backup;
using NanoGate.Pstn.Ip;
using NanoGate.Pstn.Modem;
using NanoGate.Pstn.Ppp;
using Xunit.Abstractions;

namespace NanoGate.Pstn.Tests;

/// <summary>Dial backup on the sim board: the simulated modem and exchange, the simulated access server, a manual clock.</summary>
public class DialBackupTests
{
    private readonly ITestOutputHelper _output;
    private readonly ManualClock _clock = new(0);
    private readonly SimModem _sim;
    private readonly SimPppPeer _peer;
    private readonly AtModem _modem;
    private readonly PppLink _link;
    private readonly PppDatagramTransport _natt;
    private readonly DialBackup _backup;

    public DialBackupTests(ITestOutputHelper output)
    {
        _output = output;
        _sim = new SimModem(_clock);
        _peer = new SimPppPeer(_sim.SendFromFarEnd) { Auth = SimPppAuth.Chap, EchoUdp = true };
        _sim.FarEnd = _peer;
        _modem = new AtModem(_sim);
        _link = new PppLink(_modem.DataPort, new DeterministicRandom(5), new DotNetCryptoProvider());
        _link.SetCredentials("nanogate", "fake-secret");
        _natt = new UdpOverPpp(_link).Bind(4500, 8);
        _backup = new DialBackup(_modem, _link) { Number = "0800123456", ReturnDelayMs = 30_000 };
        _modem.StartInit(_clock.NowMs);
        for (int i = 0; i < 10 && !_modem.IsReady; i++)
        {
            _modem.Poll(_clock.NowMs);
        }

        Assert.True(_modem.IsReady);
    }

    [Fact]
    public void WAN_down_dials_and_moves_the_WAN_to_PSTN_then_back_when_Ethernet_stays_up()
    {
        Run(1000, wanUp: true);
        Assert.Equal(ActiveWan.Ethernet, _backup.ActiveWan);
        Assert.Equal(BackupState.Standby, _backup.State);

        long cut = _clock.NowMs;
        long up = RunUntil(() => _backup.ActiveWan == ActiveWan.Pstn, 30_000, wanUp: false);
        _output.WriteLine($"failover to PSTN: {(up - cut) / 1000.0:F1} s (sim time: dial 3 s, PPP with CHAP)");
        Assert.Equal(BackupState.Backup, _backup.State);
        Assert.Equal("0800123456", _sim.Dialled.Single());
        Assert.Equal(LedMode.On, PstnLed.Mode(_backup.State, _modem.State));
        string ppp = PstnDisplay.Ppp(_link);
        Assert.Contains("PPP phase        : running", ppp, StringComparison.Ordinal);
        Assert.Contains("Local address    : 10.64.0.2", ppp, StringComparison.Ordinal);
        Assert.Contains("CHAP-MD5", ppp, StringComparison.Ordinal);
        Assert.Contains("Line state       : connected", PstnDisplay.Modem(_modem, _clock.NowMs), StringComparison.Ordinal);
        Assert.Contains("Active WAN       : pstn", PstnDisplay.Dialer(_backup), StringComparison.Ordinal);

        byte[] probe = [1, 2, 3];
        Assert.True(_natt.Send(probe, 0, 3, _peer.ServerAddress, 4500));
        Run(50, wanUp: false);
        Assert.Equal(3, _natt.Receive(new byte[10], 0, 10, out _, out _));

        // Ethernet flaps back for 10 s: not long enough to move back.
        Run(10_000, wanUp: true);
        Assert.Equal(BackupState.Returning, _backup.State);
        Run(100, wanUp: false);
        Assert.Equal(BackupState.Backup, _backup.State);

        long back = _clock.NowMs;
        long moved = RunUntil(() => _backup.ActiveWan == ActiveWan.Ethernet, 40_000, wanUp: true);
        _output.WriteLine($"move back to Ethernet: {(moved - back) / 1000.0:F1} s (return delay 30 s)");
        Assert.True(moved - back >= 30_000);
        RunUntil(() => _backup.State == BackupState.Standby, 10_000, wanUp: true);
        Assert.Equal(LedMode.Off, PstnLed.Mode(_backup.State, _modem.State));
        Assert.False(_sim.OffHook);
        Assert.Equal(LineState.Idle, _modem.State);
        Assert.Equal(1, _peer.TerminateRequests);
        Assert.Equal(DialError.None, _backup.LastError);
    }

    [Fact]
    public void A_busy_number_is_retried_with_doubling_backoff()
    {
        _sim.Outcome = SimDialOutcome.Busy;
        _backup.RetryBaseMs = 10_000;
        var attempts = new List<long>();
        for (int t = 0; t < 80_000; t += 10)
        {
            int before = _backup.Attempts;
            Run(10, wanUp: false);
            if (_backup.Attempts != before)
            {
                attempts.Add(_clock.NowMs);
            }
        }

        Assert.Equal(DialError.Busy, _backup.LastError);
        Assert.Contains("Last error       : busy", PstnDisplay.Dialer(_backup), StringComparison.Ordinal);
        Assert.Equal(ActiveWan.None, _backup.ActiveWan);
        Assert.Equal(4, _sim.Dialled.Count);

        // Each call takes 3 s to answer BUSY, then waits 10 s, 20 s, 40 s.
        long[] gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(new long[] { 13_000, 23_000, 43_000 }, gaps.Select(g => (g + 50) / 1000 * 1000).ToArray());
    }

    [Fact]
    public void No_dial_tone_is_recorded_and_a_plugged_in_line_then_connects()
    {
        _sim.LineUnplugged = true;
        _backup.RetryBaseMs = 5_000;
        Run(1000, wanUp: false);
        Assert.Equal(DialError.NoDialtone, _backup.LastError);
        Assert.Equal(LedMode.FastBlink, PstnLed.Mode(_backup.State, _modem.State));
        Assert.Equal("no dial tone", PstnDisplay.ErrorName(_backup.LastError));
        Assert.Equal(LineState.NoLine, _modem.State);

        _sim.LineUnplugged = false;
        RunUntil(() => _backup.State == BackupState.Backup, 30_000, wanUp: false);
        Assert.Equal(ActiveWan.Pstn, _backup.ActiveWan);
    }

    [Fact]
    public void A_wrong_password_is_authentication_failed_and_the_call_is_ended()
    {
        _peer.Secret = "not-ours";
        RunUntil(() => _backup.State == BackupState.Waiting, 30_000, wanUp: false);
        Assert.Equal(DialError.AuthenticationFailed, _backup.LastError);
        Assert.False(_sim.OffHook);
    }

    [Fact]
    public void The_idle_timeout_hangs_up_and_traffic_dials_again()
    {
        _backup.IdleTimeoutMs = 60_000;
        RunUntil(() => _backup.State == BackupState.Backup, 30_000, wanUp: false);
        RunUntil(() => _backup.State == BackupState.Idle, 70_000, wanUp: false);
        Assert.False(_sim.OffHook);
        Run(5000, wanUp: false);
        Assert.Equal(BackupState.Idle, _backup.State);

        _backup.NoteTraffic(_clock.NowMs);
        RunUntil(() => _backup.State == BackupState.Backup, 30_000, wanUp: false);
        Assert.Equal(2, _sim.Calls);
    }

    [Fact]
    public void The_daily_budget_ends_the_call_and_stops_dialling_until_the_next_day()
    {
        _backup.DailyBudgetMinutes = 2;
        RunUntil(() => _backup.State == BackupState.Backup, 30_000, wanUp: false);
        RunUntil(() => _backup.State == BackupState.BudgetExhausted, 130_000, wanUp: false);
        Assert.InRange(_backup.UsedTodaySeconds, 120, 125);
        Assert.False(_sim.OffHook);
        Run(60_000, wanUp: false);
        Assert.Equal(1, _sim.Calls);

        // The next day (24 h of uptime) the budget is fresh.
        _clock.Advance(24L * 3600 * 1000);
        RunUntil(() => _backup.State == BackupState.Backup, 30_000, wanUp: false);
        Assert.Equal(2, _sim.Calls);
    }

    [Fact]
    public void The_far_end_dropping_the_call_is_no_carrier_and_redials()
    {
        _backup.RetryBaseMs = 5_000;
        RunUntil(() => _backup.State == BackupState.Backup, 30_000, wanUp: false);
        _sim.DropCarrier();
        Run(100, wanUp: false);
        Assert.Equal(DialError.NoCarrier, _backup.LastError);
        Assert.Equal(BackupState.Waiting, _backup.State);
        RunUntil(() => _backup.State == BackupState.Backup, 30_000, wanUp: false);
        Assert.Equal(2, _sim.Calls);
    }

    [Fact]
    public void Operator_dial_and_hang_up()
    {
        Assert.True(_backup.DialNow(_clock.NowMs));
        RunUntil(() => _backup.State == BackupState.Backup, 30_000, wanUp: false);
        Assert.True(_backup.HangUpNow(_clock.NowMs));
        RunUntil(() => _backup.State == BackupState.Idle, 10_000, wanUp: false);
        Assert.False(_sim.OffHook);
        Assert.False(_backup.HangUpNow(_clock.NowMs));
    }

    private void Run(int ms, bool wanUp)
    {
        for (int t = 0; t < ms; t += 10)
        {
            _clock.Advance(10);
            _backup.Poll(_clock.NowMs, wanUp);
        }
    }

    private long RunUntil(Func<bool> done, int ms, bool wanUp)
    {
        for (int t = 0; t < ms && !done(); t += 10)
        {
            Run(10, wanUp);
        }

        Assert.True(done(), $"not reached in {ms} ms: state {_backup.State}, error {_backup.LastError}, modem {_modem.State}, ppp {_link.Phase}/{_link.LastFailure}");
        return _clock.NowMs;
    }
}
