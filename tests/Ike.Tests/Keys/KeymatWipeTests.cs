using NanoGate.Boards.Host;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using HashAlgorithm = NanoGate.Hal.Crypto.HashAlgorithm;

namespace NanoGate.Ike.Tests.Keys;

/// <summary>
/// Every hash and HMAC object <see cref="Keymat"/> creates is wiped when it is done with it: a
/// native provider holds a hardware slot and a copy of the key until then. A provider double that
/// delegates to .NET's counts the objects it handed out that were never wiped.
/// </summary>
public class KeymatWipeTests
{
    [Fact]
    public void Derivation_expansion_and_ivs_leave_no_object_unwiped_but_the_live_prf()
    {
        var crypto = new CountingProvider(new DotNetCryptoProvider());
        var keys = new Keymat(crypto, HashAlgorithm.Sha1);

        keys.Derive([0x75], new byte[8], new byte[8], new byte[32], [1, 2, 3, 4, 5, 6, 7, 8], new byte[8], 32);
        Assert.Equal(1, crypto.Unwiped);                     // prf(SKEYID, ...) stays for HASH_I/HASH_R

        keys.Expand(new byte[20], 40);                       // expansion's own prf
        keys.Phase1Iv(new byte[32], new byte[32], 16);
        keys.Phase2Iv(new byte[16], 1, 16, new byte[16], 0);
        Assert.Equal(1, crypto.Unwiped);

        keys.Wipe();
        Assert.Equal(0, crypto.Unwiped);
    }

    private sealed class CountingProvider(ICryptoProvider inner) : ICryptoProvider
    {
        private readonly List<CountingHash> _made = [];

        public int Unwiped => _made.Count(h => !h.Wiped);

        public string Name => inner.Name;

        public bool SupportsCipher(CipherAlgorithm algorithm, int keySize) => inner.SupportsCipher(algorithm, keySize);

        public bool SupportsHash(HashAlgorithm algorithm) => inner.SupportsHash(algorithm);

        public bool SupportsGroup(DhGroup group) => inner.SupportsGroup(group);

        public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) =>
            inner.CreateCbc(algorithm, key, keyOffset, keyCount);

        public IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount, bool encrypt) =>
            inner.CreateCbc(algorithm, key, keyOffset, keyCount, encrypt);

        public IAead CreateGcm(byte[] key, int keyOffset, int keyCount, int tagSize) => inner.CreateGcm(key, keyOffset, keyCount, tagSize);

        public IHash CreateHash(HashAlgorithm algorithm) => Track(inner.CreateHash(algorithm));

        public IHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) =>
            Track(inner.CreateHmac(algorithm, key, keyOffset, keyCount));

        public IDiffieHellman CreateDiffieHellman(DhGroup group, IRandomSource random) => inner.CreateDiffieHellman(group, random);

        private IHash Track(IHash hash)
        {
            var counted = new CountingHash(hash);
            _made.Add(counted);
            return counted;
        }
    }

    private sealed class CountingHash(IHash inner) : IHash
    {
        public bool Wiped { get; private set; }

        public int HashSize => inner.HashSize;

        public void Reset() => inner.Reset();

        public void Append(byte[] buffer, int offset, int count) => inner.Append(buffer, offset, count);

        public void Finish(byte[] output, int offset) => inner.Finish(output, offset);

        public void Wipe()
        {
            Wiped = true;
            inner.Wipe();
        }
    }
}
