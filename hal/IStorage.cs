namespace NanoGate.Hal
{
    /// <summary>
    /// Persistent storage for small named blobs (the startup configuration, the capture export).
    /// Flash on the device, a directory on the host.
    /// </summary>
    public interface IStorage
    {
        /// <summary>The blob's length, or -1 when it does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes of the blob; returns how many were read, -1 when missing.</summary>
        int Read(string name, byte[] buffer, int offset, int count);

        /// <summary>Replaces the blob atomically; false when the medium refused.</summary>
        bool Write(string name, byte[] buffer, int offset, int count);
    }
}
