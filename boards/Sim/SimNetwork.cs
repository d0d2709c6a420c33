using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>
/// An in-memory IPv4/UDP internet with NAPT boxes in front of inside prefixes. Datagrams travel
/// with a delay and the configured faults; <see cref="Poll"/> delivers the ones that are due at the
/// clock's time. Every datagram is recorded on the links it crosses ("inside:NAME" before a NAT,
/// "internet" outside), so tests can assert what was on the wire where.
/// Fault decisions use the <see cref="IRandomSource"/> given, so a seeded run repeats exactly.
/// </summary>
public sealed class SimNetwork(ManualClock clock, IRandomSource random)
{
    private readonly Dictionary<Endpoint, SimUdpSocket> _sockets = [];
    private readonly List<SimNat> _nats = [];
    private readonly List<InFlight> _inFlight = [];
    private long _sequence;

    public ManualClock Clock { get; } = clock;
    public NetworkFaults Faults { get; } = new();
    public List<WireRecord> Tap { get; } = [];

    /// <summary>Whether <see cref="Tap"/> records (long runs turn it off: it grows with every datagram).</summary>
    public bool Recording { get; set; } = true;

    /// <summary>
    /// An adversary on the internet link (tests' fuzzers): sees each datagram after NAT, before loss,
    /// and returns what travels on (the same array, a changed copy, or null to drop it).
    /// </summary>
    public Func<Endpoint, Endpoint, byte[], byte[]?>? Tamper { get; set; }

    /// <summary>Datagrams lost to injected loss, unbound destinations or NAT filtering.</summary>
    public int Dropped { get; private set; }

    public SimUdpSocket Bind(uint address, int port)
    {
        var local = new Endpoint(address, port);
        if (_sockets.ContainsKey(local))
        {
            throw new InvalidOperationException($"{local} is already bound");
        }

        var socket = new SimUdpSocket(this, local);
        _sockets[local] = socket;
        return socket;
    }

    /// <summary>Frees a bound address and port (a board powered off): datagrams to it are dropped from now on.</summary>
    public void Unbind(Endpoint local)
    {
        if (_sockets.Remove(local, out SimUdpSocket? socket))
        {
            socket.Closed = true;
        }
    }

    public SimNat AddNat(string name, uint publicAddress, uint insidePrefix, int prefixLength, NatPortMode mode)
    {
        var nat = new SimNat(name, publicAddress, insidePrefix, prefixLength, mode, random);
        _nats.Add(nat);
        return nat;
    }

    /// <summary>Delivers every datagram due by now, in delivery-time order.</summary>
    public int Poll()
    {
        int delivered = 0;
        while (true)
        {
            InFlight? next = _inFlight.Where(p => p.DeliverAtMs <= Clock.NowMs)
                .OrderBy(p => p.DeliverAtMs).ThenBy(p => p.Sequence).FirstOrDefault();
            if (next is null)
            {
                return delivered;
            }

            _inFlight.Remove(next);
            if (Arrive(next))
            {
                delivered++;
            }
        }
    }

    /// <summary>The earliest time something is due, or null when nothing travels.</summary>
    public long? NextDeliveryMs => _inFlight.Count == 0 ? null : _inFlight.Min(p => p.DeliverAtMs);

    internal void Send(Endpoint from, Endpoint to, byte[] data)
    {
        SimNat? inside = _nats.FirstOrDefault(n => n.IsInside(from.Address));
        if (inside is not null && !inside.IsInside(to.Address))
        {
            Record(new WireRecord(Clock.NowMs, "inside:" + inside.Name, from, to, data));
            from = inside.TranslateOutbound(from, Clock.NowMs);
        }

        string link = inside is not null && inside.IsInside(to.Address) ? "inside:" + inside.Name : "internet";
        Record(new WireRecord(Clock.NowMs, link, from, to, data));
        if (link == "internet" && Tamper is not null)
        {
            byte[]? changed = Tamper(from, to, data);
            if (changed is null)
            {
                Dropped++;
                return;
            }

            data = changed;
        }

        if (Chance(Faults.LossPercent))
        {
            Dropped++;
            return;
        }

        int copies = Chance(Faults.DuplicatePercent) ? 2 : 1;
        for (int i = 0; i < copies; i++)
        {
            long at = Clock.NowMs + Faults.DelayMs + (Chance(Faults.ReorderPercent) ? Faults.ReorderDelayMs : 0);
            _inFlight.Add(new InFlight(from, to, data, at, _sequence++));
        }
    }

    /// <summary>
    /// A datagram put on the internet by someone with no socket (a spoofer): any source address and
    /// port, delivered like any other after the configured delay.
    /// </summary>
    public void Inject(Endpoint from, Endpoint to, byte[] data)
    {
        Record(new WireRecord(Clock.NowMs, "internet", from, to, data));
        _inFlight.Add(new InFlight(from, to, data, Clock.NowMs + Faults.DelayMs, _sequence++));
    }

    private bool Arrive(InFlight p)
    {
        Endpoint to = p.To;
        SimNat? nat = _nats.FirstOrDefault(n => n.PublicAddress == to.Address);
        if (nat is not null)
        {
            Endpoint? inside = nat.TranslateInbound(to.Port, Clock.NowMs);
            if (inside is null)
            {
                Dropped++;
                return false;
            }

            to = inside.Value;
            Record(new WireRecord(Clock.NowMs, "inside:" + nat.Name, p.From, to, p.Data));
        }

        if (!_sockets.TryGetValue(to, out SimUdpSocket? socket))
        {
            Dropped++;
            return false;
        }

        socket.Deliver(p.From, p.Data);
        return true;
    }

    private void Record(WireRecord record)
    {
        if (Recording)
        {
            Tap.Add(record);
        }
    }

    private bool Chance(int percent)
    {
        if (percent <= 0)
        {
            return false;
        }

        byte[] r = new byte[2];
        random.Fill(r, 0, 2);
        return BigEndian.ReadUInt16(r, 0) % 100 < percent;
    }

    private sealed record InFlight(Endpoint From, Endpoint To, byte[] Data, long DeliverAtMs, long Sequence);
}
