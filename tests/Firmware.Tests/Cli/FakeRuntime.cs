using NanoGate.Firmware.Cli;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;

namespace NanoGate.Firmware.Tests.Cli;

/// <summary>Snapshot objects the way the IKE/ESP side will offer them, filled by hand.</summary>
internal sealed class FakeIkeSa : IIkeSaView
{
    public int ConnId { get; set; }
    public uint PeerAddress { get; set; }
    public int PeerPort { get; set; }
    public uint LocalAddress { get; set; }
    public int LocalPort { get; set; }
    public string VpnName { get; set; } = "";
    public int Flags { get; set; }
    public int Phase { get; set; }
    public ulong InitiatorCookie { get; set; }
    public ulong ResponderCookie { get; set; }
    public ExchangeMode Mode { get; set; }
    public CipherAlgorithm Encryption { get; set; } = CipherAlgorithm.AesCbc;
    public int KeySize { get; set; } = 32;
    public HashAlgorithm Hash { get; set; } = HashAlgorithm.Sha256;
    public DhGroup Group { get; set; } = DhGroup.Modp2048;
    public int LifetimeSeconds { get; set; }
    public long EstablishedAtMs { get; set; }
    public string RemoteId { get; set; } = "";
    public bool NatTraversal { get; set; }
    public bool Dpd { get; set; }
}

internal sealed class FakeIpsecSa : IIpsecSaView
{
    public string PolicyName { get; set; } = "";
    public int ConnId { get; set; }
    public uint TunnelLocal { get; set; }
    public uint TunnelRemote { get; set; }
    public uint LocalSubnet { get; set; }
    public int LocalPrefixLength { get; set; }
    public uint RemoteSubnet { get; set; }
    public int RemotePrefixLength { get; set; }
    public uint InboundSpi { get; set; }
    public uint OutboundSpi { get; set; }
    public CipherAlgorithm Encryption { get; set; }
    public int KeySize { get; set; }
    public HashAlgorithm Integrity { get; set; }
    public int IcvBits { get; set; }
    public bool UdpEncapsulated { get; set; }
    public ulong InboundBytes { get; set; }
    public ulong InboundPackets { get; set; }
    public ulong OutboundBytes { get; set; }
    public ulong OutboundPackets { get; set; }
    public uint MaxReceivedSequence { get; set; }
    public uint MaxSentSequence { get; set; }
    public int ReplayWindow { get; set; }
    public long EstablishedAtMs { get; set; }
    public int LifetimeSeconds { get; set; }
    public int LifetimeKilobytes { get; set; }
}

internal sealed class FakeIkeStatistics : IIkeStatisticsView
{
    public ulong PacketsReceived { get; set; }
    public ulong PacketsSent { get; set; }
    public ulong Retransmissions { get; set; }
    public ulong PacketsDropped { get; set; }
    public ulong Phase1Started { get; set; }
    public ulong Phase1Established { get; set; }
    public ulong Phase2Started { get; set; }
    public ulong Phase2Established { get; set; }
    public ulong DpdTimeouts { get; set; }
    public ulong DpdSent { get; set; }
    public ulong DpdAnswered { get; set; }
    public ulong DpdAcked { get; set; }
    public ulong Rekeys { get; set; }
    public ulong HalfOpenRefused { get; set; }
    public ulong ResponderDhOperations { get; set; }
    public ulong ResponderDhRefused { get; set; }
    public ulong[] ByReason { get; } = new ulong[ErrorRecord.ReasonCount];
    public ulong Failures(IkeErrorReason reason) => ByReason[(int)reason];
}

internal sealed class FakeEspStatistics : IEspStatisticsView
{
    public ulong InboundPackets { get; set; }
    public ulong OutboundPackets { get; set; }
    public string[] Names { get; set; } = [];
    public ulong[] Counts { get; set; } = [];
    public int DropReasonCount => Names.Length;
    public string DropReasonName(int index) => Names[index];
    public ulong DropCount(int index) => Counts[index];
}

internal sealed class FakeRuntime : IGatewayRuntime
{
    public List<FakeIkeSa> IkeSas { get; } = [];
    public List<FakeIpsecSa> IpsecSas { get; } = [];
    public FakeIkeStatistics Ike { get; } = new();
    public FakeEspStatistics Esp { get; } = new();
    public List<string> Calls { get; } = [];

    public int IkeSaCount => IkeSas.Count;
    public IIkeSaView GetIkeSa(int index) => IkeSas[index];
    public int IpsecSaCount => IpsecSas.Count;
    public IIpsecSaView GetIpsecSa(int index) => IpsecSas[index];
    public IIkeStatisticsView IkeStatistics => Ike;
    public IEspStatisticsView EspStatistics => Esp;

    public int ResetIkeSa(int connId)
    {
        Calls.Add("reset ike " + connId);
        return connId == 0 ? IkeSas.Count : IkeSas.Count(s => s.ConnId == connId);
    }

    public int ResetIpsecSa()
    {
        Calls.Add("reset ipsec");
        return IpsecSas.Count;
    }

    public string Capture(int action, int argument)
    {
        Calls.Add("capture " + action);
        return "Info: capture " + action;
    }

    public void ResetIkeStatistics() => Calls.Add("reset ike statistics");

    public string Tunnel(int action, string policyName)
    {
        Calls.Add("tunnel " + action + " " + policyName);
        return policyName == "missing" ? "Error: No ipsec policy missing." : "Info: tunnel " + action + " " + policyName;
    }

    public string Clock(long nowMs) => "Info: The clock is not set.";

    public string OfflineInfo() => "  Offline records: 0";

    public string Version(long nowMs) => "NanoGate firmware " + FirmwareVersion.Version;

    public string Ping(string arguments, long nowMs) => "Error: No ping in the fake runtime.";

    public bool CommandRunning => false;
}
