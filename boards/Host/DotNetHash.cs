using System.Security.Cryptography;
using NanoGate.Hal.Crypto;
using HashAlgorithm = NanoGate.Hal.Crypto.HashAlgorithm;

namespace NanoGate.Boards.Host;

/// <summary>A hash or HMAC (RFC 2104) on .NET's IncrementalHash; Finish writes into the caller's buffer.</summary>
public sealed class DotNetHash : IHash
{
    private readonly IncrementalHash _hash;
    private readonly byte[] _discard;
    private bool _dirty;

    private DotNetHash(IncrementalHash hash)
    {
        _hash = hash;
        _discard = new byte[hash.HashLengthInBytes];
    }

    public int HashSize => _hash.HashLengthInBytes;

    /// <summary>A plain hash.</summary>
    public static DotNetHash CreateHash(HashAlgorithm algorithm) => new(IncrementalHash.CreateHash(NameOf(algorithm)));

    /// <summary>HMAC keyed with the given bytes (IncrementalHash keeps its own copy).</summary>
    public static DotNetHash CreateHmac(HashAlgorithm algorithm, byte[] key, int keyOffset, int keyCount) =>
        new(IncrementalHash.CreateHMAC(NameOf(algorithm), key.AsSpan(keyOffset, keyCount)));

    public static HashAlgorithmName NameOf(HashAlgorithm algorithm) => algorithm switch
    {
        HashAlgorithm.Md5 => HashAlgorithmName.MD5,
        HashAlgorithm.Sha1 => HashAlgorithmName.SHA1,
        HashAlgorithm.Sha256 => HashAlgorithmName.SHA256,
        HashAlgorithm.Sha384 => HashAlgorithmName.SHA384,
        HashAlgorithm.Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentException("unsupported hash", nameof(algorithm)),
    };

    public void Reset()
    {
        // IncrementalHash has no public Reset; finishing into a scratch buffer resets it.
        if (_dirty)
        {
            _hash.GetHashAndReset(_discard);
            _dirty = false;
        }
    }

    public void Append(byte[] buffer, int offset, int count)
    {
        _hash.AppendData(buffer, offset, count);
        _dirty = true;
    }

    public void Finish(byte[] output, int offset)
    {
        _hash.GetHashAndReset(output.AsSpan(offset, _hash.HashLengthInBytes));
        _dirty = false;
    }

    public void Wipe()
    {
        _hash.Dispose();
        CryptographicOperations.ZeroMemory(_discard);
    }
}
