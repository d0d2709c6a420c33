using NanoGate.Hal.Crypto;

namespace NanoGate.Hal.Tests.Crypto;

public class TripleDesKnownAnswerTests
{
    // NIST SP 800-67 Rev. 1, Appendix B (TDEA ECB example): three distinct keys, the plaintext
    // "The qufck brown fox jump" (sic). ECB of each block = CBC of that block alone with a zero IV.
    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Sp800_67_appendix_B_example(string provider)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] key = Hex.Parse("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123");
        byte[] plain = TestBytes.Ascii("The qufck brown fox jump");
        string[] expected = { "a826fd8ce53b855f", "cce21c8112256fe6", "68d5c05dd9b6b900" };
        IBlockCipher c = p.CreateCbc(CipherAlgorithm.TripleDesCbc, key, 0, 24);
        Assert.Equal(8, c.BlockSize);
        Assert.Equal(24, c.KeySize);
        byte[] zero = new byte[8];
        byte[] buffer = (byte[])plain.Clone();
        for (int i = 0; i < 3; i++)
        {
            c.EncryptCbc(zero, 0, buffer, 8 * i, 8);
            Assert.Equal(expected[i], Hex.Format(buffer, 8 * i, 8));
        }

        for (int i = 0; i < 3; i++)
        {
            c.DecryptCbc(zero, 0, buffer, 8 * i, 8);
        }

        Assert.Equal(plain, buffer);
    }

    // CBC chaining on top of the same example: C1 = E(P1 ^ IV), C2 = E(P2 ^ C1), checked against the
    // ECB answers above by choosing IV = 0 (C1 from SP 800-67) and re-deriving the rest from the block function.
    [Theory]
    [InlineData(Providers.Portable)]
    [InlineData(Providers.DotNet)]
    [InlineData(Providers.Native)]
    public void Cbc_chains_through_the_block_function(string provider)
    {
        ICryptoProvider p = Providers.Get(provider);
        byte[] key = Hex.Parse("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123");
        byte[] plain = TestBytes.Ascii("The qufck brown fox jump");
        byte[] zero = new byte[8];
        byte[] cbc = Providers.EncryptCbc(p, CipherAlgorithm.TripleDesCbc, key, zero, plain);
        Assert.Equal("a826fd8ce53b855f", Hex.Format(cbc, 0, 8));

        IBlockCipher c = p.CreateCbc(CipherAlgorithm.TripleDesCbc, key, 0, 24);
        byte[] block = plain[8..16];
        c.EncryptCbc(cbc, 0, block, 0, 8);
        Assert.Equal(Hex.Format(cbc, 8, 8), Hex.Format(block));
        Assert.Equal(plain, Providers.DecryptCbc(p, CipherAlgorithm.TripleDesCbc, key, zero, cbc));
    }
}
