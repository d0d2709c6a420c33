using System;
using System.IO;
using NanoGate.Boards.Drivers;

namespace NanoGate.Boards.Esp32
{
    /// <summary>
    /// <see cref="IFlashFiles"/> on the ESP32's internal littlefs drive (I:, partition "config",
    /// DEVICE-FACTS §5) through System.IO.File and FileStream. Errors become values.
    /// </summary>
    public sealed class LittleFsFiles : IFlashFiles
    {
        /// <summary>The internal drive's root, the prefix for AbStorage.</summary>
        public const string Root = "I:\\";

        /// <inheritdoc/>
        public int Length(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return -1;
                }

                return (int)new FileInfo(path).Length;
            }
            catch (Exception)
            {
                return -1;
            }
        }

        /// <inheritdoc/>
        public int Read(string path, byte[] buffer, int offset, int count)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return -1;
                }

                FileStream f = new FileStream(path, FileMode.Open, FileAccess.Read);
                try
                {
                    int total = 0;
                    while (total < count)
                    {
                        int n = f.Read(buffer, offset + total, count - total);
                        if (n <= 0)
                        {
                            break;
                        }

                        total += n;
                    }

                    return total;
                }
                finally
                {
                    f.Close();
                }
            }
            catch (Exception)
            {
                return -1;
            }
        }

        /// <inheritdoc/>
        public bool Write(string path, byte[] buffer, int offset, int count)
        {
            try
            {
                FileStream f = new FileStream(path, FileMode.Create, FileAccess.Write);
                try
                {
                    f.Write(buffer, offset, count);
                    f.Flush();
                }
                finally
                {
                    f.Close();
                }

                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
