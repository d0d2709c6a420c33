using NanoGate.Boards.Drivers;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>The W5500 MACRAW driver against the register-level model of the chip.</summary>
public sealed class W5500Tests
{
    internal static readonly byte[] OurMac = [0x02, 0x4E, 0x47, 0x00, 0x00, 0x01];
    internal static readonly byte[] HostMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x0A];

    internal static (W5500Model Chip, W5500 Driver) Started(ushort openPointer = 0)
    {
        var chip = new W5500Model { OpenPointer = openPointer };
        var driver = new W5500(chip);
        Assert.Equal(W5500StartResult.Ok, driver.TryStart(OurMac, 0));
        return (chip, driver);
    }

    internal static byte[] Frame(byte[] destination, int length, int seed, int etherType = 0x88B5)
    {
        byte[] f = new byte[length];
        destination.CopyTo(f, 0);
        HostMac.CopyTo(f, 6);
        f[12] = (byte)(etherType >> 8);
        f[13] = (byte)etherType;
        for (int i = 14; i < length; i++)
        {
            f[i] = (byte)(seed + i * 7);
        }

        return f;
    }

    [Fact]
    public void Constructor_checks_its_bus()
    {
        Assert.Throws<ArgumentNullException>(() => new W5500(null!));
    }

    [Fact]
    public void Start_resets_checks_the_version_sets_the_mac_and_opens_socket_0_in_macraw_with_the_mac_filter()
    {
        (W5500Model chip, W5500 driver) = Started();
        Assert.Equal(1, chip.Resets);
        Assert.Equal(0x04, driver.Version);
        Assert.Equal(OurMac, chip.Mac());
        Assert.Equal(0x84, chip.SocketMode);   // MACRAW | MFEN
        Assert.Equal(0x42, chip.SocketStatus); // SOCK_MACRAW
        Assert.Equal(16 * 1024, chip.RxBufferBytes);
        Assert.Equal(16 * 1024, chip.TxBufferBytes);
        Assert.True(driver.LinkUp);
        Assert.Equal(0, chip.ProtocolErrors);
    }

    [Fact]
    public void A_chip_that_is_no_W5500_or_stays_in_reset_or_a_dead_bus_is_reported_not_thrown()
    {
        Assert.Equal(W5500StartResult.WrongVersion, new W5500(new W5500Model { VersionValue = 0x03 }).TryStart(OurMac, 0));
        Assert.Equal(W5500StartResult.ResetTimeout, new W5500(new W5500Model { ResetSticks = true }).TryStart(OurMac, 0));
        Assert.Equal(W5500StartResult.BusError, new W5500(new W5500Model { RefuseAfter = 0 }).TryStart(OurMac, 0));
        var notStarted = new W5500(new W5500Model());
        Assert.Equal(FrameResult.BusError, notStarted.TryReceiveFrame(new byte[1600], 0, 1600, out _));
    }

    [Fact]
    public void Frames_come_out_in_order_and_the_read_pointer_frees_the_buffer()
    {
        (W5500Model chip, W5500 driver) = Started();
        byte[] buffer = new byte[1600];
        Assert.Equal(FrameResult.None, driver.TryReceiveFrame(buffer, 0, buffer.Length, out _));
        byte[] a = Frame(OurMac, 60, 1), b = Frame(BroadcastMac, 1514, 2);
        Assert.True(chip.Inject(a, a.Length));
        Assert.True(chip.Inject(b, b.Length));

        Assert.Equal(FrameResult.Ok, driver.TryReceiveFrame(buffer, 0, buffer.Length, out int n));
        Assert.Equal(a, buffer[..n]);
        Assert.Equal(FrameResult.Ok, driver.TryReceiveFrame(buffer, 0, buffer.Length, out n));
        Assert.Equal(b, buffer[..n]);
        Assert.Equal(FrameResult.None, driver.TryReceiveFrame(buffer, 0, buffer.Length, out _));
        Assert.Equal(0, chip.RxWaiting);
        Assert.Equal(1, chip.RecvCommands); // both frames were waiting together: one release
    }

    internal static readonly byte[] BroadcastMac = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    [Theory]
    [InlineData((ushort)0x0000)]
    [InlineData((ushort)0x3FC0)] // a frame straddles the end of the 16 KB buffer
    [InlineData((ushort)0xFFE0)] // ... and the 16-bit pointer wraps through 0xFFFF
    public void Receive_buffer_wraps_around_for_hundreds_of_frames(ushort start)
    {
        (W5500Model chip, W5500 driver) = Started(start);
        byte[] buffer = new byte[1600];
        for (int k = 0; k < 300; k++)
        {
            byte[] f = Frame(OurMac, 60 + (k * 97 % 1450), k);
            Assert.True(chip.Inject(f, f.Length));
            Assert.Equal(FrameResult.Ok, driver.TryReceiveFrame(buffer, 0, buffer.Length, out int n));
            Assert.Equal(f, buffer[..n]);
        }

        Assert.Equal(300, driver.FramesReceived);
        Assert.Equal(0, chip.RxWaiting);
    }

    [Fact]
    public void The_mac_filter_keeps_other_hosts_frames_in_the_chip()
    {
        (W5500Model chip, W5500 driver) = Started();
        byte[] other = Frame([0x02, 0, 0, 0, 0, 0x99], 60, 3);
        Assert.False(chip.Inject(other, other.Length));
        Assert.Equal(FrameResult.None, driver.TryReceiveFrame(new byte[1600], 0, 1600, out _));
    }

    [Fact]
    public void Send_writes_the_frame_at_the_write_pointer_and_waits_for_SEND_OK_before_the_next()
    {
        (W5500Model chip, W5500 driver) = Started(0x3FF0);
        for (int k = 0; k < 40; k++)
        {
            byte[] f = Frame(HostMac, 60 + k * 37, k);
            Assert.Equal(FrameResult.Ok, driver.TrySendFrame(f, 0, f.Length));
            Assert.Equal(f, chip.Sent(k));
        }

        chip.SendOkDelay = 3;
        byte[] g = Frame(HostMac, 100, 9);
        Assert.Equal(FrameResult.Ok, driver.TrySendFrame(g, 0, g.Length));
        Assert.Equal(FrameResult.Ok, driver.TrySendFrame(g, 0, g.Length)); // SEND_OK shows on the 3rd poll

        chip.SendOkDelay = 100000;
        Assert.Equal(FrameResult.Ok, driver.TrySendFrame(g, 0, g.Length));
        Assert.Equal(FrameResult.Busy, driver.TrySendFrame(g, 0, g.Length));
        Assert.Equal(0, chip.ProtocolErrors);
    }

    [Fact]
    public void Frames_too_short_or_too_long_for_Ethernet_are_refused()
    {
        (_, W5500 driver) = Started();
        byte[] f = new byte[2000];
        Assert.Equal(FrameResult.TooLong, driver.TrySendFrame(f, 0, 13));
        Assert.Equal(FrameResult.TooLong, driver.TrySendFrame(f, 0, W5500.MaxFrame + 1));
    }

    [Fact]
    public void Link_changes_are_seen_and_nothing_is_sent_without_link()
    {
        (W5500Model chip, W5500 driver) = Started();
        chip.Link = false;
        Assert.False(driver.PollLink());
        byte[] f = Frame(HostMac, 60, 1);
        Assert.Equal(FrameResult.LinkDown, driver.TrySendFrame(f, 0, f.Length));
        chip.Link = true;
        Assert.True(driver.PollLink());
        Assert.Equal(2, driver.LinkChanges);
        Assert.Equal(FrameResult.Ok, driver.TrySendFrame(f, 0, f.Length));
    }

    [Theory]
    [InlineData((ushort)0x0001)] // shorter than its own packet info
    [InlineData((ushort)0x000F)] // shorter than an Ethernet header
    [InlineData((ushort)0x0700)] // longer than any Ethernet frame
    [InlineData((ushort)0x3000)] // longer than what is waiting
    public void A_corrupt_packet_info_flushes_the_buffer_by_reopening_the_socket(ushort info)
    {
        (W5500Model chip, W5500 driver) = Started();
        chip.InjectBadPacketInfo(info);
        byte[] behind = Frame(OurMac, 80, 4);
        chip.Inject(behind, behind.Length);
        byte[] buffer = new byte[1600];
        Assert.Equal(FrameResult.Corrupt, driver.TryReceiveFrame(buffer, 0, buffer.Length, out _));
        Assert.Equal(2, chip.Opens);
        Assert.Equal(1, driver.CorruptFrames);

        byte[] next = Frame(OurMac, 90, 5);
        Assert.True(chip.Inject(next, next.Length));
        Assert.Equal(FrameResult.Ok, driver.TryReceiveFrame(buffer, 0, buffer.Length, out int n));
        Assert.Equal(next, buffer[..n]);
    }

    [Fact]
    public void A_frame_longer_than_the_callers_buffer_is_dropped_and_the_next_one_read()
    {
        (W5500Model chip, W5500 driver) = Started();
        byte[] big = Frame(OurMac, 1000, 6), small = Frame(OurMac, 70, 7);
        chip.Inject(big, big.Length);
        chip.Inject(small, small.Length);
        byte[] buffer = new byte[500];
        Assert.Equal(FrameResult.TooLong, driver.TryReceiveFrame(buffer, 0, buffer.Length, out _));
        Assert.Equal(FrameResult.Ok, driver.TryReceiveFrame(buffer, 0, buffer.Length, out int n));
        Assert.Equal(small, buffer[..n]);
        Assert.Equal(1, driver.TooLongDrops);
    }

    [Fact]
    public void A_bus_failure_mid_frame_is_a_value()
    {
        (W5500Model chip, W5500 driver) = Started();
        byte[] f = Frame(OurMac, 70, 7);
        chip.Inject(f, f.Length);
        chip.RefuseAfter = chip.Transfers + 3;
        Assert.Equal(FrameResult.BusError, driver.TryReceiveFrame(new byte[1600], 0, 1600, out _));
        Assert.True(driver.BusErrors > 0);
    }

    [Fact]
    public void Spi_transfers_per_frame_are_few()
    {
        // Each transfer is a native call for the interpreter (and a SpanByte value per buffer on
        // nanoFramework); these counts go into boards/esp32/README.md.
        (W5500Model chip, W5500 driver) = Started();
        byte[] buffer = new byte[1600];
        int Count(Action a)
        {
            int before = chip.Transfers;
            a();
            return chip.Transfers - before;
        }

        Assert.Equal(1, Count(() => driver.TryReceiveFrame(buffer, 0, buffer.Length, out _))); // idle poll

        byte[] small = Frame(OurMac, 60, 1), big = Frame(OurMac, 1514, 2);
        chip.Inject(small, small.Length);
        Assert.Equal(6, Count(() => driver.TryReceiveFrame(buffer, 0, buffer.Length, out _))); // RSR twice, frame, RX_RD, RECV, Sn_CR
        chip.Inject(big, big.Length);
        Assert.Equal(7, Count(() => driver.TryReceiveFrame(buffer, 0, buffer.Length, out _)));

        for (int i = 0; i < 10; i++)
        {
            chip.Inject(small, small.Length);
        }

        int burst = Count(() =>
        {
            while (driver.TryReceiveFrame(buffer, 0, buffer.Length, out _) == FrameResult.Ok)
            {
            }
        });
        Assert.Equal(2 + 10 + 3 + 1, burst); // one RSR pair, a transfer per frame, one release, the final idle poll

        Assert.Equal(4, Count(() => driver.TrySendFrame(small, 0, small.Length)));  // frame, Sn_TX_WR, SEND, Sn_CR
        Assert.Equal(6, Count(() => driver.TrySendFrame(small, 0, small.Length)));  // + SEND_OK of the previous: read, clear
    }
}
