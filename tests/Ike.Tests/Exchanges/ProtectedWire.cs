using System.Security.Cryptography;
using NanoGate.Hal;
using HashAlgorithm = NanoGate.Hal.Crypto.HashAlgorithm;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Reads and writes the encrypted messages that follow phase 1 (quick mode, exchange 32, and
/// protected informational, exchange 5) with .NET's own AES and HMAC, independently of ike's
/// IvChain and Keymat: RFC 2409 Appendix B gives each message ID its IV chain, starting at
/// hash(last phase 1 CBC output block | M-ID) truncated to the block size, then the last
/// ciphertext block of the previous message of that exchange. The phase 1 encryption key
/// (SKEYID_e expanded), SKEYID_a, SKEYID_d and the last phase 1 block come from
/// <see cref="Phase1Oracle"/> (recomputed from the wire, the PSK and .NET's own DH), never from the
/// product's SA, whenever the rig knows the branch's DH keys (group 19, no provider given); only
/// rigs built with another provider fall back to the <see cref="IkeSa"/>'s keys. Phase 1 uses AES-CBC.
/// </summary>
public sealed class ProtectedWire
{
    private readonly byte[] _key;
    private readonly HashAlgorithm _hash;
    private readonly Dictionary<uint, byte[]> _nextIv = [];

    public ProtectedWire(IkeSa sa, byte[] lastPhase1Block)
        : this(sa.Keys.EncryptionKey.ToArray(), sa.Keys.Hash, sa.Keys.SkeyidA.ToArray(), sa.Keys.SkeyidD.ToArray(), sa.CookieI.ToArray(), sa.CookieR.ToArray(), lastPhase1Block)
    {
    }

    public ProtectedWire(Phase1Oracle phase1)
        : this(phase1.Ka, phase1.Hash, phase1.SkeyidA, phase1.SkeyidD, phase1.CookieI, phase1.CookieR, phase1.LastPhase1Block)
    {
        Phase1 = phase1;
    }

    private ProtectedWire(byte[] key, HashAlgorithm hash, byte[] skeyidA, byte[] skeyidD, byte[] cookieI, byte[] cookieR, byte[] lastPhase1Block)
    {
        _key = key;
        _hash = hash;
        SkeyidA = skeyidA;
        SkeyidD = skeyidD;
        CookieI = cookieI;
        CookieR = cookieR;
        LastPhase1Block = lastPhase1Block;
    }

    /// <summary>The independent phase 1 these keys come from; null when they were taken from the SA.</summary>
    public Phase1Oracle? Phase1 { get; }

    /// <summary>The same keys with every exchange's IV chain back at its start.</summary>
    public ProtectedWire Fresh() => new(_key, _hash, SkeyidA, SkeyidD, CookieI, CookieR, LastPhase1Block);

    public byte[] SkeyidA { get; }
    public byte[] SkeyidD { get; }
    public byte[] CookieI { get; }
    public byte[] CookieR { get; }
    public byte[] LastPhase1Block { get; }

    /// <summary>For the ISAKMP SA of <paramref name="sa"/>: the last block is MM6's (the last encrypted main mode message on the internet link).</summary>
    public static ProtectedWire Of(Rig rig, IkeSa sa)
    {
        if (rig.BranchCrypto is not null)
        {
            var phase1 = Phase1Oracle.Of(rig, rig.BranchCrypto, sa.CookieI);
            phase1.AssertSameKeys(sa);
            return new ProtectedWire(phase1);
        }

        var mm6 = rig.InternetIke().Last(m => m.Exchange == 2 && m.Encrypted);
        byte[] msg = mm6.Message;
        return new ProtectedWire(sa, msg[^16..]);
    }

    /// <summary>prf(SKEYID_a, parts...): the quick mode and informational HASHes.</summary>
    public byte[] PrfA(params byte[][] parts) => PrfWith(SkeyidA, parts);

    public byte[] PrfWith(byte[] key, params byte[][] parts)
    {
        byte[] data = parts.SelectMany(p => p).ToArray();
        return _hash switch
        {
            HashAlgorithm.Sha1 => HMACSHA1.HashData(key, data),
            HashAlgorithm.Sha256 => HMACSHA256.HashData(key, data),
            HashAlgorithm.Sha384 => HMACSHA384.HashData(key, data),
            HashAlgorithm.Sha512 => HMACSHA512.HashData(key, data),
            _ => throw new NotSupportedException(_hash.ToString()),
        };
    }

    private byte[] Hash(byte[] data) => _hash switch
    {
        HashAlgorithm.Sha1 => SHA1.HashData(data),
        HashAlgorithm.Sha256 => SHA256.HashData(data),
        HashAlgorithm.Sha384 => SHA384.HashData(data),
        HashAlgorithm.Sha512 => SHA512.HashData(data),
        _ => throw new NotSupportedException(_hash.ToString()),
    };

    /// <summary>RFC 2409 Appendix B: the first IV of exchange <paramref name="mid"/>.</summary>
    public byte[] FirstIv(uint mid) => Hash([.. LastPhase1Block, .. Be32(mid)])[..16];

    /// <summary>
    /// Every distinct encrypted message after phase 1 in send order, decrypted along its
    /// exchange's IV chain. Retransmissions (identical bytes) appear once.
    /// </summary>
    public List<Decoded> DecodeAll(IEnumerable<Rig.IkeOnWire> wire)
    {
        var list = new List<Decoded>();
        var seen = new HashSet<string>();
        foreach (var m in wire)
        {
            if (!m.Encrypted || (m.Exchange != 32 && m.Exchange != 5) || !seen.Add(Convert.ToHexString(m.Message)))
            {
                continue;
            }

            list.Add(Decode(m));
        }

        return list;
    }

    /// <summary>One message, decrypted with the IV its exchange is at (which then advances).</summary>
    public Decoded Decode(Rig.IkeOnWire m)
    {
        byte[] msg = m.Message;
        uint mid = BigEndian.ReadUInt32(msg, 20);
        byte[] iv = _nextIv.TryGetValue(mid, out byte[]? v) ? v : FirstIv(mid);
        byte[] body = msg[28..];
        using var aes = Aes.Create();
        aes.Key = _key;
        byte[] plain = aes.DecryptCbc(body, iv, PaddingMode.None);
        _nextIv[mid] = body[^16..];
        return new Decoded(m, mid, msg[18], plain, Payload.Chain(msg[16], plain), iv, _key);
    }

    /// <summary>
    /// Builds an encrypted message from plain payloads (RFC 2408 §3.1, §3.2) with the IV its
    /// exchange is at; the HASH is computed by <paramref name="hash"/> from what follows it.
    /// </summary>
    public byte[] Build(int exchange, uint mid, bool responderCookie, Func<byte[], byte[]> hash, params (int Type, byte[] Body)[] rest)
    {
        byte[] tail = Payload.Encode(rest);
        byte[] h = hash(tail);
        byte[] plain = [.. Payload.Encode([(8, h), .. rest])];
        int padded = (plain.Length + 15) / 16 * 16;
        plain = [.. plain, .. new byte[padded - plain.Length]];
        byte[] iv = _nextIv.TryGetValue(mid, out byte[]? v) ? v : FirstIv(mid);
        using var aes = Aes.Create();
        aes.Key = _key;
        byte[] cipher = aes.EncryptCbc(plain, iv, PaddingMode.None);
        _nextIv[mid] = cipher[^16..];
        byte[] header = [.. CookieI, .. (responderCookie ? CookieR : new byte[8]), 8, 0x10, (byte)exchange, 1, .. Be32(mid), .. Be32((uint)(28 + cipher.Length))];
        return [.. header, .. cipher];
    }

    /// <summary>
    /// <paramref name="d"/> again with its plaintext changed by <paramref name="change"/>, encrypted
    /// with the IV it was sent with: a message whose content, not its encryption, is wrong.
    /// </summary>
    public static byte[] Tamper(Decoded d, byte[] iv, Action<byte[]> change)
    {
        byte[] plain = d.Plain.ToArray();
        change(plain);
        using var aes = Aes.Create();
        aes.Key = d.Key;
        return [.. d.Wire.Message[..28], .. aes.EncryptCbc(plain, iv, PaddingMode.None)];
    }

    /// <summary>RFC 2409 §5.5 KEYMAT for the SA whose receiver chose <paramref name="spi"/>, protocol ESP (3).</summary>
    public byte[] Keymat(byte[]? gxy, uint spi, byte[] ni, byte[] nr, int length)
    {
        byte[] seed = [.. gxy ?? [], 3, .. Be32(spi), .. ni, .. nr];
        var output = new List<byte>();
        byte[] k = [];
        while (output.Count < length)
        {
            k = PrfWith(SkeyidD, k, seed);
            output.AddRange(k);
        }

        return output.Take(length).ToArray();
    }

    public static byte[] Be32(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    public static uint ReadBe32(byte[] b, int at) => (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);

    public static int ReadBe16(byte[] b, int at) => b[at] << 8 | b[at + 1];

    public sealed record Decoded(Rig.IkeOnWire Wire, uint MessageId, int Exchange, byte[] Plain, List<Payload> Payloads, byte[] Iv, byte[] Key)
    {
        public int[] Types => Payloads.Select(p => p.Type).ToArray();

        public Payload First(int type) => Payloads.First(p => p.Type == type);

        public Payload? Find(int type) => Payloads.FirstOrDefault(p => p.Type == type);

        /// <summary>The payload bytes after the HASH payload (what HASH(1) and HASH(2) cover), padding excluded.</summary>
        public byte[] AfterHash => Payloads.Skip(1).SelectMany(p => p.Raw).ToArray();
    }

    /// <summary>A payload: its type (from the previous next-payload field), body after the 4-byte generic header, and all its bytes.</summary>
    public sealed record Payload(int Type, byte[] Body, byte[] Raw)
    {
        public static List<Payload> Chain(int first, byte[] b)
        {
            var list = new List<Payload>();
            int type = first, at = 0;
            while (type != 0)
            {
                Assert.True(at + 4 <= b.Length, "payload chain runs past the message");
                int len = ReadBe16(b, at + 2);
                Assert.True(len >= 4 && at + len <= b.Length, "bad payload length");
                list.Add(new Payload(type, b[(at + 4)..(at + len)], b[at..(at + len)]));
                type = b[at];
                at += len;
            }

            return list;
        }

        public static byte[] Encode(IEnumerable<(int Type, byte[] Body)> payloads)
        {
            var list = payloads.ToList();
            var output = new List<byte>();
            for (int i = 0; i < list.Count; i++)
            {
                int next = i + 1 < list.Count ? list[i + 1].Type : 0;
                int len = list[i].Body.Length + 4;
                output.AddRange([(byte)next, 0, (byte)(len >> 8), (byte)len]);
                output.AddRange(list[i].Body);
            }

            return output.ToArray();
        }

        /// <summary>RFC 2408 §3.4-3.6 and RFC 2407 §4.6.1: the first proposal and its first transform.</summary>
        public SaView Sa()
        {
            Assert.Equal(1u, ReadBe32(Body, 0)); // DOI: IPsec (RFC 2407 §4.2)
            Assert.Equal(1u, ReadBe32(Body, 4)); // SIT_IDENTITY_ONLY (RFC 2407 §4.2)
            int p = 8;
            int proposals = 1;
            for (int q = p; Body[q] != 0; q += ReadBe16(Body, q + 2))
            {
                proposals++;
            }

            int protocol = Body[p + 5];
            int spiSize = Body[p + 6];
            int transforms = Body[p + 7];
            uint spi = spiSize == 4 ? ReadBe32(Body, p + 8) : 0;
            int t = p + 8 + spiSize;
            int tEnd = t + ReadBe16(Body, t + 2);
            int transformId = Body[t + 5];
            var attrs = new List<(int Type, long Value)>();
            for (int a = t + 8; a < tEnd;)
            {
                int type = ReadBe16(Body, a) & 0x7FFF;
                if ((Body[a] & 0x80) != 0)
                {
                    attrs.Add((type, ReadBe16(Body, a + 2)));
                    a += 4;
                }
                else
                {
                    int len = ReadBe16(Body, a + 2);
                    long v = 0;
                    for (int i = 0; i < len; i++)
                    {
                        v = v << 8 | Body[a + 4 + i];
                    }

                    attrs.Add((type, v));
                    a += 4 + len;
                }
            }

            return new SaView(proposals, protocol, spiSize, spi, transforms, transformId, attrs);
        }

        /// <summary>RFC 2407 §4.6.2: ID type, protocol, port, data.</summary>
        public (int Type, int Protocol, int Port, byte[] Data) Id() => (Body[0], Body[1], ReadBe16(Body, 2), Body[4..]);

        /// <summary>RFC 2408 §3.14: protocol, notify type, SPI, data.</summary>
        public (int Protocol, int Type, byte[] Spi, byte[] Data) Notify()
        {
            int spiSize = Body[5];
            return (Body[4], ReadBe16(Body, 6), Body[8..(8 + spiSize)], Body[(8 + spiSize)..]);
        }
    }

    public sealed record SaView(int Proposals, int Protocol, int SpiSize, uint Spi, int Transforms, int TransformId, List<(int Type, long Value)> Attributes)
    {
        public long? Attr(int type) => Attributes.Where(a => a.Type == type).Select(a => (long?)a.Value).FirstOrDefault();
    }
}
