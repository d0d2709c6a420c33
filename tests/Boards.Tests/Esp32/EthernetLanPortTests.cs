using NanoGate.Boards.Drivers;
using NanoGate.Boards.Sim;
using NanoGate.Hal;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>
/// The LAN port's layer 2 (Ethernet II, ARP per RFC 826, the cache per RFC 1122 §2.3.2) over the
/// W5500 driver and the chip model: what a LAN host sees on the wire.
/// </summary>
public sealed class EthernetLanPortTests
{
    private const uint Gateway = 0xC0A80101; // 192.168.1.1/24
    private const uint Host = 0xC0A8010A;    // 192.168.1.10

    private readonly W5500Model _chip;
    private readonly W5500 _driver;
    private readonly ManualClock _clock = new(1000);
    private readonly EthernetLanPort _lan;
    private readonly byte[] _buffer = new byte[1600];

    public EthernetLanPortTests()
    {
        (_chip, _driver) = W5500Tests.Started();
        _lan = new EthernetLanPort(_driver, _clock, 8, 2, 1500);
        _lan.Configure(Gateway, 24);
    }

    private static byte[] Packet(uint source, uint destination, int length)
    {
        byte[] p = new byte[length];
        p[0] = 0x45;
        BigEndian.WriteUInt16(p, 2, (ushort)length);
        p[8] = 64; p[9] = 17;
        Ipv4.Write(p, 12, source);
        Ipv4.Write(p, 16, destination);
        for (int i = 20; i < length; i++)
        {
            p[i] = (byte)i;
        }

        return p;
    }

    private static byte[] Ethernet(byte[] destination, byte[] source, byte[] packet, int padTo = 0)
    {
        byte[] f = new byte[Math.Max(14 + packet.Length, padTo)];
        destination.CopyTo(f, 0);
        source.CopyTo(f, 6);
        f[12] = 0x08; f[13] = 0x00;
        packet.CopyTo(f, 14);
        return f;
    }

    private static readonly byte[] s_broadcast = W5500Tests.BroadcastMac;
    private static readonly byte[] s_zero = new byte[6];

    private void Deliver(byte[] frame) => Assert.True(_chip.Inject(frame, frame.Length));

    private void HostAnswers(uint ip, byte[] mac)
    {
        Deliver(EthernetFrames.Arp(EthernetLanPort.ArpReply, mac, ip, W5500Tests.OurMac, Gateway, W5500Tests.OurMac));
        _clock.Advance(EthernetLanPort.IdlePollMs); // past any idle back-off of an earlier empty poll
        Assert.Equal(0, _lan.Receive(_buffer, 0, _buffer.Length));
    }

    [Fact]
    public void An_idle_lan_is_polled_at_most_every_IdlePollMs_and_a_busy_one_at_every_call()
    {
        int before = _chip.Transfers;
        for (int ms = 0; ms < 100; ms++)
        {
            for (int pass = 0; pass < 10; pass++)
            {
                Assert.Equal(0, _lan.Receive(_buffer, 0, _buffer.Length));
            }

            _clock.Advance(1);
        }

        int idleTransfers = _chip.Transfers - before;
        Assert.InRange(idleTransfers, 25, 25 + 1 + 1); // 100 ms / 4 ms, plus the link poll of that second

        byte[] p = Packet(0xC0A8010A, Gateway, 100);
        _clock.Advance(EthernetLanPort.IdlePollMs);
        for (int i = 0; i < 5; i++)
        {
            Deliver(Ethernet(W5500Tests.OurMac, W5500Tests.HostMac, p));
            Assert.Equal(100, _lan.Receive(_buffer, 0, _buffer.Length)); // same millisecond: frames keep coming
        }
    }

    [Fact]
    public void A_request_for_the_gateways_address_is_answered_with_its_mac()
    {
        Deliver(EthernetFrames.Arp(EthernetLanPort.ArpRequest, W5500Tests.HostMac, Host, s_zero, Gateway, s_broadcast));
        Assert.Equal(0, _lan.Receive(_buffer, 0, _buffer.Length));

        Assert.Equal(1, _chip.SentCount);
        byte[] reply = _chip.Sent(0);
        Assert.Equal(W5500Tests.HostMac, reply[..6]);               // to the requester
        Assert.Equal(W5500Tests.OurMac, reply[6..12]);
        Assert.Equal(new byte[] { 0x08, 0x06 }, reply[12..14]);
        Assert.Equal(EthernetLanPort.ArpReply, BigEndian.ReadUInt16(reply, 20));
        Assert.Equal(W5500Tests.OurMac, reply[22..28]);              // sha: ours
        Assert.Equal(Gateway, Ipv4.Read(reply, 28));                 // spa: the gateway
        Assert.Equal(W5500Tests.HostMac, reply[32..38]);             // tha: the requester
        Assert.Equal(Host, Ipv4.Read(reply, 38));
        Assert.Equal(60, reply.Length);                              // padded to the minimum frame
        Assert.Equal(1, _lan.ArpAnswered);
    }

    [Fact]
    public void Requests_for_other_addresses_are_not_answered()
    {
        Deliver(EthernetFrames.Arp(EthernetLanPort.ArpRequest, W5500Tests.HostMac, Host, s_zero, 0xC0A80102, s_broadcast));
        Assert.Equal(0, _lan.Receive(_buffer, 0, _buffer.Length));
        Assert.Equal(0, _chip.SentCount);
    }

    [Fact]
    public void Sending_to_an_unknown_host_holds_the_packet_asks_and_sends_it_when_the_answer_comes()
    {
        byte[] p = Packet(Gateway, Host, 100);
        Assert.True(_lan.Send(p, 0, p.Length));
        Assert.Equal(1, _chip.SentCount);
        byte[] request = _chip.Sent(0);
        Assert.Equal(s_broadcast, request[..6]);
        Assert.Equal(EthernetLanPort.ArpRequest, BigEndian.ReadUInt16(request, 20));
        Assert.Equal(Host, Ipv4.Read(request, 38));                   // tpa: who we look for

        HostAnswers(Host, W5500Tests.HostMac);
        Assert.Equal(2, _chip.SentCount);
        Assert.Equal(Ethernet(W5500Tests.HostMac, W5500Tests.OurMac, p), _chip.Sent(1));

        // Resolved: the next packet goes straight out.
        Assert.True(_lan.Send(p, 0, p.Length));
        Assert.Equal(3, _chip.SentCount);
        Assert.Equal(W5500Tests.HostMac, _chip.Sent(2)[..6]);
    }

    [Fact]
    public void Only_the_latest_packet_is_held_and_requests_go_out_at_most_once_a_second()
    {
        byte[] first = Packet(Gateway, Host, 60), second = Packet(Gateway, Host, 80);
        _lan.Send(first, 0, first.Length);
        _lan.Send(second, 0, second.Length);
        Assert.Equal(1, _chip.SentCount); // one request, not two
        _clock.Advance(400);
        _lan.Receive(_buffer, 0, _buffer.Length);
        Assert.Equal(1, _chip.SentCount);
        _clock.Advance(700);
        _lan.Receive(_buffer, 0, _buffer.Length);
        Assert.Equal(2, _chip.SentCount); // the retry after a second

        HostAnswers(Host, W5500Tests.HostMac);
        Assert.Equal(3, _chip.SentCount);
        Assert.Equal(Ethernet(W5500Tests.HostMac, W5500Tests.OurMac, second, 60), _chip.Sent(2));
    }

    [Fact]
    public void A_host_that_never_answers_is_given_up_after_three_requests_and_its_packet_dropped()
    {
        byte[] p = Packet(Gateway, Host, 60);
        _lan.Send(p, 0, p.Length);
        for (int s = 0; s < 5; s++)
        {
            _clock.Advance(1000);
            _lan.Receive(_buffer, 0, _buffer.Length);
        }

        Assert.Equal(EthernetLanPort.MaxTries, _lan.ArpRequestsSent);
        Assert.Equal(0, _lan.Cache.Count);
        Assert.Equal(1, _lan.SendDrops);
        HostAnswers(Host, W5500Tests.HostMac); // too late: nothing held, no entry created
        Assert.Equal(EthernetLanPort.MaxTries, _chip.SentCount);
    }

    [Fact]
    public void A_learnt_address_expires_and_is_asked_for_again()
    {
        byte[] p = Packet(Gateway, Host, 60);
        _lan.Send(p, 0, p.Length);
        HostAnswers(Host, W5500Tests.HostMac);
        int sent = _chip.SentCount;

        _clock.Advance(EthernetLanPort.LifetimeMs - 1);
        _lan.Send(p, 0, p.Length);
        Assert.Equal(sent + 1, _chip.SentCount);
        Assert.Equal(0x0800, BigEndian.ReadUInt16(_chip.Sent(sent), 12)); // still fresh: straight out

        _clock.Advance(1);
        _lan.Send(p, 0, p.Length);
        Assert.Equal(sent + 2, _chip.SentCount);
        Assert.Equal(0x0806, BigEndian.ReadUInt16(_chip.Sent(sent + 1), 12)); // expired: a new request

        byte[] newMac = [0x02, 0, 0, 0, 0, 0x0B]; // the host's card was swapped meanwhile
        HostAnswers(Host, newMac);
        Assert.Equal(newMac, _chip.Sent(sent + 2)[..6]);
    }

    [Fact]
    public void A_flood_of_requests_from_made_up_senders_gets_answers_but_cannot_grow_or_flush_the_cache()
    {
        byte[] p = Packet(Gateway, Host, 60);
        _lan.Send(p, 0, p.Length);
        HostAnswers(Host, W5500Tests.HostMac);
        Assert.Equal(1, _lan.Cache.Count);

        for (int i = 0; i < 2000; i++)
        {
            byte[] mac = [0x02, 0xBA, 0xD0, (byte)(i >> 8), (byte)i, 0x01];
            Deliver(EthernetFrames.Arp(EthernetLanPort.ArpRequest, mac, 0xC0A80200u + (uint)i, s_zero, Gateway, s_broadcast));
            _lan.Receive(_buffer, 0, _buffer.Length);
        }

        Assert.Equal(2000, _lan.ArpAnswered);
        Assert.Equal(1, _lan.Cache.Count);
        int sent = _chip.SentCount;
        _lan.Send(p, 0, p.Length);
        Assert.Equal(W5500Tests.HostMac, _chip.Sent(sent)[..6]); // the real host's entry survived
    }

    [Fact]
    public void Sending_to_more_hosts_than_the_cache_holds_keeps_it_bounded()
    {
        for (int i = 0; i < 200; i++)
        {
            byte[] p = Packet(Gateway, 0xC0A80100u + (uint)(2 + i), 60);
            _lan.Send(p, 0, p.Length);
        }

        Assert.Equal(_lan.Cache.Capacity, _lan.Cache.Count);
        Assert.Equal(_lan.Cache.Capacity, _lan.ArpRequestsSent); // a full cache of pending entries asks for no more
        Assert.True(_lan.SendDrops >= 200 - 2);                  // two hold slots
    }

    [Fact]
    public void Ipv4_frames_for_us_come_out_as_packets_without_the_ethernet_padding()
    {
        byte[] p = Packet(Host, Gateway, 28);
        Deliver(Ethernet(W5500Tests.OurMac, W5500Tests.HostMac, p, 60));
        Assert.Equal(28, _lan.Receive(_buffer, 0, _buffer.Length));
        Assert.Equal(p, _buffer[..28]);

        byte[] notIpv4 = Ethernet(W5500Tests.OurMac, W5500Tests.HostMac, p);
        notIpv4[14] = 0x65; // version 6 in an IPv4 frame
        Deliver(notIpv4);
        byte[] lying = Ethernet(W5500Tests.OurMac, W5500Tests.HostMac, p);
        BigEndian.WriteUInt16(lying, 16, 1000); // Total Length beyond the frame
        Deliver(lying);
        Assert.Equal(0, _lan.Receive(_buffer, 0, _buffer.Length));
        Assert.Equal(2, _lan.ReceiveDrops);
    }

    [Fact]
    public void Packets_off_the_lan_subnet_are_not_sent_and_broadcasts_need_no_resolution()
    {
        byte[] away = Packet(Gateway, 0x0A000001, 60);
        Assert.False(_lan.Send(away, 0, away.Length));
        byte[] broadcast = Packet(Gateway, 0xC0A801FF, 60);
        Assert.True(_lan.Send(broadcast, 0, broadcast.Length));
        Assert.Equal(s_broadcast, _chip.Sent(0)[..6]);
    }

    [Fact]
    public void Link_down_is_seen_within_a_second_and_sends_fail()
    {
        byte[] p = Packet(Gateway, Host, 60);
        _lan.Send(p, 0, p.Length);
        HostAnswers(Host, W5500Tests.HostMac);
        _chip.Link = false;
        _clock.Advance(1000);
        _lan.Receive(_buffer, 0, _buffer.Length);
        Assert.False(_driver.LinkUp);
        Assert.False(_lan.Send(p, 0, p.Length));
    }

    [Fact]
    public void A_frame_through_each_direction_allocates_nothing()
    {
        byte[] p = Packet(Gateway, Host, 1000);
        _lan.Send(p, 0, p.Length);
        HostAnswers(Host, W5500Tests.HostMac);
        byte[] inbound = Ethernet(W5500Tests.OurMac, W5500Tests.HostMac, Packet(Host, Gateway, 1000));
        byte[] arp = EthernetFrames.Arp(EthernetLanPort.ArpRequest, W5500Tests.HostMac, Host, s_zero, Gateway, s_broadcast);
        for (int i = 0; i < 10; i++)
        {
            _chip.Inject(inbound, inbound.Length);
            _lan.Receive(_buffer, 0, _buffer.Length);
            _lan.Send(p, 0, p.Length);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            _chip.Inject(inbound, inbound.Length);
            _chip.Inject(arp, arp.Length);
            if (_lan.Receive(_buffer, 0, _buffer.Length) != 1000 || !_lan.Send(p, 0, p.Length))
            {
                Assert.Fail("a frame did not pass");
            }

            _clock.Advance(10);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(1010, _lan.PacketsReceived);
    }
}
