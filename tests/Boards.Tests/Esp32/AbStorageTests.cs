using System.Text;
using NanoGate.Boards.Drivers;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>
/// The A/B storage under power cuts: a file system model that performs each write as steps
/// (truncate, then 64-byte chunks, then flush) and can lose power before any step, leaving the
/// file as far as it got, optionally with the chunk in flight torn (garbage).
/// </summary>
public sealed class AbStorageTests
{
    private sealed class PowerCut : Exception;

    private sealed class CuttableFiles : IFlashFiles
    {
        public const int Chunk = 64;
        public readonly Dictionary<string, byte[]> Files = new(StringComparer.Ordinal);
        public int Steps;
        public int CutAtStep = -1;
        public bool Torn;

        public int Length(string path) => Files.TryGetValue(path, out byte[]? f) ? f.Length : -1;

        public int Read(string path, byte[] buffer, int offset, int count)
        {
            if (!Files.TryGetValue(path, out byte[]? f))
            {
                return -1;
            }

            int n = Math.Min(count, f.Length);
            Array.Copy(f, 0, buffer, offset, n);
            return n;
        }

        public bool Write(string path, byte[] buffer, int offset, int count)
        {
            Step(path, null);
            Files[path] = [];
            for (int done = 0; done < count; done += Chunk)
            {
                int n = Math.Min(Chunk, count - done);
                byte[] chunk = buffer.AsSpan(offset + done, n).ToArray();
                Step(path, chunk);
                Files[path] = [.. Files[path], .. chunk];
            }

            Step(path, null); // flush/close
            return true;
        }

        private void Step(string path, byte[]? inFlight)
        {
            if (Steps++ == CutAtStep)
            {
                if (Torn && inFlight != null)
                {
                    byte[] garbage = new byte[inFlight.Length / 2];
                    Array.Fill(garbage, (byte)0xA5);
                    Files[path] = [.. Files[path], .. garbage];
                }

                throw new PowerCut();
            }
        }
    }

    private static byte[] Config(string text) => Encoding.UTF8.GetBytes(text);

    private static string? ReadBack(IFlashFiles files)
    {
        var storage = new AbStorage(files, "I:\\", 65536);
        int length = storage.Length("startup.cfg");
        if (length < 0)
        {
            return null;
        }

        byte[] b = new byte[length];
        Assert.Equal(length, storage.Read("startup.cfg", b, 0, length));
        return Encoding.UTF8.GetString(b);
    }

    [Fact]
    public void Crc32_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789"), 0, 9));
    }

    [Fact]
    public void Saves_alternate_between_the_copies_and_the_newest_is_read()
    {
        var files = new CuttableFiles();
        var storage = new AbStorage(files, "I:\\", 65536);
        Assert.Equal(-1, storage.Length("startup.cfg"));
        for (int i = 1; i <= 5; i++)
        {
            byte[] c = Config("sysname gw" + i);
            Assert.True(storage.Write("startup.cfg", c, 0, c.Length));
            Assert.Equal("sysname gw" + i, ReadBack(files));
        }

        Assert.Equal(2, files.Files.Count);
        Assert.True(files.Files.ContainsKey("I:\\startup.cfg.a"));
        Assert.True(files.Files.ContainsKey("I:\\startup.cfg.b"));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(false, 1)] // the previous configuration was saved once: only copy A exists
    [InlineData(true, 2)]  // saved twice: both copies exist
    [InlineData(false, 3)]
    public void A_power_cut_at_any_step_of_a_save_leaves_the_previous_or_the_new_configuration(bool torn, int earlierSaves)
    {
        string old = "sysname before\n" + new string('#', 300);
        string next = "sysname after\n" + new string('*', 500);

        // Count the steps of one save in the same starting state.
        var probe = new CuttableFiles();
        for (int i = 0; i < earlierSaves; i++)
        {
            new AbStorage(probe, "I:\\", 65536).Write("startup.cfg", Config(old), 0, Config(old).Length);
        }

        int start = probe.Steps;
        new AbStorage(probe, "I:\\", 65536).Write("startup.cfg", Config(next), 0, Config(next).Length);
        int steps = probe.Steps - start;
        Assert.True(steps >= 10);

        for (int cut = 0; cut <= steps; cut++)
        {
            var files = new CuttableFiles { Torn = torn };
            for (int i = 0; i < earlierSaves; i++)
            {
                new AbStorage(files, "I:\\", 65536).Write("startup.cfg", Config(old), 0, Config(old).Length);
            }

            files.CutAtStep = files.Steps + cut;
            bool completed;
            try
            {
                completed = new AbStorage(files, "I:\\", 65536).Write("startup.cfg", Config(next), 0, Config(next).Length);
            }
            catch (PowerCut)
            {
                completed = false;
            }

            string? after = ReadBack(files); // after the reboot
            if (completed)
            {
                Assert.Equal(next, after);
            }
            else if (earlierSaves == 0)
            {
                Assert.True(after is null || after == next, $"cut at step {cut}: read '{after}'");
            }
            else
            {
                Assert.True(after == old || after == next, $"cut at step {cut} of {steps}: read '{after}'");
            }

            // Whatever survived, the next save works and wins.
            files.CutAtStep = -1;
            var again = new AbStorage(files, "I:\\", 65536);
            Assert.True(again.Write("startup.cfg", Config("sysname third"), 0, 13));
            Assert.Equal("sysname third", ReadBack(files));
        }
    }

    [Fact]
    public void A_damaged_newest_copy_falls_back_to_the_other()
    {
        var files = new CuttableFiles();
        var storage = new AbStorage(files, "I:\\", 65536);
        storage.Write("startup.cfg", Config("one"), 0, 3);
        storage.Write("startup.cfg", Config("two"), 0, 3);
        files.Files["I:\\startup.cfg.b"][AbStorage.RecordHeader] ^= 0x01; // a bit flips in the payload
        Assert.Equal("one", ReadBack(files));
    }

    [Fact]
    public void The_sequence_number_may_wrap()
    {
        var files = new CuttableFiles();
        var storage = new AbStorage(files, "I:\\", 65536);
        storage.Write("startup.cfg", Config("old"), 0, 3);
        // Forge copy A at the top of the sequence space, with a valid CRC.
        byte[] a = files.Files["I:\\startup.cfg.a"];
        NanoGate.Hal.BigEndian.WriteUInt32(a, 4, 0xFFFFFFFF);
        uint crc = Crc32.Update(Crc32.Start(), a, 0, 12);
        NanoGate.Hal.BigEndian.WriteUInt32(a, 12, Crc32.Finish(Crc32.Update(crc, a, 16, a.Length - 16)));
        storage.Write("startup.cfg", Config("new"), 0, 3); // sequence 0 in copy B
        Assert.Equal("new", ReadBack(files));
    }

    [Fact]
    public void Blobs_larger_than_the_limit_are_refused()
    {
        var storage = new AbStorage(new CuttableFiles(), "", 16);
        Assert.False(storage.Write("x", new byte[17], 0, 17));
        Assert.True(storage.Write("x", new byte[16], 0, 16));
    }
}
