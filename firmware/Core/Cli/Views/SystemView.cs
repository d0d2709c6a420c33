using NanoGate.Firmware.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The system view's own settings: the system name and the WAN and LAN interfaces, each with
    /// its <c>undo</c> (the blocks it opens are <see cref="ConfigSession"/>'s).
    /// </summary>
    public static class SystemView
    {
        /// <summary>Carries out a system-view setting on <paramref name="config"/>; null on success, else why not.</summary>
        public static CliError Apply(GatewayConfiguration config, ParsedCommand c)
        {
            switch ((CommandId)c.Command)
            {
                case CommandId.Sysname:
                    config.Sysname = c.Text("sysname");
                    return null;
                case CommandId.UndoSysname:
                    config.Sysname = GatewayConfiguration.DefaultSysname;
                    return null;
                case CommandId.WanAddress:
                    return SetWan(config, c);
                case CommandId.WanDhcp:
                    ClearWan(config);
                    config.WanDhcp = true;
                    return null;
                case CommandId.UndoWan:
                    ClearWan(config);
                    return null;
                case CommandId.LanAddress:
                    config.LanAddress = c.Address("lan-address");
                    config.LanPrefixLength = c.Number("lan-address", 0);
                    config.LanTun = c.Has("tun-name") ? c.Text("tun-name") : null;
                    return null;
                case CommandId.NtpServer:
                    config.NtpServer = c.Address("ntp-server");
                    return null;
                case CommandId.UndoNtpServer:
                    config.NtpServer = 0;
                    return null;
                case CommandId.ConsolePasswordSimple:
                    // The console hashes it (CommandLine); a file holds only the stored form.
                    return CliError.Rejected("a configuration file holds the console password only as 'console password cipher pbkdf2-sha256:...'");
                case CommandId.ConsolePasswordCipher:
                    if (!ConsolePassword.IsWellFormed(c.Text("password-hash")))
                    {
                        return CliError.Rejected("not a stored console password (pbkdf2-sha256:ITERATIONS:SALT:HASH)");
                    }

                    config.ConsolePassword = c.Text("password-hash");
                    return null;
                case CommandId.UndoConsolePassword:
                    config.ConsolePassword = null;
                    return null;
                case CommandId.NatKeepalive:
                    config.NatKeepaliveSeconds = c.Number("keepalive-seconds", 0);
                    return null;
                case CommandId.UndoNatKeepalive:
                    config.NatKeepaliveSeconds = 0;
                    return null;
                case CommandId.LogHost:
                    config.LogHost = c.Address("loghost");
                    config.LogHostPort = c.Number("loghost-port", 0);
                    return null;
                case CommandId.UndoLogHost:
                    config.LogHost = 0;
                    config.LogHostPort = 0;
                    return null;
                case CommandId.UndoLan:
                    config.LanAddress = 0;
                    config.LanPrefixLength = 0;
                    config.LanTun = null;
                    return null;
                default:
                    return CliError.Rejected("not a configuration command");
            }
        }

        private static CliError SetWan(GatewayConfiguration config, ParsedCommand c)
        {
            uint gateway = c.Address("gateway");
            uint mask = CommandTree.Mask(c.Number("wan-address", 0));
            if (gateway != 0 && (gateway & mask) != (c.Address("wan-address") & mask))
            {
                return CliError.Rejected("gateway " + c.Text("gateway") + " is not in " + c.Text("wan-address"));
            }

            config.WanDhcp = false;
            config.WanAddress = c.Address("wan-address");
            config.WanPrefixLength = c.Number("wan-address", 0);
            config.WanGateway = gateway;
            return null;
        }

        private static void ClearWan(GatewayConfiguration config)
        {
            config.WanDhcp = false;
            config.WanAddress = 0;
            config.WanPrefixLength = 0;
            config.WanGateway = 0;
        }
    }
}
