using NanoGate.Boards.Sim;
using NanoGate.Firmware.Gateway;

namespace NanoGate.Host;

/// <summary>
/// The one place a <see cref="GatewayBoard"/> is made of a <see cref="SimBoard"/>: `nanogate demo`,
/// the gateway tests and the memory bench all run the firmware on the simulated board this way.
/// </summary>
public static class SimGatewayBoard
{
    /// <summary>
    /// The sim board's hal pieces as a gateway board named <paramref name="name"/>; its seeded random
    /// source is allowed (demos and tests only) unless <paramref name="insecureRandomAllowed"/> is
    /// false. <paramref name="profile"/> may size it (DeviceProfile.Apply) before the capture taps go on.
    /// </summary>
    public static GatewayBoard Create(SimBoard sim, string name, bool insecureRandomAllowed = true, Action<GatewayBoard>? profile = null)
    {
        var board = new GatewayBoard
        {
            Name = name,
            Clock = sim.Clock,
            Random = sim.Random,
            InsecureRandomAllowed = insecureRandomAllowed,
            Crypto = sim.Crypto,
            Jobs = sim.Jobs,
            Ike = sim.Ike,
            NatT = sim.NatT,
            Services = sim.Services,
            Icmp = sim.Icmp,
            Lan = sim.Lan,
            Leds = sim.Leds,
            Storage = sim.Storage,
        };
        profile?.Invoke(board);
        return board.TapCapture();
    }
}
