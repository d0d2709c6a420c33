using NanoGate.Hal;

namespace NanoGate.Firmware.Status
{
    /// <summary>
    /// The front-panel logic of issue 8: PWR on; SYS slow blink booting, on running, fast blink
    /// fault; WAN off without link, slow blink link without address, on with address; VPN off with
    /// no tunnel configured, fast blink when the last negotiation failed, on when all tunnels are up,
    /// slow blink otherwise (negotiating or waiting); PSTN reserved for the modem module (set by it).
    /// Driven by <see cref="StatusEvent"/>s, never by IKE itself. Tunnels are numbered 0..count-1
    /// (the firmware uses the policy index).
    /// </summary>
    public sealed class LedStatus
    {
        private const int Down = 0;
        private const int Negotiating = 1;
        private const int Up = 2;

        private readonly LedMode[] _shown = new LedMode[5];
        private int[] _tunnels = new int[0];
        private int _system = (int)StatusEvent.Booting;
        private bool _wanLink;
        private bool _wanAddress;
        private bool _lastNegotiationFailed;
        private LedMode _pstn = LedMode.Off;

        /// <summary>Creates the logic in the booting state, no tunnels configured.</summary>
        public LedStatus()
        {
            for (int i = 0; i < _shown.Length; i++)
            {
                _shown[i] = (LedMode)(-1);
            }
        }

        /// <summary>Number of configured tunnels (policies); resets their states to down.</summary>
        public int TunnelCount
        {
            get { return _tunnels.Length; }
            set
            {
                _tunnels = new int[value < 0 ? 0 : value];
                _lastNegotiationFailed = false;
            }
        }

        /// <summary>The PSTN LED, owned by the modem module.</summary>
        public LedMode Pstn
        {
            get { return _pstn; }
            set { _pstn = value; }
        }

        /// <summary>Takes in a system or WAN event.</summary>
        public void On(StatusEvent e)
        {
            OnTunnel(e, -1);
        }

        /// <summary>Takes in an event; <paramref name="tunnel"/> names the tunnel for tunnel events (ignored when out of range).</summary>
        public void OnTunnel(StatusEvent e, int tunnel)
        {
            switch (e)
            {
                case StatusEvent.Booting:
                case StatusEvent.Running:
                case StatusEvent.Fault:
                    _system = (int)e;
                    return;
                case StatusEvent.WanLinkUp:
                    _wanLink = true;
                    return;
                case StatusEvent.WanLinkDown:
                    _wanLink = false;
                    _wanAddress = false;
                    return;
                case StatusEvent.WanAddressUp:
                    _wanAddress = true;
                    return;
                case StatusEvent.WanAddressDown:
                    _wanAddress = false;
                    return;
            }

            if (tunnel < 0 || tunnel >= _tunnels.Length)
            {
                return;
            }

            switch (e)
            {
                case StatusEvent.TunnelNegotiating:
                    _tunnels[tunnel] = Negotiating;
                    break;
                case StatusEvent.TunnelUp:
                    _tunnels[tunnel] = Up;
                    _lastNegotiationFailed = false;
                    break;
                case StatusEvent.TunnelFailed:
                    _tunnels[tunnel] = Down;
                    _lastNegotiationFailed = true;
                    break;
                default:
                    _tunnels[tunnel] = Down;
                    break;
            }
        }

        /// <summary>What <paramref name="led"/> should show now.</summary>
        public LedMode Mode(LedId led)
        {
            switch (led)
            {
                case LedId.Pwr:
                    return LedMode.On;
                case LedId.Sys:
                    if (_system == (int)StatusEvent.Running)
                    {
                        return LedMode.On;
                    }

                    return _system == (int)StatusEvent.Fault ? LedMode.FastBlink : LedMode.SlowBlink;
                case LedId.Wan:
                    if (!_wanLink)
                    {
                        return LedMode.Off;
                    }

                    return _wanAddress ? LedMode.On : LedMode.SlowBlink;
                case LedId.Vpn:
                    return VpnMode();
                default:
                    return _pstn;
            }
        }

        /// <summary>Why <paramref name="led"/> shows what it shows (for <c>display led</c>).</summary>
        public string Meaning(LedId led)
        {
            LedMode mode = Mode(led);
            switch (led)
            {
                case LedId.Pwr:
                    return "power on";
                case LedId.Sys:
                    return mode == LedMode.On ? "running" : (mode == LedMode.FastBlink ? "fault" : "booting");
                case LedId.Wan:
                    return mode == LedMode.Off ? "no link" : (mode == LedMode.On ? "link up, address assigned" : "link up, no address");
                case LedId.Vpn:
                    if (mode == LedMode.Off)
                    {
                        return "no tunnel configured";
                    }

                    if (mode == LedMode.FastBlink)
                    {
                        return "last negotiation failed";
                    }

                    return mode == LedMode.On ? "all tunnels up" : "negotiating or waiting (" + UpCount().ToString() + " of " + _tunnels.Length.ToString() + " up)";
                default:
                    return "reserved for the modem module";
            }
        }

        /// <summary>Sets the LEDs that changed since the last call.</summary>
        public void Apply(ILeds leds)
        {
            for (int i = 0; i < _shown.Length; i++)
            {
                LedMode mode = Mode((LedId)i);
                if (mode != _shown[i])
                {
                    leds.Set((LedId)i, mode);
                    _shown[i] = mode;
                }
            }
        }

        private LedMode VpnMode()
        {
            if (_tunnels.Length == 0)
            {
                return LedMode.Off;
            }

            if (_lastNegotiationFailed)
            {
                return LedMode.FastBlink;
            }

            return UpCount() == _tunnels.Length ? LedMode.On : LedMode.SlowBlink;
        }

        private int UpCount()
        {
            int up = 0;
            for (int i = 0; i < _tunnels.Length; i++)
            {
                if (_tunnels[i] == Up)
                {
                    up++;
                }
            }

            return up;
        }
    }
}
