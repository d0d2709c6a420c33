namespace NanoGate.Bench;

/// <summary>A benchmark the harness finds by reflection; add a class, nothing else to register.</summary>
public interface IBench
{
    /// <summary>Name used on the command line ("crypto", "esp", ...).</summary>
    string Name { get; }

    /// <summary>Runs and prints its table to <paramref name="output"/>. quick = a short smoke run for CI.</summary>
    void Run(TextWriter output, bool quick);
}
