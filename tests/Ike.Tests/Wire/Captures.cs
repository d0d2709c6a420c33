using System.Security.Cryptography;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// Loads the strongSwan captures and decrypts the encrypted ones with the Ka logged by the
/// responder (keys.txt), following the IV rules of RFC 2409 Appendix B: the first phase 1 IV is
/// hash(g^xi | g^xr), then the last ciphertext block of the previous message; quick mode and
/// informational start at hash(last phase 1 block | M-ID). Written independently of the parser
/// under test: it walks generic payload headers itself to find the KE payloads.
/// </summary>
public static class Captures
{
    private static readonly Lazy<IReadOnlyList<Capture>> s_all = new(Load);

    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    public static IReadOnlyList<Capture> All => s_all.Value;

    public static Capture Get(string exchange, string name) =>
        All.Single(c => c.Exchange == exchange && c.Name == name);

    /// <summary>xunit rows: (exchange, name) of every capture.</summary>
    public static IEnumerable<object[]> Rows() => All.Select(c => new object[] { c.Exchange, c.Name });

    private static IReadOnlyList<Capture> Load()
    {
        var list = new List<Capture>();
        foreach (string dir in Directory.GetDirectories(Path.Combine(DataDirectory, "strongswan")).Order(StringComparer.Ordinal))
        {
            list.AddRange(LoadExchange(dir));
        }

        return list;
    }

    private static IEnumerable<Capture> LoadExchange(string dir)
    {
        string exchange = Path.GetFileName(dir);
        string keyFile = Path.Combine(dir, "keys.txt");
        Dictionary<string, string> keys = !File.Exists(keyFile) ? [] : File.ReadAllLines(keyFile)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[0], p => p[1].Trim());
        byte[]? ka = keys.TryGetValue("ka", out string? k) ? Convert.FromHexString(k) : null;
        byte[]? gxi = null, gxr = null, phase1Iv = null;
        var chains = new Dictionary<uint, byte[]>();
        foreach (string file in Directory.GetFiles(dir, "*.bin").Order(StringComparer.Ordinal))
        {
            byte[] m = File.ReadAllBytes(file);
            string name = Path.GetFileNameWithoutExtension(file);
            uint messageId = (uint)(m[20] << 24 | m[21] << 16 | m[22] << 8 | m[23]);
            if ((m[19] & 1) == 0)
            {
                byte[]? ke = FindPayload(m, 28, m[16], 4);
                if (ke is not null && messageId == 0)
                {
                    if (gxi is null)
                    {
                        gxi = ke;
                    }
                    else
                    {
                        gxr = ke;
                        phase1Iv = SHA256.HashData([.. gxi, .. gxr])[..16];
                    }
                }

                yield return new Capture(exchange, name, m, null);
                continue;
            }

            if (ka is null)
            {
                throw new InvalidDataException(name + ": encrypted, but " + exchange + " has no keys.txt");
            }

            byte[] iv;
            if (messageId == 0)
            {
                iv = phase1Iv ?? throw new InvalidDataException(name + ": encrypted before both KE payloads");
            }
            else if (!chains.TryGetValue(messageId, out iv!))
            {
                byte[] mid = [m[20], m[21], m[22], m[23]];
                iv = SHA256.HashData([.. phase1Iv!, .. mid])[..16];
            }

            byte[] cipher = m[28..];
            using Aes aes = Aes.Create();
            aes.Key = ka;
            byte[] plain = aes.DecryptCbc(cipher, iv, PaddingMode.None);
            byte[] last = cipher[^16..];
            if (messageId == 0)
            {
                phase1Iv = last;
            }
            else
            {
                chains[messageId] = last;
            }

            yield return new Capture(exchange, name, m, plain, ka, iv);
        }
    }

    /// <summary>Body of the first payload of <paramref name="type"/> in a plaintext chain, by generic headers only.</summary>
    private static byte[]? FindPayload(byte[] m, int pos, int next, int type)
    {
        while (next != 0 && pos + 4 <= m.Length)
        {
            int length = m[pos + 2] << 8 | m[pos + 3];
            if (length < 4 || pos + length > m.Length)
            {
                return null;
            }

            if (next == type)
            {
                return m[(pos + 4)..(pos + length)];
            }

            next = m[pos];
            pos += length;
        }

        return null;
    }
}
