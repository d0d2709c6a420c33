using System.Collections;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;

namespace NanoGate.Ike
{
    /// <summary>
    /// The quick mode exchanges under way or recently finished (kept to answer a retransmitted
    /// request), found by ISAKMP SA and message ID. Forgetting an unfinished exchange gives back
    /// what it holds: its reserved or installed inbound SPI, its PFS key pair.
    /// </summary>
    internal sealed class QuickModeExchangeTable
    {
        private readonly ArrayList _exchanges = new ArrayList();
        private readonly IIpsecSaInstaller _installer;
        private readonly IQuickModeListener _listener;

        /// <summary>Exchanges whose SPIs live in <paramref name="installer"/>; failures go to <paramref name="listener"/>.</summary>
        internal QuickModeExchangeTable(IIpsecSaInstaller installer, IQuickModeListener listener)
        {
            _installer = installer;
            _listener = listener;
        }

        /// <summary>Number of exchanges.</summary>
        internal int Count
        {
            get { return _exchanges.Count; }
        }

        /// <summary>The i-th exchange.</summary>
        internal QuickModeExchange Get(int index)
        {
            return (QuickModeExchange)_exchanges[index];
        }

        /// <summary>Adds an exchange.</summary>
        internal void Add(QuickModeExchange x)
        {
            _exchanges.Add(x);
        }

        /// <summary>Takes <paramref name="x"/> out of the table without releasing anything (it goes on).</summary>
        internal void Remove(QuickModeExchange x)
        {
            _exchanges.Remove(x);
        }

        /// <summary>Removes the i-th exchange and releases what it holds.</summary>
        internal void Forget(int index)
        {
            QuickModeExchange x = Get(index);
            _exchanges.RemoveAt(index);
            Abandon(x);
        }

        /// <summary>Ends <paramref name="x"/> (in the table or not) and reports the failure.</summary>
        internal void Fail(QuickModeExchange x, Phase2FailureReason reason, string detail)
        {
            int i = _exchanges.IndexOf(x);
            if (i >= 0)
            {
                Forget(i);
            }
            else
            {
                Abandon(x);
            }

            _listener.OnPhase2Failed(x.Sa, x.Sa.PeerAddress, reason, detail);
        }

        /// <summary>The exchange of <paramref name="sa"/> with message ID <paramref name="mid"/>, or null.</summary>
        internal QuickModeExchange Find(IkeSa sa, uint mid)
        {
            for (int i = 0; i < _exchanges.Count; i++)
            {
                QuickModeExchange x = Get(i);
                if (x.Sa == sa && x.MessageId == mid)
                {
                    return x;
                }
            }

            return null;
        }

        /// <summary>Our newest quick mode under <paramref name="sa"/> still waiting for QM2 (an error notify names none), or null.</summary>
        internal QuickModeExchange NewestWaiting(IkeSa sa)
        {
            for (int i = _exchanges.Count - 1; i >= 0; i--)
            {
                QuickModeExchange x = Get(i);
                if (x.Sa == sa && x.Initiator && x.State == QuickModeExchange.WaitingQm2)
                {
                    return x;
                }
            }

            return null;
        }

        /// <summary>Whether a quick mode for <paramref name="policy"/> is under way.</summary>
        internal bool IsRunning(IpsecPolicy policy)
        {
            for (int i = 0; i < _exchanges.Count; i++)
            {
                QuickModeExchange x = Get(i);
                if (x.Policy == policy && x.State != QuickModeExchange.Done)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Releases what an unfinished exchange holds (its reserved SPI, its DH pair).</summary>
        internal void Abandon(QuickModeExchange x)
        {
            if (x.State != QuickModeExchange.Done && x.OurSpi != 0)
            {
                if (x.InboundInstalled)
                {
                    _installer.Remove(x.OurSpi);
                }
                else
                {
                    _installer.ReleaseSpi(x.OurSpi);
                }

                x.OurSpi = 0;
                ChildSa.Unmark(x.Replaces);
            }

            if (x.Dh != null)
            {
                x.Dh.Wipe();
                x.Dh = null;
            }

            if (x.Job != null)
            {
                // Nobody will take its result: wiped now, or by the runner when the computation ends.
                x.Job.Cancel();
                x.Job = null;
            }

            if (x.Gxy != null)
            {
                FixedTime.Wipe(x.Gxy);
                x.Gxy = null;
            }
        }
    }
}
