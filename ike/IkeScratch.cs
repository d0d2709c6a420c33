using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// The two buffers every IKE message of a daemon passes through: <see cref="Tx"/>, where phase 1,
    /// quick mode and informational messages are built and encrypted (RFC 2409 §5, §5.5, §5.7), and
    /// <see cref="Plain"/>, where a received encrypted message is decrypted and its payloads read.
    /// One pair per daemon instead of one per kind of message (about 10 KB on a device).
    /// <para>
    /// Why no two users hold one at once: the daemon and its quick mode run on one thread (the
    /// gateway's run loop) and handle one datagram or one timer to completion before the next. A
    /// message is built from Begin to Seal without returning to the run loop, and Seal copies it out
    /// (the copy is what is sent and kept for retransmission). A message is decrypted only while
    /// its datagram is handled, into the daemon's one <see cref="IsakmpMessage"/>, which the next
    /// datagram parses again anyway; whatever must outlive the datagram (nonces, DH values, IDs) is
    /// copied out. So a user that resumes later (after a DH job) must begin and seal its message then.
    /// </para>
    /// <para>
    /// The checks make a violation visible and harmless instead of silent: <see cref="EndTx"/> is
    /// false when another message was begun since <see cref="BeginTx"/> (the first one's bytes were
    /// overwritten, so it must not be sent), and <see cref="TakePlain"/> is false while another
    /// message still reads its payloads from <see cref="Plain"/>. Either counts in
    /// <see cref="Misuses"/>, which the exchange tests require to stay 0.
    /// </para>
    /// </summary>
    public sealed class IkeScratch
    {
        /// <summary>Size of each buffer: the largest message we build or decrypt.</summary>
        public const int Size = 4096;

        private readonly byte[] _tx = new byte[Size];
        private readonly byte[] _plain = new byte[Size];
        private int _txUse;
        private IsakmpMessage _plainHolder;

        /// <summary>Where messages are built and encrypted, between <see cref="BeginTx"/> and <see cref="EndTx"/>.</summary>
        public byte[] Tx
        {
            get { return _tx; }
        }

        /// <summary>Where a received message is decrypted, after <see cref="TakePlain"/>.</summary>
        public byte[] Plain
        {
            get { return _plain; }
        }

        /// <summary>Overlapping uses refused (a defect of ours if not 0).</summary>
        public int Misuses { get; private set; }

        /// <summary>A message is begun in <see cref="Tx"/>; returns the token for <see cref="EndTx"/>.</summary>
        public int BeginTx()
        {
            _txUse++;
            return _txUse;
        }

        /// <summary>True when no other message was begun in <see cref="Tx"/> since <paramref name="token"/> was handed out.</summary>
        public bool EndTx(int token)
        {
            if (token == _txUse)
            {
                return true;
            }

            Misuses++;
            return false;
        }

        /// <summary>
        /// <paramref name="m"/> is about to be decrypted into <see cref="Plain"/>: false (and nothing
        /// may be written) while another message's payloads are still there.
        /// </summary>
        public bool TakePlain(IsakmpMessage m)
        {
            if (_plainHolder != null && _plainHolder != m && _plainHolder.WasDecrypted && _plainHolder.PayloadBuffer == _plain)
            {
                Misuses++;
                return false;
            }

            _plainHolder = m;
            return true;
        }
    }
}
