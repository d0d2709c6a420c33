namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Checks one child payload (a proposal in an SA, a transform in a proposal) at
    /// <paramref name="offset"/> with <paramref name="count"/> bytes left in its parent; returns its
    /// length, or -1 with the error recorded. What <see cref="ChildChain.Check"/> calls per child.
    /// </summary>
    public delegate int ChildCheck(byte[] b, int offset, int count, WireError error);
}
