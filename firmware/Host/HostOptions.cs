namespace NanoGate.Host;

/// <summary>
/// The options each `nanogate` command takes: an unknown one is an error with exit 2, never the
/// demo or a run that ignores it (issue 16: `nanogate --x` ran the demo).
/// </summary>
internal static class HostOptions
{
    /// <summary>Options with a value after them, by command.</summary>
    private static readonly Dictionary<string, string[]> s_valued = new()
    {
        ["demo"] = ["--crypto", "--capture", "--esp"],
        ["selftest"] = ["--crypto"],
        ["pstn-demo"] = ["--crypto"],
        ["run"] = ["--crypto", "--board", "--config", "--console-socket", "--storage"],
        ["console"] = ["--socket", "-c"],
        ["help"] = [],
    };

    /// <summary>Options without a value, by command.</summary>
    private static readonly Dictionary<string, string[]> s_flags = new()
    {
        ["run"] = ["--no-tun-setup"],
        ["help"] = ["--help", "-h"],
    };

    /// <summary>Why <paramref name="args"/> are wrong for <paramref name="command"/>, or null.</summary>
    public static string? Check(string command, string[] args)
    {
        if (command is "--help" or "-h")
        {
            return null;
        }

        if (!s_valued.TryGetValue(command, out string[]? valued))
        {
            return $"unknown command '{command}'";
        }

        if (command == "help")
        {
            return null;
        }

        string[] flags = s_flags.TryGetValue(command, out string[]? f) ? f : [];
        for (int i = args.Length > 0 && args[0] == command ? 1 : 0; i < args.Length; i++)
        {
            string a = args[i];
            if (Array.IndexOf(valued, a) >= 0)
            {
                if (i + 1 >= args.Length)
                {
                    return $"{command}: {a} needs a value";
                }

                i++;
                continue;
            }

            if (Array.IndexOf(flags, a) < 0)
            {
                return a.StartsWith('-') ? $"{command}: unknown option '{a}'" : $"{command}: unexpected argument '{a}'";
            }
        }

        return null;
    }
}
