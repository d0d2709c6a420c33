using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Builds an ISAKMP message into a caller buffer: header first, then payloads written by the
    /// views at <see cref="Position"/> and registered with <see cref="Append"/>, which chains the
    /// Next Payload fields; <see cref="Finish"/> writes the Length. Reusable, allocates nothing.
    /// With a non-ESP marker (UDP 4500, RFC 3948 §2.2) the 4 zero bytes go first and
    /// <see cref="Finish"/> returns the datagram length including them.
    /// <para>
    /// For an encrypted message, build the plaintext payload chain the same way, then encrypt the
    /// bytes after the header (<see cref="BodyOffset"/>) with padding, and call
    /// <see cref="FinishEncrypted"/> with the ciphertext length.
    /// </para>
    /// </summary>
    public sealed class MessageBuilder
    {
        private byte[] _buffer = new byte[0];
        private int _start;
        private int _header;
        private int _limit;
        private int _position;
        private int _lastPayload;
        private bool _failed;

        /// <summary>The buffer being written.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Where the next payload goes.</summary>
        public int Position
        {
            get { return _position; }
        }

        /// <summary>Bytes left for payloads.</summary>
        public int Room
        {
            get { return _limit - _position; }
        }

        /// <summary>Where the ISAKMP header starts (after the marker, if any).</summary>
        public int HeaderOffset
        {
            get { return _header; }
        }

        /// <summary>Where the first payload starts.</summary>
        public int BodyOffset
        {
            get { return _header + IsakmpHeader.Size; }
        }

        /// <summary>True once something did not fit.</summary>
        public bool Failed
        {
            get { return _failed; }
        }

        /// <summary>
        /// Starts a message at <paramref name="offset"/> with <paramref name="room"/> bytes. For a
        /// first message pass 8 zero bytes as the responder cookie.
        /// </summary>
        [FastPath]
        public void Begin(byte[] buffer, int offset, int room, bool nonEspMarker,
            byte[] initiatorCookie, int initiatorCookieOffset, byte[] responderCookie, int responderCookieOffset,
            int exchangeType, int flags, uint messageId)
        {
            _buffer = buffer;
            _start = offset;
            _limit = offset + room;
            _lastPayload = -1;
            _failed = false;
            _header = offset;
            if (nonEspMarker)
            {
                if (room < IsakmpHeader.NonEspMarkerSize)
                {
                    _failed = true;
                    _position = offset;
                    return;
                }

                buffer[offset] = 0;
                buffer[offset + 1] = 0;
                buffer[offset + 2] = 0;
                buffer[offset + 3] = 0;
                _header = offset + IsakmpHeader.NonEspMarkerSize;
            }

            int n = IsakmpHeader.Write(buffer, _header, _limit - _header, initiatorCookie, initiatorCookieOffset,
                responderCookie, responderCookieOffset, PayloadType.None, exchangeType, flags, messageId, IsakmpHeader.Size);

            if (n < 0)
            {
                _failed = true;
                _position = _header;
                return;
            }

            _position = _header + IsakmpHeader.Size;
        }

        /// <summary>
        /// Registers the payload of <paramref name="type"/> just written at <see cref="Position"/>
        /// (<paramref name="length"/> = what the view's Write returned; -1 marks the build failed).
        /// Returns false once anything failed.
        /// </summary>
        [FastPath]
        public bool Append(int type, int length)
        {
            if (_failed || length < GenericPayload.Size || length > _limit - _position)
            {
                _failed = true;
                return false;
            }

            if (_lastPayload < 0)
            {
                IsakmpHeader.SetNextPayload(_buffer, _header, type);
            }
            else
            {
                GenericPayload.SetNextPayload(_buffer, _lastPayload, type);
            }

            GenericPayload.SetNextPayload(_buffer, _position, PayloadType.None);
            _lastPayload = _position;
            _position += length;
            return true;
        }

        /// <summary>Writes the header Length; returns the bytes written from the start offset (marker included), or -1.</summary>
        [FastPath]
        public int Finish()
        {
            if (_failed)
            {
                return -1;
            }

            IsakmpHeader.SetLength(_buffer, _header, _position - _header);
            return _position - _start;
        }

        /// <summary>
        /// After the caller encrypted the payload chain (plus padding) in place into
        /// <paramref name="ciphertextLength"/> bytes at <see cref="BodyOffset"/>: sets the E flag and
        /// Length. Returns the bytes written from the start offset, or -1.
        /// </summary>
        [FastPath]
        public int FinishEncrypted(int ciphertextLength)
        {
            if (_failed || ciphertextLength < 0 || ciphertextLength > _limit - BodyOffset)
            {
                return -1;
            }

            _position = BodyOffset + ciphertextLength;
            IsakmpHeader.SetFlags(_buffer, _header, IsakmpHeader.GetFlags(_buffer, _header) | IsakmpHeader.FlagEncryption);
            IsakmpHeader.SetLength(_buffer, _header, _position - _header);
            return _position - _start;
        }
    }
}
