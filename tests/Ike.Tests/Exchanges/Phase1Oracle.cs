using System.Security.Cryptography;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using HashAlgorithm = NanoGate.Hal.Crypto.HashAlgorithm;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Phase 1 recomputed outside the product (RFC 2409 §5, Appendix B) from what two NanoGates put
/// on the wire, the PSK, and g^xy agreed by .NET's own ECDiffieHellman (group 19, RFC 5903: the
/// x coordinate) from the branch's private key (<see cref="OracleDhCrypto"/>) and the other end's
/// KE payload:
/// <code>
/// SKEYID   = prf(pre-shared-key, Ni_b | Nr_b)
/// SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
/// SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
/// SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
/// Ka       = SKEYID_e, or K1 | K2 | ... with K1 = prf(SKEYID_e, 0), Kn = prf(SKEYID_e, Kn-1)
/// HASH_I   = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
/// HASH_R   = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
/// IV       = hash(g^xi | g^xr), then the last ciphertext block of the previous message
/// </code>
/// Nothing is read from an <see cref="IkeSa"/>; the HASHes the ends sent are checked against the
/// recomputed ones, so a key or hash built wrongly at both ends fails here.
/// </summary>
public sealed class Phase1Oracle
{
    private Phase1Oracle()
    {
    }

    public HashAlgorithm Hash { get; private set; }
    public byte[] CookieI { get; private set; } = [];
    public byte[] CookieR { get; private set; } = [];
    public byte[] Gxy { get; private set; } = [];
    public byte[] Skeyid { get; private set; } = [];
    public byte[] SkeyidD { get; private set; } = [];
    public byte[] SkeyidA { get; private set; } = [];
    public byte[] SkeyidE { get; private set; } = [];
    public byte[] Ka { get; private set; } = [];

    /// <summary>The last CBC block of the last encrypted phase 1 message (quick mode's IVs start from it).</summary>
    public byte[] LastPhase1Block { get; private set; } = [];

    /// <summary>
    /// The main or aggressive mode with initiator cookie <paramref name="cookieI"/> (the first one
    /// when null) as it crossed the internet link of <paramref name="rig"/>, the branch's DH made by <paramref name="dh"/>.
    /// </summary>
    public static Phase1Oracle Of(Rig rig, OracleDhCrypto dh, byte[]? cookieI = null, string psk = Rig.Psk)
    {
        var wire = rig.InternetIke().Where(m => m.Exchange is 2 or 4 && (cookieI is null || m.Message.AsSpan(0, 8).SequenceEqual(cookieI))).ToList();
        var first = wire.First(m => m.Message.AsSpan(8, 8).IndexOfAnyExcept((byte)0) < 0);
        uint initiator = first.Record.Source.Address;
        var fromI = Distinct(wire.Where(m => m.Record.Source.Address == initiator && m.Message.AsSpan(0, 8).SequenceEqual(first.Message.AsSpan(0, 8))));
        var fromR = Distinct(wire.Where(m => m.Record.Source.Address != initiator && m.Message.AsSpan(0, 8).SequenceEqual(first.Message.AsSpan(0, 8))));
        bool aggressive = first.Exchange == 4;
        var o = new Phase1Oracle { CookieI = first.Message[..8], CookieR = fromR[0].Message[8..16] };

        var i1 = Clear(fromI[0]);
        var r1 = Clear(fromR[0]);
        var iKe = aggressive ? i1 : Clear(fromI[1]);
        var rKe = aggressive ? r1 : Clear(fromR[1]);
        byte[] saiB = i1.First(p => p.Type == 1).Body;
        var chosen = r1.First(p => p.Type == 1).Sa();
        o.Hash = chosen.Attr(2) switch
        {
            2 => HashAlgorithm.Sha1,
            4 => HashAlgorithm.Sha256,
            5 => HashAlgorithm.Sha384,
            6 => HashAlgorithm.Sha512,
            var h => throw new NotSupportedException("hash " + h),
        };
        Assert.Equal(7L, chosen.Attr(1)); // AES-CBC (RFC 3602 §5.1 as registered for IKEv1)
        int keyLength = (int)(chosen.Attr(14) ?? 128) / 8;
        Assert.Equal(19L, chosen.Attr(4)); // group 19, 256-bit random ECP (RFC 5903)

        byte[] gxi = iKe.First(p => p.Type == 4).Body;
        byte[] gxr = rKe.First(p => p.Type == 4).Body;
        byte[] ni = iKe.First(p => p.Type == 10).Body;
        byte[] nr = rKe.First(p => p.Type == 10).Body;
        Assert.Equal(64, gxi.Length); // group 19: x | y
        o.Gxy = dh.Agree(rig, gxi, gxr);

        byte[] ckys = [.. o.CookieI, .. o.CookieR];
        o.Skeyid = o.Prf(System.Text.Encoding.ASCII.GetBytes(psk), ni, nr);
        o.SkeyidD = o.Prf(o.Skeyid, o.Gxy, ckys, [0]);
        o.SkeyidA = o.Prf(o.Skeyid, o.SkeyidD, o.Gxy, ckys, [1]);
        o.SkeyidE = o.Prf(o.Skeyid, o.SkeyidA, o.Gxy, ckys, [2]);
        o.Ka = o.Expand(o.SkeyidE, keyLength);

        // The IDs and HASHes: clear in AM1/AM2; MM5, MM6 and AM3 encrypted along the phase 1 IV chain.
        byte[] iv = o.Digest([.. gxi, .. gxr])[..16];
        List<ProtectedWire.Payload> idI, idR, hashI, hashR;
        if (aggressive)
        {
            idI = i1;
            idR = hashR = r1;
            (hashI, iv) = o.Open(fromI[1], iv);
        }
        else
        {
            (idI, iv) = o.Open(fromI[2], iv);
            hashI = idI;
            (idR, iv) = o.Open(fromR[2], iv);
            hashR = idR;
        }

        o.LastPhase1Block = iv;
        byte[] idiiB = idI.First(p => p.Type == 5).Body;
        byte[] idirB = idR.First(p => p.Type == 5).Body;
        Assert.Equal(o.Prf(o.Skeyid, gxi, gxr, o.CookieI, o.CookieR, saiB, idiiB), hashI.First(p => p.Type == 8).Body);
        Assert.Equal(o.Prf(o.Skeyid, gxr, gxi, o.CookieR, o.CookieI, saiB, idirB), hashR.First(p => p.Type == 8).Body);
        return o;
    }

    /// <summary>Asserts the product's keys of <paramref name="sa"/> are the ones recomputed here.</summary>
    public void AssertSameKeys(IkeSa sa)
    {
        // SKEYID and SKEYID_e are dropped once phase 1 is up (Keymat.ForgetSetup, issue 17); the
        // HASH_I/HASH_R checked in Of prove SKEYID, SKEYID_d/_a derive from it and Ka from SKEYID_e.
        Assert.Equal(Convert.ToHexString(SkeyidD), Convert.ToHexString(sa.Keys.SkeyidD));
        Assert.Equal(Convert.ToHexString(SkeyidA), Convert.ToHexString(sa.Keys.SkeyidA));
        Assert.Equal(Convert.ToHexString(Ka), Convert.ToHexString(sa.Keys.EncryptionKey));
        Assert.Null(sa.Keys.Skeyid);
        Assert.Null(sa.Keys.SkeyidE);
    }

    public byte[] Prf(byte[] key, params byte[][] parts)
    {
        byte[] data = parts.SelectMany(p => p).ToArray();
        return Hash switch
        {
            HashAlgorithm.Sha1 => HMACSHA1.HashData(key, data),
            HashAlgorithm.Sha256 => HMACSHA256.HashData(key, data),
            HashAlgorithm.Sha384 => HMACSHA384.HashData(key, data),
            _ => HMACSHA512.HashData(key, data),
        };
    }

    private byte[] Digest(byte[] data) => Hash switch
    {
        HashAlgorithm.Sha1 => SHA1.HashData(data),
        HashAlgorithm.Sha256 => SHA256.HashData(data),
        HashAlgorithm.Sha384 => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    private byte[] Expand(byte[] skeyidE, int length)
    {
        if (skeyidE.Length >= length)
        {
            return skeyidE[..length];
        }

        var ka = new List<byte>();
        byte[] k = [0];
        while (ka.Count < length)
        {
            k = Prf(skeyidE, k);
            ka.AddRange(k);
        }

        return ka.Take(length).ToArray();
    }

    private (List<ProtectedWire.Payload> Payloads, byte[] NextIv) Open(Rig.IkeOnWire m, byte[] iv)
    {
        byte[] msg = m.Message;
        Assert.True((msg[19] & 1) != 0, "phase 1 message not encrypted");
        byte[] body = msg[28..];
        using var aes = Aes.Create();
        aes.Key = Ka;
        byte[] plain = aes.DecryptCbc(body, iv, PaddingMode.None);
        return (ProtectedWire.Payload.Chain(msg[16], plain), body[^16..]);
    }

    private static List<ProtectedWire.Payload> Clear(Rig.IkeOnWire m) => ProtectedWire.Payload.Chain(m.Message[16], m.Message[28..]);

    private static List<Rig.IkeOnWire> Distinct(IEnumerable<Rig.IkeOnWire> messages)
    {
        var seen = new HashSet<string>();
        return messages.Where(m => seen.Add(Convert.ToHexString(m.Message))).ToList();
    }
}

/// <summary>
/// The crypto the branch of a <see cref="Rig"/> uses: the given provider for everything, except
/// that group 19 is .NET's ECDiffieHellman with the private key kept, so that
/// <see cref="Phase1Oracle"/> can agree g^xy again from the wire.
/// </summary>
public sealed class OracleDhCrypto(ICryptoProvider inner) : ICryptoProvider
{
    private readonly List<P256> _made = [];

    public string Name => inner.Name;

    public bool SupportsCipher(CipherAlgorithm algorithm, int keySize) => inner.SupportsCipher(algorithm, keySize);

    public bool SupportsHash(HashAlgorithm algorithm) => inner.SupportsHash(algorithm);

    public bool SupportsGroup(DhGroup group) => inner.SupportsGroup(group);

    public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) => inner.CreateCbc(algorithm, key, keyOffset, keyCount);

    public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount, bool encrypt) => inner.CreateCbc(algorithm, key, keyOffset, keyCount, encrypt);

    public IAead CreateGcm(byte[] key, int keyOffset, int keyCount, int tagSize) => inner.CreateGcm(key, keyOffset, keyCount, tagSize);

    public IHash CreateHash(HashAlgorithm algorithm) => inner.CreateHash(algorithm);

    public IHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) => inner.CreateHmac(algorithm, key, keyOffset, keyCount);

    public IDiffieHellman CreateDiffieHellman(DhGroup group, IRandomSource random)
    {
        if (group != DhGroup.Ecp256)
        {
            return inner.CreateDiffieHellman(group, random);
        }

        var dh = new P256();
        lock (_made)
        {
            _made.Add(dh);
        }

        return dh;
    }

    /// <summary>g^xy from whichever of <paramref name="gxi"/>, <paramref name="gxr"/> is ours: a fresh .NET agreement with our private key and the other.</summary>
    public byte[] Agree(Rig rig, byte[] gxi, byte[] gxr)
    {
        P256 ours;
        lock (_made)
        {
            ours = _made.Single(d => d.Public.SequenceEqual(gxi) || d.Public.SequenceEqual(gxr));
        }

        byte[] peer = ours.Public.SequenceEqual(gxi) ? gxr : gxi;
        using var mine = ECDiffieHellman.Create(ours.Parameters);
        using var theirs = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = peer[..32], Y = peer[32..] } });
        return mine.DeriveRawSecretAgreement(theirs.PublicKey);
    }

    /// <summary>RFC 5903 group 19 with .NET: public value x | y, shared secret x.</summary>
    private sealed class P256 : IDiffieHellman
    {
        private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        public P256()
        {
            Parameters = _key.ExportParameters(true);
            Public = [.. Parameters.Q.X!, .. Parameters.Q.Y!];
        }

        public ECParameters Parameters { get; }

        public byte[] Public { get; }

        public DhGroup Group => DhGroup.Ecp256;

        public int PublicValueLength => 64;

        public int SharedSecretLength => 32;

        public void WritePublicValue(byte[] output, int offset) => Public.CopyTo(output, offset);

        public DhResult ComputeSharedSecret(byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset)
        {
            if (peerCount != 64)
            {
                return DhResult.BadLength;
            }

            try
            {
                using var theirs = ECDiffieHellman.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = peer[peerOffset..(peerOffset + 32)], Y = peer[(peerOffset + 32)..(peerOffset + 64)] },
                });
                _key.DeriveRawSecretAgreement(theirs.PublicKey).CopyTo(output, outputOffset);
                return DhResult.Ok;
            }
            catch (CryptographicException)
            {
                return DhResult.NotOnCurve;
            }
        }

        public void Wipe() => _key.Dispose();
    }
}
