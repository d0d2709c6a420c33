using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Builds an SA payload with its proposals, transforms and attributes into a caller buffer,
    /// chaining Next Payload fields and patching lengths as it goes. Reusable: preallocate one and
    /// call <see cref="Begin"/> per message. Once something does not fit, every later call is a
    /// no-op and <see cref="End"/> returns -1.
    /// </summary>
    public sealed class SaBuilder
    {
        private byte[] _buffer = new byte[0];
        private int _start;
        private int _limit;
        private int _position;
        private int _proposal;
        private int _transform;
        private bool _failed;

        /// <summary>Starts an SA payload at <paramref name="offset"/> with <paramref name="room"/> bytes available.</summary>
        [FastPath]
        public void Begin(byte[] buffer, int offset, int room, uint doi, uint situation)
        {
            _buffer = buffer;
            _start = offset;
            _limit = offset + room;
            _proposal = -1;
            _transform = -1;
            int n = SaPayload.WriteStart(buffer, offset, room, doi, situation);
            _failed = n < 0;
            _position = offset + (n < 0 ? 0 : n);
        }

        /// <summary>Adds a proposal (RFC 2408 §3.5); its transforms follow.</summary>
        [FastPath]
        public void AddProposal(int number, int protocolId, byte[] spi, int spiOffset, int spiSize, int transformCount)
        {
            if (_failed)
            {
                return;
            }

            CloseTransform();
            CloseProposal();
            int n = ProposalPayload.WriteStart(_buffer, _position, _limit - _position, number, protocolId, spi, spiOffset, spiSize, transformCount);
            if (n < 0)
            {
                _failed = true;
                return;
            }

            if (_proposal >= 0)
            {
                GenericPayload.SetNextPayload(_buffer, _proposal, PayloadType.Proposal);
            }

            _proposal = _position;
            _position += n;
        }

        /// <summary>Adds a transform to the current proposal (RFC 2408 §3.6); attributes follow.</summary>
        [FastPath]
        public void AddTransform(int number, int transformId)
        {
            if (_failed || _proposal < 0)
            {
                _failed = true;
                return;
            }

            CloseTransform();
            int n = TransformPayload.WriteStart(_buffer, _position, _limit - _position, number, transformId);
            if (n < 0)
            {
                _failed = true;
                return;
            }

            if (_transform >= 0)
            {
                GenericPayload.SetNextPayload(_buffer, _transform, PayloadType.Transform);
            }

            _transform = _position;
            _position += n;
        }

        /// <summary>Adds a TV attribute to the current transform.</summary>
        [FastPath]
        public void AddTv(int type, int value)
        {
            if (_failed || _transform < 0)
            {
                _failed = true;
                return;
            }

            Advance(DataAttribute.WriteTv(_buffer, _position, _limit - _position, type, value));
        }

        /// <summary>Adds a TLV attribute carrying a number in <paramref name="valueLength"/> bytes.</summary>
        [FastPath]
        public void AddTlvNumber(int type, ulong value, int valueLength)
        {
            if (_failed || _transform < 0)
            {
                _failed = true;
                return;
            }

            Advance(DataAttribute.WriteTlvNumber(_buffer, _position, _limit - _position, type, value, valueLength));
        }

        /// <summary>Adds a TLV attribute with raw value bytes.</summary>
        [FastPath]
        public void AddTlv(int type, byte[] value, int valueOffset, int valueLength)
        {
            if (_failed || _transform < 0)
            {
                _failed = true;
                return;
            }

            Advance(DataAttribute.WriteTlv(_buffer, _position, _limit - _position, type, value, valueOffset, valueLength));
        }

        /// <summary>Adds a life duration the way RFC 2409 Appendix A allows: TV when it fits 16 bits, else a 4-byte TLV.</summary>
        [FastPath]
        public void AddVariable(int type, uint value)
        {
            if (value <= 0xFFFF)
            {
                AddTv(type, (int)value);
            }
            else
            {
                AddTlvNumber(type, value, 4);
            }
        }

        /// <summary>Finishes the SA payload; returns its length, or -1 when anything did not fit.</summary>
        [FastPath]
        public int End()
        {
            if (_failed || _proposal < 0 || _position - _start > 0xFFFF)
            {
                return -1;
            }

            CloseTransform();
            CloseProposal();
            GenericPayload.SetLength(_buffer, _start, _position - _start);
            return _position - _start;
        }

        [FastPath]
        private void Advance(int n)
        {
            if (n < 0)
            {
                _failed = true;
                return;
            }

            _position += n;
        }

        [FastPath]
        private void CloseTransform()
        {
            if (_transform >= 0)
            {
                GenericPayload.SetLength(_buffer, _transform, _position - _transform);
            }
        }

        [FastPath]
        private void CloseProposal()
        {
            if (_proposal >= 0)
            {
                GenericPayload.SetLength(_buffer, _proposal, _position - _proposal);
                _transform = -1;
            }
        }
    }
}
