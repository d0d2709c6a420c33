using NanoGate.Hal.Crypto;

namespace NanoGate.Ike
{
    /// <summary>
    /// The last few first messages (MM1, AM1) we refused with an error notify, so that the peer's
    /// retransmissions of the same message get the same notify again instead of a new negotiation
    /// and a new error record (issue 20: one Libreswan attempt made eight "phase 1 started" and
    /// eight records). Exact copies only, a fixed number of entries, each for <see cref="KeepMs"/>.
    /// </summary>
    public sealed class RefusedFirstMessages
    {
        /// <summary>How long a refusal is remembered (ms): longer than an initiator's whole retransmission schedule (strongSwan's and ours, 165 s).</summary>
        public const long KeepMs = 180000;

        private readonly byte[][] _messages;
        private readonly byte[][] _cookiesR;
        private readonly int[] _notifies;
        private readonly long[] _untilMs;
        private int _next;

        /// <summary>Room for <paramref name="entries"/> refusals (the oldest is overwritten).</summary>
        public RefusedFirstMessages(int entries)
        {
            _messages = new byte[entries][];
            _cookiesR = new byte[entries][];
            _notifies = new int[entries];
            _untilMs = new long[entries];
        }

        /// <summary>Remembers that the message in <paramref name="b"/> was answered with notify <paramref name="notify"/> under responder cookie <paramref name="cookieR"/>.</summary>
        public void Remember(byte[] b, int offset, int count, int notify, byte[] cookieR, long nowMs)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(b, offset, copy, 0, count);
            byte[] cookie = new byte[8];
            System.Array.Copy(cookieR, 0, cookie, 0, 8);
            _messages[_next] = copy;
            _cookiesR[_next] = cookie;
            _notifies[_next] = notify;
            _untilMs[_next] = nowMs + KeepMs;
            _next = (_next + 1) % _messages.Length;
        }

        /// <summary>The entry of an exact repeat of a refused message still remembered, or -1.</summary>
        public int Find(byte[] b, int offset, int count, long nowMs)
        {
            for (int i = 0; i < _messages.Length; i++)
            {
                byte[] m = _messages[i];
                if (m != null && nowMs < _untilMs[i] && m.Length == count && FixedTime.AreEqual(m, 0, b, offset, count))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The notify type of entry <paramref name="index"/>.</summary>
        public int NotifyOf(int index)
        {
            return _notifies[index];
        }

        /// <summary>The responder cookie the notify of entry <paramref name="index"/> carried (zero when we kept no state).</summary>
        public byte[] CookieROf(int index)
        {
            return _cookiesR[index];
        }
    }
}
