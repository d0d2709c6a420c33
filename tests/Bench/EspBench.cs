using System.Diagnostics;
using NanoGate.Boards.Host;
using NanoGate.Esp;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Native;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Bench;

/// <summary>
/// The ESP data path (esp/EspOutbound, esp/EspInbound) per algorithm set, packet size and provider,
/// next to the bare primitive doing the same crypto on the same bytes in the same run, then the
/// allocation check: 1,000,000 packets each way per algorithm set (host provider), allocated bytes
/// from GC.GetAllocatedBytesForCurrentThread. Packets travel in place in a batch of slots:
/// encapsulate the batch (timed), decapsulate it (timed), which leaves the inner packets ready for
/// the next round, so no copy is timed.
/// </summary>
public sealed class EspBench : IBench
{
    private const int Batch = 64;
    private static readonly int[] s_sizes = [64, 512, 1400];

    private sealed record Suite(string Name, CipherAlgorithm Cipher, int KeyLength, HashAlgorithm Integrity);

    private static readonly Suite[] s_suites =
    [
        new("aes128-gcm-16", CipherAlgorithm.AesGcm, 16, 0),
        new("aes256-gcm-16", CipherAlgorithm.AesGcm, 32, 0),
        new("aes128-cbc/sha1-96", CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha1),
        new("aes128-cbc/sha256-128", CipherAlgorithm.AesCbc, 16, HashAlgorithm.Sha256),
        new("aes256-cbc/sha256-128", CipherAlgorithm.AesCbc, 32, HashAlgorithm.Sha256),
        new("aes256-cbc/sha384-192", CipherAlgorithm.AesCbc, 32, HashAlgorithm.Sha384),
        new("aes256-cbc/sha512-256", CipherAlgorithm.AesCbc, 32, HashAlgorithm.Sha512),
        new("3des-cbc/sha1-96", CipherAlgorithm.TripleDesCbc, 24, HashAlgorithm.Sha1),
    ];

    public string Name => "esp";

    public void Run(TextWriter output, bool quick)
    {
        double seconds = quick ? 0.02 : 0.3;
        ICryptoProvider[] providers = [new DotNetCryptoProvider(), new NativeCryptoProvider(), new PortableCryptoProvider()];
        output.WriteLine("ns per packet (inner packet bytes); Gbit/s of inner bytes; bare = the provider's primitive(s) on the same bytes;");
        output.WriteLine("ratio = ESP path throughput / bare primitive throughput; each figure is the fastest of many 64-packet rounds, ESP and bare interleaved");
        output.WriteLine($"{"provider",-9} {"algorithm",-22} {"bytes",5} | {"encap ns",9} {"Gbit/s",7} {"bare ns",9} {"ratio",6} | {"decap ns",9} {"Gbit/s",7} {"bare ns",9} {"ratio",6}");
        foreach (ICryptoProvider crypto in providers)
        {
            foreach (Suite suite in s_suites)
            {
                foreach (int size in s_sizes)
                {
                    var esp = new Pair(crypto, suite, size);
                    var bare = new Bare(crypto, suite, size);
                    (double encNs, double decNs, double bareEncNs, double bareDecNs) = Measure(esp.Round, bare.Round, seconds);
                    output.WriteLine($"{crypto.Name,-9} {suite.Name,-22} {size,5} | {encNs,9:F0} {Gbps(size, encNs),7:F2} {bareEncNs,9:F0} {bareEncNs / encNs,6:P0} | {decNs,9:F0} {Gbps(size, decNs),7:F2} {bareDecNs,9:F0} {bareDecNs / decNs,6:P0}");
                }
            }
        }

        output.WriteLine();
        output.WriteLine("path cost without crypto (a do-nothing AEAD in place of AES-GCM): everything ESP does around the cipher");
        output.WriteLine($"{"bytes",5} {"encap ns",9} {"decap ns",9}");
        foreach (int size in s_sizes)
        {
            var pair = new Pair(new NullCrypto(), s_suites[0], size);
            (double encNs, double decNs, _, _) = Measure(pair.Round, () => (0, 0), seconds);
            output.WriteLine($"{size,5} {encNs,9:F0} {decNs,9:F0}");
        }

        output.WriteLine();
        int packets = quick ? 20_000 : 1_000_000;
        output.WriteLine($"allocation: {packets:N0} packets each way per algorithm set after warm-up, providers dotnet and native, 64- and 1400-byte packets alternating");
        output.WriteLine($"{"provider",-9} {"algorithm",-22} {"delivered",10} {"allocated bytes",16}");
        foreach (ICryptoProvider crypto in new ICryptoProvider[] { new DotNetCryptoProvider(), new NativeCryptoProvider() })
        {
            foreach (Suite suite in s_suites)
            {
                var pair = new Pair(crypto, suite, 0);
                pair.Allocation(1000);
                long before = GC.GetAllocatedBytesForCurrentThread();
                int delivered = pair.Allocation(packets);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                output.WriteLine($"{crypto.Name,-9} {suite.Name,-22} {delivered,10:N0} {allocated,16:N0}");
            }
        }
    }

    private static double Gbps(int bytes, double ns) => bytes * 8 / ns;

    /// <summary>
    /// Alternates ESP rounds and bare rounds (each one batch, returning encrypt and decrypt ticks)
    /// for about <paramref name="seconds"/> and keeps the fastest round of each: on a shared
    /// machine the minimum is the figure least disturbed by other processes. ns per packet.
    /// </summary>
    private static (double Enc, double Dec, double BareEnc, double BareDec) Measure(Func<(long, long)> esp, Func<(long, long)> bare, double seconds)
    {
        for (int i = 0; i < 3; i++)
        {
            esp();
            bare();
        }

        long enc = long.MaxValue, dec = long.MaxValue, bareEnc = long.MaxValue, bareDec = long.MaxValue;
        long end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        int rounds = 0;
        while (Stopwatch.GetTimestamp() < end || rounds < 8)
        {
            (long e, long d) = esp();
            enc = Math.Min(enc, e);
            dec = Math.Min(dec, d);
            (e, d) = bare();
            bareEnc = Math.Min(bareEnc, e);
            bareDec = Math.Min(bareDec, d);
            rounds++;
        }

        double perPacket = 1e9 / Stopwatch.Frequency / Batch;
        return (enc * perPacket, dec * perPacket, bareEnc * perPacket, bareDec * perPacket);
    }

    private static SaParameters Parameters(Suite suite, uint spi)
    {
        int keyLength = suite.KeyLength + (suite.Cipher == CipherAlgorithm.AesGcm ? 4 : 0);
        var p = new SaParameters
        {
            Spi = spi,
            Cipher = suite.Cipher,
            EncryptionKey = Enumerable.Range(1, keyLength).Select(i => (byte)i).ToArray(),
            Integrity = suite.Integrity,
            LocalAddress = 0xC0000201,
            RemoteAddress = 0xC6336402,
        };
        if (suite.Cipher != CipherAlgorithm.AesGcm)
        {
            p.IntegrityKey = Enumerable.Range(100, SecurityAssociation.IntegrityKeyLengthOf(suite.Integrity)).Select(i => (byte)i).ToArray();
        }

        return p;
    }

    private static void WriteInner(PacketSlot slot, int length) => WriteInner(slot, length, 0x0A020007);

    /// <summary>An IPv4/UDP inner packet of <paramref name="length"/> bytes from 10.1.0.5 to <paramref name="destination"/>.</summary>
    internal static void WriteInner(PacketSlot slot, int length, uint destination)
    {
        slot.ResetForInner(length);
        byte[] b = slot.Buffer;
        int o = slot.Offset;
        b[o] = 0x45;
        BigEndian.WriteUInt16(b, o + 2, (ushort)length);
        b[o + 8] = 64;
        b[o + 9] = 17;
        Ipv4.Write(b, o + 12, 0x0A010005);
        Ipv4.Write(b, o + 16, destination);
    }

    /// <summary>Gateway A (outbound SA behind a policy) and gateway B (inbound SA), a batch of slots.</summary>
    private sealed class Pair
    {
        private readonly EspEngine _a;
        private readonly EspEngine _b;
        private readonly PacketSlot[] _slots = new PacketSlot[Batch];
        private readonly PacketSlot _single = new(1500);

        public Pair(ICryptoProvider crypto, Suite suite, int size)
        {
            var random = new DeterministicRandom(3);
            _a = new EspEngine(crypto, random, 4, 4, 4);
            _b = new EspEngine(crypto, random, 4, 4, 4);
            int policy = _a.AddPolicy(new TrafficSelector(0x0A010000, 16), new TrafficSelector(0x0A020000, 16), 0, PolicyAction.Protect);
            uint spi = _b.ReserveInboundSpi();
            SaParameters p = Parameters(suite, spi);
            p.PolicyId = policy;
            if (_a.InstallOutbound(p, 0, out SaInstallResult r) < 0 || _b.InstallInbound(Parameters(suite, spi), 0) != SaInstallResult.Ok)
            {
                throw new InvalidOperationException("install failed: " + r);
            }

            for (int i = 0; i < Batch; i++)
            {
                _slots[i] = new PacketSlot(1500);
                if (size > 0)
                {
                    WriteInner(_slots[i], size);
                }
            }
        }

        public (long, long) Round()
        {
            PacketSlot[] slots = _slots;
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < slots.Length; i++)
            {
                if (_a.Encapsulate(slots[i], 0) != DropReason.None)
                {
                    throw new InvalidOperationException("encapsulate: " + slots[i].Verdict);
                }
            }

            long t1 = Stopwatch.GetTimestamp();
            for (int i = 0; i < slots.Length; i++)
            {
                PacketSlot s = slots[i];
                s.Offset = s.EspOffset;
                s.Length = s.EspLength;
            }

            long t2 = Stopwatch.GetTimestamp();
            for (int i = 0; i < slots.Length; i++)
            {
                if (_b.Decapsulate(slots[i], 0) != DropReason.None)
                {
                    throw new InvalidOperationException("decapsulate: " + slots[i].Verdict);
                }
            }

            long t3 = Stopwatch.GetTimestamp();
            return (t1 - t0, t3 - t2);
        }

        /// <summary>count packets A -> B through one slot; returns how many B delivered.</summary>
        public int Allocation(int count)
        {
            int ok = 0;
            PacketSlot slot = _single;
            for (int i = 0; i < count; i++)
            {
                WriteInner(slot, (i & 1) == 0 ? 64 : 1400);
                if (_a.Encapsulate(slot, i) != DropReason.None)
                {
                    continue;
                }

                slot.Offset = slot.EspOffset;
                slot.Length = slot.EspLength;
                if (_b.Decapsulate(slot, i) == DropReason.None)
                {
                    ok++;
                }
            }

            return ok;
        }
    }

    /// <summary>The same crypto work without ESP: GCM over the payload with an 8-byte AAD, or CBC + HMAC over header, IV and payload.</summary>
    private sealed class Bare
    {
        private readonly IAead? _gcm;
        private readonly IBlockCipher? _cbc;
        private readonly IHash? _hmac;
        private readonly int _icv;
        private readonly int _encLength;
        private readonly byte[][] _buffers = new byte[Batch][];
        private readonly byte[] _nonce = new byte[12];
        private readonly byte[] _aad = new byte[8];
        private readonly byte[] _mac = new byte[64];

        public Bare(ICryptoProvider crypto, Suite suite, int size)
        {
            byte[] key = Enumerable.Range(1, suite.KeyLength).Select(i => (byte)i).ToArray();
            int align;
            if (suite.Cipher == CipherAlgorithm.AesGcm)
            {
                _gcm = crypto.CreateGcm(key, 0, key.Length, 16);
                _icv = 16;
                align = 4;
            }
            else
            {
                _cbc = crypto.CreateCbc(suite.Cipher, key, 0, key.Length);
                byte[] ik = Enumerable.Range(100, SecurityAssociation.IntegrityKeyLengthOf(suite.Integrity)).Select(i => (byte)i).ToArray();
                _hmac = crypto.CreateHmac(suite.Integrity, ik, 0, ik.Length);
                _icv = SecurityAssociation.IcvLengthOf(suite.Integrity, false);
                align = _cbc.BlockSize;
            }

            // Same byte counts as the ESP packet: payload + padding + trailer; 8 + IV more under the HMAC.
            _encLength = (size + 2 + align - 1) / align * align;
            for (int i = 0; i < Batch; i++)
            {
                _buffers[i] = new byte[24 + _encLength + _icv];
            }
        }

        public (long, long) Round()
        {
            long t0 = Stopwatch.GetTimestamp();
            foreach (byte[] b in _buffers)
            {
                if (_gcm != null)
                {
                    _gcm.Encrypt(_nonce, 0, _aad, 0, 8, b, 24, _encLength, b, 24 + _encLength);
                }
                else
                {
                    _cbc!.EncryptCbc(b, 8, b, 24, _encLength);
                    _hmac!.Append(b, 0, 24 + _encLength);
                    _hmac.Finish(_mac, 0);
                    Array.Copy(_mac, 0, b, 24 + _encLength, _icv);
                }
            }

            long t1 = Stopwatch.GetTimestamp();
            foreach (byte[] b in _buffers)
            {
                if (_gcm != null)
                {
                    if (!_gcm.Decrypt(_nonce, 0, _aad, 0, 8, b, 24, _encLength, b, 24 + _encLength))
                    {
                        throw new InvalidOperationException("bare GCM tag");
                    }
                }
                else
                {
                    _hmac!.Append(b, 0, 24 + _encLength);
                    _hmac.Finish(_mac, 0);
                    if (!FixedTime.AreEqual(_mac, 0, b, 24 + _encLength, _icv))
                    {
                        throw new InvalidOperationException("bare HMAC");
                    }

                    _cbc!.DecryptCbc(b, 8, b, 24, _encLength);
                }
            }

            long t2 = Stopwatch.GetTimestamp();
            return (t1 - t0, t2 - t1);
        }
    }

    /// <summary>AES-GCM-shaped crypto that does nothing: measures the ESP path alone.</summary>
    private sealed class NullCrypto : ICryptoProvider, IAead
    {
        public string Name => "null";

        public int TagSize => 16;

        public bool SupportsCipher(CipherAlgorithm algorithm, int keySize) => algorithm == CipherAlgorithm.AesGcm;

        public bool SupportsHash(HashAlgorithm algorithm) => false;

        public bool SupportsGroup(DhGroup group) => false;

        public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) => throw new NotSupportedException();

        public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount, bool encrypt) => throw new NotSupportedException();

        public IAead CreateGcm(byte[] key, int keyOffset, int keyCount, int tagSize) => this;

        public IHash CreateHash(HashAlgorithm algorithm) => throw new NotSupportedException();

        public IHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) => throw new NotSupportedException();

        public IDiffieHellman CreateDiffieHellman(DhGroup group, IRandomSource random) => throw new NotSupportedException();

        public void Encrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
        {
        }

        public bool Decrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count, byte[] tag, int tagOffset) => true;

        public void Wipe()
        {
        }
    }
}
