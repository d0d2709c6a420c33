using System.Text;
using NanoGate.Hal;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>Lines to the console UART as UTF-8, each ended with the board's line end.</summary>
    public sealed class SerialLineWriter : ILineWriter
    {
        private readonly ISerialPort _port;
        private readonly string _newLine;

        /// <summary>Writes to <paramref name="port"/>, ending lines with <paramref name="newLine"/>.</summary>
        public SerialLineWriter(ISerialPort port, string newLine)
        {
            _port = port;
            _newLine = newLine;
        }

        /// <inheritdoc/>
        public void WriteLine(string line)
        {
            Write(line + _newLine);
        }

        /// <summary>Writes text without a line end (the prompt).</summary>
        public void Write(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            _port.Write(bytes, 0, bytes.Length);
        }
    }
}
