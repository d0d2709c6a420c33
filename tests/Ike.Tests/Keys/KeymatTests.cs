using System.Security.Cryptography;
using NanoGate.Boards.Host;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Tests.Wire;
using NanoGate.Ike.Wire;
using HashAlgorithm = NanoGate.Hal.Crypto.HashAlgorithm;

namespace NanoGate.Ike.Tests.Keys;

/// <summary>Phase 1 key derivation (RFC 2409 §5, Appendix B) against published vectors and real strongSwan traffic.</summary>
public class KeymatTests
{
    private static readonly DotNetCryptoProvider s_crypto = new();

    /// <summary>
    /// NIST ACVP kdf135 IKEv1, pre-shared key, SHA-1 (the vector quoted in WIRE-FACTS.md; also in
    /// Libreswan's test data): SKEYID and SKEYID_d/a/e exactly.
    /// </summary>
    [Fact]
    public void AcvpIkev1PskSha1Vector()
    {
        var keys = new Keymat(s_crypto, HashAlgorithm.Sha1);
        keys.Derive(Hex("75"), Hex("b9a2d0e922dc66dd"), Hex("2130166863b5ddef"),
            Hex("739003ba2c11c982946c65e26acf661fbf8ebb78011a9fead79efa12fe3e71cc"),
            Hex("83d374c30b3b5082"), Hex("5afc0da06c728029"), 16);

        Assert.Equal("62b04d112877e442fc3282fc37c076997718a0b9", Convert.ToHexStringLower(keys.Skeyid));
        Assert.Equal("369e5aad1bdb5faf6a3d929d500cdc236710a9ab", Convert.ToHexStringLower(keys.SkeyidD));
        Assert.Equal("588e957d8d790d093b3a39f121473473af78e9bb", Convert.ToHexStringLower(keys.SkeyidA));
        Assert.Equal("cd74b0c048219db81384d3fda8f6cda51e398a2b", Convert.ToHexStringLower(keys.SkeyidE));

        // RFC 2409 Appendix B: a 16-byte key is the head of the 20-byte SKEYID_e.
        Assert.Equal("cd74b0c048219db81384d3fda8f6cda5", Convert.ToHexStringLower(keys.EncryptionKey));
    }

    /// <summary>
    /// One more vector per hash. No published IKEv1 PSK vector for SHA2-256 or SHA2-512 was found
    /// (NIST's ACVP kdf135 sample above is SHA-1 only), so these were computed by an independent
    /// implementation: CPython 3.11's hmac and hashlib modules, following RFC 2409 §5 and Appendix B
    /// (prf = HMAC). SHA2-256 and SHA2-512 reuse the ACVP inputs; the SHA-1 row has an 80-byte PSK
    /// (longer than the HMAC block: the key is hashed first), a 256-byte g^xy (MODP 2048) and a
    /// 32-byte key expanded from the 20-byte SKEYID_e (K1 | K2).
    /// </summary>
    [Theory]
    [InlineData("sha2-256", "75", "b9a2d0e922dc66dd", "2130166863b5ddef", "739003ba2c11c982946c65e26acf661fbf8ebb78011a9fead79efa12fe3e71cc",
        "83d374c30b3b5082", "5afc0da06c728029",
        "84007fb1b16c3cb137b2e1a30c5a9790f8a896363b10d56aa6b9224768b24073",
        "9136ddbacfbc504a6ed87dad1e99de3366de7d5e39741c791217b47473e57c19",
        "9ba3cf597a9722a374d385be357da6a0abc6d43c6970e5bb3a4910934866049b",
        "3162b3419c563412c08e63a386f1eb4321d2adb7f4dac0523149ab607c917214",
        "3162b3419c563412c08e63a386f1eb4321d2adb7f4dac0523149ab607c917214")]
    [InlineData("sha2-512", "75", "b9a2d0e922dc66dd", "2130166863b5ddef", "739003ba2c11c982946c65e26acf661fbf8ebb78011a9fead79efa12fe3e71cc",
        "83d374c30b3b5082", "5afc0da06c728029",
        "3931cb48b69eb7d10ee6214b40929930cf09d6895e407347dfcf979c9b99c4e18faa87dd3b70b563d9ab84707a0803c4a9f4a4b6eb125ba7683428659104bd36",
        "702589deca197eaee157c35b234c92577030ece47d31771e8070f5a8a5db14bee2d882f870a8afa6e8eef71777dcb8f83ff751cd2fa320a3b8ab543ab8d352c0",
        "6dfd1a6b2410530d7899f8cb26372c1829ca3d8d70c4a4bc5ed9fd908cb2c77e93a3e271dd2bcd59cec88955ae8e5a31221a82eab846b9987c235012cde92df1",
        "f34711fd996e9c51bb12b7cf1554d32be7a87dbeb266ac1a987b603c5b0bfce6fb66c68bf8c0d466f118f6a0af1de5e23a6a92c41435d5a542d676d85d378be8",
        "f34711fd996e9c51bb12b7cf1554d32be7a87dbeb266ac1a987b603c5b0bfce6")]
    [InlineData("sha1", "long", "000102030405060708090a0b0c0d0e0f", "101112131415161718191a1b1c1d1e1f", "gxy256",
        "0102030405060708", "f1f2f3f4f5f6f7f8",
        "4cfc029a31ebcccd29893f377b2c226a9a4f677d",
        "c89d2cd4ae3d6cba639c5089f13439884f6dc1c8",
        "e57b3ea4267dab5290996e90d58598af5b5f24d1",
        "e97693cf791c68374153c55775770923e2ee662a",
        "6d5db9a05818a087d8b7544fb20e9d09abf36d4152fc329353c5bf1840517ab5")]
    public void IndependentlyComputedVectors(string hash, string psk, string ni, string nr, string gxy, string cookieI, string cookieR,
        string skeyid, string skeyidD, string skeyidA, string skeyidE, string ka)
    {
        byte[] pskBytes = psk == "long" ? Enumerable.Range(0x20, 80).Select(i => (byte)i).ToArray() : Hex(psk);
        byte[] gxyBytes = gxy == "gxy256" ? Enumerable.Range(0, 256).Select(i => (byte)((i * 7) + 3)).ToArray() : Hex(gxy);
        var keys = new Keymat(s_crypto, hash switch { "sha1" => HashAlgorithm.Sha1, "sha2-256" => HashAlgorithm.Sha256, _ => HashAlgorithm.Sha512 });
        keys.Derive(pskBytes, Hex(ni), Hex(nr), gxyBytes, Hex(cookieI), Hex(cookieR), ka.Length / 2);

        Assert.Equal(skeyid, Convert.ToHexStringLower(keys.Skeyid));
        Assert.Equal(skeyidD, Convert.ToHexStringLower(keys.SkeyidD));
        Assert.Equal(skeyidA, Convert.ToHexStringLower(keys.SkeyidA));
        Assert.Equal(skeyidE, Convert.ToHexStringLower(keys.SkeyidE));
        Assert.Equal(ka, Convert.ToHexStringLower(keys.EncryptionKey));
    }

    /// <summary>
    /// RFC 2409 Appendix B key expansion for AES-256 with SHA-1 (SKEYID_e has 20 bytes, the key 32):
    /// Ka = K1 | K2 with K1 = prf(SKEYID_e, 0), K2 = prf(SKEYID_e, K1), recomputed with .NET's HMAC.
    /// </summary>
    [Fact]
    public void KeyExpansionForLongerCipherKeys()
    {
        byte[] skeyidE = Hex("cd74b0c048219db81384d3fda8f6cda51e398a2b");
        byte[] k1 = HMACSHA1.HashData(skeyidE, new byte[] { 0 });
        byte[] k2 = HMACSHA1.HashData(skeyidE, k1);

        byte[] ka = new Keymat(s_crypto, HashAlgorithm.Sha1).Expand(skeyidE, 32);

        Assert.Equal([.. k1, .. k2[..12]], ka);
    }

    /// <summary>
    /// The IV chain against strongSwan 5.9.8 (tests/Ike.Tests/data/strongswan/main-mode, Ka logged
    /// by the responder): the first IV from g^xi | g^xr of MM3/MM4, MM5 and MM6 chained, then QM1
    /// from the last phase 1 block and its message ID. Each must decrypt to a valid payload chain
    /// with the FQDN IDs the harness configured.
    /// </summary>
    [Fact]
    public void IvChainDecryptsStrongSwanMainMode()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "data", "strongswan", "main-mode");
        byte[] ka = Hex(File.ReadAllLines(Path.Combine(dir, "keys.txt")).Single(l => l.StartsWith("ka ")).Substring(3));
        byte[] gxi = KeOf(File.ReadAllBytes(Path.Combine(dir, "03-mm3.bin")));
        byte[] gxr = KeOf(File.ReadAllBytes(Path.Combine(dir, "04-mm4.bin")));
        var keys = new Keymat(s_crypto, HashAlgorithm.Sha256);
        IBlockCipher cipher = s_crypto.CreateCbc(CipherAlgorithm.AesCbc, ka, 0, 16);
        var chain = new IvChain(cipher, keys.Phase1Iv(gxi, gxr, 16));

        Assert.Equal("fqdn gwA.harness.test", DecryptId(chain, File.ReadAllBytes(Path.Combine(dir, "05-mm5.bin"))));
        Assert.Equal("fqdn gwB.harness.test", DecryptId(chain, File.ReadAllBytes(Path.Combine(dir, "06-mm6.bin"))));

        byte[] qm1 = File.ReadAllBytes(Path.Combine(dir, "07-qm1.bin"));
        byte[] iv = new byte[16];
        keys.Phase2Iv(chain.Current, IsakmpHeader.GetMessageId(qm1, 0), 16, iv, 0);
        var qm = new IsakmpMessage();
        Assert.True(qm.TryParse(qm1, 0, qm1.Length));
        byte[] body = qm1[qm.BodyOffset..qm.Length];
        cipher.DecryptCbc(iv, 0, body, 0, body.Length);
        Assert.True(qm.TryParseDecrypted(body, 0, body.Length), qm.Error.Reason);
        Assert.Equal(PayloadType.Hash, qm.PayloadTypeAt(0));
        Assert.Equal(PayloadType.SecurityAssociation, qm.PayloadTypeAt(1));
    }

    /// <summary>
    /// HASH_I and HASH_R (RFC 2409 §5) against the ones strongSwan 5.9.8 sent in aggressive mode
    /// (tests/Ike.Tests/data/strongswan/aggressive-mode, PSK auth, SHA2-256): HASH_R in AM2 (clear),
    /// HASH_I in AM3 (decrypted with the logged Ka). With a pre-shared key SKEYID = prf(PSK, Ni_b | Nr_b)
    /// needs no g^xy, so everything comes from the captured bytes and the harness's fake PSK:
    ///   HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
    ///   HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
    /// A HASH built in the other end's order agrees with itself between two NanoGates, never with strongSwan.
    /// </summary>
    [Fact]
    public void HashIAndHashRMatchStrongSwanAggressiveMode()
    {
        const string dir = "aggressive-mode";
        byte[] Body(string name, int type) => CapturedPayload.Find(dir, name, type).Bytes[4..];
        byte[] am1 = Captures.Get(dir, "01-am1").Message;
        byte[] am2 = Captures.Get(dir, "02-am2").Message;
        byte[] cookieI = am1[..8];
        byte[] cookieR = am2[8..16];
        byte[] saiB = Body("01-am1", PayloadType.SecurityAssociation);
        byte[] gxi = Body("01-am1", PayloadType.KeyExchange);
        byte[] ni = Body("01-am1", PayloadType.Nonce);
        byte[] idii = Body("01-am1", PayloadType.Identification);
        byte[] gxr = Body("02-am2", PayloadType.KeyExchange);
        byte[] nr = Body("02-am2", PayloadType.Nonce);
        byte[] idir = Body("02-am2", PayloadType.Identification);
        byte[] hashR = Body("02-am2", PayloadType.Hash);
        byte[] hashI = Body("03-am3", PayloadType.Hash);
        byte[] psk = System.Text.Encoding.ASCII.GetBytes("fake-test-psk-not-a-secret");

        // The formulas with .NET's HMAC first: the capture and the reading of RFC 2409 agree.
        byte[] skeyid = HMACSHA256.HashData(psk, Cat(ni, nr));
        Assert.Equal(hashR, HMACSHA256.HashData(skeyid, Cat(gxr, gxi, cookieR, cookieI, saiB, idir)));
        Assert.Equal(hashI, HMACSHA256.HashData(skeyid, Cat(gxi, gxr, cookieI, cookieR, saiB, idii)));

        var keys = new Keymat(s_crypto, HashAlgorithm.Sha256);
        keys.Derive(psk, ni, nr, new byte[256], cookieI, cookieR, 16); // g^xy does not enter SKEYID with a PSK
        Assert.Equal(skeyid, keys.Skeyid);
        byte[] got = new byte[keys.PrfSize + 3];
        keys.ComputeAuthHash(false, gxi, gxr, cookieI, cookieR, saiB, [0xEE, .. idir, 0xEE], 1, idir.Length, got, 3);
        Assert.Equal(hashR, got[3..]);
        keys.ComputeAuthHash(true, gxi, gxr, cookieI, cookieR, saiB, [0xEE, .. idii, 0xEE], 1, idii.Length, got, 3);
        Assert.Equal(hashI, got[3..]);
    }

    private static string DecryptId(IvChain chain, byte[] wire)
    {
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(wire, 0, wire.Length));
        byte[] body = wire[m.BodyOffset..m.Length];
        Assert.True(chain.Decrypt(body, 0, body.Length, true));
        Assert.True(m.TryParseDecrypted(body, 0, body.Length), m.Error.Reason);
        return PeerIdentity.Format(body, m.PayloadOffsetAt(m.Find(PayloadType.Identification, 0)));
    }

    private static byte[] KeOf(byte[] wire)
    {
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(wire, 0, wire.Length));
        int ke = m.PayloadOffsetAt(m.Find(PayloadType.KeyExchange, 0));
        return wire[OpaquePayload.GetDataOffset(ke)..(ke + GenericPayload.GetLength(wire, ke))];
    }

    private static byte[] Hex(string s) => Convert.FromHexString(s);

    private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
