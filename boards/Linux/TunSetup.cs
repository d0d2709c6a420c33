using System.Diagnostics;
using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// Sets up the LAN TUN device from the configuration (issue 16: it was done by hand although the
/// configuration names the address): MTU 1400 and up, the LAN address on the device unless an
/// interface of this host holds it already (then the TUN device is a routed hop behind that LAN, as
/// in the interop namespaces), and a route through it to each remote subnet of the ipsec policies
/// that has none yet. Nothing that exists is replaced, so a set-up done by hand stays as it was.
/// Uses iproute2's `ip`; each step says what it did.
/// </summary>
public static class TunSetup
{
    /// <summary>The MTU of the device: room for ESP in UDP on a 1500-byte WAN (docs/RUNNING.md).</summary>
    public const int Mtu = 1400;

    /// <summary>
    /// Sets up <paramref name="device"/>; <paramref name="remoteNets"/> holds "A.B.C.D/M" texts.
    /// Returns null, or why a step failed (the gateway still runs; the operator can finish by hand).
    /// </summary>
    public static string? Apply(string device, uint lanAddress, int lanPrefix, IEnumerable<string> remoteNets, Action<string> report)
    {
        string? failed = Ip(report, "link", "set", "dev", device, "mtu", Mtu.ToString(), "up");
        string lan = Ipv4.Format(lanAddress);
        (int code, string text) = Run("ip", "-o", "-4", "addr", "show");
        if (code == 0 && !HoldsAddress(text, lan))
        {
            failed ??= Ip(report, "addr", "add", lan + "/" + lanPrefix, "dev", device);
        }
        else if (code == 0)
        {
            report($"nanogate: TUN {device}: {lan} is on an interface already; not added to {device}");
        }

        foreach (string net in remoteNets)
        {
            (int c, string routes) = Run("ip", "-4", "route", "show", net);
            if (c == 0 && routes.Trim().Length > 0)
            {
                report($"nanogate: TUN {device}: a route to {net} exists; left as it is");
                continue;
            }

            failed ??= Ip(report, "route", "add", net, "dev", device, "src", lan);
        }

        return failed;
    }

    /// <summary>True when `ip -o -4 addr show` lists <paramref name="address"/> ("inet A.B.C.D/M").</summary>
    public static bool HoldsAddress(string listing, string address) =>
        listing.Contains(" inet " + address + "/", StringComparison.Ordinal);

    private static string? Ip(Action<string> report, params string[] args)
    {
        (int code, string text) = Run("ip", args);
        string command = "ip " + string.Join(' ', args);
        if (code != 0)
        {
            return command + ": " + text.Trim();
        }

        report("nanogate: " + command);
        return null;
    }

    private static (int Code, string Text) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using Process p = Process.Start(start)!;
            Task<string> output = p.StandardOutput.ReadToEndAsync();
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output.Result + error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, file + " not found: " + e.Message);
        }
    }
}
