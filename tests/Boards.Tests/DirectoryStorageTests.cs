using System.Text;
using NanoGate.Boards.Linux;

namespace NanoGate.Boards.Tests;

/// <summary>
/// Issue 13 finding 10, the Linux board's storage: blobs that hold keys are written 0600 through a
/// temporary file of their own, the previous copy is kept, nothing is left behind, and a blob has
/// a size limit.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DirectoryStorageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ng-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void A_blob_is_written_for_its_owner_only_and_reads_back()
    {
        var storage = new DirectoryStorage(_dir);
        byte[] data = Encoding.ASCII.GetBytes("pre-shared-key cipher fake-test-cipher\n");
        Assert.True(storage.Write("startup.cfg", data, 0, data.Length));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "startup.cfg")));
        byte[] back = new byte[storage.Length("startup.cfg")];
        Assert.Equal(data.Length, storage.Read("startup.cfg", back, 0, back.Length));
        Assert.Equal(data, back);
    }

    [Fact]
    public void A_second_save_keeps_the_first_as_the_previous_copy_and_leaves_no_temporary_file()
    {
        var storage = new DirectoryStorage(_dir);
        byte[] first = Encoding.ASCII.GetBytes("sysname one\n");
        byte[] second = Encoding.ASCII.GetBytes("sysname two\n");
        Assert.True(storage.Write("startup.cfg", first, 0, first.Length));
        Assert.True(storage.Write("startup.cfg", second, 0, second.Length));
        Assert.Equal("sysname two\n", File.ReadAllText(Path.Combine(_dir, "startup.cfg")));
        Assert.Equal("sysname one\n", File.ReadAllText(Path.Combine(_dir, "startup.cfg" + DirectoryStorage.PreviousSuffix)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(Path.Combine(_dir, "startup.cfg" + DirectoryStorage.PreviousSuffix)));
        Assert.Equal(new[] { "startup.cfg", "startup.cfg.previous" }, Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).Order().ToArray());
    }

    [Fact]
    public void A_blob_over_the_limit_is_refused_and_the_old_one_stays()
    {
        var storage = new DirectoryStorage(_dir);
        byte[] small = [1, 2, 3];
        Assert.True(storage.Write("capture.pcap", small, 0, small.Length));
        byte[] huge = new byte[DirectoryStorage.MaxBlobBytes + 1];
        Assert.False(storage.Write("capture.pcap", huge, 0, huge.Length));
        Assert.Equal(3, storage.Length("capture.pcap"));
    }
}
