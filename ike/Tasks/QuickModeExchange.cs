using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Ike.Tasks
{
    /// <summary>
    /// One quick mode exchange (RFC 2409 §5.5), keyed by its message ID under an ISAKMP SA: its own
    /// IV chain (RFC 2409 Appendix B), nonces, PFS key pair, SPIs and what was agreed.
    /// </summary>
    internal sealed class QuickModeExchange
    {
        public const int WaitingQm2 = 1;
        public const int WaitingQm3 = 2;
        public const int Done = 3;

        /// <summary>Initiator: our PFS key pair is being computed; QM1 follows.</summary>
        public const int ComputingQm1 = 4;

        /// <summary>Responder: our PFS key pair and g(qm)^xy are being computed; QM2 follows.</summary>
        public const int ComputingQm2 = 5;

        /// <summary>Initiator: g(qm)^xy is being computed after QM2; QM3 follows.</summary>
        public const int ComputingQm3 = 6;

        public IkeSa Sa;
        public uint MessageId;
        public bool Initiator;
        public IpsecPolicy Policy;
        public IpsecProposal Proposal;
        public IvChain Iv;
        public int State;
        public uint OurSpi;
        public uint PeerSpi;
        public byte[] Ni;
        public byte[] Nr;
        public IDiffieHellman Dh;
        public byte[] Gxy;

        /// <summary>The PFS Diffie-Hellman computation the exchange waits for (off the run loop), or null.</summary>
        public DhJob Job;

        /// <summary>Responder, while computing: what QM2 answers (the chosen proposal and transform numbers, the agreed transform).</summary>
        public Agreed Agreed;
        public int ProposalNumber;
        public int TransformNumber;

        /// <summary>Responder, while computing: the initiator's client ID payloads, echoed in QM2 (null: none).</summary>
        public byte[] IdCi;
        public byte[] IdCr;
        public int EncapsulationMode;
        public int LifetimeSeconds;
        public int LifetimeKilobytes;
        public byte[] LastSent;

        /// <summary>
        /// SHA-256 of the last message accepted from the peer as received (header and ciphertext),
        /// to recognise its retransmission for <see cref="QuickMode.KeepMs"/>: a hash, not a copy.
        /// </summary>
        public byte[] LastReceivedHash;

        public int Retransmits;
        public long NextTimerMs;
        public long ExpiresMs;

        /// <summary>When QM1 went out or came in (ms): a pair installed after it is a collision, not a predecessor.</summary>
        public long StartedMs;

        /// <summary>
        /// Responder: where the QM1 came from (address, port, our port). Answers go there; the SA
        /// follows it only at QM3, which proves freshness (HASH(3) covers our nonce), so a copy of an
        /// old QM1 cannot move the SA.
        /// </summary>
        public uint ReplyAddress;

        /// <summary>See <see cref="ReplyAddress"/>.</summary>
        public int ReplyPort;

        /// <summary>See <see cref="ReplyAddress"/>.</summary>
        public int ReplyLocalPort;

        /// <summary>The pair this exchange rekeys (we initiated it for that), or null.</summary>
        public ChildSa Replaces;

        /// <summary>Responder: our inbound SA went in when QM2 was sent.</summary>
        public bool InboundInstalled;

        /// <summary>A new exchange of <paramref name="sa"/> with message ID <paramref name="mid"/> and its own IV chain.</summary>
        public static QuickModeExchange Create(IkeSa sa, uint mid, bool initiator, IpsecPolicy policy, IpsecProposal proposal, IvChain iv)
        {
            QuickModeExchange x = new QuickModeExchange();
            x.Sa = sa;
            x.MessageId = mid;
            x.Initiator = initiator;
            x.Policy = policy;
            x.Proposal = proposal;
            x.Iv = iv;
            x.ExpiresMs = long.MaxValue;
            return x;
        }
    }
}
