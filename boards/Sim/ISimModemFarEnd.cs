namespace NanoGate.Boards.Sim;

/// <summary>Whatever answers a call of the simulated modem (a PPP peer, a test script).</summary>
public interface ISimModemFarEnd
{
    /// <summary>One data-mode byte from the gateway.</summary>
    void FromGateway(byte value);

    /// <summary>A new call was answered (CONNECT): forget the last one.</summary>
    void CallStarted();
}
