using NanoGate.Boards.Sim;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Exchanges;

/// <summary>
/// Every phase 1 failure with its own error record, the notify on the wire (RFC 2408 §3.14.1),
/// and reliability: retransmission under loss, duplicates answered from the stored response,
/// forced encapsulation without a NAT. The branch initiates to HQ in all cases.
/// </summary>
public class Phase1ErrorTests
{
    /// <summary>Notify types sent in the clear on the internet link by <paramref name="from"/>.</summary>
    private static List<int> NotifiesFrom(Rig rig, uint from) => rig.InternetIke()
        .Where(m => m.Exchange == ExchangeType.Informational && m.Record.Source.Address == from && !m.Encrypted)
        .Select(m => NotifyPayload.GetNotifyType(m.Message, m.Parsed.PayloadOffsetAt(m.Parsed.Find(PayloadType.Notification, 0))))
        .ToList();

    private static Rig Start(ExchangeMode mode, Action<Rig>? configure = null, NatCase nat = NatCase.None)
    {
        var rig = new Rig(nat, mode, DhGroup.Modp2048);
        configure?.Invoke(rig);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        rig.RunUntil(() => rig.Branch.Failures.Count > 0 && rig.Hq.Failures.Count > 0, 60_000);
        return rig;
    }

    // HDR, SA(aes128-sha1-modp2048) -->
    //                               <-- HDR, N(NO-PROPOSAL-CHOSEN)
    [Theory]
    [InlineData(ExchangeMode.Main)]
    [InlineData(ExchangeMode.Aggressive)]
    public void ProposalMismatch(ExchangeMode mode)
    {
        Rig rig = Start(mode, r =>
        {
            r.BranchPeer.ClearProposals();
            r.BranchPeer.AddProposal(new IkeProposal(1) { KeySize = 16, Hash = HashAlgorithm.Sha1 });
            r.BranchPeer.AddProposal(new IkeProposal(2) { Encryption = CipherAlgorithm.TripleDesCbc, KeySize = 24, Hash = HashAlgorithm.Sha1 });
        });

        Assert.Equal([NotifyType.NoProposalChosen], NotifiesFrom(rig, Rig.HqAddress));
        var hq = Assert.Single(rig.Hq.Failures);
        Assert.Equal(Phase1FailureReason.ProposalMismatch, hq.Reason);
        Assert.Equal("phase1 proposal mismatch", hq.Text);
        Assert.Equal("peer offered: aes128-sha1-modp2048, 3des-sha1-modp2048; we accept: aes256-sha256-modp2048", hq.Detail);
        var branch = Assert.Single(rig.Branch.Failures);
        Assert.Equal(Phase1FailureReason.ProposalMismatch, branch.Reason);
        Assert.Equal("peer sent NO-PROPOSAL-CHOSEN; we offered: aes128-sha1-modp2048, 3des-sha1-modp2048", branch.Detail);
        Assert.Null(rig.Hq.Established);
    }

    /// <summary>The responder takes the first acceptable proposal in ITS order, not the initiator's.</summary>
    [Fact]
    public void ResponderPicksByItsOwnOrder()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        rig.BranchPeer.ClearProposals();
        rig.BranchPeer.AddProposal(new IkeProposal(1) { KeySize = 16, Hash = HashAlgorithm.Sha1 });
        rig.BranchPeer.AddProposal(new IkeProposal(2) { Group = DhGroup.Ecp256 });
        rig.HqPeer.ClearProposals();
        rig.HqPeer.AddProposal(new IkeProposal(1) { Group = DhGroup.Ecp256 });
        rig.HqPeer.AddProposal(new IkeProposal(2) { KeySize = 16, Hash = HashAlgorithm.Sha1 });
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 10_000));
        Assert.Equal("aes256-sha256-ecp256", ProposalMatcher.Describe(rig.Branch.Established!.Proposal));
        Assert.Equal(2, rig.Branch.Established.Proposal.Number);
    }

    // HDR*, IDii, HASH_I -->  (HQ decrypts garbage with its key)
    //                     <-- HDR, N(PAYLOAD-MALFORMED)
    // Issue 20: message 5 is the first under the PSK-derived key, so both ends name a key mismatch
    // (the malformation is the detail), as Libreswan does.
    [Fact]
    public void WrongPskMainModeIsAnAuthenticationFailureAtBothEnds()
    {
        Rig rig = Start(ExchangeMode.Main, r => r.HqPeer.PreSharedKey = "another-fake-psk"u8.ToArray());

        Assert.Equal([NotifyType.PayloadMalformed], NotifiesFrom(rig, Rig.HqAddress));
        var hq = Assert.Single(rig.Hq.Failures);
        Assert.Equal(Phase1FailureReason.AuthenticationFailed, hq.Reason);
        Assert.StartsWith("authentication failed (probable pre-shared key mismatch): message 5 did not decrypt to valid payloads (", hq.Detail);
        var branch = Assert.Single(rig.Branch.Failures);
        Assert.Equal(Phase1FailureReason.AuthenticationFailed, branch.Reason);
        Assert.Contains("PAYLOAD-MALFORMED in answer to our message 5", branch.Detail);
    }

    /// <summary>
    /// Issue 20 (2): behind a NAT the initiator floats to 4500 for MM5; HQ, unable to decrypt it, must
    /// answer on 4500 to the port MM5 came from (it answered from 500 to 500, which the NAT's
    /// 4500 mapping does not carry), and the branch names the failure at once.
    /// </summary>
    [Fact]
    public void WrongPskNotifyGoesBackOnThePortMessage5CameIn()
    {
        Rig rig = Start(ExchangeMode.Main, r => r.HqPeer.PreSharedKey = "another-fake-psk"u8.ToArray(), NatCase.Change);

        var notify = Assert.Single(rig.InternetIke(), m => m.Exchange == ExchangeType.Informational && m.Record.Source.Address == Rig.HqAddress);
        var mm5 = rig.InternetIke().Last(m => m.Exchange == ExchangeType.IdentityProtection && m.Encrypted && m.Record.Destination.Address == Rig.HqAddress);
        Assert.Equal(4500, mm5.Record.Destination.Port);
        Assert.Equal(4500, notify.Record.Source.Port);
        Assert.Equal(mm5.Record.Source.Port, notify.Record.Destination.Port);
        Assert.True(notify.Marker);
        Assert.Equal(Phase1FailureReason.AuthenticationFailed, Assert.Single(rig.Branch.Failures).Reason);
        Assert.True(rig.Branch.Failures.Count == 1 && rig.Clock.NowMs < 1000 + rig.Branch.Daemon.Retransmit.WaitMs(0));
    }

    /// <summary>
    /// Issue 20 (1), Libreswan's habit: a responder that cannot decrypt MM5 sends no notify but
    /// repeats MM4 on its timer (on UDP 500, even after our float). The first repeat makes us send
    /// MM5 again at once (it may have been lost), the second names a PSK mismatch, long before our
    /// own retransmissions run out.
    /// </summary>
    [Theory]
    [InlineData(NatCase.None)]
    [InlineData(NatCase.Change)]
    public void RepeatedMessage4MeansThePeerCouldNotDecryptMessage5(NatCase nat)
    {
        var rig = new Rig(nat, ExchangeMode.Main, DhGroup.Modp2048);
        rig.HqPeer.PreSharedKey = "another-fake-psk"u8.ToArray();
        byte[]? mm4 = null;
        Endpoint mm4From = default, mm4To = default;
        rig.Network.Tamper = (from, to, d) =>
        {
            if (from.Address != Rig.HqAddress)
            {
                return d;
            }

            var m = new IsakmpMessage();
            int at = d.Length > 4 && d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0 ? 4 : 0;
            Assert.True(m.TryParse(d, at, d.Length - at));
            if (m.ExchangeType == ExchangeType.Informational)
            {
                return null; // Libreswan sends no notify
            }

            if (m.ExchangeType == ExchangeType.IdentityProtection && m.Count(PayloadType.KeyExchange) > 0)
            {
                (mm4, mm4From, mm4To) = (d, from, to);
            }

            return d;
        };
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        IkeSa? sa = null;
        Assert.True(rig.RunUntil(() => (sa = FindSa(rig.Branch.Daemon)) is not null && sa.State == IkeSaState.MainAuth, 10_000));
        rig.RunUntil(() => false, 100);
        int mm5Sent = Mm5Count(rig);
        Assert.Equal(1, mm5Sent);

        // Libreswan's first retransmission of MM4, 500 ms on, on port 500.
        rig.Clock.Advance(500);
        rig.Network.Inject(mm4From, mm4To, mm4!);
        rig.RunUntil(() => false, 50);
        Assert.Equal(2, Mm5Count(rig));
        Assert.Empty(rig.Branch.Failures);

        rig.Clock.Advance(1000);
        rig.Network.Inject(mm4From, mm4To, mm4!);
        rig.RunUntil(() => rig.Branch.Failures.Count > 0, 50);
        var f = Assert.Single(rig.Branch.Failures);
        Assert.Equal(Phase1FailureReason.AuthenticationFailed, f.Reason);
        Assert.StartsWith("authentication failed (probable pre-shared key mismatch)", f.Detail);
        Assert.Equal(0, rig.Branch.Daemon.Retransmissions);
    }

    private static int Mm5Count(Rig rig) => rig.InternetIke()
        .Count(m => m.Exchange == ExchangeType.IdentityProtection && m.Encrypted && m.Record.Destination.Address == Rig.HqAddress);

    // HDR*, IDii, HASH_I -->              (HQ, playing strongSwan with another PSK, cannot decrypt it)
    //                     <-- HDR*, HASH, N(PAYLOAD-MALFORMED)  on UDP 500, under HQ's own keys
    // As strongSwan 5.9 answers (seen in the interop suite's wrong-PSK scenario): the initiator must
    // fail at once with the authentication reason instead of retransmitting MM5 for minutes.
    [Fact]
    public void EncryptedNotifyInsteadOfMm6MeansAuthenticationFailed()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        IkeSa? sa = null;
        Assert.True(rig.RunUntil(() => (sa = FindSa(rig.Branch.Daemon)) is not null && sa.State == IkeSaState.MainAuth, 10_000));

        // An informational, encrypted flag set, body that our keys cannot make sense of.
        byte[] notify = new byte[92];
        int n = IsakmpHeader.Write(notify, 0, notify.Length, sa!.CookieI, 0, sa.CookieR, 0, PayloadType.Hash,
            ExchangeType.Informational, IsakmpHeader.FlagEncryption, 0xF1E2D3C4, notify.Length);
        Assert.Equal(28, n);
        new DeterministicRandom(9).Fill(notify, 28, notify.Length - 28);
        rig.Branch.Daemon.HandleDatagram(notify, 0, notify.Length, Rig.HqAddress, 500, 500, rig.Clock.NowMs);

        var failure = Assert.Single(rig.Branch.Failures);
        Assert.Equal(Phase1FailureReason.AuthenticationFailed, failure.Reason);
        Assert.Equal("authentication failed: pre-shared key mismatch or wrong identity", failure.Text);
        Assert.Contains("encrypted notify instead of MM6", failure.Detail);
        Assert.Null(FindSa(rig.Branch.Daemon));
    }

    private static IkeSa? FindSa(IkeDaemon daemon)
    {
        for (int i = 0; i < daemon.Capacity; i++)
        {
            if (daemon.GetSa(i) is IkeSa sa)
            {
                return sa;
            }
        }

        return null;
    }

    //                     <-- HDR, SA, KE, Nr, IDir, HASH_R (does not verify with our key)
    // HDR, N(INVALID-HASH-INFORMATION) -->
    [Fact]
    public void WrongPskAggressiveModeFailsAuthentication()
    {
        Rig rig = Start(ExchangeMode.Aggressive, r => r.HqPeer.PreSharedKey = "another-fake-psk"u8.ToArray());

        Assert.Equal([NotifyType.InvalidHashInformation], NotifiesFrom(rig, rig.BranchPublic));
        var branch = Assert.Single(rig.Branch.Failures);
        Assert.Equal(Phase1FailureReason.AuthenticationFailed, branch.Reason);
        Assert.Equal("authentication failed: pre-shared key mismatch or wrong identity", branch.Text);
        Assert.Equal("HASH_R of fqdn hq.example.net did not verify", branch.Detail);
        Assert.Equal(Phase1FailureReason.AuthenticationFailed, Assert.Single(rig.Hq.Failures).Reason);
    }

    // HDR, SA --> (from an address HQ has no peer for)
    //         <-- HDR, N(NO-PROPOSAL-CHOSEN)  (as strongSwan)
    [Fact]
    public void UnknownPeerAddress()
    {
        Rig rig = Start(ExchangeMode.Main, r => r.HqPeer.RemoteAddress = Rig.Ip("198.51.100.99"));

        Assert.Equal([NotifyType.NoProposalChosen], NotifiesFrom(rig, Rig.HqAddress));
        var hq = Assert.Single(rig.Hq.Failures);
        Assert.Equal(Phase1FailureReason.PeerAddressMismatch, hq.Reason);
        Assert.Equal("peer address mismatch", hq.Text);
        Assert.Equal("no main mode peer is configured for 198.51.100.2", hq.Detail);
    }

    /// <summary>Aggressive mode finds the peer by its ID; that peer's address range must hold the sender.</summary>
    [Fact]
    public void AggressiveIdFromWrongAddress()
    {
        Rig rig = Start(ExchangeMode.Aggressive, r => r.HqPeer.RemoteAddress = Rig.Ip("198.51.100.99"));

        Assert.Equal([NotifyType.InvalidIdInformation], NotifiesFrom(rig, Rig.HqAddress));
        var hq = Assert.Single(rig.Hq.Failures);
        Assert.Equal(Phase1FailureReason.PeerAddressMismatch, hq.Reason);
        Assert.Contains("fqdn branch.example.net", hq.Detail);
        Assert.Equal(Phase1FailureReason.ConfigIdMismatch, Assert.Single(rig.Branch.Failures).Reason);
    }

    // HDR*, IDii(fqdn branch.example.net), HASH_I -->
    //                                            <-- HDR, N(INVALID-ID-INFORMATION)
    [Theory]
    [InlineData(ExchangeMode.Main)]
    [InlineData(ExchangeMode.Aggressive)]
    public void RemoteIdMismatch(ExchangeMode mode)
    {
        Rig rig = Start(mode, r => r.HqPeer.RemoteId = new Identity(IdentityType.Fqdn, "other.example.net"));

        Assert.Equal([NotifyType.InvalidIdInformation], NotifiesFrom(rig, Rig.HqAddress));
        var hq = Assert.Single(rig.Hq.Failures);
        Assert.Equal(Phase1FailureReason.ConfigIdMismatch, hq.Reason);
        Assert.Equal("config ID mismatch", hq.Text);
        Assert.Contains("fqdn branch.example.net", hq.Detail);
        Assert.Equal(Phase1FailureReason.ConfigIdMismatch, Assert.Single(rig.Branch.Failures).Reason);
    }

    /// <summary>
    /// 30% loss each way, ten seeded runs. A request/answer pair gets through with p = 0.49, so one
    /// step fails all 6 transmissions (4 s x 1.8^n, 5 retransmits) with p = 0.51^6 = 1.8%: at least
    /// 9 of 10 runs establish, and a run that does not ends in a peer timeout, never anything else.
    /// In aggressive mode the responder answers an unverified source only once (AM2 is not
    /// retransmitted by timer), so a lost AM3 is recovered by what follows phase 1 in real use:
    /// the initiator's quick mode, whose protected QM1 makes HQ send AM2 again. The aggressive
    /// runs therefore start from a tunnel, as a gateway does.
    /// </summary>
    [Theory]
    [InlineData(ExchangeMode.Main)]
    [InlineData(ExchangeMode.Aggressive)]
    public void EstablishesUnderLoss(ExchangeMode mode)
    {
        int established = 0, dropped = 0, retransmitted = 0, repeatedAm2 = 0;
        for (uint seed = 1; seed <= 10; seed++)
        {
            var rig = new Rig(NatCase.Change, mode, DhGroup.Ecp256, seed);
            rig.Network.Faults.LossPercent = 30;
            if (mode == ExchangeMode.Aggressive)
            {
                QuickModeMatrixTests.AddTunnel(rig, "aes128-sha256", DhGroup.None, seed);
                rig.Branch.Quick!.Initiate("tun", rig.Clock.NowMs);
            }
            else
            {
                rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
            }

            if (rig.RunUntil(rig.BothEstablished, 400_000))
            {
                established++;
                Assert.Equal(rig.Branch.Established!.Keys.SkeyidD, rig.Hq.Established!.Keys.SkeyidD);
            }
            else
            {
                Assert.All(rig.Branch.Failures.Concat(rig.Hq.Failures), f => Assert.Equal(Phase1FailureReason.PeerTimeout, f.Reason));
            }

            dropped += rig.Network.Dropped;
            retransmitted += rig.Branch.Daemon.Retransmissions + rig.Hq.Daemon.Retransmissions;
            repeatedAm2 += rig.Hq.Daemon.AnswersRepeatedForLostAm3;
        }

        Assert.True(established >= 9, established + " of 10 established");
        Assert.True(mode == ExchangeMode.Main || repeatedAm2 > 0, "no run lost an AM3: the recovery was not exercised");
        Assert.True(dropped > 5);
        Assert.True(retransmitted > 5);
    }

    /// <summary>Retransmission timing: the first message again after 4 s, 7.2 s, 12.96 s, ... then a peer timeout.</summary>
    [Fact]
    public void RetransmitsWithBackoffThenTimesOut()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        rig.Network.Faults.LossPercent = 100;
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        rig.RunUntil(() => rig.Branch.Failures.Count > 0, 200_000);

        long[] sent = rig.Network.Tap.Where(r => r.Link == "internet").Select(r => r.TimeMs - 1000).ToArray();
        Assert.Equal([0, 4000, 11200, 24160, 47488, 89478], sent);
        var f = Assert.Single(rig.Branch.Failures);
        Assert.Equal(Phase1FailureReason.PeerTimeout, f.Reason);
        Assert.Equal(1000 + 89478 + 75582, rig.Clock.NowMs); // the wait after the 5th retransmission: 4 s x 1.8^5
    }

    /// <summary>Every datagram arrives twice: the responder answers each repeated request with its stored response.</summary>
    [Fact]
    public void DuplicateRequestAnsweredWithStoredResponse()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        rig.Network.Faults.DuplicatePercent = 100;
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 10_000));

        // MM1, MM3, MM5 each arrived twice at HQ: three duplicates answered.
        Assert.Equal(3, rig.Hq.Daemon.DuplicatesAnswered);
        var fromHq = rig.InternetIke().Where(m => m.Record.Source.Address == Rig.HqAddress).ToList();
        Assert.Equal(6, fromHq.Count);
        for (int i = 0; i < 6; i += 2)
        {
            Assert.Equal(fromHq[i].Message, fromHq[i + 1].Message);
        }
    }

    /// <summary>
    /// Force encapsulation on the branch without any NAT: its NAT-D hash is faked (strongSwan's
    /// encap=yes), so HQ sees it "behind NAT", both float to 4500, the branch sends keepalives.
    /// </summary>
    [Fact]
    public void ForceEncapsulationFakesNatD()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        rig.BranchPeer.ForceEncapsulation = true;
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);
        Assert.True(rig.RunUntil(rig.BothEstablished, 10_000));

        Assert.True(rig.Hq.Established!.NatThere);
        Assert.False(rig.Hq.Established.NatHere);
        Assert.True(rig.Branch.Established!.NatFaked);
        Assert.False(rig.Branch.Established.NatHere);
        var mm = rig.InternetIke().Where(m => m.Exchange == ExchangeType.IdentityProtection).ToList();
        Assert.Equal([false, false, false, false, true, true], mm.Select(m => m.Marker).ToArray());
        rig.RunUntil(() => false, 21_000);
        Assert.Equal(1, rig.Hq.KeepalivesReceived);
    }

    /// <summary>A negotiation may start on 4500 (RFC 3947 §4): the responder stays there.</summary>
    [Fact]
    public void AcceptsNegotiationStartingOn4500()
    {
        var rig = new Rig(NatCase.None, ExchangeMode.Main, DhGroup.Modp2048);
        var probe = rig.Network.Bind(Rig.BranchDirect, 4501);
        rig.Branch.Daemon.Initiate(rig.BranchPeer, rig.Clock.NowMs);

        // The branch's MM1 with the marker and another cookie, to HQ's 4500 from another port.
        byte[] mm1 = rig.Network.Tap[0].Payload;
        rig.RunUntil(() => false, 1);
        int before = rig.Network.Tap.Count;
        byte[] fresh = [0, 0, 0, 0, .. mm1];
        fresh[4] ^= 0x55; // a new initiator cookie: a new negotiation, this time on 4500
        probe.Send(fresh, 0, fresh.Length, Rig.HqAddress, 4500);
        rig.RunUntil(() => false, 10);
        var answer = rig.Network.Tap.Skip(before).First(r => r.Source.Address == Rig.HqAddress && r.Destination.Port == 4501);
        Assert.Equal(4500, answer.Source.Port);
        Assert.Equal(new byte[4], answer.Payload[..4]);
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(answer.Payload, 4, answer.Payload.Length - 4));
        Assert.Equal(1, m.Count(PayloadType.SecurityAssociation));
    }
}
