namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The date and time, once SNTP has set it: an offset from the run loop's monotonic clock to UTC
    /// (Unix milliseconds). The box has no battery-backed clock, so until then there is no date and
    /// records carry the uptime only.
    /// </summary>
    public sealed class WallClock
    {
        private long _offsetMs;

        /// <summary>True once a time source set it.</summary>
        public bool IsSet { get; private set; }

        /// <summary>Run-loop time of the last setting.</summary>
        public long SetAtMs { get; private set; }

        /// <summary>Who set it ("192.0.2.123").</summary>
        public string Source { get; private set; }

        /// <summary>Sets the clock: at run-loop time <paramref name="nowMs"/> it is <paramref name="unixMs"/>.</summary>
        public void Set(long nowMs, long unixMs, string source)
        {
            _offsetMs = unixMs - nowMs;
            IsSet = true;
            SetAtMs = nowMs;
            Source = source;
        }

        /// <summary>UTC as Unix milliseconds at run-loop time <paramref name="nowMs"/> (meaningless unless <see cref="IsSet"/>).</summary>
        public long UnixMs(long nowMs)
        {
            return nowMs + _offsetMs;
        }

        /// <summary>RFC 3339 in UTC with milliseconds, "2026-12-05T08:53:12.345Z" (syslog's TIMESTAMP, RFC 5424 §6.2.3).</summary>
        public static string Format(long unixMs)
        {
            long days = unixMs >= 0 ? unixMs / 86400000 : ((unixMs + 1) / 86400000) - 1;
            long ms = unixMs - (days * 86400000);

            // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms").
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long doe = z - (era * 146097);
            long yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
            long y = yoe + (era * 400);
            long doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
            long mp = ((5 * doy) + 2) / 153;
            long d = doy - (((153 * mp) + 2) / 5) + 1;
            long m = mp < 10 ? mp + 3 : mp - 9;
            if (m <= 2)
            {
                y++;
            }

            return y.ToString() + "-" + Two(m) + "-" + Two(d) + "T" + Two(ms / 3600000) + ":" + Two(ms / 60000 % 60) + ":" + Two(ms / 1000 % 60)
                + "." + Three(ms % 1000) + "Z";
        }

        private static string Two(long n)
        {
            return n < 10 ? "0" + n.ToString() : n.ToString();
        }

        private static string Three(long n)
        {
            return n < 10 ? "00" + n.ToString() : n < 100 ? "0" + n.ToString() : n.ToString();
        }
    }
}
