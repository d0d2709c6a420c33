using NanoGate.Hal.Crypto;
using NanoGate.Ike;

namespace NanoGate.Firmware.Capture
{
    /// <summary>A retained phase 1 key: the ISAKMP SA, a copy of its initiator cookie and of Ka (RFC 2409 Appendix B).</summary>
    public sealed class IsakmpKeyEntry
    {
        /// <summary>The SA (its state tells when it died).</summary>
        public IkeSa Sa;

        /// <summary>CKY-I, 8 bytes.</summary>
        public byte[] InitiatorCookie;

        /// <summary>The phase 1 encryption key Ka.</summary>
        public byte[] EncryptionKey;

        /// <summary>Zeroes the copies.</summary>
        public void Wipe()
        {
            FixedTime.Wipe(InitiatorCookie);
            FixedTime.Wipe(EncryptionKey);
            Sa = null;
        }
    }
}
