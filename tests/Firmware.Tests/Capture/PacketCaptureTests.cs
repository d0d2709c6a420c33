using System.Buffers.Binary;
using NanoGate.Firmware.Capture;
using NanoGate.Hal;

namespace NanoGate.Firmware.Tests.Capture;

/// <summary>
/// The capture buffer is a pcap file: checked field by field against the libpcap format
/// (pcap-savefile(5), draft-ietf-opsawg-pcap §4 file header, §5 record header), IPv4 (RFC 791
/// §3.1) and UDP (RFC 768) headers, and its stop-when-full behaviour.
/// </summary>
public sealed class PacketCaptureTests
{
    private static readonly uint s_wan = Ipv4Parse("192.0.2.1");
    private static readonly uint s_peer = Ipv4Parse("203.0.113.2");

    private static uint Ipv4Parse(string s)
    {
        Assert.True(Ipv4.TryParse(s, out uint a));
        return a;
    }

    private static byte[] Bytes(int n, int seed) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 + seed)).ToArray();

    private static byte[] File(PacketCapture c) => c.Buffer.AsSpan(0, c.Used).ToArray();

    [Fact]
    public void Internet_checksum_matches_the_RFC_1071_numerical_example()
    {
        // RFC 1071 §3: the bytes 00 01 f2 03 f4 f5 f6 f7 sum (one's complement) to ddf2; the checksum is its complement.
        byte[] b = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7];
        Assert.Equal(0x220D, Pcap.HeaderChecksum(b, 0, b.Length));
    }

    [Fact]
    public void File_header_is_libpcap_2_4_raw_IP_with_the_snap_length()
    {
        var c = new PacketCapture(4096);
        Assert.True(c.Start(1000, 1500));
        byte[] f = File(c);
        Assert.Equal(24, f.Length);
        var r = new PcapReader(f);
        Assert.Equal(2, r.VersionMajor);
        Assert.Equal(4, r.VersionMinor);
        Assert.Equal(0, r.ThisZone);
        Assert.Equal(0u, r.SigFigs);
        Assert.Equal(1500u, r.SnapLength);
        Assert.Equal(101u, r.LinkType); // LINKTYPE_RAW (tcpdump.org link-layer header types)
        Assert.Empty(r.Records);
    }

    [Fact]
    public void Udp_records_carry_synthesized_IPv4_and_UDP_headers_both_ways()
    {
        var c = new PacketCapture(4096) { LocalAddress = s_wan };
        Assert.True(c.Start(10_000, PacketCapture.MaxSnapLength));
        byte[] ike = Bytes(100, 3);
        c.NowMs = 12_345;
        c.RecordUdp(true, 500, s_peer, 500, ike, 0, ike.Length);
        byte[] keepalive = [0xFF];
        c.NowMs = 13_000;
        c.RecordUdp(false, 4500, s_peer, 61234, keepalive, 0, 1);

        var r = new PcapReader(File(c));
        Assert.Equal(2, r.Records.Count);
        Assert.Equal(2, c.Packets);

        PcapRecord o = r.Records[0];
        Assert.Equal(2u, o.Seconds);              // 2345 ms after the start
        Assert.Equal(345_000u, o.Microseconds);
        Assert.Equal(128, o.StoredLength);        // 20 IPv4 + 8 UDP + 100
        Assert.Equal(128, o.WireLength);
        byte[] d = o.Data;
        Assert.Equal(0x45, d[0]);                 // version 4, IHL 5
        Assert.Equal(128, BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(2)));  // total length
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(6)));    // no fragmentation
        Assert.Equal(64, d[8]);                   // TTL
        Assert.Equal(17, o.Protocol);             // UDP
        Assert.True(PcapRecord.Ipv4ChecksumHolds(d));
        Assert.Equal(s_wan, o.Source);
        Assert.Equal(s_peer, o.Destination);
        Assert.Equal(500, o.SourcePort);
        Assert.Equal(500, o.DestinationPort);
        Assert.Equal(108, BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(24)));  // UDP length = 8 + payload
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(26)));    // checksum 0: none (IPv4)
        Assert.Equal(ike, o.Payload);

        PcapRecord i = r.Records[1];
        Assert.Equal(3u, i.Seconds);
        Assert.Equal(0u, i.Microseconds);
        Assert.Equal(29, i.WireLength);
        Assert.Equal(s_peer, i.Source);
        Assert.Equal(s_wan, i.Destination);
        Assert.Equal(61234, i.SourcePort);
        Assert.Equal(4500, i.DestinationPort);
        Assert.Equal(9, BinaryPrimitives.ReadUInt16BigEndian(i.Data.AsSpan(24)));
        Assert.True(PcapRecord.Ipv4ChecksumHolds(i.Data));
        Assert.NotEqual(BinaryPrimitives.ReadUInt16BigEndian(o.Data.AsSpan(4)), BinaryPrimitives.ReadUInt16BigEndian(i.Data.AsSpan(4)));
        Assert.Equal(keepalive, i.Payload);
    }

    [Fact]
    public void Raw_ESP_records_are_IPv4_protocol_50()
    {
        var c = new PacketCapture(4096) { LocalAddress = s_wan };
        Assert.True(c.Start(0, PacketCapture.MaxSnapLength));
        byte[] esp = Bytes(80, 9);
        c.RecordEsp(false, s_peer, esp, 0, esp.Length);
        PcapRecord r = Assert.Single(new PcapReader(File(c)).Records);
        Assert.Equal(50, r.Protocol);
        Assert.Equal(100, r.WireLength);
        Assert.Equal(100, BinaryPrimitives.ReadUInt16BigEndian(r.Data.AsSpan(2)));
        Assert.True(PcapRecord.Ipv4ChecksumHolds(r.Data));
        Assert.Equal(s_peer, r.Source);
        Assert.Equal(s_wan, r.Destination);
        Assert.Equal(esp, r.Payload);
    }

    [Fact]
    public void Snap_length_truncates_the_stored_bytes_but_not_the_wire_length()
    {
        var c = new PacketCapture(4096) { LocalAddress = s_wan };
        Assert.True(c.Start(0, 64));
        byte[] esp = Bytes(1000, 1);
        c.RecordUdp(true, 4500, s_peer, 4500, esp, 0, esp.Length);
        var r = new PcapReader(File(c));
        Assert.Equal(64u, r.SnapLength);
        PcapRecord rec = Assert.Single(r.Records);
        Assert.Equal(64, rec.StoredLength);
        Assert.Equal(1028, rec.WireLength);
        Assert.Equal(1028, BinaryPrimitives.ReadUInt16BigEndian(rec.Data.AsSpan(2))); // the IP header tells the real length
        Assert.Equal(esp[..36], rec.Payload);
    }

    [Fact]
    public void Capture_stops_when_the_next_record_does_not_fit_and_start_clears()
    {
        // Room for the file header and exactly two 16 + 28 + 50 byte records.
        int capacity = 24 + (2 * (16 + 28 + 50));
        var c = new PacketCapture(capacity) { LocalAddress = s_wan };
        Assert.True(c.Start(0, PacketCapture.MaxSnapLength));
        byte[] p = Bytes(50, 5);
        c.RecordUdp(true, 4500, s_peer, 4500, p, 0, p.Length);
        c.RecordUdp(true, 4500, s_peer, 4500, p, 0, p.Length);
        Assert.True(c.IsRunning);
        Assert.Equal(capacity, c.Used);
        c.RecordUdp(false, 4500, s_peer, 4500, p, 0, 1);  // even a keepalive no longer fits
        Assert.False(c.IsRunning);
        Assert.True(c.IsFull);
        Assert.Equal(2, c.Packets);
        Assert.Equal(capacity, c.Used);
        Assert.Equal(2, new PcapReader(File(c)).Records.Count);

        Assert.True(c.Start(5, PacketCapture.MaxSnapLength));
        Assert.False(c.IsFull);
        Assert.Equal(0, c.Packets);
        Assert.Equal(24, c.Used);
    }

    [Fact]
    public void Nothing_is_recorded_while_stopped()
    {
        var c = new PacketCapture(4096) { LocalAddress = s_wan };
        byte[] p = Bytes(50, 5);
        c.RecordUdp(true, 4500, s_peer, 4500, p, 0, p.Length);   // never started: no buffer yet
        Assert.Null(c.Buffer);
        Assert.True(c.Start(0, PacketCapture.MaxSnapLength));
        c.Stop();
        c.RecordUdp(true, 4500, s_peer, 4500, p, 0, p.Length);
        Assert.Equal(0, c.Packets);
        Assert.Equal(24, c.Used);
    }

    [Fact]
    public void Recording_allocates_nothing_per_packet()
    {
        var c = new PacketCapture(8 << 20) { LocalAddress = s_wan };
        Assert.True(c.Start(0, PacketCapture.MaxSnapLength));
        byte[] p = Bytes(1400, 2);
        c.RecordUdp(true, 4500, s_peer, 4500, p, 0, p.Length);
        c.RecordEsp(false, s_peer, p, 0, p.Length);
        const int N = 2000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < N; i++)
        {
            c.NowMs = i;
            c.RecordUdp((i & 1) == 0, 4500, s_peer, 4500, p, 0, 1 + (i % 1400));
            c.RecordEsp(true, s_peer, p, 0, 100);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2 + (2 * N), c.Packets);
        Assert.False(c.IsFull);
        Assert.Equal(0, allocated);
    }
}
