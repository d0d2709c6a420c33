using System.Diagnostics;

namespace NanoGate.Boards.Tests;

/// <summary>Runs a program for a test: its exit code and output (stdout, then stderr), stdin closed, killed after 60 s.</summary>
internal static class TestProcess
{
    public static (int Code, string Text) Exec(params string[] args)
    {
        var start = new ProcessStartInfo(args[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string a in args.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        p.StandardInput.Close();
        Task<string> error = p.StandardError.ReadToEndAsync();
        string text = p.StandardOutput.ReadToEnd() + error.Result;
        if (!p.WaitForExit(60000))
        {
            p.Kill();
        }

        return (p.ExitCode, text);
    }

    /// <summary>Runs a set-up command that must succeed; its output.</summary>
    public static string Sh(params string[] args)
    {
        (int code, string text) = Exec(args);
        Assert.True(code == 0, $"{string.Join(' ', args)} failed ({code}): {text}");
        return text;
    }
}
