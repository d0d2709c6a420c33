namespace NanoGate.Boards.Drivers
{
    /// <summary>
    /// The little a flash file system must offer <see cref="AbStorage"/>: whole-file read, write
    /// and delete by name. Nothing here is assumed atomic: a power cut during <see cref="Write"/>
    /// may leave the file missing, empty, short or with wrong bytes.
    /// </summary>
    public interface IFlashFiles
    {
        /// <summary>The file's length, or -1 when it does not exist.</summary>
        int Length(string path);

        /// <summary>Reads up to <paramref name="count"/> bytes from the start of the file; -1 when it does not exist.</summary>
        int Read(string path, byte[] buffer, int offset, int count);

        /// <summary>Creates or truncates the file, writes the bytes and flushes them; false when the medium refused.</summary>
        bool Write(string path, byte[] buffer, int offset, int count);
    }
}
