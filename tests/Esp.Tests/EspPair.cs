using NanoGate.Boards.Host;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Esp.Tests;

/// <summary>One ESP algorithm set as the tests and the benchmark name it.</summary>
public sealed record EspSuite(string Name, CipherAlgorithm Cipher, int KeyLength, HashAlgorithm Integrity, bool Sha256Truncated96 = false,
    int GcmIcv = 16, bool Esn = false)
{
    public override string ToString() => Name;

    public static readonly EspSuite[] All =
    [
        new("aes128-cbc/hmac-sha1-96", CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha1),
        new("aes128-cbc/hmac-sha256-128", CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256),
        new("aes256-cbc/hmac-sha256-128", CipherAlgorithm.AesCbc, 32, HashAlgorithm.Sha256),
        new("aes256-cbc/hmac-sha384-192", CipherAlgorithm.AesCbc, 32, HashAlgorithm.Sha384),
        new("aes256-cbc/hmac-sha512-256", CipherAlgorithm.AesCbc, 32, HashAlgorithm.Sha512),
        new("aes128-cbc/hmac-sha256-96 (compat)", CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256, Sha256Truncated96: true),
        new("3des-cbc/hmac-sha1-96", CipherAlgorithm.TripleDesCbc, 24, HashAlgorithm.Sha1),
        new("aes128-gcm-16", CipherAlgorithm.AesGcm, 16, 0),
        new("aes256-gcm-16", CipherAlgorithm.AesGcm, 32, 0),
        new("aes128-gcm-12", CipherAlgorithm.AesGcm, 16, 0, GcmIcv: 12),
        new("aes128-gcm-8", CipherAlgorithm.AesGcm, 16, 0, GcmIcv: 8),
        new("aes128-cbc/hmac-sha256-128 esn", CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256, Esn: true),
        new("aes128-gcm-16 esn", CipherAlgorithm.AesGcm, 16, 0, Esn: true),
    ];

    public int IcvLength => Cipher == CipherAlgorithm.AesGcm ? GcmIcv : SecurityAssociation.IcvLengthOf(Integrity, Sha256Truncated96);
}

/// <summary>
/// Two gateways' ESP engines wired back to back: A encrypts (outbound SA, policy 10.1/16 -> 10.2/16)
/// and B decrypts (inbound SA with the same keys). Fake keys: bytes 1, 2, 3, ...
/// </summary>
public sealed class EspPair
{
    public static readonly uint LanA = 0x0A010000; // 10.1.0.0/16
    public static readonly uint LanB = 0x0A020000; // 10.2.0.0/16
    public static readonly uint WanA = 0xC0000201; // 192.0.2.1
    public static readonly uint WanB = 0xC6336402; // 198.51.100.2

    public EspEngine A { get; }
    public EspEngine B { get; }
    public SecurityAssociation Out { get; }
    public SecurityAssociation In { get; }
    public int Handle { get; }

    public EspPair(ICryptoProvider crypto, EspSuite suite, bool udp = true, int window = ReplayWindow.DefaultSize, Action<SaParameters>? tweak = null)
    {
        var random = new DeterministicRandom(7);
        A = new EspEngine(crypto, random, 4, 4, 4);
        B = new EspEngine(crypto, random, 4, 4, 4);
        int policy = A.AddPolicy(new TrafficSelector(LanA, 16), new TrafficSelector(LanB, 16), 0, PolicyAction.Protect);
        uint spi = B.ReserveInboundSpi();
        Assert.NotEqual(0u, spi);

        SaParameters p = Parameters(suite, spi, udp, window);
        p.PolicyId = policy;
        p.LocalAddress = WanA;
        p.RemoteAddress = WanB;
        p.LocalSelector = new TrafficSelector(LanA, 16);
        p.RemoteSelector = new TrafficSelector(LanB, 16);
        tweak?.Invoke(p);
        Handle = A.InstallOutbound(p, 0, out SaInstallResult r);
        Assert.Equal(SaInstallResult.Ok, r);

        SaParameters q = Parameters(suite, spi, udp, window);
        q.LocalAddress = WanB;
        q.RemoteAddress = WanA;
        q.LocalSelector = new TrafficSelector(LanB, 16);
        q.RemoteSelector = new TrafficSelector(LanA, 16);
        tweak?.Invoke(q);
        Assert.Equal(SaInstallResult.Ok, B.InstallInbound(q, 0));
        Out = A.GetOutbound(Handle)!;
        In = B.FindInbound(spi)!;
    }

    public static SaParameters Parameters(EspSuite suite, uint spi, bool udp = true, int window = ReplayWindow.DefaultSize)
    {
        int keyLength = suite.KeyLength + (suite.Cipher == CipherAlgorithm.AesGcm ? 4 : 0);
        var p = new SaParameters
        {
            Spi = spi,
            Cipher = suite.Cipher,
            EncryptionKey = Enumerable.Range(1, keyLength).Select(i => (byte)i).ToArray(),
            Integrity = suite.Integrity,
            Sha256Truncated96 = suite.Sha256Truncated96,
            GcmIcvLength = suite.GcmIcv,
            ExtendedSequenceNumbers = suite.Esn,
            UdpEncapsulation = udp,
            ReplayWindowSize = window,
        };
        if (suite.Cipher != CipherAlgorithm.AesGcm)
        {
            p.IntegrityKey = Enumerable.Range(100, SecurityAssociation.IntegrityKeyLengthOf(suite.Integrity)).Select(i => (byte)i).ToArray();
        }

        // 3DES keys must not repeat a part (K1 != K2 != K3); 1..24 does not.
        return p;
    }

    /// <summary>Writes an IPv4/UDP packet of <paramref name="length"/> bytes from LAN A to LAN B into the slot.</summary>
    public static void WriteInner(PacketSlot slot, int length, uint source = 0x0A010005, uint destination = 0x0A020007, byte fill = 0) =>
        NFUnitTest.EspTestPackets.WriteInner(slot, length, source, destination, fill);

    /// <summary>The ESP packet as the receiving side's UDP socket delivers it.</summary>
    public static void ToReceived(PacketSlot slot) => NFUnitTest.EspTestPackets.ToReceived(slot);

    public static ICryptoProvider Provider(string name) => name switch
    {
        "dotnet" => new DotNetCryptoProvider(),
        "native" => new NativeCryptoProvider(),
        _ => new PortableCryptoProvider(),
    };
}
