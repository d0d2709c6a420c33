using NanoGate.Boards.Host;
using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Pstn.Ip;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Pstn.Tests;

/// <summary>
/// The PPP client against the simulated dial-in server over a direct cable: LCP, PAP, CHAP and
/// IPCP negotiations including the Configure-Nak and Configure-Reject paths, keepalive,
/// termination and the failures that end up in the error records.
/// </summary>
public class PppLinkTests
{
    private readonly SimPppCable _cable = new();
    private readonly PppLink _link;
    private readonly UdpOverPpp _ip;
    private long _now = 1000;

    public PppLinkTests()
    {
        _link = new PppLink(_cable, new DeterministicRandom(18), new DotNetCryptoProvider());
        _link.SetCredentials("nanogate", "fake-secret");
        _ip = new UdpOverPpp(_link);
    }

    private SimPppPeer Peer => _cable.Peer;

    [Fact]
    public void Without_authentication_LCP_then_IPCP_bring_the_link_up_with_the_assigned_address()
    {
        Peer.Auth = SimPppAuth.None;
        Assert.True(Connect());

        Assert.Equal(PppPhase.Running, _link.Phase);
        Assert.Equal(PppState.Opened, _link.Lcp.State);
        Assert.Equal(PppState.Opened, _link.Ipcp.State);
        Assert.Equal(0x0A400002u, _link.LocalAddress);
        Assert.Equal(0x0A400001u, _link.PeerAddress);
        Assert.Equal(_link.Lcp.OurMagic, Peer.GatewayMagic);
        Assert.Equal(0x5EED0001u, _link.Lcp.PeerMagic);
        Assert.Equal(0u, _link.Lcp.OurAccm);
        Assert.Contains("IPCP Configure-Request", Peer.Log);
    }

    [Fact]
    public void PAP_with_the_right_password_is_acknowledged()
    {
        Peer.Auth = SimPppAuth.Pap;
        Assert.True(Connect());
        Assert.True(Peer.Authenticated);
        Assert.Contains("PAP Ack", Peer.Log);
        Assert.Equal(PppProtocol.Pap, _link.Lcp.AuthProtocol);
    }

    [Fact]
    public void PAP_with_a_wrong_password_fails_as_authentication_failed()
    {
        Peer.Auth = SimPppAuth.Pap;
        Peer.Secret = "another-secret";
        Assert.False(Connect());
        Assert.Equal(PppFailure.AuthFailed, _link.LastFailure);
        Assert.Equal(PppPhase.Dead, _link.Phase);
        Assert.Equal(1, Peer.TerminateRequests);
    }

    [Fact]
    public void CHAP_MD5_response_is_what_an_independent_MD5_computes()
    {
        Peer.Auth = SimPppAuth.Chap;
        Assert.True(Connect());
        Assert.True(Peer.Authenticated);
        Assert.Contains("CHAP Success", Peer.Log);
        Assert.Equal(1, _link.Chap.Responses);
    }

    [Fact]
    public void CHAP_with_a_wrong_secret_fails_as_authentication_failed()
    {
        Peer.Auth = SimPppAuth.Chap;
        Peer.Secret = "another-secret";
        Assert.False(Connect());
        Assert.Contains("CHAP Failure", Peer.Log);
        Assert.Equal(PppFailure.AuthFailed, _link.LastFailure);
    }

    [Fact]
    public void MS_CHAP_is_Nakked_towards_CHAP_MD5_which_the_peer_then_uses()
    {
        Peer.Auth = SimPppAuth.MsChapThenChap;
        Assert.True(Connect());
        Assert.Contains("LCP Configure-Nak", Peer.Log);
        Assert.Equal(1, _link.Lcp.NaksSent);
        Assert.True(Peer.Authenticated);
    }

    [Fact]
    public void Without_credentials_an_authentication_demand_is_rejected()
    {
        _link.WipeCredentials();
        Peer.Auth = SimPppAuth.Pap;
        Assert.False(Connect());
        Assert.Contains("authentication refused", Peer.Log);
        Assert.Empty(Peer.Udp);
        Assert.Equal(PppFailure.PeerTerminated, _link.LastFailure);
    }

    [Fact]
    public void The_peers_Nak_of_our_MRU_is_adopted()
    {
        Peer.NakMru = true;
        Assert.True(Connect());
        Assert.Equal(1400, _link.Lcp.OurMru);
    }

    [Fact]
    public void An_unknown_option_from_the_peer_is_rejected_and_the_retry_acknowledged()
    {
        Peer.AskUnknownOption = true;
        Assert.True(Connect());
        Assert.Contains("LCP Configure-Reject", Peer.Log);
        Assert.Equal(1, _link.Lcp.NaksSent);
    }

    [Fact]
    public void A_rejected_IP_Address_option_leaves_us_without_address_IPCP_rejected()
    {
        Peer.RejectIpAddress = true;
        Assert.False(Connect());
        Assert.Equal(PppFailure.IpcpRejected, _link.LastFailure);
        Assert.True(_link.Ipcp.AddressRejected);
    }

    [Fact]
    public void A_Protocol_Reject_of_IPCP_is_IPCP_rejected()
    {
        Peer.RejectIpcp = true;
        Assert.False(Connect());
        Assert.Equal(PppFailure.IpcpRejected, _link.LastFailure);
    }

    [Fact]
    public void A_silent_peer_gets_Max_Configure_requests_then_LCP_timeout()
    {
        Peer.Silent = true;
        _link.Open(_now);
        Run(PppAutomaton.DefaultRestartMs * (PppAutomaton.MaxConfigure - 1) - 10);
        Assert.Equal(PppPhase.Establish, _link.Phase);
        Run(PppAutomaton.DefaultRestartMs + 20);
        Assert.Equal(PppPhase.Dead, _link.Phase);
        Assert.Equal(PppFailure.LcpTimeout, _link.LastFailure);
        Assert.Equal(PppState.Stopped, _link.Lcp.State);
    }

    [Fact]
    public void After_an_LCP_timeout_the_next_Open_negotiates_afresh()
    {
        Peer.Silent = true;
        _link.Open(_now);
        Run(PppAutomaton.DefaultRestartMs * PppAutomaton.MaxConfigure + 100);
        Assert.Equal(PppFailure.LcpTimeout, _link.LastFailure);

        // A passive server this time: it only answers, so our Open must send a fresh request.
        Peer.Silent = false;
        Peer.CallStarted();
        _link.Open(_now);
        Run(500);
        Assert.Equal(PppPhase.Running, _link.Phase);
        Assert.Equal(PppFailure.None, _link.LastFailure);
    }

    [Fact]
    public void Echo_keepalive_is_answered_and_an_unanswered_one_ends_the_link()
    {
        Assert.True(Connect());
        Run(35_000);
        Assert.True(Peer.EchoRequests >= 3);
        Assert.Equal(PppPhase.Running, _link.Phase);

        Peer.IgnoreEcho = true;
        Run(10_000 * (_link.EchoMaxMissed + 1) + 100);
        Assert.Equal(PppFailure.EchoTimeout, _link.LastFailure);
    }

    [Fact]
    public void Close_sends_Terminate_Request_and_ends_dead_without_failure()
    {
        Assert.True(Connect());
        _link.Close(_now);
        Run(100);
        Assert.Equal(1, Peer.TerminateRequests);
        Assert.Equal(PppPhase.Dead, _link.Phase);
        Assert.Equal(PppFailure.None, _link.LastFailure);
        Assert.Equal(0u, _link.LocalAddress);
    }

    [Fact]
    public void A_Terminate_Request_from_the_peer_is_acknowledged_and_recorded()
    {
        Assert.True(Connect());
        Peer.Terminate();
        Run(PppAutomaton.DefaultRestartMs + 100);
        Assert.Equal(PppPhase.Dead, _link.Phase);
        Assert.Equal(PppFailure.PeerTerminated, _link.LastFailure);
    }

    [Fact]
    public void A_protocol_we_do_not_speak_is_Protocol_Rejected()
    {
        Assert.True(Connect());
        Peer.SendUnknownProtocol();
        Run(10);
        Assert.Equal(new ushort[] { 0x80FD }, Peer.ProtocolRejects);
        Assert.Equal(PppPhase.Running, _link.Phase);
    }

    [Fact]
    public void UDP_crosses_the_link_both_ways_with_checksums_the_peer_verifies()
    {
        Assert.True(Connect());
        PppDatagramTransport ike = _ip.Bind(500, 4);
        PppDatagramTransport natt = _ip.Bind(4500, 4);
        byte[] hello = "isakmp hello"u8.ToArray();
        Assert.True(ike.Send(hello, 0, hello.Length, 0x0A400001, 500));
        Run(10);
        var got = Assert.Single(Peer.Udp);
        Assert.Equal((0x0A400002u, 500, 500), (got.From, got.FromPort, got.ToPort));
        Assert.Equal(hello, got.Payload);

        byte[] esp = [0, 0, 0x10, 0x01, 1, 2, 3];
        Peer.SendUdp(4500, 4500, esp);
        Run(10);
        byte[] buffer = new byte[100];
        int n = natt.Receive(buffer, 0, buffer.Length, out uint from, out int fromPort);
        Assert.Equal(esp, buffer[..n]);
        Assert.Equal((0x0A400001u, 4500), (from, fromPort));
        Assert.Equal(0, ike.Receive(buffer, 0, buffer.Length, out _, out _));
        Assert.Equal(0, _ip.BadUdpChecksum + _ip.BadHeader + _ip.NoPort);
    }

    [Fact]
    public void Nothing_is_sent_as_IP_before_IPCP_is_up()
    {
        PppDatagramTransport ike = _ip.Bind(500, 4);
        Assert.False(ike.Send([1, 2, 3], 0, 3, 0x0A400001, 500));
        Peer.Silent = true;
        _link.Open(_now);
        Assert.False(_link.SendIpv4(new byte[40], 0, 40));
    }

    private bool Connect()
    {
        _link.Open(_now);
        Peer.Start();
        for (int i = 0; i < 500 && _link.Phase != PppPhase.Running && _link.Phase != PppPhase.Dead; i++)
        {
            Run(10);
        }

        Run(50);
        return _link.Phase == PppPhase.Running;
    }

    private void Run(int ms)
    {
        for (int t = 0; t < ms; t += 10)
        {
            _now += 10;
            _link.Poll(_now);
        }
    }
}
