namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The CLI's output, switchable: the serial console normally, a console-socket client or a
    /// start-up report while one line or file runs. A null target swallows the text.
    /// </summary>
    public sealed class RoutedLineWriter : ILineWriter
    {
        /// <summary>Writes to <paramref name="target"/> until it is changed.</summary>
        public RoutedLineWriter(ILineWriter target)
        {
            Target = target;
        }

        /// <summary>Where lines go now.</summary>
        public ILineWriter Target { get; set; }

        /// <inheritdoc/>
        public void WriteLine(string line)
        {
            ILineWriter target = Target;
            if (target != null)
            {
                target.WriteLine(line);
            }
        }
    }
}
