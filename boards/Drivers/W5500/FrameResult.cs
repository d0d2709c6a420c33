namespace NanoGate.Boards.Drivers
{
    /// <summary>What became of one frame handed to or asked of an Ethernet controller.</summary>
    public enum FrameResult
    {
        /// <summary>A frame was received or queued for sending.</summary>
        Ok = 0,

        /// <summary>No frame is waiting.</summary>
        None = 1,

        /// <summary>The frame was longer than the buffer (received: dropped) or than an Ethernet frame (sent: refused).</summary>
        TooLong = 2,

        /// <summary>The controller reported a frame length that cannot be; its receive buffer was flushed.</summary>
        Corrupt = 3,

        /// <summary>No Ethernet link: nothing is sent.</summary>
        LinkDown = 4,

        /// <summary>The previous frame is still being sent.</summary>
        Busy = 5,

        /// <summary>The SPI bus refused a transfer, or the controller was never started.</summary>
        BusError = 6,
    }
}
