using System.Runtime.InteropServices;
using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>
/// The host's persistent storage: one file per blob in a directory. A write goes to a temporary
/// file of its own name (never a fixed ".tmp" another writer could share), created 0600 since a
/// blob may hold keys, is flushed to disk, replaces the blob with a rename that keeps the previous
/// copy as NAME.previous, and the directory is synced so the rename itself survives a power cut
/// (issue 13). Blobs are at most <see cref="MaxBlobBytes"/>.
/// </summary>
public sealed partial class DirectoryStorage : IStorage
{
    /// <summary>Largest blob written or read (a startup configuration is a few KB).</summary>
    public const int MaxBlobBytes = 1 << 20;

    /// <summary>The suffix of the copy a write keeps of the blob it replaced.</summary>
    public const string PreviousSuffix = ".previous";

    private const int ORdonly = 0;
    private const int ODirectory = 0x10000;
    private readonly string _directory;

    public DirectoryStorage(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public int Length(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? (int)Math.Min(info.Length, int.MaxValue) : -1;
    }

    public int Read(string name, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        if (!File.Exists(path))
        {
            return -1;
        }

        using FileStream f = File.OpenRead(path);
        return f.ReadAtLeast(buffer.AsSpan(offset, Math.Min(count, MaxBlobBytes)), Math.Min(count, MaxBlobBytes), throwOnEndOfStream: false);
    }

    public bool Write(string name, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        if (count > MaxBlobBytes)
        {
            return false;
        }

        string temporary = Path.Combine(_directory, "." + name + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var f = new FileStream(temporary, options))
            {
                f.Write(buffer, offset, count);
                f.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temporary, path, path + PreviousSuffix);
            }
            else
            {
                File.Move(temporary, path);
            }

            SyncDirectory();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
            }

            return false;
        }
    }

    /// <summary>fsync(2) of the directory: a rename is durable only once its directory entry is.</summary>
    private void SyncDirectory()
    {
        int fd = Open(_directory, ORdonly | ODirectory);
        if (fd >= 0)
        {
            _ = FSync(fd);
            _ = Close(fd);
        }
    }

    private string PathOf(string name)
    {
        if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name.StartsWith('.'))
        {
            throw new ArgumentException($"'{name}' is not a plain blob name", nameof(name));
        }

        return Path.Combine(_directory, name);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
