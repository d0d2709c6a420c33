using System;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike
{
    /// <summary>
    /// The machinery of a message under an established ISAKMP SA (quick mode, RFC 2409 §5.5, and
    /// the protected informational exchange, §5.7): a fresh message ID, its own IV chain starting at
    /// hash(last phase 1 block | M-ID) (Appendix B), the header with a HASH payload filled in once the
    /// rest is built, encryption of what was built, decryption and the message rules for what came in,
    /// and HASH(1..3) = prf(SKEYID_a, [0 |] M-ID | [Ni_b |] [Nr_b |] rest). One
    /// <see cref="MessageBuilder"/> serves every such message of the quick mode exchanges and
    /// informational messages of a daemon, in the daemon's <see cref="IkeScratch"/> (shared with
    /// phase 1; why that is safe: see there).
    /// </summary>
    internal sealed class ProtectedMessage
    {
        /// <summary>Bytes of <see cref="Fingerprint"/> (SHA-256).</summary>
        internal const int FingerprintSize = 32;

        /// <summary>Size of the transmit and decryption buffers.</summary>
        internal const int TxSize = IkeScratch.Size;

        private readonly QuickModeExchangeTable _exchanges;
        private readonly ICryptoProvider _crypto;
        private readonly IRandomSource _random;
        private readonly IkeScratch _scratch;
        private readonly byte[] _tx;
        private readonly byte[] _plain;
        private int _txToken;
        private readonly byte[] _hash = new byte[64];
        private readonly byte[] _mid = new byte[4];
        private readonly byte[] _fingerprint = new byte[FingerprintSize];
        private readonly MessageBuilder _builder = new MessageBuilder();
        private readonly MessageRules _rules = new MessageRules();

        /// <summary>Messages whose message IDs must not be those of <paramref name="exchanges"/>.</summary>
        internal ProtectedMessage(QuickModeExchangeTable exchanges, ICryptoProvider crypto, IRandomSource random, IkeScratch scratch)
        {
            _scratch = scratch;
            _tx = scratch.Tx;
            _plain = scratch.Plain;
            _exchanges = exchanges;
            _crypto = crypto;
            _random = random;
        }

        /// <summary>The transmit buffer the message is built in.</summary>
        internal byte[] Tx
        {
            get { return _tx; }
        }

        /// <summary>The last HASH computed by <see cref="ComputeHash"/>.</summary>
        internal byte[] Hash
        {
            get { return _hash; }
        }

        /// <summary>The builder over <see cref="Tx"/>.</summary>
        internal MessageBuilder Builder
        {
            get { return _builder; }
        }

        internal uint NewMessageId(IkeSa sa)
        {
            while (true)
            {
                _random.Fill(_mid, 0, 4);
                uint mid = BigEndian.ReadUInt32(_mid, 0);
                if (mid != 0 && _exchanges.Find(sa, mid) == null && !sa.QuickModeIds.Contains(mid) && !sa.InformationalIds.Contains(mid)
                    && sa.OwnMessageIds.TryAdd(mid))
                {
                    return mid;
                }
            }
        }

        /// <summary>RFC 2409 Appendix B: IV = hash(last phase 1 CBC block | M-ID), truncated.</summary>
        internal IvChain NewIv(IkeSa sa, uint mid)
        {
            IvChain phase1 = sa.Iv;
            byte[] iv = new byte[phase1.BlockSize];
            sa.Keys.Phase2Iv(phase1.Current, mid, phase1.BlockSize, iv, 0);
            return new IvChain(phase1.Cipher, iv);
        }

        /// <summary>Header and a HASH payload to fill in later; returns the offset of the hash bytes.</summary>
        internal int BeginProtected(IkeSa sa, int exchange, uint mid)
        {
            _txToken = _scratch.BeginTx();
            _builder.Begin(_tx, 0, TxSize - 64, false, sa.CookieI, 0, sa.CookieR, 0, exchange, 0, mid);
            int at = _builder.Position;
            for (int i = 0; i < sa.Keys.PrfSize; i++)
            {
                _hash[i] = 0;
            }

            _builder.Append(PayloadType.Hash, OpaquePayload.Write(_tx, at, _builder.Room, _hash, 0, sa.Keys.PrfSize));
            return OpaquePayload.GetDataOffset(at);
        }

        /// <summary>
        /// Encrypts the message built since <see cref="BeginProtected"/>; returns a copy to send, or
        /// null (it did not fit, or the scratch was taken meanwhile).
        /// </summary>
        internal byte[] Seal(IvChain iv)
        {
            if (_builder.Failed || !_scratch.EndTx(_txToken))
            {
                return null;
            }

            int body = _builder.BodyOffset;
            int cipher = iv.Encrypt(_tx, body, _builder.Position - body);
            int n = _builder.FinishEncrypted(cipher);
            return n < 0 ? null : Copy(_tx, 0, n);
        }

        /// <summary>Decrypts with the exchange's IV (not advancing it) and checks the message rules.</summary>
        internal bool Open(IvChain iv, IsakmpMessage m, int kind)
        {
            int len = m.BodyLength;
            if (!m.NeedsDecryption || len > _plain.Length || !_scratch.TakePlain(m))
            {
                return false;
            }

            Array.Copy(m.Buffer, m.BodyOffset, _plain, 0, len);
            return iv.Decrypt(_plain, 0, len, false) && m.TryParseDecrypted(_plain, 0, len) && _rules.Check(m, kind);
        }

        /// <summary>
        /// prf(SKEYID_a, [0 |] M-ID | [Ni_b |] [Nr_b |] data) into <see cref="_hash"/> (RFC 2409 §5.5, §5.7).
        /// </summary>
        internal void ComputeHash(IkeSa sa, uint mid, byte[] ni, byte[] nr, byte[] data, int offset, int count, bool hash3)
        {
            byte[] key = sa.Keys.SkeyidA;
            IHash prf = _crypto.CreateHmac(sa.Keys.Hash, key, 0, key.Length);
            if (hash3)
            {
                _mid[0] = 0;
                prf.Append(_mid, 0, 1);
            }

            BigEndian.WriteUInt32(_mid, 0, mid);
            prf.Append(_mid, 0, 4);
            if (ni != null)
            {
                prf.Append(ni, 0, ni.Length);
            }

            if (nr != null)
            {
                prf.Append(nr, 0, nr.Length);
            }

            if (count > 0)
            {
                prf.Append(data, offset, count);
            }

            prf.Finish(_hash, 0);
            prf.Wipe();
        }

        /// <summary>The peer's HASH (the first payload) against our computation over what follows it.</summary>
        internal bool VerifyHash(IkeSa sa, IsakmpMessage m, byte[] ni, byte[] nr, bool hash3)
        {
            if (m.PayloadCount == 0 || m.PayloadTypeAt(0) != PayloadType.Hash)
            {
                return false;
            }

            byte[] b = m.PayloadBuffer;
            int h = m.PayloadOffsetAt(0);
            int after = m.PayloadEndAt(0);
            if (hash3)
            {
                ComputeHash(sa, m.MessageId, ni, nr, null, 0, 0, true);
            }
            else
            {
                ComputeHash(sa, m.MessageId, ni, null, b, after, m.PayloadEnd - after, false);
            }

            int len = OpaquePayload.GetDataLength(b, h);
            return len == sa.Keys.PrfSize && FixedTime.AreEqual(b, OpaquePayload.GetDataOffset(h), _hash, 0, len);
        }

        /// <summary>
        /// SHA-256 of <paramref name="m"/> as received (header and ciphertext), kept instead of a copy
        /// to recognise the same message again (RFC 2408 §5: a retransmission gets our stored answer).
        /// </summary>
        internal byte[] Fingerprint(IsakmpMessage m)
        {
            byte[] f = new byte[FingerprintSize];
            Fingerprint(m, f);
            return f;
        }

        /// <summary>True when <paramref name="m"/> is the message whose <see cref="Fingerprint"/> is <paramref name="fingerprint"/>.</summary>
        internal bool IsSame(byte[] fingerprint, IsakmpMessage m)
        {
            if (fingerprint == null)
            {
                return false;
            }

            Fingerprint(m, _fingerprint);
            return FixedTime.AreEqual(fingerprint, 0, _fingerprint, 0, FingerprintSize);
        }

        private void Fingerprint(IsakmpMessage m, byte[] output)
        {
            IHash h = _crypto.CreateHash(HashAlgorithm.Sha256);
            h.Append(m.Buffer, m.Offset, m.Length);
            h.Finish(output, 0);
            h.Wipe();
        }

        internal static byte[] Copy(byte[] b, int offset, int count)
        {
            byte[] c = new byte[count];
            Array.Copy(b, offset, c, 0, count);
            return c;
        }
    }
}
