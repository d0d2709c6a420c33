namespace NanoGate.Hal.Crypto
{
    /// <summary>
    /// One Diffie-Hellman key pair for one exchange. Public values and the shared secret are
    /// big-endian and left-padded to the group size (RFC 2409 §5; for ECP the public value is
    /// x | y and the secret is x alone, RFC 5903 §7 and §9).
    /// </summary>
    public interface IDiffieHellman
    {
        /// <summary>The group.</summary>
        DhGroup Group { get; }

        /// <summary>Bytes of the public value (KE payload data).</summary>
        int PublicValueLength { get; }

        /// <summary>Bytes of the shared secret g^xy.</summary>
        int SharedSecretLength { get; }

        /// <summary>Writes our public value.</summary>
        void WritePublicValue(byte[] output, int offset);

        /// <summary>Validates the peer's public value and writes the shared secret.</summary>
        DhResult ComputeSharedSecret(byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset);

        /// <summary>Zeroes the private value; the object is unusable afterwards.</summary>
        void Wipe();
    }
}
