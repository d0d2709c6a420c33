using System;

namespace NanoGate.Boards.Drivers
{
    /// <summary>
    /// One board's data (boards/esp32/NAME/board.conf) as the device reads it: key/value pairs
    /// compiled in from <see cref="BoardTable"/>, looked up by key. A key the board lacks reads as
    /// null or -1.
    /// </summary>
    public sealed class BoardData
    {
        private readonly string[] _pairs;

        /// <summary>Board data over key, value, key, value, ... pairs.</summary>
        public BoardData(string[] pairs)
        {
            if (pairs == null || pairs.Length % 2 != 0)
            {
                throw new ArgumentException("key/value pairs", nameof(pairs));
            }

            _pairs = pairs;
        }

        /// <summary>The board's name (its folder under boards/esp32).</summary>
        public string Name
        {
            get { return Text("name"); }
        }

        /// <summary>The pairs, key first (for the host test that compares them with board.conf).</summary>
        public string[] Pairs
        {
            get { return _pairs; }
        }

        /// <summary>The value of <paramref name="key"/>, or null.</summary>
        public string Text(string key)
        {
            for (int i = 0; i < _pairs.Length; i += 2)
            {
                if (_pairs[i] == key)
                {
                    return _pairs[i + 1];
                }
            }

            return null;
        }

        /// <summary>The integer value of <paramref name="key"/> (a GPIO, a number), or -1 when missing or not a number.</summary>
        public int Number(string key)
        {
            string text = Text(key);
            if (text == null || text.Length == 0)
            {
                return -1;
            }

            bool negative = text[0] == '-';
            int value = 0;
            for (int i = negative ? 1 : 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9' || value > 214748363)
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return negative ? -value : value;
        }
    }
}
