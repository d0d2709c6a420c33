using System.Collections;
using NanoGate.Ike.Config;

namespace NanoGate.Ike
{
    /// <summary>
    /// The configured peers and what the daemon remembers per peer name: whether a phase 1 with it
    /// was ever established (INITIAL-CONTACT, RFC 2407 §4.6.3.3) and the wait before our next
    /// attempt after failures. Lookups for a first message: by address (main mode) or by the
    /// clear-text ID (aggressive mode). Peers may come and go at run time.
    /// </summary>
    public sealed class PeerTable
    {
        /// <summary>First wait after a failed phase 1 we initiated (ms); it doubles per failure up to <see cref="MaxRetryBackoffMs"/>.</summary>
        public const long FirstRetryBackoffMs = 2000;

        /// <summary>Longest wait between our phase 1 attempts to a peer that keeps refusing or not answering.</summary>
        public const long MaxRetryBackoffMs = 64000;

        private readonly ArrayList _peers = new ArrayList();
        private readonly Hashtable _contacted = new Hashtable();
        private readonly Hashtable _backoff = new Hashtable();

        /// <summary>Number of peers.</summary>
        public int Count
        {
            get { return _peers.Count; }
        }

        /// <summary>The i-th peer.</summary>
        public PeerConfig Get(int index)
        {
            return (PeerConfig)_peers[index];
        }

        /// <summary>Adds a peer.</summary>
        public void Add(PeerConfig peer)
        {
            _peers.Add(peer);
        }

        /// <summary>The peer named <paramref name="name"/>, or null.</summary>
        public PeerConfig Find(string name)
        {
            for (int i = 0; i < _peers.Count; i++)
            {
                PeerConfig p = (PeerConfig)_peers[i];
                if (p.Name == name)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>Takes <paramref name="peer"/> out with what was remembered of its name.</summary>
        public void Remove(PeerConfig peer)
        {
            _peers.Remove(peer);
            _contacted.Remove(peer.Name);
            _backoff.Remove(peer.Name);
        }

        /// <summary>True until an SA with this peer was established once (INITIAL-CONTACT, RFC 2407 §4.6.3.3).</summary>
        public bool IsFirstContact(PeerConfig peer)
        {
            return !_contacted.Contains(peer.Name);
        }

        /// <summary>A phase 1 with <paramref name="peer"/> is up: contacted, and its backoff forgotten.</summary>
        public void NoteEstablished(PeerConfig peer)
        {
            _contacted[peer.Name] = true;
            _backoff.Remove(peer.Name);
        }

        /// <summary>A phase 1 we initiated with <paramref name="peer"/> failed: the next waits longer.</summary>
        public void NoteFailure(PeerConfig peer, long nowMs)
        {
            RetryBackoff backoff = (RetryBackoff)_backoff[peer.Name];
            if (backoff == null)
            {
                backoff = new RetryBackoff();
                _backoff[peer.Name] = backoff;
            }

            backoff.OnFailure(nowMs, FirstRetryBackoffMs, MaxRetryBackoffMs);
        }

        /// <summary>Whether our initiation to <paramref name="peer"/> must still wait after earlier failures.</summary>
        public bool MustWait(PeerConfig peer, long nowMs)
        {
            RetryBackoff backoff = (RetryBackoff)_backoff[peer.Name];
            return backoff != null && nowMs < backoff.NotBeforeMs;
        }

        /// <summary>Main mode: the peer whose address range holds the source, the most specific first (RFC 2409 §5.4).</summary>
        public PeerConfig FindByAddress(uint source)
        {
            PeerConfig best = null;
            for (int i = 0; i < _peers.Count; i++)
            {
                PeerConfig p = (PeerConfig)_peers[i];
                if (p.Mode == ExchangeMode.Main && p.PreSharedKey != null && p.MatchesAddress(source)
                    && (best == null || p.RemotePrefixLength > best.RemotePrefixLength))
                {
                    best = p;
                }
            }

            return best;
        }

        /// <summary>An aggressive mode peer whose address range holds <paramref name="source"/> (to say why a main mode first message found none).</summary>
        public PeerConfig FindAggressiveByAddress(uint source)
        {
            for (int i = 0; i < _peers.Count; i++)
            {
                PeerConfig p = (PeerConfig)_peers[i];
                if (p.Mode == ExchangeMode.Aggressive && p.PreSharedKey != null && p.MatchesAddress(source))
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>
        /// Aggressive mode: the peer configured with the ID payload at <paramref name="idPayload"/>
        /// (its address range must hold the source), else a wildcard-ID peer for the address.
        /// </summary>
        public PeerConfig FindById(byte[] b, int idPayload, uint source, out Phase1FailureReason reason)
        {
            PeerConfig wildcard = null;
            bool elsewhere = false;
            for (int i = 0; i < _peers.Count; i++)
            {
                PeerConfig p = (PeerConfig)_peers[i];
                if (p.Mode != ExchangeMode.Aggressive || p.PreSharedKey == null)
                {
                    continue;
                }

                if (p.RemoteId.Type != IdentityType.None)
                {
                    if (PeerIdentity.Matches(p.RemoteId, b, idPayload))
                    {
                        if (p.MatchesAddress(source))
                        {
                            reason = Phase1FailureReason.None;
                            return p;
                        }

                        elsewhere = true;
                    }
                }
                else if (wildcard == null && p.MatchesAddress(source))
                {
                    wildcard = p;
                }
            }

            reason = wildcard != null ? Phase1FailureReason.None
                : elsewhere ? Phase1FailureReason.PeerAddressMismatch : Phase1FailureReason.ConfigIdMismatch;
            return wildcard;
        }
    }
}
