namespace NanoGate.Esp.Tests;

/// <summary>
/// After warm-up, encapsulating and decapsulating allocates nothing on the host, for every
/// algorithm set (GC.GetAllocatedBytesForCurrentThread). The 1,000,000-packet run is the
/// benchmark's (tests/bench.sh esp); the unit test uses 20,000 packets each way.
/// </summary>
public class EspAllocationTests
{
    private const int Packets = 20_000;

    public static TheoryData<string, int> Cases() => EspRoundTripTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Twenty_thousand_packets_each_way_allocate_nothing(string provider, int suiteIndex)
    {
        EspSuite suite = EspSuite.All[suiteIndex];
        var pair = new EspPair(EspPair.Provider(provider), suite);
        var slot = new PacketSlot(1500);
        int count = provider == "portable" ? Packets / 10 : Packets;

        // Warm-up: JIT, first-use caches.
        Run(pair, slot, 200);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int delivered = Run(pair, slot, count);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(count, delivered);
        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// The device's data path: the native provider (native/, the C the ESP32 runs), 1,000,000
    /// packets each way (half 64, half 1400 bytes) through EspEngine, 0 bytes allocated on the managed side.
    /// </summary>
    [Theory]
    [InlineData(8)] // aes256-gcm-16, the device default
    [InlineData(1)] // aes128-cbc/hmac-sha256-128
    public void One_million_packets_each_way_through_the_native_provider_allocate_nothing(int suiteIndex)
    {
        const int Million = 1_000_000;
        var pair = new EspPair(EspPair.Provider("native"), EspSuite.All[suiteIndex]);
        var slot = new PacketSlot(1500);
        Run(pair, slot, 200);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int delivered = Run(pair, slot, Million);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Million, delivered);
        Assert.Equal(0, allocated);
    }

    private static int Run(EspPair pair, PacketSlot slot, int count)
    {
        int ok = 0;
        for (int i = 0; i < count; i++)
        {
            int length = (i & 1) == 0 ? 64 : 1400;
            EspPair.WriteInner(slot, length);
            if (pair.A.Encapsulate(slot, i) != DropReason.None)
            {
                continue;
            }

            EspPair.ToReceived(slot);
            if (pair.B.Decapsulate(slot, i) == DropReason.None)
            {
                ok++;
            }
        }

        return ok;
    }
}
