using System.Security.Cryptography;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// A quick mode initiator written in the test from RFC 2409 §5.5 and RFC 2407, over an ISAKMP SA
/// that ike established: it builds QM1 with any client IDs (ID_IPV4_ADDR, _SUBNET, _RANGE) and
/// optionally PFS with .NET's P-256 (group 19, KE = x | y and g^xy = x, RFC 5903 §7), reads QM2
/// and sends QM3, so the responder's SAs can be checked against KEYMAT computed here.
/// </summary>
public sealed class TestQuickModeInitiator : IDisposable
{
    private readonly ProtectedWire _wire;
    private readonly ECDiffieHellman? _ecdh;

    public TestQuickModeInitiator(ProtectedWire wire, uint messageId, uint spi, bool pfs19)
    {
        _wire = wire;
        MessageId = messageId;
        Spi = spi;
        Ni = RandomNumberGenerator.GetBytes(32);
        if (pfs19)
        {
            _ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        }
    }

    public uint MessageId { get; }
    public uint Spi { get; }
    public byte[] Ni { get; }
    public byte[]? Nr { get; private set; }
    public uint ResponderSpi { get; private set; }
    public byte[]? Gxy { get; private set; }
    public ProtectedWire.Decoded? Qm2 { get; private set; }

    /// <summary>ID payload body (RFC 2407 §4.6.2): type, protocol 0, port 0, data.</summary>
    public static byte[] Id(int type, params string[] addresses) => [(byte)type, 0, 0, 0, .. addresses.SelectMany(a => ProtectedWire.Be32(Rig.Ip(a)))];

    /// <summary>
    /// SA body with one ESP proposal, one transform (RFC 2407 §4.5 attributes, all basic):
    /// life type seconds, duration, [group,] encapsulation mode, [auth,] [key length].
    /// </summary>
    public static byte[] EspSa(uint spi, int transformId, int keyBits, int auth, int mode, int group, int lifeSeconds)
    {
        var attrs = new List<byte>();
        void Tv(int type, int value) => attrs.AddRange([(byte)(0x80 | type >> 8), (byte)type, (byte)(value >> 8), (byte)value]);
        Tv(1, 1);
        Tv(2, lifeSeconds);
        if (group != 0)
        {
            Tv(3, group);
        }

        Tv(4, mode);
        if (auth != 0)
        {
            Tv(5, auth);
        }

        if (keyBits != 0)
        {
            Tv(6, keyBits);
        }

        byte[] transform = [0, 0, .. Be16(8 + attrs.Count), 1, (byte)transformId, 0, 0, .. attrs];
        byte[] proposal = [0, 0, .. Be16(12 + transform.Length), 1, 3, 4, 1, .. ProtectedWire.Be32(spi), .. transform];
        return [0, 0, 0, 1, 0, 0, 0, 1, .. proposal];
    }

    private static byte[] Be16(int v) => [(byte)(v >> 8), (byte)v];

    /// <summary>HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] with HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [| KE] [| IDci | IDcr]).</summary>
    public byte[] Qm1(byte[] sa, byte[]? idci, byte[]? idcr)
    {
        var payloads = new List<(int, byte[])> { (1, sa), (10, Ni) };
        if (_ecdh is not null)
        {
            ECPoint q = _ecdh.ExportParameters(false).Q;
            payloads.Add((4, [.. q.X!, .. q.Y!]));
        }

        if (idci is not null)
        {
            payloads.Add((5, idci));
            payloads.Add((5, idcr!));
        }

        return _wire.Build(32, MessageId, true, rest => _wire.PrfA(ProtectedWire.Be32(MessageId), rest), [.. payloads]);
    }

    /// <summary>Reads QM2: checks HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest), takes Nr, the responder's SPI and, with PFS, g^xy.</summary>
    public void ReadQm2(Rig.IkeOnWire m)
    {
        var d = _wire.Decode(m);
        Assert.Equal(32, d.Exchange);
        Assert.Equal(MessageId, d.MessageId);
        Assert.Equal(_wire.PrfA(ProtectedWire.Be32(MessageId), Ni, d.AfterHash), d.First(8).Body);
        Nr = d.First(10).Body;
        ResponderSpi = d.First(1).Sa().Spi;
        if (_ecdh is not null)
        {
            byte[] ke = d.First(4).Body;
            Assert.Equal(64, ke.Length);
            using var peer = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = ke[..32], Y = ke[32..] } });
            Gxy = _ecdh.DeriveRawSecretAgreement(peer.PublicKey);
        }

        Qm2 = d;
    }

    /// <summary>HDR*, HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).</summary>
    public byte[] Qm3() => _wire.Build(32, MessageId, true, _ => _wire.PrfA([0], ProtectedWire.Be32(MessageId), Ni, Nr!));

    public byte[] Keymat(uint spi, int length) => _wire.Keymat(Gxy, spi, Ni, Nr!, length);

    public void Dispose() => _ecdh?.Dispose();
}
