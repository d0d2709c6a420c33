using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Pstn.Backup;
using NanoGate.Pstn.Ip;
using NanoGate.Pstn.Modem;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Host;

/// <summary>
/// <c>nanogate pstn-demo</c>: dial backup on the sim board. A prober sends one UDP datagram a
/// second to the head office over whichever WAN is active; the Ethernet uplink is cut at 10 s and
/// restored at 60 s. The simulated modem dials the simulated access server, PPP comes up with
/// CHAP-MD5 and IPCP, probes flow over the phone line, and 30 s after Ethernet returns the WAN
/// moves back and the call ends. Prints the timeline, the console views and the outage each way;
/// exits 0 only if probes crossed both paths. (The tunnel itself is not moved here: IKE/ESP over
/// the PPP transport is not wired into the gateway yet, docs/PSTN.md.)
/// </summary>
internal static class PstnDemoCommand
{
    private const uint HeadOffice = 0x0A400001;

    public static int Run(ICryptoProvider crypto)
    {
        var clock = new ManualClock(0);
        var sim = new SimModem(clock) { ConnectSpeed = 33600 };
        var isp = new SimPppPeer(sim.SendFromFarEnd) { Auth = SimPppAuth.Chap, User = "branch-01", Secret = "fake-dialup-secret", EchoUdp = true, ServerAddress = HeadOffice };
        sim.FarEnd = isp;
        var modem = new AtModem(sim) { InitString = "ATX4" };
        var link = new PppLink(modem.DataPort, new DeterministicRandom(18), crypto);
        link.SetCredentials("branch-01", "fake-dialup-secret");
        PppDatagramTransport natt = new UdpOverPpp(link).Bind(4500, 8);
        var backup = new DialBackup(modem, link) { Number = "0800123456", ReturnDelayMs = 30_000 };

        Console.WriteLine("NanoGate PSTN dial-backup demo (sim board, simulated modem and access server; seeded test randomness)");
        modem.StartInit(clock.NowMs);
        for (int i = 0; i < 10 && !modem.IsReady; i++)
        {
            modem.Poll(clock.NowMs);
        }

        Console.WriteLine($"[   0.0 s] modem: {string.Join(", ", sim.Commands)} -> {(modem.IsReady ? "ready" : "FAILED")}");
        BackupState lastState = backup.State;
        ActiveWan lastWan = ActiveWan.None;
        LedMode lastLed = (LedMode)(-1);
        long lastAnswered = 0, outageStart = -1;
        var outages = new List<(string Direction, double Seconds)>();
        int ethernetProbes = 0, pstnProbes = 0;
        byte[] probe = "probe"u8.ToArray();
        byte[] buffer = new byte[64];

        for (long t = 0; t <= 110_000; t += 10)
        {
            clock.Advance(10);
            bool wanUp = clock.NowMs < 10_000 || clock.NowMs >= 60_000;
            if (clock.NowMs == 10_000)
            {
                Say(clock, "Ethernet WAN link down");
            }

            if (clock.NowMs == 60_000)
            {
                Say(clock, "Ethernet WAN link up again");
            }

            backup.NoteTraffic(clock.NowMs);
            backup.Poll(clock.NowMs, wanUp);
            if (backup.State != lastState)
            {
                Say(clock, $"dialer: {lastState} -> {backup.State}" + (backup.State == BackupState.Negotiating ? $" (CONNECT {modem.ConnectSpeed})" : string.Empty));
                lastState = backup.State;
                if (backup.State == BackupState.Backup)
                {
                    Say(clock, $"ppp: {(link.Lcp.AuthProtocol == PppProtocol.Chap ? "CHAP-MD5" : "PAP")} accepted, address {Ipv4.Format(link.LocalAddress)}, peer {Ipv4.Format(link.PeerAddress)}");
                }
            }

            LedMode led = PstnLed.Mode(backup.State, modem.State);
            if (led != lastLed)
            {
                Say(clock, $"PSTN LED {led}");
                lastLed = led;
            }

            if (backup.ActiveWan != lastWan)
            {
                Say(clock, $"WAN transport now {backup.ActiveWan}");
                lastWan = backup.ActiveWan;
            }

            // One probe a second over the active WAN.
            if (clock.NowMs % 1000 == 0)
            {
                bool answered = false;
                if (backup.ActiveWan == ActiveWan.Ethernet)
                {
                    answered = true;
                    ethernetProbes++;
                }
                else if (backup.ActiveWan == ActiveWan.Pstn && natt.Send(probe, 0, probe.Length, HeadOffice, 4500))
                {
                    for (int i = 0; i < 20 && !answered; i++)
                    {
                        link.Poll(clock.NowMs);
                        answered = natt.Receive(buffer, 0, buffer.Length, out _, out _) > 0;
                    }

                    pstnProbes += answered ? 1 : 0;
                }

                if (!answered && outageStart < 0)
                {
                    outageStart = lastAnswered;
                }
                else if (answered && outageStart >= 0)
                {
                    outages.Add((backup.ActiveWan == ActiveWan.Pstn ? "Ethernet -> PSTN" : "PSTN -> Ethernet", (clock.NowMs - outageStart) / 1000.0));
                    outageStart = -1;
                }

                if (answered)
                {
                    lastAnswered = clock.NowMs;
                }
            }

            if (clock.NowMs == 40_000)
            {
                Console.WriteLine();
                Console.WriteLine("display modem");
                Console.Write(PstnDisplay.Modem(modem, clock.NowMs));
                Console.WriteLine("display ppp");
                Console.Write(PstnDisplay.Ppp(link));
                Console.WriteLine("display dialer");
                Console.Write(PstnDisplay.Dialer(backup));
                Console.WriteLine();
            }
        }

        Console.WriteLine();
        foreach ((string direction, double seconds) in outages)
        {
            Console.WriteLine($"outage {direction}: {seconds:F1} s (probes once a second)");
        }

        if (!outages.Exists(o => o.Direction == "PSTN -> Ethernet") && ethernetProbes > 10)
        {
            Console.WriteLine("outage PSTN -> Ethernet: 0.0 s (the WAN moves back before the call ends)");
        }

        Console.WriteLine($"probes answered: {ethernetProbes} over Ethernet, {pstnProbes} over PSTN; calls {sim.Calls}, line now {(sim.OffHook ? "off hook" : "on hook")}");
        bool ok = pstnProbes > 0 && ethernetProbes > 0 && !sim.OffHook && backup.ActiveWan == ActiveWan.Ethernet;
        Console.WriteLine(ok ? "pstn-demo: OK" : "pstn-demo: FAILED");
        return ok ? 0 : 1;
    }

    private static void Say(ManualClock clock, string text) => Console.WriteLine($"[{clock.NowMs / 1000.0,6:F1} s] {text}");
}
