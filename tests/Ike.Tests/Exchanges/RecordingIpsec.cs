
namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// The data path seen by quick mode, for tests: an <see cref="IIpsecSaInstaller"/> with a small SPI
/// table (SPIs base + slot, so inbound lookup is an index, as in the firmware) that records what
/// it reserves, releases and installs (copies, keys included: quick mode wipes its own after
/// installing), and an <see cref="IQuickModeListener"/> that records the events. Misuse (a release
/// of an SPI that is not reserved, an install of one that is not) is recorded in <see cref="Errors"/>.
/// </summary>
public sealed class RecordingIpsec : IIpsecSaInstaller, IQuickModeListener
{
    private readonly bool[] _used;

    /// <summary>A table of <paramref name="capacity"/> SPIs from <paramref name="spiBase"/> (each gateway its own, as random high bits would give).</summary>
    public RecordingIpsec(int capacity, uint spiBase)
    {
        _used = new bool[capacity];
        SpiBase = spiBase;
    }

    public uint SpiBase { get; }

    /// <summary>The data path refuses every install (a full SA table, a key it cannot load).</summary>
    public bool RefuseInstall { get; set; }

    /// <summary>SPIs reserved and neither installed nor released.</summary>
    public HashSet<uint> Reserved { get; } = [];

    /// <summary>Installed pairs (inbound, outbound), removed ones taken out.</summary>
    public List<(IpsecSaInfo Inbound, IpsecSaInfo Outbound)> Installed { get; } = [];

    public List<uint> Released { get; } = [];
    public List<string> Errors { get; } = [];
    public List<string> Negotiating { get; } = [];
    public List<(IpsecSaInfo Inbound, IpsecSaInfo Outbound)> Established { get; } = [];
    public List<(Phase2FailureReason Reason, string Detail)> Failures { get; } = [];
    public int InstallCalls { get; private set; }

    public uint ReserveSpi()
    {
        for (int i = 0; i < _used.Length; i++)
        {
            if (!_used[i])
            {
                _used[i] = true;
                Reserved.Add(SpiBase + (uint)i);
                return SpiBase + (uint)i;
            }
        }

        return 0;
    }

    public void ReleaseSpi(uint spi)
    {
        Released.Add(spi);
        if (!Reserved.Remove(spi))
        {
            Errors.Add("release of SPI " + spi.ToString("x") + " that is not reserved");
            return;
        }

        _used[spi - SpiBase] = false;
    }

    /// <summary>Inbound SAs in the data path (a responder's goes in with QM2, before its outbound one).</summary>
    public Dictionary<uint, IpsecSaInfo> Inbound { get; } = [];

    /// <summary>Pairs whose outbound SA was taken out first (retired by a rekey or a collision).</summary>
    public List<uint> RetiredOutbound { get; } = [];

    public bool InstallInbound(IpsecSaInfo inbound, long nowMs)
    {
        InstallCalls++;
        if (!inbound.Inbound)
        {
            Errors.Add("inbound install of an outbound SA");
        }

        if (!Reserved.Contains(inbound.Spi))
        {
            Errors.Add("install of inbound SPI " + inbound.Spi.ToString("x") + " that is not reserved");
        }

        if (RefuseInstall)
        {
            return false;
        }

        Reserved.Remove(inbound.Spi);
        Inbound[inbound.Spi] = Copy(inbound);
        return true;
    }

    public bool InstallOutbound(IpsecSaInfo outbound, uint inboundSpi, long nowMs)
    {
        if (outbound.Inbound)
        {
            Errors.Add("outbound install of an inbound SA");
        }

        if (!Inbound.TryGetValue(inboundSpi, out IpsecSaInfo? inbound))
        {
            Errors.Add("outbound install for inbound SPI " + inboundSpi.ToString("x") + " that is not installed");
            return false;
        }

        if (RefuseInstall)
        {
            return false;
        }

        Installed.Add((inbound, Copy(outbound)));
        return true;
    }

    public void RemoveOutbound(uint inboundSpi)
    {
        int i = Installed.FindIndex(p => p.Inbound.Spi == inboundSpi);
        if (i >= 0)
        {
            Installed.RemoveAt(i);
            RetiredOutbound.Add(inboundSpi);
        }
    }

    public void Remove(uint inboundSpi)
    {
        Installed.RemoveAll(p => p.Inbound.Spi == inboundSpi);
        if (!Inbound.Remove(inboundSpi))
        {
            Errors.Add("remove of SPI " + inboundSpi.ToString("x") + " that is not installed");
            return;
        }

        _used[inboundSpi - SpiBase] = false;
    }

    public long InboundPackets(uint inboundSpi) => Inbound.ContainsKey(inboundSpi) ? 0 : -1;

    public List<(ChildSa Child, string Why)> Deleted { get; } = [];

    public List<string> DeadPeers { get; } = [];

    public void OnPhase2Deleted(ChildSa child, string why) => Deleted.Add((child, why));

    public void OnPeerDead(IkeSa sa, string detail) => DeadPeers.Add(detail);

    public void OnPhase2Negotiating(IkeSa sa, string policyName) => Negotiating.Add(policyName);

    public void OnPhase2Established(IkeSa sa, IpsecSaInfo inbound, IpsecSaInfo outbound) => Established.Add((Copy(inbound), Copy(outbound)));

    public void OnPhase2Failed(IkeSa sa, uint peerAddress, Phase2FailureReason reason, string detail) => Failures.Add((reason, detail));

    /// <summary>A deep copy (the key arrays are wiped by quick mode once installed).</summary>
    public static IpsecSaInfo Copy(IpsecSaInfo s)
    {
        var c = new IpsecSaInfo();
        foreach (var f in typeof(IpsecSaInfo).GetFields())
        {
            object? v = f.GetValue(s);
            f.SetValue(c, v is byte[] b ? b.ToArray() : v);
        }

        return c;
    }

    /// <summary>Nothing is left reserved, nothing is installed, nothing was misused.</summary>
    public void AssertClean()
    {
        Assert.Empty(Errors);
        Assert.Empty(Reserved);
        Assert.Empty(Installed);
        Assert.Empty(Inbound);
        Assert.All(_used, u => Assert.False(u));
    }
}
