using System.Text;

namespace NanoGate.Firmware.Cli
{
    /// <summary>An <see cref="ILineWriter"/> that collects lines into text ("\n" after each line).</summary>
    public sealed class TextBuffer : ILineWriter
    {
        private readonly StringBuilder _text = new StringBuilder();

        /// <summary>Number of lines written.</summary>
        public int LineCount { get; private set; }

        /// <inheritdoc/>
        public void WriteLine(string line)
        {
            _text.Append(line);
            _text.Append('\n');
            LineCount++;
        }

        /// <summary>Forgets everything written.</summary>
        public void Clear()
        {
            _text.Clear();
            LineCount = 0;
        }

        /// <summary>The collected text.</summary>
        public override string ToString()
        {
            return _text.ToString();
        }
    }
}
