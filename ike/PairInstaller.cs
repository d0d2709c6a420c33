using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// The end of a quick mode in either role: KEYMAT per direction (RFC 2409 §5.5, with the
    /// receiving side's SPI), both SAs installed through <see cref="IIpsecSaInstaller"/>, the pair
    /// added to <see cref="ChildSaTable"/> and settled against a pair it replaces or collides with.
    /// </summary>
    internal sealed class PairInstaller
    {
        private readonly IkeDaemon _daemon;
        private readonly ICryptoProvider _crypto;
        private readonly IRandomSource _random;
        private readonly IIpsecSaInstaller _installer;
        private readonly IQuickModeListener _listener;
        private readonly ChildSaTable _pairs;
        private readonly InformationalSender _sender;
        private readonly byte[] _spi = new byte[4];
        private readonly byte[] _seq = new byte[4];

        /// <summary>Pairs of <paramref name="daemon"/>'s SAs into <paramref name="installer"/> and <paramref name="pairs"/>.</summary>
        internal PairInstaller(IkeDaemon daemon, ICryptoProvider crypto, IRandomSource random, IIpsecSaInstaller installer, IQuickModeListener listener,
            ChildSaTable pairs, InformationalSender sender)
        {
            _daemon = daemon;
            _crypto = crypto;
            _random = random;
            _installer = installer;
            _listener = listener;
            _pairs = pairs;
            _sender = sender;
        }

        /// <summary>Quick modes that installed their SAs.</summary>
        internal int Established { get; private set; }

        /// <summary>
        /// A quick mode whose last message is in (QM2 as initiator, QM3 as responder): KEYMAT for both
        /// directions, both SAs into the data path, the pair recorded, the event. When the data path
        /// refuses, our Delete takes down the half the peer installed already.
        /// </summary>
        internal void Install(QuickModeExchange x, long nowMs)
        {
            IkeSa sa = x.Sa;
            IpsecSaInfo inbound = NewInfo(x, true);
            IpsecSaInfo outbound = NewInfo(x, false);
            x.State = QuickModeExchange.Done;
            x.ExpiresMs = nowMs + QuickMode.KeepMs;
            if (x.Gxy != null)
            {
                FixedTime.Wipe(x.Gxy);
                x.Gxy = null;
            }

            // g(qm)^xy is in the KEYMAT now, so the PFS key pair goes at once rather than when the
            // finished exchange is forgotten (KeepMs later): forward secrecy wants the private value
            // gone (RFC 2409 §5.5), and a MODP pair's tables are the biggest thing a tunnel holds.
            if (x.Dh != null)
            {
                x.Dh.Wipe();
                x.Dh = null;
            }

            bool inOk = x.InboundInstalled || _installer.InstallInbound(inbound, nowMs);
            x.InboundInstalled = inOk;
            if (!inOk || !_installer.InstallOutbound(outbound, x.OurSpi, nowMs))
            {
                inbound.WipeKeys();
                outbound.WipeKeys();
                if (inOk)
                {
                    _installer.Remove(x.OurSpi);
                }
                else
                {
                    _installer.ReleaseSpi(x.OurSpi);
                }

                // The peer installed its side already (QM2 or QM3 was its proof): our Delete takes it down.
                BigEndian.WriteUInt32(_spi, 0, x.OurSpi);
                _sender.SendDelete(sa, ProtocolId.IpsecEsp, _spi, 4, nowMs);
                x.OurSpi = 0;
                ChildSa.Unmark(x.Replaces);
                _listener.OnPhase2Failed(sa, sa.PeerAddress, Phase2FailureReason.ResourceLimit, "the data path refused the SAs of " + x.Policy.Name);
                return;
            }

            Established++;
            ChildSa child = new ChildSa(x.Policy, sa.Peer, sa, x.OurSpi, x.PeerSpi, x.Initiator, nowMs);
            child.LowestNonce = ChildSaTable.Lower(x.Ni, x.Nr);
            _pairs.All.Add(child);
            _listener.OnPhase2Established(sa, inbound, outbound);
            inbound.WipeKeys();
            outbound.WipeKeys();
            _pairs.Settle(child, x, nowMs);
        }

        /// <summary>What the data path gets for one direction of <paramref name="x"/>, keys included.</summary>
        internal IpsecSaInfo NewInfo(QuickModeExchange x, bool inbound)
        {
            IkeSa sa = x.Sa;
            IpsecSaInfo info = new IpsecSaInfo();
            info.Inbound = inbound;
            info.Spi = inbound ? x.OurSpi : x.PeerSpi;
            info.Cipher = x.Proposal.Encryption;
            info.KeySize = x.Proposal.Encryption == CipherAlgorithm.TripleDesCbc ? 24 : x.Proposal.KeySize;
            info.Integrity = x.Proposal.Integrity;
            info.Sha256Truncated96 = sa.Peer.Sha256Truncated96;
            int encLength = IpsecKeymat.EncryptionKeyLength(info.Cipher, info.KeySize);
            int intLength = IpsecKeymat.IntegrityKeyLength(info.Cipher, info.Integrity);
            byte[] keymat = IpsecKeymat.Derive(_crypto, sa.Keys.Hash, sa.Keys.SkeyidD, x.Gxy, ProtocolId.IpsecEsp, info.Spi,
                x.Ni, x.Nr, encLength + intLength);
            info.EncryptionKey = ProtectedMessage.Copy(keymat, 0, encLength);
            info.IntegrityKey = intLength == 0 ? null : ProtectedMessage.Copy(keymat, encLength, intLength);
            FixedTime.Wipe(keymat);
            info.LocalAddress = _daemon.LocalAddress;
            info.RemoteAddress = sa.PeerAddress;
            info.UdpEncapsulation = Phase2Attribute.IsUdpEncapsulated(x.EncapsulationMode);
            info.LocalPort = info.UdpEncapsulation ? IkeDaemon.NatTPort : sa.LocalPort;
            info.RemotePort = info.UdpEncapsulation ? (sa.LocalPort == IkeDaemon.NatTPort ? sa.PeerPort : IkeDaemon.NatTPort) : 0;
            info.LocalSubnet = x.Policy.LocalSubnet;
            info.LocalPrefixLength = x.Policy.LocalPrefixLength;
            info.RemoteSubnet = x.Policy.RemoteSubnet;
            info.RemotePrefixLength = x.Policy.RemotePrefixLength;
            info.LifetimeSeconds = x.LifetimeSeconds;
            info.LifetimeKilobytes = x.LifetimeKilobytes;
            _random.Fill(_seq, 0, 1);
            info.SoftPercent = (x.Initiator ? ChildSaManager.InitiatorSoftPercent : ChildSaManager.ResponderSoftPercent) - (_seq[0] % (ChildSaManager.SoftJitterPercent + 1));
            info.Pfs = x.Policy.Pfs;
            info.PolicyName = x.Policy.Name;
            info.IkeSerial = sa.Serial;
            return info;
        }
    }
}
