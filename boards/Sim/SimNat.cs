using NanoGate.Hal;

namespace NanoGate.Boards.Sim;

/// <summary>
/// A NAPT between an inside prefix and one public address (RFC 4787 endpoint-independent
/// mapping): outbound datagrams get the public address and a mapped port, replies to that port go
/// back in, anything else arriving from outside is dropped unless a port is forwarded.
/// Mappings expire after <see cref="MappingTimeoutMs"/> without traffic (conntrack's UDP timeout).
/// </summary>
public sealed class SimNat
{
    private readonly Dictionary<Endpoint, Mapping> _byInside = [];
    private readonly Dictionary<int, Mapping> _byPublicPort = [];
    private readonly Dictionary<int, Endpoint> _forwards = [];
    private readonly IRandomSource _random;

    internal SimNat(string name, uint publicAddress, uint insidePrefix, int prefixLength, NatPortMode mode, IRandomSource random)
    {
        Name = name;
        PublicAddress = publicAddress;
        InsidePrefix = insidePrefix;
        PrefixLength = prefixLength;
        Mode = mode;
        _random = random;
    }

    public string Name { get; }
    public uint PublicAddress { get; }
    public uint InsidePrefix { get; }
    public int PrefixLength { get; }
    public NatPortMode Mode { get; }
    public long MappingTimeoutMs { get; set; } = 120_000;

    /// <summary>Datagrams from outside that matched no mapping and no forward.</summary>
    public int DroppedInbound { get; private set; }

    /// <summary>Current mappings, inside endpoint to public port.</summary>
    public IReadOnlyDictionary<Endpoint, int> Mappings => _byInside.ToDictionary(kv => kv.Key, kv => kv.Value.PublicPort);

    public bool IsInside(uint address)
    {
        uint mask = PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);
        return (address & mask) == (InsidePrefix & mask);
    }

    /// <summary>Forwards a public port to an inside endpoint (a responder behind this NAT).</summary>
    public void Forward(int publicPort, Endpoint inside) => _forwards[publicPort] = inside;

    internal Endpoint TranslateOutbound(Endpoint inside, long nowMs)
    {
        Expire(nowMs);
        if (!_byInside.TryGetValue(inside, out Mapping? m))
        {
            m = new Mapping(inside, PickPort(inside.Port));
            _byInside[inside] = m;
            _byPublicPort[m.PublicPort] = m;
        }

        m.LastUsedMs = nowMs;
        return new Endpoint(PublicAddress, m.PublicPort);
    }

    internal Endpoint? TranslateInbound(int publicPort, long nowMs)
    {
        Expire(nowMs);
        if (_byPublicPort.TryGetValue(publicPort, out Mapping? m))
        {
            m.LastUsedMs = nowMs;
            return m.Inside;
        }

        if (_forwards.TryGetValue(publicPort, out Endpoint forward))
        {
            return forward;
        }

        DroppedInbound++;
        return null;
    }

    private int PickPort(int insidePort)
    {
        if (Mode == NatPortMode.Preserve && !_byPublicPort.ContainsKey(insidePort) && !_forwards.ContainsKey(insidePort))
        {
            return insidePort;
        }

        byte[] r = new byte[2];
        while (true)
        {
            _random.Fill(r, 0, 2);
            int port = 40000 + (BigEndian.ReadUInt16(r, 0) % 10000);
            if (!_byPublicPort.ContainsKey(port) && !_forwards.ContainsKey(port))
            {
                return port;
            }
        }
    }

    private void Expire(long nowMs)
    {
        foreach (Mapping m in _byInside.Values.Where(m => nowMs - m.LastUsedMs > MappingTimeoutMs).ToList())
        {
            _byInside.Remove(m.Inside);
            _byPublicPort.Remove(m.PublicPort);
        }
    }

    private sealed class Mapping(Endpoint inside, int publicPort)
    {
        public Endpoint Inside { get; } = inside;
        public int PublicPort { get; } = publicPort;
        public long LastUsedMs { get; set; }
    }
}
