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

        private readonly uint[] _ids = new uint[Size];
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

            _ids[_next] = messageId;
            _next = (_next + 1) % Size;
            if (_count < Size)
            {
                _count++;
            }

            return true;
        }
    }
}
