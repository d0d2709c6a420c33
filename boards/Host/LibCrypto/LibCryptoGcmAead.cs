using System.Security.Cryptography;
using NanoGate.Hal.Crypto;

namespace NanoGate.Boards.Host.LibCrypto;

/// <summary>
/// AES-GCM (RFC 4106) in place on libcrypto's EVP interface with one encrypt and one decrypt
/// context kept for the SA's life: the key schedule and GHASH key are made once, and a packet only
/// sets its 12-byte nonce (EVP_CipherInit_ex with the key left NULL), feeds the AAD and the data and
/// finishes with the tag. .NET's AesGcm re-keys its context on every call, which is most of its
/// per-packet overhead at 1400 bytes (issue 19). A failed tag check zeroes the buffer: GCM decrypts
/// as it goes, so the plaintext of a forgery never stays. 16 or 12-byte tags.
/// </summary>
public sealed class LibCryptoGcmAead : IAead
{
    private const int NonceSize = 12;
    private readonly int _tagSize;
    private readonly byte[] _scratch = new byte[16];
    private IntPtr _encrypt;
    private IntPtr _decrypt;

    public LibCryptoGcmAead(byte[] key, int keyOffset, int keyCount, int tagSize)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (tagSize is not (12 or 16))
        {
            throw new ArgumentException($"tag size {tagSize}: 12 or 16 here", nameof(tagSize));
        }

        IntPtr cipher = keyCount switch
        {
            16 => LibCrypto.Aes128Gcm(),
            24 => LibCrypto.Aes192Gcm(),
            32 => LibCrypto.Aes256Gcm(),
            _ => throw new ArgumentException($"AES-GCM key must be 16, 24 or 32 bytes, not {keyCount}", nameof(keyCount)),
        };
        _tagSize = tagSize;
        byte[] k = key.AsSpan(keyOffset, keyCount).ToArray();
        try
        {
            _encrypt = LibCrypto.CipherCtxNew();
            _decrypt = LibCrypto.CipherCtxNew();
            if (_encrypt == IntPtr.Zero || _decrypt == IntPtr.Zero
                || LibCrypto.CipherInitKey(_encrypt, cipher, IntPtr.Zero, k, IntPtr.Zero, 1) != 1
                || LibCrypto.CipherInitKey(_decrypt, cipher, IntPtr.Zero, k, IntPtr.Zero, 0) != 1)
            {
                Wipe();
                throw new CryptographicException("libcrypto: AES-GCM context set-up failed");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
        }
    }

    public int TagSize => _tagSize;

    public void Encrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
        byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
    {
        Check(nonce, nonceOffset, NonceSize);
        Check(aad, aadOffset, aadCount);
        Check(buffer, offset, count);
        Check(tag, tagOffset, _tagSize);
        if (LibCrypto.CipherInitIv(_encrypt, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, ref nonce[nonceOffset], -1) != 1
            || !Run(_encrypt, aad, aadOffset, aadCount, buffer, offset, count)
            || LibCrypto.CipherFinal(_encrypt, ref _scratch[0], out _) != 1
            || LibCrypto.CipherCtxCtrl(_encrypt, LibCrypto.CtrlAeadGetTag, _tagSize, ref tag[tagOffset]) != 1)
        {
            throw new CryptographicException("libcrypto: AES-GCM encryption failed");
        }
    }

    public bool Decrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
        byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
    {
        Check(nonce, nonceOffset, NonceSize);
        Check(aad, aadOffset, aadCount);
        Check(buffer, offset, count);
        Check(tag, tagOffset, _tagSize);
        bool ok = LibCrypto.CipherInitIv(_decrypt, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, ref nonce[nonceOffset], -1) == 1
            && LibCrypto.CipherCtxCtrl(_decrypt, LibCrypto.CtrlAeadSetTag, _tagSize, ref tag[tagOffset]) == 1
            && Run(_decrypt, aad, aadOffset, aadCount, buffer, offset, count)
            && LibCrypto.CipherFinal(_decrypt, ref _scratch[0], out _) == 1;
        if (!ok)
        {
            Array.Clear(buffer, offset, count);
        }

        return ok;
    }

    public void Wipe()
    {
        // EVP_CIPHER_CTX_free cleanses the key schedule before it frees the context.
        if (_encrypt != IntPtr.Zero)
        {
            LibCrypto.CipherCtxFree(_encrypt);
            _encrypt = IntPtr.Zero;
        }

        if (_decrypt != IntPtr.Zero)
        {
            LibCrypto.CipherCtxFree(_decrypt);
            _decrypt = IntPtr.Zero;
        }
    }

    private static bool Run(IntPtr ctx, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count)
    {
        if (aadCount > 0 && LibCrypto.CipherUpdateAad(ctx, IntPtr.Zero, out _, ref aad[aadOffset], aadCount) != 1)
        {
            return false;
        }

        return count == 0 || LibCrypto.CipherUpdate(ctx, ref buffer[offset], out _, ref buffer[offset], count) == 1;
    }

    private void Check(byte[] array, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(_encrypt == IntPtr.Zero, this);
        ArgumentNullException.ThrowIfNull(array);
        if (offset < 0 || count < 0 || offset > array.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }
    }
}
