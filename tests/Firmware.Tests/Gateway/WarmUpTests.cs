using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;
using NanoGate.Host;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// `nanogate run`'s warm-up (issue 19): its two simulated tunnels (AES-CBC and AES-GCM ESP) come
/// up over the provider the process runs, so the IKE, ESP and crypto paths really ran before the
/// first real negotiation; a warm-up that silently did nothing would leave the setup slow.
/// </summary>
[Collection(NativeSlotCounting.Name)]
public sealed class WarmUpTests
{
    [Fact]
    public void BothSimulatedTunnelsComeUpOverTheDotNetProvider()
    {
        var errors = new StringWriter();
        Assert.True(WarmUp.Run(new DotNetCryptoProvider(), errors), errors.ToString());
        Assert.Equal(string.Empty, errors.ToString());
    }

    [Fact]
    public void BothSimulatedTunnelsComeUpOverThePortableProvider()
    {
        var errors = new StringWriter();
        Assert.True(WarmUp.Run(new PortableCryptoProvider(), errors), errors.ToString());
    }

    /// <summary>The warm-up's tunnels are shut down and its primitives wiped: every native slot it took is released.</summary>
    [Fact]
    public void TheWarmUpOverTheNativeProviderGivesBackEveryNativeSlot()
    {
        var errors = new StringWriter();
        int before = NativeSlots.InUse;
        Assert.True(WarmUp.Run(new NativeCryptoProvider(), errors), errors.ToString());
        Assert.Equal(before, NativeSlots.InUse);
    }
}
