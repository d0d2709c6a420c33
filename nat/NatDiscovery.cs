using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Nat
{
    /// <summary>
    /// NAT-D hashes (RFC 3947 §3.2): HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash
    /// (not an HMAC), IPv4 as 4 bytes and the port as 2 bytes, both in network order.
    /// </summary>
    public sealed class NatDiscovery
    {
        /// <summary>Bytes of an IKEv1 cookie.</summary>
        public const int CookieLength = 8;

        private readonly IHash _hash;
        private readonly byte[] _addressPort = new byte[6];

        /// <summary>Uses <paramref name="hash"/> (a plain hash from the provider, the phase 1 hash algorithm).</summary>
        public NatDiscovery(IHash hash)
        {
            _hash = hash;
        }

        /// <summary>Hash length (NAT-D payload data length).</summary>
        public int HashSize
        {
            get { return _hash.HashSize; }
        }

        /// <summary>Writes HASH(CKY-I | CKY-R | address | port) at <paramref name="outputOffset"/>.</summary>
        public void Compute(byte[] cookieI, int cookieIOffset, byte[] cookieR, int cookieROffset, uint address, int port,
            byte[] output, int outputOffset)
        {
            Ipv4.Write(_addressPort, 0, address);
            BigEndian.WriteUInt16(_addressPort, 4, (ushort)port);
            _hash.Reset();
            _hash.Append(cookieI, cookieIOffset, CookieLength);
            _hash.Append(cookieR, cookieROffset, CookieLength);
            _hash.Append(_addressPort, 0, _addressPort.Length);
            _hash.Finish(output, outputOffset);
        }
    }
}
