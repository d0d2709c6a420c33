using NanoGate.Hal.Crypto;

namespace NanoGate.Host;

/// <summary>The crypto provider the host boards use; none until the providers land.</summary>
internal static class HostCrypto
{
    public static ICryptoProvider? Create() => null;
}
