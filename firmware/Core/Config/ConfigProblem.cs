namespace NanoGate.Firmware.Config
{
    /// <summary>A configuration that parsed but cannot be applied: which block, and why.</summary>
    public sealed class ConfigProblem
    {
        /// <summary>Creates a problem.</summary>
        public ConfigProblem(string block, string message)
        {
            Block = block;
            Message = message;
        }

        /// <summary>The block header it belongs to ("ike peer hq"), or "" for system-level settings.</summary>
        public string Block { get; private set; }

        /// <summary>The sentence for the operator.</summary>
        public string Message { get; private set; }
    }
}
