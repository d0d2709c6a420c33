using NanoGate.Esp;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using GatewayNode = NanoGate.Firmware.Gateway.Gateway;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Keys a tunnel by hand (IKE is not wired yet): AES-128-CBC + HMAC-SHA2-256-128 SAs with fixed,
/// obviously fake test keys, installed through Gateway.InstallSaPair (the call the key exchange will make).
/// </summary>
internal static class ManualKeys
{
    public static byte[] Key(byte fill, int length) => Enumerable.Repeat(fill, length).ToArray();

    /// <summary>
    /// One side: inbound SPI <paramref name="inSpi"/> with keys (inEnc, inAuth), outbound SPI
    /// <paramref name="outSpi"/> with keys (outEnc, outAuth), peer at remote:remotePort.
    /// </summary>
    public static int Install(GatewayNode gw, int tunnel, uint local, uint remote, int remotePort,
        string localNet, string remoteNet, uint inSpi, byte inKeys, uint outSpi, byte outKeys, long nowMs, long hardLifetimeMs = 0)
    {
        TrafficSelector localTs = Selector(localNet);
        TrafficSelector remoteTs = Selector(remoteNet);
        Assert.True(gw.Esp.ReserveInboundSpi(inSpi));
        var inbound = new SaParameters
        {
            Spi = inSpi,
            Cipher = CipherAlgorithm.AesCbc,
            EncryptionKey = Key(inKeys, 16),
            Integrity = HashAlgorithm.Sha256,
            IntegrityKey = Key((byte)(inKeys + 1), 32),
            LocalAddress = local,
            RemoteAddress = remote,
            RemotePort = remotePort,
            LocalSelector = localTs,
            RemoteSelector = remoteTs,
            HardLifetimeMs = hardLifetimeMs,
        };
        var outbound = new SaParameters
        {
            Spi = outSpi,
            Cipher = CipherAlgorithm.AesCbc,
            EncryptionKey = Key(outKeys, 16),
            Integrity = HashAlgorithm.Sha256,
            IntegrityKey = Key((byte)(outKeys + 1), 32),
            LocalAddress = local,
            RemoteAddress = remote,
            RemotePort = remotePort,
            LocalSelector = localTs,
            RemoteSelector = remoteTs,
            PolicyId = gw.TunnelPolicyId(tunnel),
            HardLifetimeMs = hardLifetimeMs,
        };
        int handle = gw.InstallSaPair(inbound, outbound, 0, nowMs, out SaInstallResult result);
        Assert.True(handle >= 0, $"install failed: {result}");
        return handle;
    }

    public static TrafficSelector Selector(string net)
    {
        string[] parts = net.Split('/');
        Assert.True(Ipv4.TryParse(parts[0], out uint address));
        return new TrafficSelector(address, int.Parse(parts[1]));
    }

    public static uint Ip(string text)
    {
        Assert.True(Ipv4.TryParse(text, out uint address));
        return address;
    }
}
