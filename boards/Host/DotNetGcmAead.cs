using System.Security.Cryptography;
using NanoGate.Hal.Crypto;

namespace NanoGate.Boards.Host;

/// <summary>
/// AES-GCM (RFC 4106) on .NET's AesGcm, in place, with a 16 or 12-byte tag (AesGcm.TagByteSizes
/// is 12..16; <see cref="DotNetCryptoProvider"/> serves 8-byte tags with the portable AEAD).
/// On a tag mismatch .NET clears the output, so the buffer is zeroed, never plaintext. The
/// failure path costs an exception (the API has no other way to say no); only forged packets pay it.
/// </summary>
public sealed class DotNetGcmAead : IAead
{
    private const int NonceSize = 12;
    private readonly AesGcm _gcm;
    private readonly int _tagSize;

    public DotNetGcmAead(byte[] key, int keyOffset, int keyCount, int tagSize)
    {
        _gcm = new AesGcm(key.AsSpan(keyOffset, keyCount), tagSize);
        _tagSize = tagSize;
    }

    public int TagSize => _tagSize;

    public void Encrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
        byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
    {
        Span<byte> data = buffer.AsSpan(offset, count);
        _gcm.Encrypt(nonce.AsSpan(nonceOffset, NonceSize), data, data, tag.AsSpan(tagOffset, _tagSize),
            aad.AsSpan(aadOffset, aadCount));
    }

    public bool Decrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount,
        byte[] buffer, int offset, int count, byte[] tag, int tagOffset)
    {
        Span<byte> data = buffer.AsSpan(offset, count);
        try
        {
            _gcm.Decrypt(nonce.AsSpan(nonceOffset, NonceSize), data, tag.AsSpan(tagOffset, _tagSize), data,
                aad.AsSpan(aadOffset, aadCount));
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Wipe() => _gcm.Dispose();
}
