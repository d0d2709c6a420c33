using System.Threading;
using NanoGate.Boards.Esp32;
using NanoGate.Firmware;
using NanoGate.Firmware.Gateway;

namespace NanoGate.Device
{
    // The application nanoff deploys (build.ps1 flash). One thread does everything:
    //
    //  1. BoardFactory.Create: the board's hal pieces and sizes.
    //  2. GatewayStartup.PowerOn: self-test, gateway, startup.cfg from the board's storage, IKEv1,
    //     Start (the same start-up `nanogate run` uses on Linux, firmware/Core/Gateway/GatewayStartup.cs).
    //  2b. Esp32Board.Attach: the WAN and LAN addressing follow each applied configuration.
    //  3. The run loop: Esp32Board.Service (WAN link events to the LED logic), then Gateway.RunOnce
    //     with the board's clock; when a pass found no work, the thread sleeps a millisecond so the
    //     lwIP and UART threads of the runtime get the CPU.

    /// <summary>The device application: the entry point the nanoFramework runtime calls.</summary>
    public static class Program
    {
        /// <summary>How long the run loop sleeps after a pass with nothing to do (ms).</summary>
        public const int IdleSleepMs = 1;

        /// <summary>Boots the board and runs the gateway until power-off.</summary>
        public static void Main()
        {
            GatewayBoard board = BoardFactory.Create();
            ILineWriter report = board.Console != null
                ? new SerialLineWriter(board.Console, board.ConsoleNewLine)
                : new DebugLineWriter();
            Gateway gateway = GatewayStartup.PowerOn(board, report);
            Esp32Board esp32 = Esp32Board.Current;
            esp32.Attach(gateway);
            while (true)
            {
                esp32.Service(gateway);
                if (gateway.RunOnce(board.Clock.NowMs) == 0)
                {
                    Thread.Sleep(IdleSleepMs);
                }
            }
        }
    }
}
