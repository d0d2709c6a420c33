using System;
using NanoGate.Hal;

namespace NanoGate.Boards.Drivers
{
    /// <summary>
    /// <see cref="ILeds"/> on plain on/off outputs: keeps each LED's mode (set by the firmware's
    /// LedStatus) and turns it into a level at every <see cref="Tick"/>: slow blink 1 Hz (500 ms on,
    /// 500 ms off), fast blink 4 Hz (125 ms on, 125 ms off), all blinking LEDs in phase. A pin is
    /// written only when its level changes.
    /// </summary>
    public sealed class BlinkingLeds : ILeds
    {
        /// <summary>Half period of <see cref="LedMode.SlowBlink"/>.</summary>
        public const long SlowHalfMs = 500;

        /// <summary>Half period of <see cref="LedMode.FastBlink"/>.</summary>
        public const long FastHalfMs = 125;

        private const int LedCount = 5;

        private readonly ILedPins _pins;
        private readonly LedMode[] _mode = new LedMode[LedCount];
        private readonly int[] _level = new int[LedCount];

        /// <summary>LEDs on <paramref name="pins"/>, all dark until set.</summary>
        public BlinkingLeds(ILedPins pins)
        {
            if (pins == null)
            {
                throw new ArgumentNullException(nameof(pins));
            }

            _pins = pins;
            for (int i = 0; i < LedCount; i++)
            {
                _level[i] = -1;
            }
        }

        /// <summary>The mode <paramref name="led"/> was last set to.</summary>
        public LedMode ModeOf(LedId led)
        {
            return _mode[(int)led];
        }

        /// <inheritdoc/>
        public void Set(LedId led, LedMode mode)
        {
            int i = (int)led;
            if (i >= 0 && i < LedCount)
            {
                _mode[i] = mode;
            }
        }

        /// <inheritdoc/>
        public void Tick(long nowMs)
        {
            for (int i = 0; i < LedCount; i++)
            {
                int level = LevelAt(_mode[i], nowMs) ? 1 : 0;
                if (level != _level[i])
                {
                    _level[i] = level;
                    _pins.Write((LedId)i, level == 1);
                }
            }
        }

        /// <summary>Whether an LED in <paramref name="mode"/> is lit at <paramref name="nowMs"/>.</summary>
        public static bool LevelAt(LedMode mode, long nowMs)
        {
            switch (mode)
            {
                case LedMode.On:
                    return true;
                case LedMode.SlowBlink:
                    return (nowMs / SlowHalfMs) % 2 == 0;
                case LedMode.FastBlink:
                    return (nowMs / FastHalfMs) % 2 == 0;
                default:
                    return false;
            }
        }
    }
}
