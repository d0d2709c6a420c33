using NanoGate.Hal;

namespace NanoGate.Boards.Linux;

/// <summary>The host's persistent storage: one file per blob in a directory; writes go through a temporary file and a rename (atomic).</summary>
public sealed class DirectoryStorage : IStorage
{
    private readonly string _directory;

    public DirectoryStorage(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public int Length(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? (int)info.Length : -1;
    }

    public int Read(string name, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        if (!File.Exists(path))
        {
            return -1;
        }

        using FileStream f = File.OpenRead(path);
        return f.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
    }

    public bool Write(string name, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        string temporary = path + ".tmp";
        try
        {
            using (FileStream f = File.Create(temporary))
            {
                f.Write(buffer, offset, count);
                f.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
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
}
