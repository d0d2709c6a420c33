using System;
using NanoGate.Firmware.Gateway;
using NanoGate.Hal;
using NanoGate.Hal.Crypto.Soft;

namespace NanoGate.Device
{
    /// <summary>
    /// The one place the application builds its board.
    /// MERGE NOTE: once boards/esp32 (NanoGate.Boards.Esp32.nfproj) is in the tree, <see cref="Create"/>
    /// becomes <c>return NanoGate.Boards.Esp32.Esp32Board.Create();</c>, NanoGate.Device.nfproj gets a
    /// ProjectReference to it and packages.config whatever that project declares; the two private
    /// classes below go.
    /// Until then the board has only what the nanoFramework core library provides on any target (a
    /// clock, System.Random, the portable crypto): no network, console, LEDs or storage, so the
    /// application boots, runs the self-test and an idle gateway, and reports to the debugger.
    /// </summary>
    public static class BoardFactory
    {
        /// <summary>The board the application runs on.</summary>
        public static GatewayBoard Create()
        {
            var board = new GatewayBoard
            {
                Name = "nanoframework (no board support)",
                Clock = new TickClock(),
                Random = new CoreRandom(),
                Crypto = new PortableCryptoProvider(),
            };
            DeviceProfile.Apply(board);
            return board;
        }

        /// <summary>Environment.TickCount64 (nanoFramework.Runtime.Native): milliseconds since boot.</summary>
        private sealed class TickClock : IMonotonicClock
        {
            public long NowMs
            {
                get { return Environment.TickCount64; }
            }
        }

        /// <summary>
        /// System.Random: esp_random() on an ESP32, a true RNG only while the radio is on or the
        /// bootloader entropy source is enabled (docs of ESP-IDF), so not claimed as cryptographic.
        /// </summary>
        private sealed class CoreRandom : IRandomSource
        {
            private readonly Random _random = new Random();

            public bool IsCryptographicallySecure
            {
                get { return false; }
            }

            public void Fill(byte[] buffer, int offset, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    buffer[offset + i] = (byte)_random.Next(256);
                }
            }
        }
    }
}
