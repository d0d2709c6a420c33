namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// An open block of the configuration (<c>ike proposal 10</c>, <c>ike peer hq</c>, ...): carries
    /// out the commands of its view, each setting and its <c>undo</c>, on the object it edits.
    /// </summary>
    public interface IConfigView
    {
        /// <summary>Carries out a command of this view; null on success, else why not (nothing changed then).</summary>
        CliError Apply(ParsedCommand c);
    }
}
