using System.Collections;
using System.Reflection;
using NanoGate.Hal.Crypto;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>Wipe() zeroes every key-dependent array the portable objects hold (IAead/IBlockCipher/IHash contracts).</summary>
public class WipeTests
{
    private static readonly byte[] s_key = TestBytes.Range(1, 64);

    public static TheoryData<string> Objects() => new()
    {
        "aes-cbc-128", "aes-cbc-256", "3des-cbc", "aes-gcm-128", "aes-gcm-256", "hmac-md5", "hmac-sha1", "hmac-sha256", "hmac-sha512", "sha384",
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Portable_object_holds_only_zeros_after_wipe(string name)
    {
        var p = new PortableCryptoProvider();
        byte[] data = TestBytes.Range(0, 47);
        object o;
        Action wipe;
        switch (name)
        {
            case "aes-cbc-128":
            case "aes-cbc-256":
            case "3des-cbc":
                {
                    IBlockCipher c = name == "3des-cbc"
                        ? p.CreateCbc(CipherAlgorithm.TripleDesCbc, s_key, 0, 24)
                        : p.CreateCbc(CipherAlgorithm.AesCbc, s_key, 0, name == "aes-cbc-128" ? 16 : 32);
                    c.EncryptCbc(data, 0, data, 16, 32);
                    (o, wipe) = (c, c.Wipe);
                    break;
                }

            case "aes-gcm-128":
            case "aes-gcm-256":
                {
                    IAead g = p.CreateGcm(s_key, 0, name == "aes-gcm-128" ? 16 : 32, 16);
                    g.Encrypt(data, 0, data, 12, 8, data, 20, 20, new byte[16], 0);
                    (o, wipe) = (g, g.Wipe);
                    break;
                }

            default:
                {
                    HashAlgorithm h = name switch
                    {
                        "hmac-md5" => HashAlgorithm.Md5,
                        "hmac-sha1" => HashAlgorithm.Sha1,
                        "hmac-sha256" => HashAlgorithm.Sha256,
                        "sha384" => HashAlgorithm.Sha384,
                        _ => HashAlgorithm.Sha512,
                    };
                    IHash mac = name.StartsWith("hmac", StringComparison.Ordinal) ? p.CreateHmac(h, s_key, 0, 20) : p.CreateHash(h);
                    mac.Append(data, 0, 47);
                    (o, wipe) = (mac, mac.Wipe);
                    break;
                }
        }

        Assert.Contains(Arrays(o), a => !IsZero(a));
        wipe();
        List<Array> arrays = Arrays(o);
        Assert.NotEmpty(arrays);
        Assert.All(arrays, a => Assert.True(IsZero(a), $"{a.GetType().Name} of {a.Length} not zeroed in {name}"));
    }

    [Fact]
    public void Dotnet_objects_are_disposed_by_wipe()
    {
        var p = new Boards.Host.DotNetCryptoProvider();
        byte[] data = new byte[32];
        IBlockCipher c = p.CreateCbc(CipherAlgorithm.AesCbc, s_key, 0, 16);
        c.Wipe();
        Assert.ThrowsAny<ObjectDisposedException>(() => c.EncryptCbc(data, 0, data, 16, 16));
        IHash h = p.CreateHmac(HashAlgorithm.Sha256, s_key, 0, 32);
        h.Wipe();
        Assert.ThrowsAny<ObjectDisposedException>(() => h.Append(data, 0, 1));
        IAead g = p.CreateGcm(s_key, 0, 16, 16);
        g.Wipe();
        Assert.ThrowsAny<ObjectDisposedException>(() => g.Encrypt(data, 0, data, 0, 0, data, 12, 4, data, 16));
    }

    /// <summary>Instance arrays reachable from the object through our own (NanoGate) types.</summary>
    private static List<Array> Arrays(object root)
    {
        var found = new List<Array>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        void Walk(object o)
        {
            if (!seen.Add(o))
            {
                return;
            }

            for (Type? t = o.GetType(); t is not null && t.Namespace?.StartsWith("NanoGate", StringComparison.Ordinal) == true; t = t.BaseType)
            {
                foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                {
                    object? v = f.GetValue(o);
                    if (v is Array a)
                    {
                        found.Add(a);
                    }
                    else if (v is not null && !f.FieldType.IsValueType && v.GetType().Namespace?.StartsWith("NanoGate", StringComparison.Ordinal) == true)
                    {
                        Walk(v);
                    }
                }
            }
        }

        Walk(root);
        return found;
    }

    private static bool IsZero(Array a)
    {
        foreach (object? v in (IEnumerable)a)
        {
            if (Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
