namespace NanoGate.Hal.Crypto
{
    /// <summary>
    /// The board's crypto: the host uses .NET's native implementations, the device the portable
    /// software ones. Creating objects allocates (at SA set-up); using them does not.
    /// A created object keeps no reference to the key array it was given (it keeps a key schedule,
    /// HMAC pad states or its own copy), so the caller may wipe or reuse the array at once.
    /// The rest of the code never knows which provider it has.
    /// </summary>
    public interface ICryptoProvider
    {
        /// <summary>Short name for logs and the console ("dotnet", "portable").</summary>
        string Name { get; }

        /// <summary>True when the cipher with this key length (bytes) is available.</summary>
        bool SupportsCipher(CipherAlgorithm algorithm, int keySize);

        /// <summary>True when the hash (and its HMAC) is available.</summary>
        bool SupportsHash(HashAlgorithm algorithm);

        /// <summary>True when the Diffie-Hellman group is available.</summary>
        bool SupportsGroup(DhGroup group);

        /// <summary>A CBC cipher (AES or 3DES) keyed with <paramref name="keyCount"/> bytes.</summary>
        IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount);

        /// <summary>
        /// A CBC cipher used in one direction only (<paramref name="encrypt"/>: EncryptCbc, else
        /// DecryptCbc), as an ESP SA or an IV generator uses it: a provider may keep only that
        /// direction's key schedule (issue 17); the other method must not be called.
        /// </summary>
        IBlockCipher CreateCbc(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount, bool encrypt);

        /// <summary>AES-GCM keyed with 16 or 32 bytes, with the given tag size.</summary>
        IAead CreateGcm(byte[] key, int keyOffset, int keyCount, int tagSize);

        /// <summary>A plain hash.</summary>
        IHash CreateHash(HashAlgorithm algorithm);

        /// <summary>HMAC with the key (RFC 2104).</summary>
        IHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount);

        /// <summary>A fresh key pair in the group, its private value drawn from <paramref name="random"/>.</summary>
        IDiffieHellman CreateDiffieHellman(DhGroup group, IRandomSource random);
    }
}
