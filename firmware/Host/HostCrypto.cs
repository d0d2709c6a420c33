using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Host;

/// <summary>
/// The crypto provider a host board uses: .NET's native one by default, the portable one
/// ("--crypto portable"), or the native component the device runs ("--crypto native":
/// the C of native/ over mbedTLS in libnanogate_crypto.so), so the device's code can be
/// exercised end to end on the host.
/// </summary>
internal static class HostCrypto
{
    public static ICryptoProvider? Create(string name) => name switch
    {
        "dotnet" => new DotNetCryptoProvider(),
        "portable" => new PortableCryptoProvider(),
        "native" => new NativeCryptoProvider(),
        _ => null,
    };

    /// <summary>Null when the provider can run here, else why not (the native library was not built).</summary>
    public static string? Unavailable(string name)
    {
        if (name != "native")
        {
            return null;
        }

        try
        {
            return NativeSlots.Count > 0 ? null : "the native crypto library has no slots";
        }
        catch (DllNotFoundException)
        {
            return "libnanogate_crypto.so is not beside nanogate.dll: build it with make -C native/c "
                + "(needs libmbedtls-dev; tests/run.sh does both), then rebuild";
        }
    }
}
