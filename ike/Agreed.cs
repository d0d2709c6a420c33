using NanoGate.Hal.Crypto;

namespace NanoGate.Ike
{
    /// <summary>One ESP transform of a quick mode SA payload in our terms (RFC 2407 §4.5).</summary>
    internal sealed class Agreed
    {
        public CipherAlgorithm Cipher;
        public int KeySize;
        public bool HasIntegrity;
        public HashAlgorithm Integrity;
        public DhGroup Group;
        public int Mode;
        public int LifetimeSeconds;
        public int LifetimeKilobytes;

        /// <summary>"aes-cbc-128-sha2-256 pfs modp2048".</summary>
        public string Describe()
        {
            string s = Cipher == CipherAlgorithm.AesGcm ? "aes-gcm-" + (KeySize * 8).ToString()
                : Cipher == CipherAlgorithm.TripleDesCbc ? "3des" : "aes-cbc-" + (KeySize * 8).ToString();
            if (HasIntegrity)
            {
                s += "-" + ProposalMatcher.HashName(Integrity);
            }

            return s + (Group == DhGroup.None ? " no pfs" : " pfs " + ProposalMatcher.GroupName(Group));
        }
    }
}
