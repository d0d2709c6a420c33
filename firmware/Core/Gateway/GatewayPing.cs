using NanoGate.Esp;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Hal;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Gateway
{
    // The gateway's side of a `ping` from the box (the session itself is PingSession):
    //
    //  Start      checks the words (PingRequest.Parse) and the source: with -a, the LAN address or
    //             inside an ipsec policy's local-subnet (the echo goes through the ESP policy lookup);
    //             without, the WAN address out of the board's ICMP socket. Then the first step at once.
    //  Poll       one step per run-loop pass: replies from the ICMP socket, the session's lines, and
    //             its next echo request when due.
    //  TakeReply  the ESP inbound path offers each decapsulated packet; the answer to our echo is
    //             taken instead of going to the LAN (one test of PingSession.Active for other traffic).
    //
    // While a ping runs the console is busy (Busy) and takes no new line.

    /// <summary>
    /// Runs a <see cref="PingSession"/> on the gateway's board: its echo requests through the ESP
    /// engine (-a) or the board's ICMP socket, each in a packet slot of the gateway's pool.
    /// </summary>
    public sealed class GatewayPing
    {
        private readonly GatewayBoard _board;
        private readonly EspEngine _esp;
        private readonly SlotPool _pool;
        private readonly GatewayCounters _counters;
        private readonly PingSession _session = new PingSession();

        // The gateway's IKE receive buffer, borrowed on the run loop's thread: ICMP replies are read
        // into it, and a request that finds no free slot is built there to be counted lost.
        private readonly byte[] _scratch;

        /// <summary>A ping runner on <paramref name="board"/>; <paramref name="scratch"/> is shared with the gateway's run loop.</summary>
        public GatewayPing(GatewayBoard board, EspEngine esp, SlotPool pool, GatewayCounters counters, byte[] scratch)
        {
            _board = board;
            _esp = esp;
            _pool = pool;
            _counters = counters;
            _scratch = scratch;
        }

        /// <summary>The ping in progress (or the last one).</summary>
        public PingSession Session
        {
            get { return _session; }
        }

        /// <summary>True while a ping runs: the consoles take no new line until it ends.</summary>
        public bool Busy
        {
            get { return _session.Active; }
        }

        /// <summary>
        /// <c>ping [-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST</c> under the
        /// <paramref name="applied"/> configuration (null: none yet), its lines to
        /// <paramref name="output"/>. Returns null when it started, else the "Error:" line.
        /// </summary>
        public string Start(string arguments, GatewayConfiguration applied, ILineWriter output, long nowMs)
        {
            if (_session.Active)
            {
                return "Error: A ping is running; wait for its statistics.";
            }

            string error;
            PingRequest request = PingRequest.Parse(arguments, _board.Mtu - PingRequest.HeaderBytes, out error);
            if (request == null)
            {
                return error;
            }

            uint source = request.Source;
            bool throughTunnel = source != 0;
            if (throughTunnel)
            {
                if (applied == null || !IsLocalSource(applied, source))
                {
                    return "Error: -a " + Ipv4.Format(source) + " is neither the LAN address nor inside an ipsec policy's local-subnet.";
                }
            }
            else
            {
                if (_board.Icmp == null)
                {
                    return "Error: This board cannot send ICMP from its WAN address; ping through a tunnel with -a LAN-ADDRESS.";
                }

                source = applied == null ? 0 : applied.WanAddress;
                if (source == 0)
                {
                    return "Error: The WAN interface has no address yet.";
                }
            }

            _session.Start(request, source, throughTunnel, _board.Random, output);
            Poll(nowMs);
            return null;
        }

        /// <summary>
        /// The decapsulated IPv4 packet in <paramref name="slot"/>: true when it is the reply to our
        /// echo request (taken; not for the LAN). Allocation-free.
        /// </summary>
        [FastPath]
        public bool TakeReply(PacketSlot slot, long nowMs)
        {
            return _session.Active && _session.TakeReply(slot.Buffer, slot.Offset, slot.Length, nowMs);
        }

        /// <summary>A run-loop step: replies from the ICMP socket, the ping's lines, its next echo request; returns the work found.</summary>
        public int Poll(long nowMs)
        {
            int work = 0;
            IDatagramTransport icmp = _board.Icmp;
            if (icmp != null)
            {
                for (int i = 0; i < Gateway.PacketBudget; i++)
                {
                    uint from;
                    int fromPort;
                    int n = icmp.Receive(_scratch, 0, _scratch.Length, out from, out fromPort);
                    if (n == 0)
                    {
                        break;
                    }

                    work++;
                    if (n > 0)
                    {
                        _session.TakeReply(_scratch, 0, n, nowMs);
                    }
                }
            }

            if (!_session.Active)
            {
                return work;
            }

            work += _session.Poll(nowMs);
            if (_session.IsDue(nowMs))
            {
                work++;
                Send(nowMs);
            }

            return work;
        }

        private static bool IsLocalSource(GatewayConfiguration applied, uint source)
        {
            if (applied.LanAddress != 0 && source == applied.LanAddress)
            {
                return true;
            }

            for (int i = 0; i < applied.Policies.Count; i++)
            {
                IpsecPolicy policy = (IpsecPolicy)applied.Policies[i];
                int length = policy.LocalPrefixLength;
                uint mask = length == 0 ? 0 : 0xFFFFFFFFu << (32 - length);
                if ((source & mask) == (policy.LocalSubnet & mask))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The ping's next echo request: through the ESP policy lookup (-a) or out of the ICMP socket.</summary>
        private void Send(long nowMs)
        {
            PacketSlot slot;
            if (!_pool.Free.TryDequeue(out slot))
            {
                _session.Build(_scratch, 0, nowMs);
                _session.NotSent("no free packet slot");
                return;
            }

            int length = _session.Build(slot.Buffer, PacketSlot.Headroom, nowMs);
            if (!_session.ThroughTunnel)
            {
                if (!_board.Icmp.Send(slot.Buffer, PacketSlot.Headroom + 20, length - 20, _session.Destination, 0))
                {
                    _session.NotSent("the board refused to send it");
                }
            }
            else
            {
                slot.ResetForInner(length);
                DropReason verdict = _esp.Encapsulate(slot, nowMs);
                if (verdict == DropReason.None)
                {
                    SendEsp(slot);
                }
                else if (verdict == DropReason.NoPolicy || verdict == DropReason.PolicyDiscard)
                {
                    _session.NotSent("no ipsec policy protects " + Ipv4.Format(_session.Source) + " -> " + Ipv4.Format(_session.Destination));
                }
                else if (verdict != DropReason.NoSa)
                {
                    // No SA yet is the usual first loss: the acquire starts the negotiation.
                    _session.NotSent("dropped (" + DropCounters.NameOf(verdict) + ")");
                }
            }

            _pool.Free.TryEnqueue(slot);
        }

        /// <summary>One ESP packet out on port 4500 now (the LAN path sends in batches).</summary>
        private void SendEsp(PacketSlot slot)
        {
            if (!Gateway.EspReady(slot, _board.NatT, _counters))
            {
                return;
            }

            if (_board.NatT.Send(slot.Buffer, slot.EspOffset, slot.EspLength, slot.RemoteAddress, slot.RemotePort))
            {
                _counters.OutboundSent++;
            }
            else
            {
                _counters.WanSendFailed++;
            }
        }
    }
}
