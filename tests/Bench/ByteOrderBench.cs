using System.Diagnostics;
using NanoGate.Hal;

namespace NanoGate.Bench;

/// <summary>Baseline: big-endian helpers the wire code uses on every header.</summary>
public sealed class ByteOrderBench : IBench
{
    public string Name => "byteorder";

    public void Run(TextWriter output, bool quick)
    {
        byte[] buffer = new byte[64];
        int iterations = quick ? 1_000_000 : 50_000_000;
        uint sum = 0;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            BigEndian.WriteUInt32(buffer, i & 31, (uint)i);
            sum += BigEndian.ReadUInt32(buffer, i & 31);
        }

        sw.Stop();
        output.WriteLine($"{"operation",-28} {"ns/op",8}");
        output.WriteLine($"{"WriteUInt32+ReadUInt32",-28} {sw.Elapsed.TotalNanoseconds / iterations,8:F2}   (checksum {sum})");
    }
}
