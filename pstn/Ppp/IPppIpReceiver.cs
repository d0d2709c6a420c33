namespace NanoGate.Pstn.Ppp
{
    /// <summary>Takes the IPv4 packets that arrive over the link (the IP layer above PPP).</summary>
    public interface IPppIpReceiver
    {
        /// <summary>One IPv4 packet; the buffer is the link's and is reused after the call returns.</summary>
        void ReceiveIpv4(byte[] packet, int offset, int count);
    }
}
