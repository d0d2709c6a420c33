using System;
using NanoGate.Hal;

namespace NanoGate.Boards.Drivers
{
    // A UART has no terminal driver in front of it: what the user types is not echoed and
    // Backspace arrives as a byte (BS 0x08 or DEL 0x7F). The host boards get both from the tty.
    // This line discipline does the tty's "cooked mode" for the firmware's SerialConsole, which
    // only collects bytes up to CR or LF:
    //
    //   printable byte  -> into the line, echoed (a full line rings the bell instead)
    //   BS, DEL         -> the last character leaves the line (all bytes of a UTF-8 sequence), "\b \b"
    //   Ctrl-U          -> the whole line is erased
    //   ESC [ ... final -> dropped (arrow and function keys: ECMA-48 control sequences)
    //   CR, LF, CR LF   -> "\r\n" echoed, the line plus CR handed to the reader
    //   other controls  -> dropped
    //
    // Only whole lines are handed on, so the console never sees an erased byte. Allocation-free.

    /// <summary>
    /// <see cref="ISerialPort"/> decorator that echoes and edits input lines on a raw UART (see the
    /// flow above); writes pass through.
    /// </summary>
    public sealed class UartLineDiscipline : ISerialPort
    {
        /// <summary>Longest line kept (the firmware console's limit).</summary>
        public const int MaxLine = 512;

        private const byte Bs = 0x08;
        private const byte Del = 0x7F;
        private const byte Esc = 0x1B;
        private const byte CtrlU = 0x15;
        private const byte Bell = 0x07;

        private readonly ISerialPort _port;
        private readonly byte[] _in = new byte[64];
        private readonly byte[] _line = new byte[MaxLine];
        private readonly byte[] _ready = new byte[MaxLine + 1];
        private readonly byte[] _echo = new byte[64 * 3]; // a read of 64 bytes echoes at most 3 each; Ctrl-U flushes as it goes
        private int _inOffset;
        private int _inLength;
        private int _length;
        private int _readyOffset;
        private int _readyLength;
        private int _echoLength;
        private int _escape;
        private bool _lastCr;

        /// <summary>A line discipline on <paramref name="port"/>.</summary>
        public UartLineDiscipline(ISerialPort port)
        {
            if (port == null)
            {
                throw new ArgumentNullException(nameof(port));
            }

            _port = port;
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count)
        {
            if (_readyOffset == _readyLength)
            {
                if (_inOffset == _inLength)
                {
                    _inOffset = 0;
                    _inLength = _port.Read(_in, 0, _in.Length);
                    if (_inLength < 0)
                    {
                        _inLength = 0;
                    }
                }

                Cook();
                if (_echoLength > 0)
                {
                    _port.Write(_echo, 0, _echoLength);
                    _echoLength = 0;
                }
            }

            int n = _readyLength - _readyOffset;
            if (n > count)
            {
                n = count;
            }

            Array.Copy(_ready, _readyOffset, buffer, offset, n);
            _readyOffset += n;
            return n;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        // Takes bytes from _in until a line is complete or _in is used up.
        private void Cook()
        {
            while (_inOffset < _inLength)
            {
                byte b = _in[_inOffset++];
                bool cr = _lastCr;
                _lastCr = b == (byte)'\r';
                if (_escape == 1)
                {
                    _escape = b == (byte)'[' || b == (byte)'O' ? 2 : 0;
                    continue;
                }

                if (_escape == 2)
                {
                    if (b >= 0x40 && b <= 0x7E)
                    {
                        _escape = 0;
                    }

                    continue;
                }

                if (b == (byte)'\r' || b == (byte)'\n')
                {
                    if (b == (byte)'\n' && cr)
                    {
                        continue; // the LF of CR LF
                    }

                    Echo((byte)'\r');
                    Echo((byte)'\n');
                    Array.Copy(_line, 0, _ready, 0, _length);
                    _ready[_length] = (byte)'\r';
                    _readyOffset = 0;
                    _readyLength = _length + 1;
                    _length = 0;
                    return;
                }

                if (b == Bs || b == Del)
                {
                    EraseCharacter();
                }
                else if (b == CtrlU)
                {
                    while (_length > 0)
                    {
                        EraseCharacter();
                    }
                }
                else if (b == Esc)
                {
                    _escape = 1;
                }
                else if (b < 0x20)
                {
                    // Other control characters are not part of a command.
                }
                else if (_length == _line.Length)
                {
                    Echo(Bell);
                }
                else
                {
                    _line[_length++] = b;
                    Echo(b);
                }
            }
        }

        private void EraseCharacter()
        {
            if (_length == 0)
            {
                return;
            }

            // A UTF-8 character is its lead byte and the continuation bytes (10xxxxxx) after it.
            while (_length > 1 && (_line[_length - 1] & 0xC0) == 0x80)
            {
                _length--;
            }

            _length--;
            Echo(Bs);
            Echo((byte)' ');
            Echo(Bs);
        }

        private void Echo(byte b)
        {
            if (_echoLength == _echo.Length)
            {
                _port.Write(_echo, 0, _echoLength);
                _echoLength = 0;
            }

            _echo[_echoLength++] = b;
        }
    }
}
