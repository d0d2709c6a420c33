using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Which payloads each IKEv1 message carries, how many, in what order, and whether it must be
    /// encrypted, checked on a parsed message before any exchange logic sees it (as strongSwan's
    /// message.c rules do). Sources: RFC 2409 §5 ("the SA payload MUST precede all other
    /// payloads in a phase 1 exchange"; HASH immediately after the header in quick mode and
    /// protected informational, §5.5/§5.7), §5.1-§5.4 for each message, RFC 3947 §3.2 (NAT-D in
    /// MM3/MM4, AM2/AM3) and §5.2 (NAT-OA in quick mode).
    /// <para>
    /// Payload types not listed for a kind are INVALID-PAYLOAD-TYPE; missing or repeated ones
    /// PAYLOAD-MALFORMED; wrong encryption INVALID-FLAGS; a wrong exchange INVALID-EXCHANGE-TYPE;
    /// a quick mode or protected informational with message ID 0 INVALID-MESSAGE-ID. Vendor IDs
    /// are allowed in every phase 1 message. Allocates nothing; the error is in <see cref="Error"/>.
    /// </para>
    /// </summary>
    public sealed class MessageRules
    {
        /// <summary>"Any number" in the tables.</summary>
        public const int Many = 255;

        private const int Clear = 0;
        private const int Encrypted = 1;
        private const int Either = 2;

        // Payload type short names for the tables.
        private const int Sa = PayloadType.SecurityAssociation;
        private const int Ke = PayloadType.KeyExchange;
        private const int Id = PayloadType.Identification;
        private const int Cert = PayloadType.Certificate;
        private const int Cr = PayloadType.CertificateRequest;
        private const int Hash = PayloadType.Hash;
        private const int Sig = PayloadType.Signature;
        private const int Nonce = PayloadType.Nonce;
        private const int N = PayloadType.Notification;
        private const int D = PayloadType.Delete;
        private const int Vid = PayloadType.VendorId;
        private const int NatD = PayloadType.NatD;
        private const int NatDDraft = PayloadType.NatDDraft;
        private const int NatOa = PayloadType.NatOa;
        private const int NatOaDraft = PayloadType.NatOaDraft;

        // Per kind: exchange type, encryption, first payload (0 = any), needs HASH or SIG, needs N or D.
        private static readonly int[] s_exchange = new int[MessageKind.Count];
        private static readonly int[] s_encryption = new int[MessageKind.Count];
        private static readonly int[] s_first = new int[MessageKind.Count];
        private static readonly bool[] s_needsAuth = new bool[MessageKind.Count];
        private static readonly bool[] s_needsNotifyOrDelete = new bool[MessageKind.Count];

        // Per kind: (type, min, max) triples.
        private static readonly int[][] s_payloads = new int[MessageKind.Count][];

        private readonly WireError _error = new WireError();

        static MessageRules()
        {
            int mm = ExchangeType.IdentityProtection;
            int am = ExchangeType.Aggressive;
            int qm = ExchangeType.QuickMode;
            int info = ExchangeType.Informational;

            // HDR, SA [, VID...]  (RFC 2409 §5: SA first)
            Set(MessageKind.MainMode1, mm, Clear, Sa, false, new int[] { Sa, 1, 1, Vid, 0, Many, N, 0, Many });
            Set(MessageKind.MainMode2, mm, Clear, Sa, false, new int[] { Sa, 1, 1, Vid, 0, Many, N, 0, Many });

            // HDR, KE, Ni [, CR] [, NAT-D, NAT-D]
            int[] mm34 = new int[] { Ke, 1, 1, Nonce, 1, 1, NatD, 0, 4, NatDDraft, 0, 4, Cr, 0, Many, Vid, 0, Many, N, 0, Many };
            Set(MessageKind.MainMode3, mm, Clear, 0, false, mm34);
            Set(MessageKind.MainMode4, mm, Clear, 0, false, mm34);

            // HDR*, IDi, [CERT,] HASH_I | SIG_I [, N(INITIAL-CONTACT)]
            int[] mm56 = new int[] { Id, 1, 1, Hash, 0, 1, Sig, 0, 1, Cert, 0, Many, Cr, 0, Many, N, 0, Many, Vid, 0, Many };
            Set(MessageKind.MainMode5, mm, Encrypted, 0, true, mm56);
            Set(MessageKind.MainMode6, mm, Encrypted, 0, true, mm56);

            // HDR, SA, KE, Ni, IDii
            Set(MessageKind.Aggressive1, am, Clear, Sa, false, new int[] { Sa, 1, 1, Ke, 1, 1, Nonce, 1, 1, Id, 1, 1, Cr, 0, Many, Vid, 0, Many });

            // HDR, SA, KE, Nr, IDir, [CERT,] HASH_R | SIG_R [, NAT-D, NAT-D]
            Set(MessageKind.Aggressive2, am, Clear, Sa, true, new int[] { Sa, 1, 1, Ke, 1, 1, Nonce, 1, 1, Id, 1, 1, Hash, 0, 1, Sig, 0, 1,
                Cert, 0, Many, Cr, 0, Many, NatD, 0, 4, NatDDraft, 0, 4, Vid, 0, Many, N, 0, Many });

            // HDR[*], [CERT,] HASH_I | SIG_I [, NAT-D, NAT-D]  (strongSwan encrypts it, RFC 2409 allows both)
            Set(MessageKind.Aggressive3, am, Either, 0, true, new int[] { Hash, 0, 1, Sig, 0, 1, Cert, 0, Many, NatD, 0, 4, NatDDraft, 0, 4,
                N, 0, Many, Vid, 0, Many });

            // HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] [, NAT-OAi, NAT-OAr]
            int[] qm12 = new int[] { Hash, 1, 1, Sa, 1, 1, Nonce, 1, 1, Ke, 0, 1, Id, 0, 2, NatOa, 0, 2, NatOaDraft, 0, 2, N, 0, Many };
            Set(MessageKind.Quick1, qm, Encrypted, Hash, false, qm12);
            Set(MessageKind.Quick2, qm, Encrypted, Hash, false, qm12);

            // HDR*, HASH(3)
            Set(MessageKind.Quick3, qm, Encrypted, Hash, false, new int[] { Hash, 1, 1, N, 0, Many });

            // HDR*, HASH(1), N/D
            Set(MessageKind.Informational, info, Encrypted, Hash, false, new int[] { Hash, 1, 1, N, 0, Many, D, 0, Many });
            s_needsNotifyOrDelete[MessageKind.Informational] = true;

            // HDR, N (error notify before keys exist)
            Set(MessageKind.InformationalPlain, info, Clear, N, false, new int[] { N, 1, Many, Vid, 0, Many });

            // Coarse kinds for a dispatcher: union of the exact ones.
            Set(MessageKind.AnyMainModePlain, mm, Clear, 0, false, new int[] { Sa, 0, 1, Ke, 0, 1, Nonce, 0, 1, NatD, 0, 4, NatDDraft, 0, 4,
                Cr, 0, Many, Vid, 0, Many, N, 0, Many });
            Set(MessageKind.AnyMainModeEncrypted, mm, Encrypted, 0, true, mm56);
            Set(MessageKind.AnyAggressive, am, Either, 0, false, new int[] { Sa, 0, 1, Ke, 0, 1, Nonce, 0, 1, Id, 0, 1, Hash, 0, 1, Sig, 0, 1,
                Cert, 0, Many, Cr, 0, Many, NatD, 0, 4, NatDDraft, 0, 4, Vid, 0, Many, N, 0, Many });
            Set(MessageKind.AnyQuick, qm, Encrypted, Hash, false, qm12);
            s_payloads[MessageKind.AnyQuick] = new int[] { Hash, 1, 1, Sa, 0, 1, Nonce, 0, 1, Ke, 0, 1, Id, 0, 2, NatOa, 0, 2, NatOaDraft, 0, 2, N, 0, Many };
        }

        /// <summary>Why the last check failed.</summary>
        public WireError Error
        {
            get { return _error; }
        }

        /// <summary>
        /// Checks a parsed (and, if encrypted, decrypted) message against the rules of
        /// <paramref name="kind"/> (a <see cref="MessageKind"/>). Returns false with <see cref="Error"/> set.
        /// </summary>
        [FastPath]
        public bool Check(IsakmpMessage m, int kind)
        {
            _error.Clear();
            if (kind <= 0 || kind >= MessageKind.Count || s_payloads[kind] == null || !m.IsHeaderValid)
            {
                return _error.Fail(WireError.RuleExchangeType, 0, 0, m.ExchangeType, 0);
            }

            if (m.NeedsDecryption)
            {
                return _error.Fail(WireError.RuleNotDecrypted, 0, 0, kind, 0);
            }

            if (m.ExchangeType != s_exchange[kind])
            {
                return _error.Fail(WireError.RuleExchangeType, 0, 0, m.ExchangeType, s_exchange[kind]);
            }

            int encryption = s_encryption[kind];
            if ((encryption == Encrypted && !m.IsEncrypted) || (encryption == Clear && m.IsEncrypted))
            {
                return _error.Fail(encryption == Encrypted ? WireError.RuleNotEncrypted : WireError.RuleEncrypted, 0, 0, kind, 0);
            }

            if ((m.ExchangeType == ExchangeType.QuickMode || encryption == Encrypted && m.ExchangeType == ExchangeType.Informational) && m.MessageId == 0)
            {
                return _error.Fail(WireError.RuleMessageId, 0, 0, kind, 0);
            }

            if ((m.ExchangeType == ExchangeType.IdentityProtection || m.ExchangeType == ExchangeType.Aggressive) && m.MessageId != 0)
            {
                return _error.Fail(WireError.RuleMessageId, 0, 0, kind, 0);
            }

            int[] rules = s_payloads[kind];
            for (int i = 0; i < m.PayloadCount; i++)
            {
                int type = m.PayloadTypeAt(i);
                if (IndexOf(rules, type) < 0)
                {
                    if (type == PayloadType.Fragment && m.PayloadCount == 1 && !m.IsEncrypted)
                    {
                        // A fragment is checked again once the message is reassembled.
                        return true;
                    }

                    return _error.Fail(WireError.RuleUnexpectedPayload, type, 0, kind, 0);
                }
            }

            for (int r = 0; r < rules.Length; r += 3)
            {
                int count = m.Count(rules[r]);
                if (count < rules[r + 1])
                {
                    return _error.Fail(WireError.RuleMissingPayload, rules[r], 0, kind, rules[r + 1]);
                }

                if (count > rules[r + 2])
                {
                    return _error.Fail(WireError.RuleTooManyPayloads, rules[r], 0, count, rules[r + 2]);
                }
            }

            int first = s_first[kind];
            if (first != 0 && m.PayloadTypeAt(0) != first)
            {
                return _error.Fail(WireError.RuleOrder, first, 0, kind, 0);
            }

            if (s_needsAuth[kind] && m.Count(PayloadType.Hash) + m.Count(PayloadType.Signature) != 1)
            {
                return _error.Fail(WireError.RuleMissingPayload, PayloadType.Hash, 0, kind, 1);
            }

            if (s_needsNotifyOrDelete[kind] && m.Count(PayloadType.Notification) + m.Count(PayloadType.Delete) == 0)
            {
                return _error.Fail(WireError.RuleMissingPayload, PayloadType.Notification, 0, kind, 1);
            }

            return true;
        }

        /// <summary>
        /// The check a dispatcher runs before it knows the SA state: picks the coarse kind from the
        /// exchange type, the E flag and the message ID, then applies <see cref="Check"/>.
        /// </summary>
        [FastPath]
        public bool CheckExchange(IsakmpMessage m)
        {
            return Check(m, CoarseKind(m));
        }

        /// <summary>The coarse <see cref="MessageKind"/> for a parsed message (0 for exchanges we do not run).</summary>
        [FastPath]
        public static int CoarseKind(IsakmpMessage m)
        {
            switch (m.ExchangeType)
            {
                case ExchangeType.IdentityProtection:
                    return m.IsEncrypted ? MessageKind.AnyMainModeEncrypted : MessageKind.AnyMainModePlain;
                case ExchangeType.Aggressive:
                    return MessageKind.AnyAggressive;
                case ExchangeType.QuickMode:
                    return MessageKind.AnyQuick;
                case ExchangeType.Informational:
                    return m.IsEncrypted ? MessageKind.Informational : MessageKind.InformationalPlain;
                default:
                    return 0;
            }
        }

        [FastPath]
        private static int IndexOf(int[] rules, int type)
        {
            for (int r = 0; r < rules.Length; r += 3)
            {
                if (rules[r] == type)
                {
                    return r;
                }
            }

            return -1;
        }

        private static void Set(int kind, int exchange, int encryption, int first, bool needsAuth, int[] payloads)
        {
            s_exchange[kind] = exchange;
            s_encryption[kind] = encryption;
            s_first[kind] = first;
            s_needsAuth[kind] = needsAuth;
            s_payloads[kind] = payloads;
        }
    }
}
