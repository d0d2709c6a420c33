using System.Reflection;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Hal.Tests.Crypto;

/// <summary>
/// The portable AES engine by itself (FIPS 197): each direction's key schedule is kept only when
/// asked for (issue 17: an ESP SA encrypts or decrypts, never both), and either one alone gives
/// Appendix C's ciphertext and plaintext.
/// </summary>
public class AesEngineTests
{
    private const string Plain = "00112233445566778899aabbccddeeff";

    // FIPS 197 Appendix C.1-C.3: key 00 01 02 ... of 16, 24 and 32 bytes.
    [Theory]
    [InlineData(16, "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [InlineData(24, "dda97ca4864cdfe06eaf70a0ec0d7191")]
    [InlineData(32, "8ea2b7ca516745bfeafc49904b496089")]
    public void Each_direction_alone_gives_appendix_C(int keySize, string cipher)
    {
        byte[] key = TestBytes.Range(0, keySize - 1);

        var encryptOnly = new AesEngine(key, 0, keySize, encryption: true, decryption: false);
        Assert.Equal(cipher, Hex.Format(Encrypt(encryptOnly, Hex.Parse(Plain))));

        var decryptOnly = new AesEngine(key, 0, keySize, encryption: false, decryption: true);
        Assert.Equal(Plain, Hex.Format(Decrypt(decryptOnly, Hex.Parse(cipher))));

        var both = new AesEngine(key, 0, keySize, encryption: true, decryption: true);
        Assert.Equal(cipher, Hex.Format(Encrypt(both, Hex.Parse(Plain))));
        Assert.Equal(Plain, Hex.Format(Decrypt(both, Hex.Parse(cipher))));
    }

    [Fact]
    public void The_key_is_read_at_its_offset()
    {
        byte[] buffer = new byte[3 + 16 + 5];
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = 0xEE;
        }

        TestBytes.Range(0, 15).CopyTo(buffer, 3);
        var engine = new AesEngine(buffer, 3, 16, encryption: true, decryption: true);
        Assert.Equal("69c4e0d86a7b0430d8cdb78070b4c55a", Hex.Format(Encrypt(engine, Hex.Parse(Plain))));
        Assert.Equal(Plain, Hex.Format(Decrypt(engine, Hex.Parse("69c4e0d86a7b0430d8cdb78070b4c55a"))));
    }

    [Theory]
    [InlineData(true, false, true, false)]
    [InlineData(false, true, false, true)]
    [InlineData(true, true, true, true)]
    public void Only_the_schedules_asked_for_are_kept(bool encryption, bool decryption, bool keepsEk, bool keepsDk)
    {
        var engine = new AesEngine(TestBytes.Range(0, 15), 0, 16, encryption, decryption);
        Assert.Equal(keepsEk, Schedule(engine, "_ek") != null);
        Assert.Equal(keepsDk, Schedule(engine, "_dk") != null);
        if (keepsEk)
        {
            Assert.Equal(44, Schedule(engine, "_ek")!.Length); // 4 x (10 rounds + 1) words for AES-128
        }
    }

    [Fact]
    public void The_older_constructors_keep_encryption_and_decryption_as_documented()
    {
        byte[] key = TestBytes.Range(0, 15);
        var both = new AesEngine(key, 0, 16);
        Assert.NotNull(Schedule(both, "_ek"));
        Assert.NotNull(Schedule(both, "_dk"));

        var encryptOnly = new AesEngine(key, 0, 16, decryption: false);
        Assert.NotNull(Schedule(encryptOnly, "_ek"));
        Assert.Null(Schedule(encryptOnly, "_dk"));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Wipe_zeroes_every_schedule_kept(bool encryption, bool decryption)
    {
        var engine = new AesEngine(TestBytes.Range(0, 31), 0, 32, encryption, decryption);
        engine.Wipe();
        foreach (string name in new[] { "_ek", "_dk" })
        {
            uint[]? schedule = Schedule(engine, name);
            if (schedule != null)
            {
                Assert.All(schedule, w => Assert.Equal(0u, w));
            }
        }
    }

    private static byte[] Encrypt(AesEngine engine, byte[] block)
    {
        byte[] output = new byte[16];
        engine.EncryptBlock(block, 0, output, 0);
        return output;
    }

    private static byte[] Decrypt(AesEngine engine, byte[] block)
    {
        byte[] output = new byte[16];
        engine.DecryptBlock(block, 0, output, 0);
        return output;
    }

    private static uint[]? Schedule(AesEngine engine, string field) =>
        (uint[]?)typeof(AesEngine).GetField(field, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine);
}
