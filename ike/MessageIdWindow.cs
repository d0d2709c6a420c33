namespace NanoGate.Ike
{
    /// <summary>
    /// The message IDs of the last <see cref="Size"/> protected informational messages a peer sent
    /// under one ISAKMP SA. RFC 2408 §3.1 makes each exchange's message ID unique; a protected
    /// message that comes again with a known ID is a replay (a captured R-U-THERE or Delete sent
    /// again) and is dropped before anything acts on it. Only authenticated messages enter, so
    /// forged ones cannot push real IDs out.
    /// </summary>
    public sealed class MessageIdWindow
    {
        /// <summary>IDs remembered.</summary>
        public const int Size = 32;

        // Grown on demand (4, 8, 16, 32 IDs): most ISAKMP SAs see one or two quick modes and a few
        // informational messages, so three full windows per SA (issue 17: 3 x 152 bytes on the
        // host) were mostly empty. Once full at Size the oldest ID is replaced.
        private uint[] _ids;
        private int _count;
        private int _next;

        /// <summary>True when <paramref name="messageId"/> is in the window.</summary>
        public bool Contains(uint messageId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == messageId)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Records <paramref name="messageId"/>; false when it is already in the window (a replay).</summary>
        public bool TryAdd(uint messageId)
        {
            if (Contains(messageId))
            {
                return false;
            }

            if (_ids == null || (_count == _ids.Length && _count < Size))
            {
                uint[] grown = new uint[_ids == null ? 4 : 2 * _ids.Length];
                if (_ids != null)
                {
                    System.Array.Copy(_ids, grown, _count);
                }

                _ids = grown;
                _next = _count;
            }

            _ids[_next] = messageId;
            _next = (_next + 1) % _ids.Length;
            if (_count < _ids.Length)
            {
                _count++;
            }

            return true;
        }
    }
}
