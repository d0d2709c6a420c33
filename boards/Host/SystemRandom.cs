using System.Security.Cryptography;
using NanoGate.Hal;

namespace NanoGate.Boards.Host;

/// <summary>The operating system's CSPRNG (RandomNumberGenerator), the host boards' random source.</summary>
public sealed class SystemRandom : IRandomSource
{
    public bool IsCryptographicallySecure => true;

    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
