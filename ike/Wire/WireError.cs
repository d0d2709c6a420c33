using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Why a received message was refused: a code, the RFC 2408 §3.14.1 notify type a peer expects
    /// for it, and the numbers needed to explain it. One instance is preallocated per parser and
    /// reused; recording an error allocates nothing. <see cref="Reason"/> builds the human text
    /// only when someone reads it ("malformed payload: SA proposal length 12 past end of payload").
    /// </summary>
    public sealed class WireError
    {
        public const int None = 0;

        // Header (RFC 2408 §5.2)
        public const int MessageTooShort = 1;
        public const int BadMajorVersion = 2;
        public const int BadMinorVersion = 3;
        public const int BadExchangeType = 4;
        public const int BadFlags = 5;
        public const int ZeroInitiatorCookie = 6;
        public const int LengthMismatch = 7;

        // Payload chain (RFC 2408 §5.2-§5.3)
        public const int UnknownPayloadType = 10;
        public const int PayloadTruncated = 11;
        public const int PayloadTooShort = 12;
        public const int PayloadPastEnd = 13;
        public const int TrailingBytes = 14;
        public const int TooManyPayloads = 15;

        // Inside payloads
        public const int ChildPastEnd = 20;
        public const int ChildTooShort = 21;
        public const int ChildWrongType = 22;
        public const int ChildMissing = 23;
        public const int ChildTrailingBytes = 24;
        public const int TransformCountMismatch = 25;
        public const int SpiPastEnd = 26;
        public const int AttributePastEnd = 27;
        public const int DoiNotSupported = 28;
        public const int SituationNotSupported = 29;
        public const int IdDataLength = 30;
        public const int IdTypeUnknown = 31;
        public const int NonceLength = 32;
        public const int DeleteSpiCount = 33;
        public const int FragmentNumber = 34;

        // Message rules (per exchange and direction)
        public const int RuleNotEncrypted = 40;
        public const int RuleMissingPayload = 41;
        public const int RuleTooManyPayloads = 42;
        public const int RuleUnexpectedPayload = 43;
        public const int RuleOrder = 44;
        public const int RuleExchangeType = 45;
        public const int RuleNotDecrypted = 46;
        public const int RuleEncrypted = 47;
        public const int RuleMessageId = 48;

        /// <summary>One of the codes above; <see cref="None"/> when the last parse succeeded.</summary>
        public int Code;

        /// <summary>Notify message type to send back (RFC 2408 §3.14.1), 0 when none.</summary>
        public int Notify;

        /// <summary>Payload type the error was found in (or the unexpected one).</summary>
        public int PayloadType;

        /// <summary>Inner element concerned (proposal/transform type, ...), 0 when none.</summary>
        public int Child;

        /// <summary>The offending value (a length, a type, a count).</summary>
        public int Value;

        /// <summary>The limit it broke (bytes left, expected count), or 0.</summary>
        public int Limit;

        /// <summary>Byte offset of the error from the start of the ISAKMP message (-1 unknown).</summary>
        public int Position;

        /// <summary>True when an error is recorded.</summary>
        public bool IsError
        {
            get { return Code != None; }
        }

        /// <summary>Forgets the last error.</summary>
        [FastPath]
        public void Clear()
        {
            Code = None;
            Notify = 0;
            PayloadType = 0;
            Child = 0;
            Value = 0;
            Limit = 0;
            Position = -1;
        }

        /// <summary>Records an error; always returns false so checks can "return error.Fail(...)".</summary>
        [FastPath]
        public bool Fail(int code, int payloadType, int child, int value, int limit)
        {
            Code = code;
            Notify = NotifyFor(code);
            PayloadType = payloadType;
            Child = child;
            Value = value;
            Limit = limit;
            Position = -1;
            return false;
        }

        /// <summary>Copies another error (for callers that keep the first failure).</summary>
        [FastPath]
        public void CopyFrom(WireError other)
        {
            Code = other.Code;
            Notify = other.Notify;
            PayloadType = other.PayloadType;
            Child = other.Child;
            Value = other.Value;
            Limit = other.Limit;
            Position = other.Position;
        }

        /// <summary>The notify type RFC 2408 §5 prescribes for each code.</summary>
        [FastPath]
        public static int NotifyFor(int code)
        {
            switch (code)
            {
                case None: return 0;
                case BadMajorVersion: return NotifyType.InvalidMajorVersion;
                case BadMinorVersion: return NotifyType.InvalidMinorVersion;
                case BadExchangeType: return NotifyType.InvalidExchangeType;
                case RuleExchangeType: return NotifyType.InvalidExchangeType;
                case BadFlags: return NotifyType.InvalidFlags;
                case RuleNotEncrypted: return NotifyType.InvalidFlags;
                case RuleEncrypted: return NotifyType.InvalidFlags;
                case RuleMessageId: return NotifyType.InvalidMessageId;
                case ZeroInitiatorCookie: return NotifyType.InvalidCookie;
                case LengthMismatch: return NotifyType.UnequalPayloadLengths;
                case UnknownPayloadType: return NotifyType.InvalidPayloadType;
                case RuleUnexpectedPayload: return NotifyType.InvalidPayloadType;
                case TransformCountMismatch: return NotifyType.BadProposalSyntax;
                case ChildMissing: return NotifyType.BadProposalSyntax;
                case DoiNotSupported: return NotifyType.DoiNotSupported;
                case SituationNotSupported: return NotifyType.SituationNotSupported;
                case IdDataLength: return NotifyType.InvalidIdInformation;
                case IdTypeUnknown: return NotifyType.InvalidIdInformation;
                default: return NotifyType.PayloadMalformed;
            }
        }

        /// <summary>
        /// Short human reason, prefixed by the class operators know ("malformed payload: ...").
        /// Allocates: call it when logging, never on the fast path.
        /// </summary>
        public string Reason
        {
            get
            {
                string p = Wire.PayloadType.Name(PayloadType);
                string c = Wire.PayloadType.Name(Child);
                string v = Value.ToString();
                string l = Limit.ToString();
                switch (Code)
                {
                    case None: return "no error";
                    case MessageTooShort: return "malformed message: " + v + " bytes, shorter than the 28-byte ISAKMP header";
                    case BadMajorVersion: return "invalid major version: " + v;
                    case BadMinorVersion: return "invalid minor version: " + v;
                    case BadExchangeType: return "invalid exchange type: " + v;
                    case BadFlags: return "invalid flags: 0x" + Value.ToString("x2");
                    case ZeroInitiatorCookie: return "invalid cookie: initiator cookie is zero";
                    case LengthMismatch: return "unequal payload lengths: header length " + v + " but datagram of " + l + " bytes";
                    case UnknownPayloadType: return "invalid payload type: " + v + " after " + p;
                    case PayloadTruncated: return "malformed payload: " + p + " header truncated, " + l + " bytes left";
                    case PayloadTooShort: return "malformed payload: " + p + " length " + v + " shorter than minimum " + l;
                    case PayloadPastEnd: return "malformed payload: " + p + " length " + v + " past end of message (" + l + " bytes left)";
                    case TrailingBytes: return "malformed message: " + v + " bytes after the last payload";
                    case TooManyPayloads: return "malformed message: more than " + l + " payloads";
                    case ChildPastEnd: return "malformed payload: " + p + " " + Lower(c) + " length " + v + " past end of payload";
                    case ChildTooShort: return "malformed payload: " + p + " " + Lower(c) + " length " + v + " shorter than minimum " + l;
                    case ChildWrongType: return "malformed payload: " + p + " contains payload type " + v + " where " + Lower(c) + " expected";
                    case ChildMissing: return "bad proposal syntax: " + p + " without " + Lower(c);
                    case ChildTrailingBytes: return "malformed payload: " + p + " has " + v + " bytes after its last " + Lower(c);
                    case TransformCountMismatch: return "bad proposal syntax: proposal announces " + l + " transforms but carries " + v;
                    case SpiPastEnd: return "malformed payload: " + p + " SPI size " + v + " past end of payload";
                    case AttributePastEnd: return "malformed payload: transform attribute length " + v + " past end of payload (" + l + " bytes left)";
                    case DoiNotSupported: return "DOI not supported: " + p + " DOI " + v;
                    case SituationNotSupported: return "situation not supported: 0x" + Value.ToString("x8");
                    case IdDataLength: return "invalid ID: type " + Wire.IdType.Name(Child) + " with " + v + " bytes of data";
                    case IdTypeUnknown: return "invalid ID: unknown ID type " + v;
                    case NonceLength: return "malformed payload: nonce of " + v + " bytes (RFC 2409 allows 8..256)";
                    case DeleteSpiCount: return "malformed payload: D with " + l + " SPIs does not fill " + v + " bytes";
                    case FragmentNumber: return "malformed payload: fragment number " + v;
                    case RuleNotEncrypted: return "invalid flags: " + Wire.MessageKind.Name(Value) + " must be encrypted";
                    case RuleEncrypted: return "invalid flags: " + Wire.MessageKind.Name(Value) + " must not be encrypted";
                    case RuleMessageId: return "invalid message ID for " + Wire.MessageKind.Name(Value);
                    case RuleMissingPayload: return "malformed message: " + Wire.MessageKind.Name(Value) + " without " + p + " payload";
                    case RuleTooManyPayloads: return "malformed message: " + v + " " + p + " payloads, at most " + l + " allowed";
                    case RuleUnexpectedPayload: return "invalid payload type: " + p + " not allowed in " + Wire.MessageKind.Name(Value);
                    case RuleOrder: return "malformed message: " + Wire.MessageKind.Name(Value) + " must start with " + p;
                    case RuleExchangeType: return Limit == 0 ? "invalid exchange type: " + Wire.ExchangeType.Name(Value) + " not supported" : "invalid exchange type: " + Wire.ExchangeType.Name(Value) + " where " + Wire.ExchangeType.Name(Limit) + " expected";
                    case RuleNotDecrypted: return "malformed message: encrypted body not decrypted yet";
                    default: return "error " + Code.ToString();
                }
            }
        }

        private static string Lower(string s)
        {
            return s.ToLower();
        }
    }
}
