using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Esp
{
    /// <summary>
    /// The ESP data path as the firmware sees it: SA install/remove (what the firmware connects to
    /// ike's SA-install interface; ike and esp never reference each other), the outbound policies,
    /// encapsulate/decapsulate per packet, the event queue and the drop counters.
    /// <para>
    /// Threading: install/remove, <see cref="Poll"/> and the per-packet calls must not run at the
    /// same time (the run loop calls them in turn, or the firmware holds one lock around them);
    /// packets reach the crypto side through the <see cref="SlotPool"/> rings.
    /// </para>
    /// </summary>
    public sealed class EspEngine
    {
        private readonly ICryptoProvider _crypto;
        private readonly IRandomSource _random;
        private readonly SaTable _sas;
        private readonly PolicyTable _policies;
        private readonly DropCounters _drops = new DropCounters();
        private readonly EspEventQueue _events;
        private readonly EspOutbound _outbound;
        private readonly EspInbound _inbound;

        /// <summary>
        /// An engine with room for <paramref name="inboundSas"/> inbound and <paramref name="outboundSas"/>
        /// outbound SAs and <paramref name="policies"/> policies (the board decides: a few on the device).
        /// </summary>
        public EspEngine(ICryptoProvider crypto, IRandomSource random, int inboundSas, int outboundSas, int policies)
        {
            _crypto = crypto;
            _random = random;
            _sas = new SaTable(inboundSas, outboundSas, random);
            _policies = new PolicyTable(policies);
            _events = new EspEventQueue(4 * (inboundSas + outboundSas + policies));
            _outbound = new EspOutbound(_sas, _policies, _drops, _events);
            _inbound = new EspInbound(_sas, _drops, _events);
        }

        /// <summary>Drops of all SAs and of packets no SA claimed.</summary>
        public DropCounters Drops
        {
            get { return _drops; }
        }

        /// <summary>Acquire / rekey / expired events for the control side.</summary>
        public EspEventQueue Events
        {
            get { return _events; }
        }

        /// <summary>The SA table (console listing).</summary>
        public SaTable Sas
        {
            get { return _sas; }
        }

        /// <summary>The outbound policies.</summary>
        public PolicyTable Policies
        {
            get { return _policies; }
        }

        /// <summary>The crypto provider in use (console: "dotnet" or "portable").</summary>
        public ICryptoProvider Crypto
        {
            get { return _crypto; }
        }

        /// <summary>Adds an outbound policy (first match wins in id order); its id, or -1 when full.</summary>
        public int AddPolicy(TrafficSelector local, TrafficSelector remote, byte protocol, PolicyAction action)
        {
            return _policies.Add(new Policy(local, remote, protocol, action));
        }

        /// <summary>Removes a policy; its outbound SAs stay until removed.</summary>
        public bool RemovePolicy(int id)
        {
            return _policies.Remove(id);
        }

        /// <summary>
        /// Chooses and reserves our SPI for an inbound SA about to be negotiated (it goes into the
        /// quick mode proposal and KEYMAT); 0 when the table is full. Install it with
        /// <see cref="InstallInbound"/> or give it back with <see cref="ReleaseSpi"/>.
        /// </summary>
        public uint ReserveInboundSpi()
        {
            return _sas.ReserveSpi();
        }

        /// <summary>Reserves a given SPI (manually keyed SAs); false when its table index is taken.</summary>
        public bool ReserveInboundSpi(uint spi)
        {
            return _sas.ReserveSpi(spi);
        }

        /// <summary>Gives back a reserved, never-installed SPI.</summary>
        public bool ReleaseSpi(uint spi)
        {
            return _sas.ReleaseSpi(spi);
        }

        /// <summary>Installs the inbound SA for the reserved SPI p.Spi.</summary>
        public SaInstallResult InstallInbound(SaParameters p, long nowMs)
        {
            if (p == null || !_sas.IsReserved(p.Spi))
            {
                return SaInstallResult.SpiNotReserved;
            }

            SaInstallResult result;
            SecurityAssociation sa = SecurityAssociation.Create(p, true, nowMs, _crypto, _random, out result);
            if (sa == null)
            {
                return result;
            }

            return _sas.AddInbound(sa);
        }

        /// <summary>
        /// Installs an outbound SA and binds it to policy p.PolicyId, replacing the SA the policy
        /// used (make-before-break on rekey: remove the old one afterwards). Returns the handle
        /// (&gt;= 0) or -1 with the reason in <paramref name="result"/>.
        /// </summary>
        public int InstallOutbound(SaParameters p, long nowMs, out SaInstallResult result)
        {
            Policy policy = p == null ? null : _policies.Get(p.PolicyId);
            if (policy == null)
            {
                result = SaInstallResult.NoSuchPolicy;
                return -1;
            }

            SecurityAssociation sa = SecurityAssociation.Create(p, false, nowMs, _crypto, _random, out result);
            if (sa == null)
            {
                return -1;
            }

            int handle = _sas.AddOutbound(sa);
            if (handle < 0)
            {
                sa.Wipe();
                result = SaInstallResult.TableFull;
                return -1;
            }

            policy.OutboundSa = handle;
            policy.AcquirePending = false;
            result = SaInstallResult.Ok;
            return handle;
        }

        /// <summary>Removes an inbound SA (delete notify, expiry) and wipes its keys.</summary>
        public bool RemoveInbound(uint spi)
        {
            return _sas.RemoveInbound(spi) != null;
        }

        /// <summary>
        /// Removes an outbound SA and wipes its keys. A policy that used it falls back to the
        /// newest other live outbound SA installed for it, else to none (the next packet acquires).
        /// </summary>
        public bool RemoveOutbound(int handle)
        {
            SecurityAssociation sa = _sas.RemoveOutbound(handle);
            if (sa == null)
            {
                return false;
            }

            Policy policy = _policies.Get(sa.PolicyId);
            if (policy != null && policy.OutboundSa == handle)
            {
                policy.OutboundSa = -1;
                long newest = long.MinValue;
                for (int i = 0; i < _sas.OutboundCapacity; i++)
                {
                    SecurityAssociation other = _sas.GetOutbound(i);
                    if (other != null && other.PolicyId == sa.PolicyId && !other.Expired && other.CreatedMs >= newest)
                    {
                        newest = other.CreatedMs;
                        policy.OutboundSa = i;
                    }
                }
            }

            return true;
        }

        /// <summary>The inbound SA with this SPI, or null.</summary>
        public SecurityAssociation FindInbound(uint spi)
        {
            return _sas.FindInbound(spi);
        }

        /// <summary>The outbound SA with this handle, or null.</summary>
        public SecurityAssociation GetOutbound(int handle)
        {
            return _sas.GetOutbound(handle);
        }

        /// <summary>Encrypts the LAN packet in the slot (EspOutbound); <see cref="DropReason.None"/> = send it.</summary>
        [FastPath]
        public DropReason Encapsulate(PacketSlot slot, long nowMs)
        {
            return _outbound.Encapsulate(slot, nowMs);
        }

        /// <summary>Decrypts the ESP packet in the slot (EspInbound); <see cref="DropReason.None"/> = deliver the inner packet.</summary>
        [FastPath]
        public DropReason Decapsulate(PacketSlot slot, long nowMs)
        {
            return _inbound.Decapsulate(slot, nowMs);
        }

        /// <summary>Counts a drop the caller decided on (e.g. a port-4500 datagram that is not ESP, a full ring).</summary>
        [FastPath]
        public void CountDrop(DropReason reason)
        {
            _drops.Count(reason);
        }

        /// <summary>Checks the time lifetimes of idle SAs (call about once a second with the run loop's clock).</summary>
        public void Poll(long nowMs)
        {
            for (int i = 0; i < _sas.InboundCapacity; i++)
            {
                SecurityAssociation sa = _sas.InboundAt(i);
                if (sa != null)
                {
                    sa.CheckLimits(nowMs, _events);
                }
            }

            for (int i = 0; i < _sas.OutboundCapacity; i++)
            {
                SecurityAssociation sa = _sas.GetOutbound(i);
                if (sa != null)
                {
                    sa.CheckLimits(nowMs, _events);
                }
            }
        }
    }
}
