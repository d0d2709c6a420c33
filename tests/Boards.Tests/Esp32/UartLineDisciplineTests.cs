using System.Text;
using NanoGate.Boards.Drivers;
using NanoGate.Hal;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>The UART console's line handling: what a terminal user types, sees echoed, and what the console receives.</summary>
public sealed class UartLineDisciplineTests
{
    private sealed class FakeUart : ISerialPort
    {
        public readonly Queue<byte> Typed = new();
        public readonly List<byte> Shown = [];

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && Typed.Count > 0)
            {
                buffer[offset + n++] = Typed.Dequeue();
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Shown.Add(buffer[offset + i]);
            }
        }
    }

    private static (string Received, string Echoed) Type(string typed)
    {
        var uart = new FakeUart();
        foreach (byte b in Encoding.UTF8.GetBytes(typed))
        {
            uart.Typed.Enqueue(b);
        }

        var console = new UartLineDiscipline(uart);
        var received = new List<byte>();
        byte[] buffer = new byte[64];
        for (int i = 0; i < 100; i++)
        {
            int n = console.Read(buffer, 0, buffer.Length);
            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        return (Encoding.UTF8.GetString(received.ToArray()), Encoding.UTF8.GetString(uart.Shown.ToArray()));
    }

    [Theory]
    [InlineData("display ike sa\r", "display ike sa\r", "display ike sa\r\n")]
    [InlineData("disx\u007fplay\r", "display\r", "disx\b \bplay\r\n")]                // DEL (most terminals' Backspace)
    [InlineData("sa\bave\r", "save\r", "sa\b \bave\r\n")]                              // BS
    [InlineData("quit\x15save\r", "save\r", "quit\b \b\b \b\b \b\b \bsave\r\n")]       // Ctrl-U
    [InlineData("sa\x1b[Dve\r", "save\r", "save\r\n")]                                  // cursor left is dropped
    [InlineData("a\r\nb\n", "a\rb\r", "a\r\nb\r\n")]                                    // CR LF is one line end
    [InlineData("sysname h\u00e9\u007f\u007fx\r", "sysname x\r", "sysname h\u00e9\b \b\b \bx\r\n")] // é is two bytes, one character
    [InlineData("\u007f\u007f\r", "\r", "\r\n")]                                            // nothing to erase
    public void Typed_echoed_and_received(string typed, string received, string echoed)
    {
        (string r, string e) = Type(typed);
        Assert.Equal(received, r);
        Assert.Equal(echoed, e);
    }

    [Fact]
    public void A_line_longer_than_the_console_takes_rings_the_bell()
    {
        (string r, string e) = Type(new string('x', UartLineDiscipline.MaxLine + 3) + "\r");
        Assert.Equal(new string('x', UartLineDiscipline.MaxLine) + "\r", r);
        Assert.EndsWith("\a\a\a\r\n", e);
    }

    [Fact]
    public void Reading_allocates_nothing()
    {
        var uart = new FakeUart();
        var console = new UartLineDiscipline(uart);
        byte[] buffer = new byte[64];
        byte[] line = Encoding.ASCII.GetBytes("display ike sa\u007f\u007fa\r");
        uart.Shown.Capacity = 100000;
        for (int k = 0; k < 200; k++)
        {
            foreach (byte b in line)
            {
                uart.Typed.Enqueue(b);
            }
        }

        console.Read(buffer, 0, buffer.Length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 2000; i++)
        {
            total += console.Read(buffer, 0, buffer.Length);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(total > 0);
    }
}
