using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Tasks;
using NanoGate.Ike.Tests.Exchanges;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Daemon;

/// <summary>
/// The daemon's parts wired as <see cref="IkeDaemon"/> wires them, without the daemon: each part's
/// tests drive it directly and read the others' state. <see cref="West"/> and <see cref="East"/>
/// are the two ends of one configured pair; what a side sends is kept in <see cref="Wire"/>.
/// </summary>
internal sealed class Parts : IIkeListener
{
    public const uint West = 0xCB007102;   // 203.0.113.2
    public const uint East = 0xC6336402;   // 198.51.100.2

    public Parts(ExchangeMode mode = ExchangeMode.Main, bool east = false, int capacity = 4, DhGroup group = DhGroup.Ecp256)
    {
        Local = east ? East : West;
        Remote = east ? West : East;
        Port500 = new RecordingTransport(IkeDaemon.IkePort, Wire);
        Port4500 = new RecordingTransport(IkeDaemon.NatTPort, Wire);
        Peer = Gateway.Peer(east ? "west" : "east", Remote, mode, group, Rig.Psk,
            east ? "east.example" : "west.example", east ? "west.example" : "east.example");
        Peers.Add(Peer);
        var random = new DeterministicRandom(east ? 11u : 7u);
        Sas = new IkeSaTable(capacity, random);
        Payloads = new Phase1Payloads(Local, Peers, new DotNetCryptoProvider(), random, new IkeScratch()) { Jobs = Jobs };
        Tasks = new Phase1TaskTable(Payloads);
        Sender = new Retransmitter(Port500, Port4500, random);
        Lifecycle = new IkeSaLifecycle(Sas, Peers, Tasks, this) { Phase2 = new RecordingPhase2(Events) };
        Negotiations = new Phase1TaskManager(Sas, Peers, Tasks, Lifecycle, Sender, this);
        Timers = new IkeSaTimers(Sas, Negotiations, Lifecycle, Sender);
        Admission = new FirstMessageAdmission(Sas);
        FirstMessages = new FirstMessageResponder(Sas, Peers, Admission, Sender, this);
        Dispatcher = new IkeDatagramDispatcher(Sas, FirstMessages, Admission, Negotiations, Lifecycle, Sender) { Phase2 = Lifecycle.Phase2 };
    }

    public uint Local { get; }
    public uint Remote { get; }
    public List<Sent> Wire { get; } = [];
    public SimJobRunner Jobs { get; } = new SimJobRunner();
    public RecordingTransport Port500 { get; }
    public RecordingTransport Port4500 { get; }
    public PeerConfig Peer { get; }
    public PeerTable Peers { get; } = new PeerTable();
    public IkeSaTable Sas { get; }
    public Phase1Payloads Payloads { get; }
    public Phase1TaskTable Tasks { get; }
    public Retransmitter Sender { get; }
    public IkeSaLifecycle Lifecycle { get; }
    public Phase1TaskManager Negotiations { get; }
    public IkeSaTimers Timers { get; }
    public FirstMessageAdmission Admission { get; }
    public FirstMessageResponder FirstMessages { get; }
    public IkeDatagramDispatcher Dispatcher { get; }
    public List<string> Events { get; } = [];

    /// <summary>A new SA with the peer at its address on port 500 (a responder's with the initiator's cookie).</summary>
    public IkeSa NewSa(bool initiator, long nowMs = 0, byte[]? cookieI = null)
    {
        IkeSa sa = Sas.Create(Peer, initiator, Peer.Mode, initiator ? null : cookieI ?? [1, 2, 3, 4, 5, 6, 7, 8], nowMs)!;
        sa.PeerAddress = Remote;
        sa.PeerPort = IkeDaemon.IkePort;
        sa.LocalPort = IkeDaemon.IkePort;
        return sa;
    }

    /// <summary>The last datagram this side sent, parsed (without the marker on 4500).</summary>
    public IsakmpMessage LastSent()
    {
        Sent s = Wire[^1];
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(s.Data, s.LocalPort == IkeDaemon.NatTPort ? 4 : 0, s.Data.Length - (s.LocalPort == IkeDaemon.NatTPort ? 4 : 0)));
        return m;
    }

    public void OnNegotiating(IkeSa sa) => Events.Add("negotiating");
    public void OnEstablished(IkeSa sa) => Events.Add("established");
    public void OnFailed(IkeSa? sa, uint peerAddress, Phase1FailureReason reason, string detail) => Events.Add("failed " + reason);
    public void OnDeleted(IkeSa sa) => Events.Add("deleted");

    public sealed record Sent(int LocalPort, uint To, int ToPort, byte[] Data);

    /// <summary>A UDP port that keeps what is sent through it.</summary>
    public sealed class RecordingTransport(int localPort, List<Sent> wire) : IDatagramTransport
    {
        public int LocalPort => localPort;

        public int Receive(byte[] buffer, int offset, int count, out uint remoteAddress, out int remotePort)
        {
            remoteAddress = 0;
            remotePort = 0;
            return 0;
        }

        public bool Send(byte[] buffer, int offset, int count, uint remoteAddress, int remotePort)
        {
            wire.Add(new Sent(localPort, remoteAddress, remotePort, buffer.AsSpan(offset, count).ToArray()));
            return true;
        }
    }
}
