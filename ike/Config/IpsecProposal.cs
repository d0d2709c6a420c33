using NanoGate.Hal.Crypto;

namespace NanoGate.Ike.Config
{
    /// <summary>
    /// One phase 2 ESP proposal (an "ipsec proposal NAME" block; RFC 2407 §4.4.4 and §4.5).
    /// AES-GCM carries its own integrity, so <see cref="Integrity"/> is ignored for it.
    /// </summary>
    public sealed class IpsecProposal
    {
        /// <summary>Creates a proposal with the defaults (AES-128-CBC with HMAC-SHA2-256-128).</summary>
        public IpsecProposal(string name)
        {
            Name = name;
            Encryption = CipherAlgorithm.AesCbc;
            KeySize = 16;
            Integrity = HashAlgorithm.Sha256;
        }

        /// <summary>The proposal's name.</summary>
        public string Name { get; private set; }

        /// <summary>AES-CBC, AES-GCM (16-byte ICV) or 3DES-CBC.</summary>
        public CipherAlgorithm Encryption { get; set; }

        /// <summary>Key size in bytes.</summary>
        public int KeySize { get; set; }

        /// <summary>HMAC for CBC ciphers (SHA-1-96, SHA2-256-128, SHA2-384-192, SHA2-512-256).</summary>
        public HashAlgorithm Integrity { get; set; }
    }
}
