using NanoGate.Ike.Config;
using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Daemon;

/// <summary>Phase 2 as the daemon's parts see it: every call written into a shared event list.</summary>
internal sealed class RecordingPhase2(List<string> events) : IIkeExchangeHandler
{
    public void HandleMessage(IkeSa sa, IsakmpMessage m, uint source, int sourcePort, int localPort, long nowMs) =>
        events.Add("phase2 message #" + sa.Serial + " exchange " + m.ExchangeType);

    public void OnPhase1Established(IkeSa sa, long nowMs) => events.Add("phase2 established #" + sa.Serial);

    public void OnPhase1Deleting(IkeSa sa, bool notifyPeer, bool dropChildren, long nowMs) =>
        events.Add("phase2 deleting #" + sa.Serial + (notifyPeer ? " notify" : " silent") + (dropChildren ? " drop" : " keep"));

    public void OnPeerRemoved(PeerConfig peer, long nowMs) => events.Add("phase2 peer removed " + peer.Name);
}
