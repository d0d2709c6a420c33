using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// A received ISAKMP message, parsed: the header fields and the payload chain as arrays of
    /// (type, offset, length). Preallocate one per receive path and reuse it; parsing a valid
    /// message allocates nothing.
    /// <para>
    /// Parsing checks the header (RFC 2408 §5.2), walks the chain, and checks every payload with
    /// its view (SA down to each attribute), so after success no accessor of a view can read
    /// outside the message. On failure <see cref="Error"/> says why (with the notify type a peer
    /// expects) and the message reports no payloads: nothing of the failed input is kept.
    /// </para>
    /// <para>
    /// Encrypted messages (E flag): <see cref="TryParse"/> checks the header only and sets
    /// <see cref="NeedsDecryption"/>. Decrypt the body (<see cref="BodyOffset"/>,
    /// <see cref="BodyLength"/>), in place or elsewhere, then call <see cref="TryParseDecrypted"/>;
    /// bytes after the last payload are CBC padding (RFC 2409 §5.3) and are allowed there only.
    /// </para>
    /// </summary>
    public sealed class IsakmpMessage
    {
        /// <summary>Our choice: strongSwan's largest legitimate IKEv1 messages carry about a dozen payloads.</summary>
        public const int MaxPayloads = 32;

        private readonly int[] _types = new int[MaxPayloads];
        private readonly int[] _offsets = new int[MaxPayloads];
        private readonly int[] _lengths = new int[MaxPayloads];
        private readonly WireError _error = new WireError();
        private static readonly byte[] s_empty = new byte[0];

        private byte[] _buffer = s_empty;
        private int _offset;
        private int _length;
        private byte[] _payloadBuffer = s_empty;
        private int _payloadBase;
        private int _payloadCount;
        private int _chainEnd;
        private int _limit;
        private int _nextPayload;
        private int _exchangeType;
        private int _flags;
        private uint _messageId;
        private ulong _initiatorCookie;
        private ulong _responderCookie;
        private bool _headerValid;
        private bool _needsDecryption;
        private bool _decrypted;

        /// <summary>Why the last parse failed (<see cref="WireError.None"/> after success).</summary>
        public WireError Error
        {
            get { return _error; }
        }

        /// <summary>True after a successful <see cref="TryParse"/> (also while the body still needs decryption).</summary>
        public bool IsHeaderValid
        {
            get { return _headerValid; }
        }

        /// <summary>True when the header is valid, the E flag is set and the body is not parsed yet.</summary>
        public bool NeedsDecryption
        {
            get { return _needsDecryption; }
        }

        /// <summary>True when the payload chain came from <see cref="TryParseDecrypted"/>.</summary>
        public bool WasDecrypted
        {
            get { return _decrypted; }
        }

        /// <summary>The buffer holding the message (header and, unless decrypted elsewhere, payloads).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Where the ISAKMP header starts in <see cref="Buffer"/>.</summary>
        public int Offset
        {
            get { return _offset; }
        }

        /// <summary>Message length (= the header's Length field).</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Offset of the body (after the header) in <see cref="Buffer"/>: the ciphertext when encrypted.</summary>
        public int BodyOffset
        {
            get { return _offset + IsakmpHeader.Size; }
        }

        /// <summary>Length of the body after the header.</summary>
        public int BodyLength
        {
            get { return _length - IsakmpHeader.Size; }
        }

        /// <summary>The buffer the payload offsets refer to (differs from <see cref="Buffer"/> when decrypted elsewhere).</summary>
        public byte[] PayloadBuffer
        {
            get { return _payloadBuffer; }
        }

        /// <summary>Offset of the first payload in <see cref="PayloadBuffer"/>.</summary>
        public int PayloadStart
        {
            get { return _payloadBase; }
        }

        /// <summary>End of the last payload in <see cref="PayloadBuffer"/> (padding, if any, follows).</summary>
        public int PayloadEnd
        {
            get { return _chainEnd; }
        }

        /// <summary>Bytes between the last payload and the end of the (decrypted) body: CBC padding; 0 for clear messages.</summary>
        public int PaddingLength
        {
            get { return _limit - _chainEnd; }
        }

        public ulong InitiatorCookie
        {
            get { return _initiatorCookie; }
        }

        public ulong ResponderCookie
        {
            get { return _responderCookie; }
        }

        /// <summary>Next Payload of the header: the type of the first payload.</summary>
        public int FirstPayload
        {
            get { return _nextPayload; }
        }

        public int ExchangeType
        {
            get { return _exchangeType; }
        }

        public int Flags
        {
            get { return _flags; }
        }

        public bool IsEncrypted
        {
            get { return (_flags & IsakmpHeader.FlagEncryption) != 0; }
        }

        public uint MessageId
        {
            get { return _messageId; }
        }

        public int PayloadCount
        {
            get { return _payloadCount; }
        }

        /// <summary>Type of payload <paramref name="index"/>.</summary>
        [FastPath]
        public int PayloadTypeAt(int index)
        {
            return _types[index];
        }

        /// <summary>Offset of payload <paramref name="index"/>'s generic header in <see cref="PayloadBuffer"/>.</summary>
        [FastPath]
        public int PayloadOffsetAt(int index)
        {
            return _offsets[index];
        }

        /// <summary>Length of payload <paramref name="index"/> including its generic header.</summary>
        [FastPath]
        public int PayloadLengthAt(int index)
        {
            return _lengths[index];
        }

        /// <summary>
        /// Offset of payload <paramref name="index"/>'s body (after the generic header): e.g. SAi_b
        /// for HASH_I/HASH_R (RFC 2409 §5) is the initiator SA payload's body.
        /// </summary>
        [FastPath]
        public int PayloadBodyOffsetAt(int index)
        {
            return _offsets[index] + GenericPayload.Size;
        }

        /// <summary>Length of payload <paramref name="index"/>'s body (without the generic header).</summary>
        [FastPath]
        public int PayloadBodyLengthAt(int index)
        {
            return _lengths[index] - GenericPayload.Size;
        }

        /// <summary>
        /// Offset in <see cref="PayloadBuffer"/> right after payload <paramref name="index"/>: with
        /// <see cref="PayloadEnd"/> it bounds "everything after the HASH payload" for the quick
        /// mode and informational HASH(1)/HASH(2) (RFC 2409 §5.5, §5.7).
        /// </summary>
        [FastPath]
        public int PayloadEndAt(int index)
        {
            return _offsets[index] + _lengths[index];
        }

        /// <summary>Index of the first payload of <paramref name="type"/> at or after <paramref name="start"/>, or -1.</summary>
        [FastPath]
        public int Find(int type, int start)
        {
            for (int i = start < 0 ? 0 : start; i < _payloadCount; i++)
            {
                if (_types[i] == type)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Number of payloads of <paramref name="type"/>.</summary>
        [FastPath]
        public int Count(int type)
        {
            int n = 0;
            for (int i = 0; i < _payloadCount; i++)
            {
                if (_types[i] == type)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Forgets the last message.</summary>
        [FastPath]
        public void Reset()
        {
            _buffer = s_empty;
            _payloadBuffer = s_empty;
            _offset = 0;
            _length = 0;
            _payloadBase = 0;
            _payloadCount = 0;
            _chainEnd = 0;
            _limit = 0;
            _nextPayload = 0;
            _exchangeType = 0;
            _flags = 0;
            _messageId = 0;
            _initiatorCookie = 0;
            _responderCookie = 0;
            _headerValid = false;
            _needsDecryption = false;
            _decrypted = false;
        }

        /// <summary>
        /// Parses a received message in [offset, offset + count) (without the non-ESP marker).
        /// Returns false with <see cref="Error"/> set on any malformation; never throws on content.
        /// </summary>
        [FastPath]
        public bool TryParse(byte[] b, int offset, int count)
        {
            Reset();
            _error.Clear();
            if (b == null || offset < 0 || count < 0 || offset > b.Length - count)
            {
                return _error.Fail(WireError.MessageTooShort, 0, 0, count < 0 ? 0 : count, IsakmpHeader.Size);
            }

            if (!IsakmpHeader.Check(b, offset, count, _error))
            {
                return false;
            }

            _buffer = b;
            _offset = offset;
            _length = count;
            _nextPayload = IsakmpHeader.GetNextPayload(b, offset);
            _exchangeType = IsakmpHeader.GetExchangeType(b, offset);
            _flags = IsakmpHeader.GetFlags(b, offset);
            _messageId = IsakmpHeader.GetMessageId(b, offset);
            _initiatorCookie = IsakmpHeader.GetInitiatorCookie(b, offset);
            _responderCookie = IsakmpHeader.GetResponderCookie(b, offset);
            _headerValid = true;
            if ((_flags & IsakmpHeader.FlagEncryption) != 0)
            {
                _needsDecryption = true;
                return true;
            }

            if (!Walk(b, offset + IsakmpHeader.Size, offset + count, false))
            {
                Reset();
                return false;
            }

            return true;
        }

        /// <summary>
        /// Parses the decrypted body of the message whose header <see cref="TryParse"/> accepted:
        /// [offset, offset + count) holds the plaintext (payloads, then padding). Payload offsets
        /// then refer to <paramref name="b"/>. On failure the whole message is forgotten; called
        /// when no encrypted body is pending it returns false and leaves the message as it was.
        /// </summary>
        [FastPath]
        public bool TryParseDecrypted(byte[] b, int offset, int count)
        {
            _error.Clear();
            if (!_needsDecryption)
            {
                return _error.Fail(WireError.RuleNotDecrypted, 0, 0, 0, 0);
            }

            if (b == null || offset < 0 || count < 0 || offset > b.Length - count)
            {
                Reset();
                return _error.Fail(WireError.PayloadTruncated, _nextPayload, 0, 0, 0);
            }

            if (!Walk(b, offset, offset + count, true))
            {
                Reset();
                return false;
            }

            _needsDecryption = false;
            _decrypted = true;
            return true;
        }

        [FastPath]
        private bool Walk(byte[] b, int start, int end, bool padded)
        {
            _payloadBuffer = b;
            _payloadBase = start;
            _payloadCount = 0;
            int pos = start;
            int previous = PayloadType.None;
            int next = _nextPayload;
            while (next != PayloadType.None)
            {
                if (!PayloadType.IsTopLevel(next))
                {
                    _error.Fail(WireError.UnknownPayloadType, previous, 0, next, 0);
                    _error.Position = pos - start + IsakmpHeader.Size;
                    return false;
                }

                if (_payloadCount == MaxPayloads)
                {
                    _error.Fail(WireError.TooManyPayloads, next, 0, _payloadCount + 1, MaxPayloads);
                    _error.Position = pos - start + IsakmpHeader.Size;
                    return false;
                }

                int n = CheckPayload(next, b, pos, end - pos, _error);
                if (n < 0)
                {
                    _error.Position = pos - start + IsakmpHeader.Size;
                    return false;
                }

                _types[_payloadCount] = next;
                _offsets[_payloadCount] = pos;
                _lengths[_payloadCount] = n;
                _payloadCount++;
                previous = next;
                next = GenericPayload.GetNextPayload(b, pos);
                pos += n;
            }

            if (pos != end && !padded)
            {
                _error.Fail(WireError.TrailingBytes, previous, 0, end - pos, 0);
                _error.Position = pos - start + IsakmpHeader.Size;
                return false;
            }

            _chainEnd = pos;
            _limit = end;
            return true;
        }

        /// <summary>Checks one payload of a top-level type with its view; returns its length or -1.</summary>
        [FastPath]
        public static int CheckPayload(int type, byte[] b, int offset, int count, WireError error)
        {
            switch (type)
            {
                case PayloadType.SecurityAssociation: return SaPayload.Check(b, offset, count, error);
                case PayloadType.KeyExchange:
                case PayloadType.Hash:
                case PayloadType.Signature:
                case PayloadType.VendorId:
                case PayloadType.NatD:
                case PayloadType.NatDDraft: return OpaquePayload.Check(b, offset, count, type, error);
                case PayloadType.Identification: return IdPayload.Check(b, offset, count, error);
                case PayloadType.Certificate: return CertPayload.Check(b, offset, count, PayloadType.Certificate, error);
                case PayloadType.CertificateRequest: return CertReqPayload.Check(b, offset, count, error);
                case PayloadType.Nonce: return NoncePayload.Check(b, offset, count, error);
                case PayloadType.Notification: return NotifyPayload.Check(b, offset, count, error);
                case PayloadType.Delete: return DeletePayload.Check(b, offset, count, error);
                case PayloadType.NatOa: return NatOaPayload.Check(b, offset, count, type, error);
                case PayloadType.NatOaDraft: return NatOaPayload.Check(b, offset, count, type, error);
                case PayloadType.Fragment: return FragmentPayload.Check(b, offset, count, error);
                default:
                    error.Fail(WireError.UnknownPayloadType, 0, 0, type, 0);
                    return -1;
            }
        }
    }
}
