using NanoGate.Hal;

namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// The payloads nested in another, RFC 2408 §3.4-§3.6: proposals in an SA payload, transforms in
    /// a proposal. Each child starts with the generic header; its Next Payload is the child's own
    /// type while another follows and 0 on the last, and the children fill the parent's body exactly.
    /// Errors name the parent and the child type, so a peer hears which level was malformed.
    /// </summary>
    public static class ChildChain
    {
        /// <summary>
        /// Checks that a child's generic header fits in the <paramref name="count"/> bytes left in
        /// its parent and that its length lies within [<paramref name="minLength"/>,
        /// <paramref name="count"/>]. Returns the child's length, or -1 with the error recorded.
        /// </summary>
        [FastPath]
        public static int CheckHeader(byte[] b, int offset, int count, int parentType, int childType, int minLength, WireError error)
        {
            if (count < GenericPayload.Size)
            {
                error.Fail(WireError.ChildPastEnd, parentType, childType, count, count);
                return -1;
            }

            int length = GenericPayload.GetLength(b, offset);
            if (length < minLength)
            {
                error.Fail(WireError.ChildTooShort, parentType, childType, length, minLength);
                return -1;
            }

            if (length > count)
            {
                error.Fail(WireError.ChildPastEnd, parentType, childType, length, count);
                return -1;
            }

            return length;
        }

        /// <summary>
        /// Checks the children from <paramref name="pos"/> to <paramref name="end"/>: at least one,
        /// each of <paramref name="childType"/> and accepted by <paramref name="check"/>, the last
        /// ending at <paramref name="end"/>. Returns how many there are, or -1 with the error recorded.
        /// </summary>
        [FastPath]
        public static int Check(byte[] b, int pos, int end, int parentType, int childType, ChildCheck check, WireError error)
        {
            int found = 0;
            int next = childType;
            while (next != PayloadType.None)
            {
                if (next != childType)
                {
                    error.Fail(WireError.ChildWrongType, parentType, childType, next, 0);
                    return -1;
                }

                if (pos == end)
                {
                    error.Fail(found == 0 ? WireError.ChildMissing : WireError.ChildPastEnd, parentType, childType, 0, 0);
                    return -1;
                }

                int n = check(b, pos, end - pos, error);
                if (n < 0)
                {
                    return -1;
                }

                next = GenericPayload.GetNextPayload(b, pos);
                pos += n;
                found++;
            }

            if (pos != end)
            {
                error.Fail(WireError.ChildTrailingBytes, parentType, childType, end - pos, 0);
                return -1;
            }

            return found;
        }
    }
}
