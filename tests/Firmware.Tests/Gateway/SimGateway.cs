using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Gateway;
using NanoGate.Host;
using GatewayNode = NanoGate.Firmware.Gateway.Gateway;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>A gateway on the sim board, with its startup configuration loaded.</summary>
internal sealed class SimGateway
{
    public SimGateway(SimNetwork network, string name, uint wan, uint seed, string config, TextWriter warnings,
        NanoGate.Hal.Crypto.ICryptoProvider? crypto = null, bool insecureRandomAllowed = true, Action<GatewayBoard>? profile = null)
    {
        Board = new SimBoard(network, name, wan, seed, crypto, warnings);
        Node = new GatewayNode(SimGatewayBoard.Create(Board, "sim", insecureRandomAllowed, profile));
        var report = new TextBuffer();
        Assert.True(Node.LoadStartup(config, report), report.ToString());
    }

    public SimBoard Board { get; }

    public GatewayNode Node { get; }

    /// <summary>Runs one console line; returns what it printed.</summary>
    public string Console(string line)
    {
        var output = new TextBuffer();
        Node.ExecuteLine(line, Board.Clock.NowMs, output);
        return output.ToString();
    }

    /// <summary>The startup configuration of a branch gateway with one tunnel (policy "to-peer").</summary>
    public static string Config(string sysname, string wan, string gateway, string lan, string peer, string localNet, string remoteNet) =>
        $"""
        sysname {sysname}
        interface wan address {wan} gateway {gateway}
        interface lan address {lan}
        ike proposal 10
        ike peer peer
         pre-shared-key simple fake-test-key
         remote-address {peer}
         ike-proposal 10
        ipsec proposal p1
        ipsec policy to-peer
         ike-peer peer
         proposal p1
         local-subnet {localNet}
         remote-subnet {remoteNet}
        """;
}
