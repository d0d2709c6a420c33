using NanoGate.Hal.Crypto;

namespace NanoGate.Ike.Config
{
    /// <summary>
    /// One phase 1 proposal (an "ike proposal N" block): the transform attributes of RFC 2409
    /// Appendix A. Authentication is always pre-shared key.
    /// </summary>
    public sealed class IkeProposal
    {
        /// <summary>Creates a proposal with the defaults operators expect (AES-256, SHA2-256, group 14, 24 h).</summary>
        public IkeProposal(int number)
        {
            Number = number;
            Encryption = CipherAlgorithm.AesCbc;
            KeySize = 32;
            Hash = HashAlgorithm.Sha256;
            Group = DhGroup.Modp2048;
            LifetimeSeconds = 86400;
        }

        /// <summary>The proposal number (its name in the configuration).</summary>
        public int Number { get; private set; }

        /// <summary>AES-CBC or 3DES-CBC.</summary>
        public CipherAlgorithm Encryption { get; set; }

        /// <summary>Key size in bytes (16, 24, 32 for AES; 24 for 3DES).</summary>
        public int KeySize { get; set; }

        /// <summary>Hash for prf and HASH_I/R.</summary>
        public HashAlgorithm Hash { get; set; }

        /// <summary>Diffie-Hellman group.</summary>
        public DhGroup Group { get; set; }

        /// <summary>SA lifetime in seconds (life type 1); 0 = none proposed.</summary>
        public int LifetimeSeconds { get; set; }

        /// <summary>SA lifetime in kilobytes (life type 2); 0 = none proposed.</summary>
        public int LifetimeKilobytes { get; set; }
    }
}
