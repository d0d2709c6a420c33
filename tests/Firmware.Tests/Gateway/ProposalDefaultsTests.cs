using NanoGate.Boards.Sim;
using NanoGate.Firmware.Cli;
using NanoGate.Firmware.Config;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Host;
using NanoGate.Ike.Config;
using GatewayNode = NanoGate.Firmware.Gateway.Gateway;

namespace NanoGate.Firmware.Tests.Gateway;

/// <summary>
/// Issue 15: the board chooses what a configuration that names nothing gets. The device profile
/// takes what its hardware makes fast (ECP-256 for IKE with MODP-2048 offered second, ECP-256 PFS,
/// AES-GCM-128 for ESP); host boards keep MODP-2048, no PFS, AES-128-CBC. The saved text means
/// the same on the board that reads it again (<c>undo pfs</c> where the default is PFS).
/// </summary>
public sealed class ProposalDefaultsTests
{
    private const string Config = """
        sysname gw
        interface wan address 203.0.113.2/24 gateway 203.0.113.1
        interface lan address 10.2.0.1/24
        ike proposal 10
        ike peer named
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.1
         ike-proposal 10
        ike peer plain
         pre-shared-key simple fake-test-key
         remote-address 198.51.100.2
        ipsec proposal p1
        ipsec policy default-pfs
         ike-peer named
         proposal p1
         local-subnet 10.2.0.0/24
         remote-subnet 10.1.0.0/24
        ipsec policy without-pfs
         ike-peer plain
         proposal p1
         undo pfs
         local-subnet 10.2.0.0/24
         remote-subnet 10.3.0.0/24
        """;

    private static GatewayNode Load(bool device, string text = Config)
    {
        var clock = new ManualClock();
        var net = new SimNetwork(clock, new DeterministicRandom(1));
        var sim = new SimBoard(net, "gw", ManualKeys.Ip("203.0.113.2"), 1, null, new StringWriter());
        GatewayBoard board = SimGatewayBoard.Create(sim, "sim", true, device ? DeviceProfile.Apply : null);
        var node = new GatewayNode(board);
        var report = new TextBuffer();
        Assert.True(node.LoadStartup(text, report), report.ToString());
        return node;
    }

    private static string Saved(GatewayNode node)
    {
        var o = new TextBuffer();
        ConfigWriter.Write(node.Cli.Applied, true, o);
        return o.ToString();
    }

    [Fact]
    public void The_device_profile_gives_new_proposals_ECP256_and_AES_GCM_and_new_policies_ECP256_PFS()
    {
        GatewayConfiguration c = Load(device: true).Cli.Applied;
        Assert.Equal(DhGroup.Ecp256, c.FindIkeProposal(10)!.Group);
        Assert.Equal(CipherAlgorithm.AesGcm, c.FindIpsecProposal("p1")!.Encryption);
        Assert.Equal(16, c.FindIpsecProposal("p1")!.KeySize);
        Assert.Equal(DhGroup.Ecp256, c.FindPolicy("default-pfs")!.Pfs);
        Assert.Equal(DhGroup.None, c.FindPolicy("without-pfs")!.Pfs);

        // A peer that names no proposal offers ECP-256 first and MODP-2048 for peers without ECP.
        PeerConfig plain = c.FindPeer("plain")!;
        Assert.Equal(2, plain.ProposalCount);
        Assert.Equal(DhGroup.Ecp256, plain.GetProposal(0).Group);
        Assert.Equal(DhGroup.Modp2048, plain.GetProposal(1).Group);
    }

    [Fact]
    public void Host_boards_keep_MODP2048_AES_CBC_and_no_PFS()
    {
        GatewayConfiguration c = Load(device: false).Cli.Applied;
        Assert.Equal(DhGroup.Modp2048, c.FindIkeProposal(10)!.Group);
        Assert.Equal(CipherAlgorithm.AesCbc, c.FindIpsecProposal("p1")!.Encryption);
        Assert.Equal(DhGroup.None, c.FindPolicy("default-pfs")!.Pfs);
        PeerConfig plain = c.FindPeer("plain")!;
        Assert.Equal(1, plain.ProposalCount);
        Assert.Equal(DhGroup.Modp2048, plain.GetProposal(0).Group);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_saved_configuration_reads_back_the_same_on_its_board(bool device)
    {
        string saved = Saved(Load(device));
        Assert.Equal(device, saved.Contains(" undo pfs", StringComparison.Ordinal));
        GatewayConfiguration again = Load(device, saved).Cli.Applied;
        Assert.Equal(saved, Saved(Load(device, saved)));
        Assert.Equal(DhGroup.None, again.FindPolicy("without-pfs")!.Pfs);
    }
}
