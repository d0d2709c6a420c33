using System.Buffers.Binary;

namespace NanoGate.Firmware.Tests.Capture;

/// <summary>
/// An independent reader of classic libpcap files (pcap-savefile(5); draft-ietf-opsawg-pcap §4, §5)
/// for the tests: checks the file header and splits the records, nothing taken from the writer.
/// </summary>
internal sealed class PcapReader
{
    public PcapReader(byte[] file)
    {
        Assert.True(file.Length >= 24, "shorter than the 24-byte file header");

        // Magic 0xa1b2c3d4 in the writer's byte order: d4 c3 b2 a1 means little-endian (microseconds).
        Assert.Equal(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1 }, file[..4]);
        VersionMajor = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4));
        VersionMinor = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(6));
        ThisZone = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8));
        SigFigs = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));
        SnapLength = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(16));
        LinkType = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20));
        int at = 24;
        while (at < file.Length)
        {
            Assert.True(at + 16 <= file.Length, "truncated record header at " + at);
            var r = new PcapRecord
            {
                Seconds = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)),
                Microseconds = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4)),
                StoredLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)),
                WireLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12)),
            };
            Assert.True(r.StoredLength <= SnapLength && r.StoredLength <= r.WireLength, "incl_len out of bounds");
            Assert.True(at + 16 + r.StoredLength <= file.Length, "truncated record data at " + at);
            r.Data = file.AsSpan(at + 16, r.StoredLength).ToArray();
            Records.Add(r);
            at += 16 + r.StoredLength;
        }
    }

    public int VersionMajor { get; }

    public int VersionMinor { get; }

    public int ThisZone { get; }

    public uint SigFigs { get; }

    public uint SnapLength { get; }

    public uint LinkType { get; }

    public List<PcapRecord> Records { get; } = [];
}

/// <summary>One record, with its raw IPv4 packet (LINKTYPE_RAW).</summary>
internal sealed class PcapRecord
{
    public uint Seconds { get; init; }

    public uint Microseconds { get; init; }

    public int StoredLength { get; init; }

    public int WireLength { get; init; }

    public byte[] Data { get; set; } = [];

    public int Protocol => Data[9];

    public uint Source => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(12));

    public uint Destination => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(16));

    public int SourcePort => BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(20));

    public int DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(22));

    /// <summary>The UDP payload (or, for protocol 50, the ESP packet).</summary>
    public byte[] Payload => Protocol == 17 ? Data[28..] : Data[20..];

    /// <summary>RFC 791 §3.1 / RFC 1071: the one's complement sum of the whole header, checksum included, is 0xffff.</summary>
    public static bool Ipv4ChecksumHolds(byte[] d)
    {
        int ihl = (d[0] & 0xF) * 4;
        uint sum = 0;
        for (int i = 0; i < ihl; i += 2)
        {
            sum += (uint)((d[i] << 8) | d[i + 1]);
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum == 0xFFFF;
    }
}
