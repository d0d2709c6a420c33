using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// The data path allocates nothing per packet (ARCHITECTURE.md "Zero-allocation data path"):
/// after a warm-up, 10,000 operations on packet-sized buffers allocate 0 bytes on this thread.
/// </summary>
public class AllocationTests
{
    private const int Operations = 10_000;
    private static readonly int[] s_sizes = [64, 512, 1392];

    public static TheoryData<string, string> Cases()
    {
        var rows = new TheoryData<string, string>();
        string[] algorithms =
        [
            "aes-cbc-128", "aes-cbc-256", "3des-cbc", "aes-gcm-128/16", "aes-gcm-256/16", "aes-gcm-128/12", "aes-gcm-128/8",
            "hmac-md5", "hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512", "sha256", "sha1",
        ];
        foreach (string p in Providers.All)
        {
            foreach (string a in algorithms)
            {
                rows.Add(p, a);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Per_operation_calls_allocate_nothing(string provider, string algorithm)
    {
        Action<int> op = Operation(Providers.Get(provider), algorithm);
        for (int i = 0; i < 200; i++)
        {
            op(i);
        }

        // 3DES in software is slow; it still runs all 10,000 operations, on the smallest packets.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Operations; i++)
        {
            op(i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    private static Action<int> Operation(ICryptoProvider p, string algorithm)
    {
        byte[] key = new byte[64];
        new DeterministicRandom(5).Fill(key, 0, key.Length);
        byte[] buffer = new byte[1500];
        byte[] iv = new byte[16];
        byte[] aad = new byte[8];
        byte[] tag = new byte[16];
        byte[] output = new byte[64];
        bool slow = algorithm == "3des-cbc" && p.Name == Providers.Portable;
        int Size(int i) => slow ? 64 : s_sizes[i % s_sizes.Length];

        switch (algorithm)
        {
            case "aes-cbc-128":
            case "aes-cbc-256":
            case "3des-cbc":
                {
                    IBlockCipher c = algorithm == "3des-cbc"
                        ? p.CreateCbc(CipherAlgorithm.TripleDesCbc, key, 0, 24)
                        : p.CreateCbc(CipherAlgorithm.AesCbc, key, 0, algorithm == "aes-cbc-128" ? 16 : 32);
                    return i =>
                    {
                        if ((i & 1) == 0)
                        {
                            c.EncryptCbc(iv, 0, buffer, 16, Size(i));
                        }
                        else
                        {
                            c.DecryptCbc(iv, 0, buffer, 16, Size(i));
                        }
                    };
                }

            case "aes-gcm-128/16":
            case "aes-gcm-256/16":
            case "aes-gcm-128/12":
            case "aes-gcm-128/8":
                {
                    int keySize = algorithm.StartsWith("aes-gcm-256", StringComparison.Ordinal) ? 32 : 16;
                    int tagSize = int.Parse(algorithm[(algorithm.IndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                    IAead g = p.CreateGcm(key, 0, keySize, tagSize);
                    return i =>
                    {
                        int n = Size(i);
                        g.Encrypt(iv, 0, aad, 0, 8, buffer, 20, n, tag, 0);
                        if (!g.Decrypt(iv, 0, aad, 0, 8, buffer, 20, n, tag, 0))
                        {
                            Assert.Fail("tag did not verify");
                        }
                    };
                }

            default:
                {
                    bool hmac = algorithm.StartsWith("hmac-", StringComparison.Ordinal);
                    HashAlgorithm h = (hmac ? algorithm[5..] : algorithm) switch
                    {
                        "md5" => HashAlgorithm.Md5,
                        "sha1" => HashAlgorithm.Sha1,
                        "sha256" => HashAlgorithm.Sha256,
                        "sha384" => HashAlgorithm.Sha384,
                        _ => HashAlgorithm.Sha512,
                    };
                    IHash mac = hmac ? p.CreateHmac(h, key, 0, 20) : p.CreateHash(h);
                    return i =>
                    {
                        // ESP ICV: header and payload as two pieces, full output into the caller's buffer.
                        mac.Append(buffer, 0, 8);
                        mac.Append(buffer, 8, Size(i));
                        mac.Finish(output, 0);
                    };
                }
        }
    }
}
