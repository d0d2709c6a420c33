using System;
using NanoGate.Hal;

namespace NanoGate.Pstn.Modem
{
    /// <summary>
    /// The modem's port in data mode, as PPP sees it. It passes bytes only while a call is up and
    /// the driver is not escaping to command mode, so a call's bytes never reach the AT parser and
    /// AT traffic never reaches PPP. It watches the incoming bytes for "NO CARRIER", which is how a
    /// modem without a wired DCD line says the call dropped.
    /// </summary>
    public sealed class ModemDataPort : ISerialPort
    {
        private static readonly byte[] s_noCarrier = { 13, 10, (byte)'N', (byte)'O', (byte)' ', (byte)'C', (byte)'A', (byte)'R', (byte)'R', (byte)'I', (byte)'E', (byte)'R', 13 };

        private readonly AtModem _modem;
        private readonly ISerialPort _port;
        private int _match;

        internal ModemDataPort(AtModem modem, ISerialPort port)
        {
            _modem = modem;
            _port = port;
        }

        /// <summary>Bytes PPP tried to send while the call was not in data mode (dropped).</summary>
        public int Dropped { get; private set; }

        /// <summary>Reads data-mode bytes; 0 outside data mode.</summary>
        [FastPath]
        public int Read(byte[] buffer, int offset, int count)
        {
            if (!_modem.InDataMode)
            {
                return 0;
            }

            int n = _port.Read(buffer, offset, count);
            if (n > 0 && _modem.TakeTrailingLineFeed() && buffer[offset] == 10)
            {
                // The LF that ends the verbose "CONNECT" line (V.250 §5.7.1: <cr><lf>text<cr><lf>).
                n--;
                Array.Copy(buffer, offset + 1, buffer, offset, n);
            }

            for (int i = 0; i < n; i++)
            {
                byte b = buffer[offset + i];
                if (b == s_noCarrier[_match])
                {
                    _match++;
                    if (_match == s_noCarrier.Length)
                    {
                        _match = 0;
                        _modem.OnCarrierLost();
                        return i + 1;
                    }
                }
                else
                {
                    _match = b == 13 ? 1 : 0;
                }
            }

            return n;
        }

        /// <summary>Writes data-mode bytes; dropped (and counted) outside data mode.</summary>
        [FastPath]
        public void Write(byte[] buffer, int offset, int count)
        {
            if (!_modem.InDataMode)
            {
                Dropped += count;
                return;
            }

            _port.Write(buffer, offset, count);
            _modem.OnDataSent();
        }
    }
}
