using System;
using System.Collections;
using NanoGate.Ike.Config;

namespace NanoGate.Ike
{
    /// <summary>
    /// The ipsec policies with the proposal each offers and accepts, when each may be auto-started
    /// next, and the quick modes queued until their phase 1 is up (with the pair a rekey replaces).
    /// Lookup by name, and for a responder by the initiator's client IDs (RFC 2409 §5.5).
    /// </summary>
    internal sealed class IpsecPolicyTable
    {
        private readonly ArrayList _policies = new ArrayList();
        private readonly ArrayList _proposals = new ArrayList();
        private readonly ArrayList _pending = new ArrayList();
        private readonly ArrayList _pendingReplaces = new ArrayList();
        private long[] _autoNextMs = new long[0];

        /// <summary>Number of policies.</summary>
        internal int Count
        {
            get { return _policies.Count; }
        }

        /// <summary>The i-th policy.</summary>
        internal IpsecPolicy Get(int index)
        {
            return (IpsecPolicy)_policies[index];
        }

        /// <summary>The proposal of the i-th policy.</summary>
        internal IpsecProposal ProposalAt(int index)
        {
            return (IpsecProposal)_proposals[index];
        }

        /// <summary>The index of <paramref name="policy"/>, or -1 when it is gone.</summary>
        internal int IndexOf(IpsecPolicy policy)
        {
            return _policies.IndexOf(policy);
        }

        /// <summary>Adds a policy with its proposal.</summary>
        internal void Add(IpsecPolicy policy, IpsecProposal proposal)
        {
            _policies.Add(policy);
            _proposals.Add(proposal);
            long[] auto = new long[_policies.Count];
            Array.Copy(_autoNextMs, 0, auto, 0, _autoNextMs.Length);
            _autoNextMs = auto;
        }

        /// <summary>Forgets every policy and queued quick mode.</summary>
        internal void Clear()
        {
            _policies.Clear();
            _proposals.Clear();
            _pending.Clear();
            _pendingReplaces.Clear();
            _autoNextMs = new long[0];
        }

        /// <summary>Forgets the policies and queued quick modes of peer <paramref name="peerName"/>.</summary>
        internal void RemovePeer(string peerName)
        {
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                if (PendingAt(i).PeerName == peerName)
                {
                    RemovePendingAt(i);
                }
            }

            for (int i = _policies.Count - 1; i >= 0; i--)
            {
                if (Get(i).PeerName == peerName)
                {
                    _policies.RemoveAt(i);
                    _proposals.RemoveAt(i);
                    long[] auto = new long[_policies.Count];
                    Array.Copy(_autoNextMs, 0, auto, 0, i);
                    Array.Copy(_autoNextMs, i + 1, auto, i, auto.Length - i);
                    _autoNextMs = auto;
                }
            }
        }

        /// <summary>The index of the policy named <paramref name="name"/>, or -1.</summary>
        internal int Find(string name)
        {
            for (int i = 0; i < _policies.Count; i++)
            {
                if (Get(i).Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// The policy of <paramref name="peer"/> whose remote subnet is the initiator's ID and local
        /// subnet the responder's (exactly, after masking); without IDs the peer's first policy.
        /// </summary>
        internal int FindFor(PeerConfig peer, uint ci, int ciPrefix, uint cr, int crPrefix, bool noIds)
        {
            for (int i = 0; i < _policies.Count; i++)
            {
                IpsecPolicy p = Get(i);
                if (p.PeerName != peer.Name)
                {
                    continue;
                }

                if (noIds)
                {
                    return i;
                }

                if (p.RemotePrefixLength == ciPrefix && p.LocalPrefixLength == crPrefix
                    && (p.RemoteSubnet & QuickModePayloads.MaskOf(ciPrefix)) == (ci & QuickModePayloads.MaskOf(ciPrefix))
                    && (p.LocalSubnet & QuickModePayloads.MaskOf(crPrefix)) == (cr & QuickModePayloads.MaskOf(crPrefix)))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>When the i-th policy may be auto-started next (ms).</summary>
        internal long AutoNextMs(int index)
        {
            return _autoNextMs[index];
        }

        /// <summary>Sets when the i-th policy may be auto-started next (ms).</summary>
        internal void SetAutoNextMs(int index, long atMs)
        {
            _autoNextMs[index] = atMs;
        }

        /// <summary>Number of quick modes waiting for their phase 1.</summary>
        internal int PendingCount
        {
            get { return _pending.Count; }
        }

        /// <summary>The policy of the i-th waiting quick mode.</summary>
        internal IpsecPolicy PendingAt(int index)
        {
            return (IpsecPolicy)_pending[index];
        }

        /// <summary>The pair the i-th waiting quick mode replaces (a rekey), or null.</summary>
        internal ChildSa PendingReplacesAt(int index)
        {
            return (ChildSa)_pendingReplaces[index];
        }

        /// <summary>Whether a quick mode of <paramref name="policy"/> waits for its phase 1.</summary>
        internal bool IsPending(IpsecPolicy policy)
        {
            return _pending.Contains(policy);
        }

        /// <summary>Queues a quick mode of <paramref name="policy"/> until its phase 1 is up (once; a rekey's pair wins).</summary>
        internal void Queue(IpsecPolicy policy, ChildSa replaces)
        {
            int queued = _pending.IndexOf(policy);
            if (queued < 0)
            {
                _pending.Add(policy);
                _pendingReplaces.Add(replaces);
            }
            else if (replaces != null)
            {
                _pendingReplaces[queued] = replaces;
            }
        }

        /// <summary>Takes the i-th waiting quick mode off the queue.</summary>
        internal void RemovePendingAt(int index)
        {
            _pending.RemoveAt(index);
            _pendingReplaces.RemoveAt(index);
        }
    }
}
