using System.Text;
using NanoGate.Firmware.Cli;
using NanoGate.Hal;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The console on the UART: collects bytes into a line, runs it through the CLI at CR or LF,
    /// shows the prompt. Non-blocking: <see cref="Service"/> takes what has arrived and returns.
    /// A line longer than the buffer is discarded with a message.
    /// </summary>
    public sealed class SerialConsole
    {
        /// <summary>Longest command line (the longest CLI argument is 255 characters).</summary>
        public const int MaxLine = 512;

        private readonly ISerialPort _port;
        private readonly CommandLine _cli;
        private readonly ILineWriter _out;
        private readonly bool _prompt;
        private readonly byte[] _read = new byte[64];
        private readonly byte[] _line = new byte[MaxLine];
        private int _readAt;
        private int _readCount;
        private int _length;
        private bool _overflow;
        private bool _promptShown;
        private bool _noticeShown;

        /// <summary>A console on <paramref name="port"/> for <paramref name="cli"/>, writing through <paramref name="output"/>.</summary>
        public SerialConsole(ISerialPort port, CommandLine cli, ILineWriter output, bool prompt)
        {
            _port = port;
            _cli = cli;
            _out = output;
            _prompt = prompt;
        }

        /// <summary>
        /// Handles what arrived; returns the number of lines run. While a command runs on (a ping,
        /// CommandLine.Busy) nothing is read: what is typed meanwhile waits, and runs after it.
        /// </summary>
        public int Service(long nowMs)
        {
            if (_cli.Busy)
            {
                return 0;
            }

            if (_prompt && !_promptShown)
            {
                ShowPrompt();
            }

            int lines = 0;
            while (true)
            {
                if (_readAt == _readCount)
                {
                    _readAt = 0;
                    _readCount = _port.Read(_read, 0, _read.Length);
                    if (_readCount <= 0)
                    {
                        _readCount = 0;
                        return lines;
                    }
                }

                while (_readAt < _readCount)
                {
                    byte b = _read[_readAt++];
                    if (b == (byte)'\r' || b == (byte)'\n')
                    {
                        if (_length > 0 || _overflow || b == (byte)'\r')
                        {
                            RunLine(nowMs);
                            lines++;
                            if (_cli.Busy)
                            {
                                return lines; // the rest of what was read waits for the command's end
                            }
                        }

                        continue;
                    }

                    if (_length == _line.Length)
                    {
                        _overflow = true;
                        continue;
                    }

                    _line[_length++] = b;
                }
            }
        }

        private void RunLine(long nowMs)
        {
            if (_overflow)
            {
                _out.WriteLine("Error: Line longer than " + MaxLine.ToString() + " characters; ignored.");
            }
            else if (_length > 0)
            {
                _cli.Execute(Encoding.UTF8.GetString(_line, 0, _length), nowMs);
            }

            _length = 0;
            _overflow = false;
            _promptShown = false;
            if (_prompt && !_cli.Busy)
            {
                ShowPrompt();
            }
        }

        private void ShowPrompt()
        {
            _promptShown = true;
            if (!_noticeShown)
            {
                // At the start: a login, or the plain statement that there is none (issue 16).
                _noticeShown = true;
                _out.WriteLine(_cli.LoginNotice);
            }

            SerialLineWriter serial = _out as SerialLineWriter;
            if (serial != null)
            {
                serial.Write(_cli.Prompt);
            }
        }
    }
}
