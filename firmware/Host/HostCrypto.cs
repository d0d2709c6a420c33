using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Host;

/// <summary>
/// The crypto provider a host board uses: .NET's native one by default, or the portable one the
/// device runs ("--crypto portable"), so the device code can be exercised end to end on the host.
/// </summary>
internal static class HostCrypto
{
    public static ICryptoProvider? Create(string name) => name switch
    {
        "dotnet" => new DotNetCryptoProvider(),
        "portable" => new PortableCryptoProvider(),
        _ => null,
    };
}
