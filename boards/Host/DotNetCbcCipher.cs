using System.Security.Cryptography;
using NanoGate.Hal.Crypto;

namespace NanoGate.Boards.Host;

/// <summary>
/// AES-CBC or 3DES-CBC (RFC 3602, RFC 2451) on .NET's native ciphers, in place, allocation-free.
/// The one-shot EncryptCbc/DecryptCbc APIs allocate a cipher context per call, so this keeps one
/// CBC encryptor and one decryptor for the key's lifetime. They chain across calls (their IV is
/// the last ciphertext block seen), so each call folds "previous chain XOR our IV" into the first
/// block: E(P1 ^ IV ^ chain ^ chain) = E(P1 ^ IV), and D(C1) ^ chain ^ (chain ^ IV) = D(C1) ^ IV.
/// Whole blocks only, like the portable cipher: a trailing partial block is left untouched.
/// </summary>
public sealed class DotNetCbcCipher : IBlockCipher
{
    private readonly SymmetricAlgorithm _algorithm;
    private readonly ICryptoTransform _encryptor;
    private readonly ICryptoTransform _decryptor;
    private readonly int _blockSize;
    private readonly int _keySize;
    private readonly byte[] _encryptChain;
    private byte[] _decryptChain;
    private byte[] _nextDecryptChain;

    /// <summary>Keys the cipher; 3DES rejects weak keys (K1 = K2 or K2 = K3) with CryptographicException.</summary>
    public DotNetCbcCipher(CipherAlgorithm algorithm, byte[] key, int keyOffset, int keyCount)
    {
        _algorithm = algorithm switch
        {
            CipherAlgorithm.AesCbc => Aes.Create(),
            CipherAlgorithm.TripleDesCbc => TripleDES.Create(),
            _ => throw new ArgumentException("not a CBC cipher", nameof(algorithm)),
        };
        _algorithm.Mode = CipherMode.CBC;
        _algorithm.Padding = PaddingMode.None;
        _blockSize = _algorithm.BlockSize / 8;
        _keySize = keyCount;
        byte[] k = key.AsSpan(keyOffset, keyCount).ToArray();
        byte[] zeroIv = new byte[_blockSize];
        try
        {
            _encryptor = _algorithm.CreateEncryptor(k, zeroIv);
            _decryptor = _algorithm.CreateDecryptor(k, zeroIv);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
        }

        _encryptChain = new byte[_blockSize];
        _decryptChain = new byte[_blockSize];
        _nextDecryptChain = new byte[_blockSize];
    }

    public int BlockSize => _blockSize;

    public int KeySize => _keySize;

    public void EncryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count)
    {
        int n = count - (count % _blockSize);
        if (n <= 0)
        {
            return;
        }

        for (int i = 0; i < _blockSize; i++)
        {
            buffer[offset + i] ^= (byte)(iv[ivOffset + i] ^ _encryptChain[i]);
        }

        _encryptor.TransformBlock(buffer, offset, n, buffer, offset);
        Array.Copy(buffer, offset + n - _blockSize, _encryptChain, 0, _blockSize);
    }

    public void DecryptCbc(byte[] iv, int ivOffset, byte[] buffer, int offset, int count)
    {
        int n = count - (count % _blockSize);
        if (n <= 0)
        {
            return;
        }

        Array.Copy(buffer, offset + n - _blockSize, _nextDecryptChain, 0, _blockSize);
        _decryptor.TransformBlock(buffer, offset, n, buffer, offset);
        for (int i = 0; i < _blockSize; i++)
        {
            buffer[offset + i] ^= (byte)(iv[ivOffset + i] ^ _decryptChain[i]);
        }

        (_decryptChain, _nextDecryptChain) = (_nextDecryptChain, _decryptChain);
    }

    public void Wipe()
    {
        _encryptor.Dispose();
        _decryptor.Dispose();
        _algorithm.Dispose();
        CryptographicOperations.ZeroMemory(_encryptChain);
        CryptographicOperations.ZeroMemory(_decryptChain);
        CryptographicOperations.ZeroMemory(_nextDecryptChain);
    }
}
