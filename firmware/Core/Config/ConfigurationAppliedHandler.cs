namespace NanoGate.Firmware.Config
{
    /// <summary>Told when a complete, valid configuration has been applied (a deep copy the console no longer edits).</summary>
    public delegate void ConfigurationAppliedHandler(GatewayConfiguration applied);
}
