namespace NanoGate.Boards.Drivers
{
    /// <summary>
    /// An Ethernet controller in raw mode: whole Ethernet II frames (destination MAC to payload,
    /// no preamble, no FCS) in and out. Poll-style and allocation-free; failures are values.
    /// </summary>
    public interface IFrameDevice
    {
        /// <summary>The controller's MAC address (6 bytes; read-only to callers by agreement).</summary>
        byte[] MacAddress { get; }

        /// <summary>True while the PHY reports a link (as of the last <see cref="PollLink"/>).</summary>
        bool LinkUp { get; }

        /// <summary>Reads the PHY's link state from the chip; returns it.</summary>
        bool PollLink();

        /// <summary>Copies the next received frame into the buffer; <paramref name="length"/> is its length when Ok.</summary>
        FrameResult TryReceiveFrame(byte[] buffer, int offset, int count, out int length);

        /// <summary>Queues one frame for sending.</summary>
        FrameResult TrySendFrame(byte[] buffer, int offset, int count);
    }
}
