using System.Diagnostics;
using System.Security.Cryptography;
using NanoGate.Ike.Wire;

namespace NanoGate.Bench;

/// <summary>
/// ISAKMP codec: ns per parse of each captured strongSwan message (tests/Ike.Tests/data/strongswan),
/// header + payload chain + every payload check; encrypted ones parse their decrypted body (the
/// bench decrypts once up front with the logged Ka, as the tests do). Also the message rules, the
/// re-emit of MM1 with the builders, and allocated bytes per parse.
/// </summary>
public sealed class WireBench : IBench
{
    public string Name => "wire";

    public void Run(TextWriter output, bool quick)
    {
        List<(string Name, byte[] Message, byte[]? Plain)> captures = Load();
        int iterations = quick ? 20_000 : 1_000_000;
        var m = new IsakmpMessage();
        var rules = new MessageRules();
        output.WriteLine($"{"message",-38} {"bytes",6} {"payloads",8} {"parse ns",9} {"+rules ns",10} {"alloc B/op",10}");
        double total = 0;
        foreach ((string name, byte[] message, byte[]? plain) in captures)
        {
            Parse(m, message, plain);
            int payloads = m.PayloadCount;
            var sw = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < iterations; i++)
            {
                Parse(m, message, plain);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            double parseNs = sw.Elapsed.TotalNanoseconds / iterations;
            sw.Restart();
            for (int i = 0; i < iterations; i++)
            {
                Parse(m, message, plain);
                rules.CheckExchange(m);
            }

            double rulesNs = sw.Elapsed.TotalNanoseconds / iterations;
            total += parseNs;
            output.WriteLine($"{name,-38} {message.Length,6} {payloads,8} {parseNs,9:F1} {rulesNs,10:F1} {(double)allocated / iterations,10:F2}");
        }

        output.WriteLine($"{"mean over " + captures.Count + " messages",-38} {"",6} {"",8} {total / captures.Count,9:F1}");

        // Emit: MM1 rebuilt with MessageBuilder + SaBuilder + VID writes.
        byte[] mm1 = captures[0].Message;
        byte[] buffer = new byte[512];
        var mb = new MessageBuilder();
        var sa = new SaBuilder();
        int emitted = 0;
        var emit = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            emitted = EmitMm1(mb, sa, buffer, mm1);
        }

        output.WriteLine($"{"emit MM1 (SA + 5 VID)",-38} {emitted,6} {"",8} {emit.Elapsed.TotalNanoseconds / iterations,9:F1}");

        var decoder = new MessageDecoder();
        Parse(m, mm1, null);
        int decodeIterations = iterations / 20;
        var dec = Stopwatch.StartNew();
        int length = 0;
        for (int i = 0; i < decodeIterations; i++)
        {
            length += decoder.Decode(m).Length;
        }

        output.WriteLine($"{"decode MM1 to text (allocates)",-38} {length / decodeIterations,6} {"",8} {dec.Elapsed.TotalNanoseconds / decodeIterations,9:F1}");
    }

    private static void Parse(IsakmpMessage m, byte[] message, byte[]? plain)
    {
        if (m.TryParse(message, 0, message.Length) && m.NeedsDecryption)
        {
            m.TryParseDecrypted(plain!, 0, plain!.Length);
        }
    }

    private static int EmitMm1(MessageBuilder mb, SaBuilder sa, byte[] b, byte[] mm1)
    {
        mb.Begin(b, 0, b.Length, false, mm1, 0, mm1, 8, ExchangeType.IdentityProtection, 0, 0);
        sa.Begin(b, mb.Position, mb.Room, SaPayload.DoiIpsec, SaPayload.SituationIdentityOnly);
        sa.AddProposal(1, ProtocolId.Isakmp, mm1, 0, 0, 1);
        sa.AddTransform(1, TransformId.KeyIke);
        sa.AddTv(Phase1Attribute.EncryptionAlgorithm, Phase1Attribute.EncrAesCbc);
        sa.AddTv(Phase1Attribute.KeyLength, 128);
        sa.AddTv(Phase1Attribute.HashAlgorithm, Phase1Attribute.HashSha2256);
        sa.AddTv(Phase1Attribute.GroupDescription, Phase1Attribute.GroupModp2048);
        sa.AddTv(Phase1Attribute.AuthenticationMethod, Phase1Attribute.AuthPreSharedKey);
        sa.AddTv(Phase1Attribute.LifeType, Phase1Attribute.LifeSeconds);
        sa.AddVariable(Phase1Attribute.LifeDuration, 15840);
        mb.Append(PayloadType.SecurityAssociation, sa.End());
        for (int v = 0; v < 5; v++)
        {
            mb.Append(PayloadType.VendorId, OpaquePayload.Write(b, mb.Position, mb.Room, mm1, 100, 16));
        }

        return mb.Finish();
    }

    /// <summary>Loads the captures from the source tree and decrypts (RFC 2409 Appendix B IVs; see tests/Ike.Tests/Wire/Captures.cs).</summary>
    private static List<(string, byte[], byte[]?)> Load()
    {
        string? root = null;
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null && root is null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "Ike.Tests", "data", "strongswan");
            root = Directory.Exists(candidate) ? candidate : null;
        }

        if (root is null)
        {
            throw new DirectoryNotFoundException("tests/Ike.Tests/data/strongswan not found above " + AppContext.BaseDirectory);
        }

        var list = new List<(string, byte[], byte[]?)>();
        foreach (string dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            string keys = Path.Combine(dir, "keys.txt");
            byte[] ka = File.Exists(keys) ? Convert.FromHexString(File.ReadAllLines(keys).Single(l => l.StartsWith("ka ", StringComparison.Ordinal))[3..]) : [];
            byte[]? gxi = null, phase1Iv = null;
            var chains = new Dictionary<uint, byte[]>();
            foreach (string file in Directory.GetFiles(dir, "*.bin").Order(StringComparer.Ordinal))
            {
                byte[] msg = File.ReadAllBytes(file);
                string name = Path.GetFileName(dir) + "/" + Path.GetFileNameWithoutExtension(file);
                uint mid = (uint)(msg[20] << 24 | msg[21] << 16 | msg[22] << 8 | msg[23]);
                if ((msg[19] & 1) == 0)
                {
                    var m = new IsakmpMessage();
                    if (mid == 0 && m.TryParse(msg, 0, msg.Length) && m.Find(PayloadType.KeyExchange, 0) is int k and >= 0)
                    {
                        byte[] ke = msg[(m.PayloadOffsetAt(k) + 4)..(m.PayloadOffsetAt(k) + m.PayloadLengthAt(k))];
                        phase1Iv = gxi is null ? null : SHA256.HashData([.. gxi, .. ke])[..16];
                        gxi ??= ke;
                    }

                    list.Add((name, msg, null));
                    continue;
                }

                byte[] iv = mid == 0 ? phase1Iv! : chains.TryGetValue(mid, out byte[]? c) ? c : SHA256.HashData([.. phase1Iv!, .. msg[20..24]])[..16];
                using Aes aes = Aes.Create();
                aes.Key = ka;
                byte[] plain = aes.DecryptCbc(msg[28..], iv, PaddingMode.None);
                if (mid == 0)
                {
                    phase1Iv = msg[^16..];
                }
                else
                {
                    chains[mid] = msg[^16..];
                }

                list.Add((name, msg, plain));
            }
        }

        return list;
    }
}
