using NanoGate.Hal;
using NanoGate.Hal.Crypto;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// What a board hands the gateway: the hal pieces and its sizing. A plain settings object; the
    /// board (sim, linux, esp32) fills it once at start-up. Pieces a board lacks stay null
    /// (no console, no LEDs, no storage); the run loop then skips them.
    /// </summary>
    public sealed class GatewayBoard
    {
        /// <summary>Board name for the start-up banner ("linux", "sim", "wt32-eth01").</summary>
        public string Name = "board";

        /// <summary>The run loop's clock.</summary>
        public IMonotonicClock Clock;

        /// <summary>Randomness (SPIs, IVs, nonces).</summary>
        public IRandomSource Random;

        /// <summary>
        /// Tests and the simulated demo only: negotiate with a <see cref="Random"/> that says it is
        /// not cryptographically secure (a seeded one, so runs repeat). The console warns at start.
        /// Every real board leaves it false, and then the gateway refuses to negotiate: nonces,
        /// cookies, SPIs and Diffie-Hellman secrets from a predictable source are no secrets.
        /// </summary>
        public bool InsecureRandomAllowed;

        /// <summary>Ciphers, hashes, Diffie-Hellman.</summary>
        public ICryptoProvider Crypto;

        /// <summary>
        /// Where long computations (Diffie-Hellman) run so they never stall ESP forwarding: a worker
        /// thread on the Linux and device boards (<see cref="ThreadJobRunner"/>), stepped by the test
        /// on the sim board. Null: inline on the run loop (<see cref="InlineJobRunner"/>).
        /// </summary>
        public IJobRunner Jobs;

        /// <summary>
        /// What a new configuration gets where it names nothing (groups, PFS, ESP cipher); null: the
        /// host's (<see cref="NanoGate.Firmware.Config.ProposalDefaults.Host"/>). <see cref="DeviceProfile"/> sets the device's.
        /// </summary>
        public NanoGate.Firmware.Config.ProposalDefaults ProposalDefaults;

        /// <summary>UDP port 500 on the WAN address (IKE).</summary>
        public IDatagramTransport Ike;

        /// <summary>UDP port 4500 on the WAN address (NAT-T: IKE with marker, ESP, keepalives).</summary>
        public IDatagramTransport NatT;

        /// <summary>The protected network.</summary>
        public ILanPort Lan;

        /// <summary>
        /// A UDP socket on the WAN address (any local port) for the box's own clients: syslog
        /// export (<see cref="SyslogSender"/>); null: the board has none and they stay off.
        /// </summary>
        public IDatagramTransport Services;

        /// <summary>
        /// ICMP on the WAN address, as a raw socket has it: Send takes an ICMP message (the board's
        /// stack puts the IPv4 header from the WAN address in front; the port is ignored), Receive
        /// gives whole IPv4 packets that carry ICMP (port 0). <c>ping</c> without -a uses it; null:
        /// the board has none, and the box pings only through its tunnels (ping -a).
        /// </summary>
        public IDatagramTransport Icmp;

        /// <summary>
        /// The board sends and receives plain ESP (IP protocol 50). None does yet: the key exchange
        /// then forces UDP encapsulation (RFC 3948) even without a NAT, so tunnels always carry traffic.
        /// </summary>
        public bool PlainEsp;

        /// <summary>The console UART (null: none).</summary>
        public ISerialPort Console;

        /// <summary>Line end the console writes ("\r\n" on a UART, "\n" on a host terminal).</summary>
        public string ConsoleNewLine = "\r\n";

        /// <summary>Show the prompt on the console (an interactive terminal).</summary>
        public bool ConsolePrompt = true;

        /// <summary>Front-panel LEDs (null: none).</summary>
        public ILeds Leds;

        /// <summary>Persistent storage (null: none).</summary>
        public IStorage Storage;

        /// <summary>Packet slots (a handful on the device, more on a host).</summary>
        public int SlotCount = 8;

        /// <summary>Largest inner packet.</summary>
        public int Mtu = 1500;

        /// <summary>Room for SAs per direction.</summary>
        public int MaxSas = 16;

        /// <summary>Room for policies (tunnels).</summary>
        public int MaxPolicies = 8;

        /// <summary>
        /// ISAKMP SA table: one per peer, plus room for half-open negotiations (the responder's
        /// half-open cap is half of it) and a re-authentication's overlap.
        /// </summary>
        public int MaxIkeSas = 8;

        /// <summary>
        /// Diffie-Hellman computations per second for peers not yet authenticated (the responder's
        /// budget, FirstMessageAdmission). A hub raises it: when 100 branches start at once, the
        /// default's 20 per second leaves the last ones to wait out their whole retransmission
        /// schedule (issue 17: 196 s on the sim board).
        /// </summary>
        public int ResponderDhPerSecond = NanoGate.Ike.FirstMessageAdmission.DefaultResponderDhPerSecond;

        /// <summary>Packet capture buffer in bytes (allocated at the first <c>capture start</c>).</summary>
        public int CaptureBytes = NanoGate.Firmware.Capture.PacketCapture.DefaultCapacity;

        /// <summary>
        /// The packet capture that <see cref="Ike"/> and <see cref="NatT"/> are tapped into (set by
        /// <see cref="TapCapture"/>); null: the gateway makes an untapped one, which sees no UDP 500/4500 datagram.
        /// </summary>
        public NanoGate.Firmware.Capture.PacketCapture Capture;

        /// <summary>
        /// Whoever builds the board calls this once its transports are set: each of <see cref="Ike"/>
        /// and <see cref="NatT"/> is wrapped in a <c>CaptureTransport</c> tap into a new
        /// <see cref="Capture"/> of <see cref="CaptureBytes"/>, so whatever the gateway receives and
        /// whatever the data path and IKE send passes it. Returns this board.
        /// </summary>
        public GatewayBoard TapCapture()
        {
            Capture = new NanoGate.Firmware.Capture.PacketCapture(CaptureBytes);
            if (Ike != null)
            {
                Ike = new NanoGate.Firmware.Capture.CaptureTransport(Ike, Capture);
            }

            if (NatT != null)
            {
                NatT = new NanoGate.Firmware.Capture.CaptureTransport(NatT, Capture);
            }

            return this;
        }
    }
}
