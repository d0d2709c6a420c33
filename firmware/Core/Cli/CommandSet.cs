using System;
using System.Collections;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// The command table: one row per command form, per view, plus the commands every view offers
    /// (display, debugging, reset, save, capture, quit, return). The trees are built once.
    /// </summary>
    public static class CommandSet
    {
        private const string Encryption = "{encryption=aes-128:1|aes-192:2|aes-256:3|3des:4}";
        private const string EspEncryption = "{encryption=aes-128:1|aes-192:2|aes-256:3|aes-gcm-128:5|aes-gcm-256:6|3des:4}";
        private const string IkeHash = "{hash=md5:1|sha1:2|sha2-256:4|sha2-384:5|sha2-512:6}";
        private const string EspHash = "{hash=sha1:2|sha2-256:4|sha2-384:5|sha2-512:6}";
        private const string Groups = "{group=group2:2|group5:5|group14:14|group15:15|group16:16|group19:19|group20:20|group21:21}";
        private const string PfsGroups = "{pfs-group=dh-group2:2|dh-group5:5|dh-group14:14|dh-group15:15|dh-group16:16|dh-group19:19|dh-group20:20|dh-group21:21}";
        private const string IdTypes = "{id-type=ip:1|fqdn:2|user-fqdn:3|key-id:11}";
        private const string DebugKinds = "{debug=error:1|event:2|packet:4|all:7}";

        // Trees of the views, held weakly: a tree is about 14 KB (host layout) of nodes and strings
        // and the console needs one only while it reads a line, so an ESP32 without PSRAM does not
        // keep all five for the gateway's lifetime (docs/PERFORMANCE.md, "Managed memory of the
        // device profile"). A collected tree is built again from the table on the next line.
        private static readonly WeakReference[] s_trees = new WeakReference[5];

        /// <summary>Keyword or slot name, "?" text; pairs. A new array per call so nothing is retained.</summary>
        private static string[] HelpTable()
        {
            return new string[]
            {
                "display", "Display information",
                "current-configuration", "Current configuration (secrets masked)",
                "saved-configuration", "Configuration saved for the next start",
                "ike", "IKE (ISAKMP, IKEv1) settings and state",
                "ipsec", "IPsec settings and state",
                "sa", "Security associations",
                "verbose", "Detailed information",
                "peer", "IKE peer",
                "proposal", "Proposal",
                "statistics", "Counters",
                "error-info", "Records of failed negotiations",
                "offline-info", "Records of IKE SAs that went down: when, after how long, why",
                "version", "Firmware, build, board, crypto provider and uptime",
                "ping", "Send ICMP echo requests from the box (-a SOURCE-IP: from a LAN address, through the tunnel)",
                "ping-arguments", "[-a SOURCE-IP] [-c COUNT] [-s SIZE] [-t TIMEOUT-MS] HOST",
                "tunnel", "Control one tunnel (ipsec policy) by hand",
                "initiate", "Negotiate the tunnel now",
                "terminate", "Delete the tunnel's IPsec SAs, telling the peer",
                "rekey", "Renew the tunnel's keys now (make-before-break)",
                "led", "Front-panel LED states",
                "debugging", "Debugging switches",
                "ikev1", "IKEv1 negotiation messages",
                "error", "Error records (negotiation failures)",
                "event", "Negotiation events",
                "packet", "Packet summaries",
                "all", "Everything",
                "undo", "Negate a command or restore its default",
                "reset", "Clear state",
                "save", "Save the current configuration for the next start",
                "backup", "Copy to a file in the board's storage",
                "restore", "Apply a configuration from a file in the board's storage",
                "configuration", "The current configuration (secrets in cipher form)",
                "backup-file", "File name, 1-31 characters: letters, digits, '-', '_', '.'",
                "capture", "Packet capture",
                "start", "Start capturing",
                "stop", "Stop capturing",
                "export", "Write capture.pcap (and the key tables when keys are retained) to storage",
                "snaplen", "Bytes kept of each packet, headers included (default 65535)",
                "keys", "Key export for Wireshark decryption (WARNING: exposes the tunnel keys)",
                "enable", "Keep the keys of SAs established from now on for capture export (WARNING: whoever gets the files can decrypt the traffic; not saved)",
                "quit", "Leave the current view",
                "return", "Return to the system view",
                "sysname", "Name of the device",
                "interface", "Interface settings",
                "wan", "WAN (Ethernet) interface",
                "lan", "LAN (protected network) interface",
                "address", "IPv4 address and prefix length",
                "tun", "Host TUN device that is the LAN side (linux board)",
                "tun-name", "TUN device name",
                "gateway", "Default gateway",
                "dhcp", "Obtain the address by DHCP",
                "info-center", "Export of records (syslog)",
                "console", "The serial and socket consoles",
                "password", "Login password (kept only as a salted PBKDF2-HMAC-SHA-256 hash)",
                "console-password", "Password, 1-63 characters (the rest of the line)",
                "password-hash", "pbkdf2-sha256:ITERATIONS:SALT:HASH as display current-configuration shows it",
                "nat-keepalive-timer", "NAT keepalives sent when this end is behind a NAT (RFC 3948)",
                "interval", "Seconds between keepalives (default 20)",
                "keepalive-seconds", "Seconds",
                "ntp-service", "Time from an NTP server (SNTP client)",
                "unicast-server", "The NTP server to ask",
                "ntp-server", "Server address",
                "clock", "Date and time (set by SNTP) and uptime",
                "loghost", "Syslog receiver (UDP, RFC 5424)",
                "port", "UDP port (default 514)",
                "loghost:arg", "Receiver address",
                "loghost-port", "Port",
                "encryption-algorithm", "Encryption algorithm",
                "authentication-algorithm", "Authentication (hash) algorithm",
                "aes-128", "AES-CBC, 128-bit key",
                "aes-192", "AES-CBC, 192-bit key",
                "aes-256", "AES-CBC, 256-bit key",
                "aes-gcm-128", "AES-GCM, 128-bit key, 16-byte ICV",
                "aes-gcm-256", "AES-GCM, 256-bit key, 16-byte ICV",
                "3des", "3DES-CBC (weak, legacy peers only)",
                "md5", "MD5 (weak, legacy peers only)",
                "sha1", "SHA-1",
                "sha2-256", "SHA2-256",
                "sha2-384", "SHA2-384",
                "sha2-512", "SHA2-512",
                "dh", "Diffie-Hellman group",
                "group2", "MODP 1024-bit (weak)",
                "group5", "MODP 1536-bit",
                "group14", "MODP 2048-bit",
                "group15", "MODP 3072-bit",
                "group16", "MODP 4096-bit",
                "group19", "ECP 256-bit (NIST P-256)",
                "group20", "ECP 384-bit (NIST P-384)",
                "group21", "ECP 521-bit (NIST P-521)",
                "dh-group2", "MODP 1024-bit (weak)",
                "dh-group5", "MODP 1536-bit",
                "dh-group14", "MODP 2048-bit",
                "dh-group15", "MODP 3072-bit",
                "dh-group16", "MODP 4096-bit",
                "dh-group19", "ECP 256-bit (NIST P-256)",
                "dh-group20", "ECP 384-bit (NIST P-384)",
                "dh-group21", "ECP 521-bit (NIST P-521)",
                "duration", "SA lifetime",
                "exchange-mode", "Phase 1 exchange mode",
                "main", "Main mode (identity protection)",
                "aggressive", "Aggressive mode (identities in the clear; with a PSK, anyone can get a hash to guess the key offline)",
                "pre-shared-key", "Pre-shared key",
                "simple", "Key in plain text",
                "cipher", "Key in the cipher form saved by this device",
                "remote-address", "Address (or range) of the remote gateway",
                "local-id", "Local identity",
                "remote-id", "Identity the peer must present",
                "ip", "IPv4 address identity",
                "fqdn", "Host name identity",
                "user-fqdn", "user@domain identity",
                "key-id", "Opaque key identifier",
                "ike-proposal", "IKE proposal offered to this peer",
                "nat", "NAT traversal",
                "traversal", "NAT traversal (RFC 3947)",
                "force-encapsulation", "Always UDP-encapsulate ESP, even without NAT",
                "dpd", "Dead peer detection",
                "interval", "Idle seconds before R-U-THERE",
                "retry", "Seconds between retries",
                "action", "What to do when the peer is dead (default restart)",
                "restart", "Remove its SAs and bring its tunnels up again",
                "clear", "Remove its SAs; traffic brings the tunnels up again",
                "sha2", "SHA-2 compatibility",
                "compatible", "96-bit HMAC-SHA2-256 ICV of old peers",
                "esp", "ESP transform",
                "ike-peer", "IKE peer of this policy",
                "pfs", "Perfect forward secrecy group for quick mode",
                "local-subnet", "Protected local network",
                "remote-subnet", "Remote network",
                "time-based", "Lifetime in seconds",
                "traffic-based", "Lifetime in kilobytes",
                "trigger-mode", "How the tunnel is started",
                "auto", "At once, and again whenever the tunnel is down",
                "sysname:arg", "Device name",
                "wan-address", "Address/prefix-length",
                "lan-address", "Address/prefix-length",
                "proposal-number", "Proposal number",
                "peer-name", "Peer name",
                "ipsec-proposal-name", "Proposal name",
                "policy-name", "Policy name",
                "ike-seconds", "Seconds",
                "ipsec-seconds", "Seconds",
                "kilobytes", "Kilobytes",
                "simple-key", "The key (quote it if it holds blanks)",
                "cipher-key", "The key in cipher form",
                "id-value", "Identity value",
                "dpd-interval", "Seconds",
                "dpd-retry", "Seconds",
                "local-subnet:arg", "Network/prefix-length",
                "remote-subnet:arg", "Network/prefix-length",
                "remote-address:arg", "Address, or network/prefix-length",
                "conn-id", "Connection ID",
                "snaplen:arg", "Bytes",
            };
        }

        private static void AddGlobal(CommandTree t)
        {
            t.Add("display current-configuration", (int)CommandId.DisplayCurrentConfiguration);
            t.Add("display saved-configuration", (int)CommandId.DisplaySavedConfiguration);
            t.Add("display ike sa", (int)CommandId.DisplayIkeSa);
            t.Add("display ike sa verbose", (int)CommandId.DisplayIkeSa);
            t.Add("display ike peer", (int)CommandId.DisplayIkePeer);
            t.Add("display ike proposal", (int)CommandId.DisplayIkeProposal);
            t.Add("display ike statistics", (int)CommandId.DisplayIkeStatistics);
            t.Add("display ike error-info", (int)CommandId.DisplayIkeErrorInfo);
            t.Add("display ike offline-info", (int)CommandId.DisplayIkeOfflineInfo);
            t.Add("display ipsec sa", (int)CommandId.DisplayIpsecSa);
            t.Add("display ipsec statistics", (int)CommandId.DisplayIpsecStatistics);
            t.Add("display led", (int)CommandId.DisplayLed);
            t.Add("display debugging", (int)CommandId.DisplayDebugging);
            t.Add("debugging ikev1 " + DebugKinds, (int)CommandId.Debugging);
            t.Add("undo debugging", (int)CommandId.UndoDebugging);
            t.Add("undo debugging ikev1 " + DebugKinds, (int)CommandId.UndoDebugging);
            t.Add("reset ike sa", (int)CommandId.ResetIkeSa);
            t.Add("reset ike sa {conn-id:int:1-2147483647}", (int)CommandId.ResetIkeSa);
            t.Add("reset ipsec sa", (int)CommandId.ResetIpsecSa);
            t.Add("reset ike statistics", (int)CommandId.ResetIkeStatistics);
            t.Add("save", (int)CommandId.Save);
            t.Add("backup configuration {backup-file:word:1-31}", (int)CommandId.BackupConfiguration);
            t.Add("restore configuration {backup-file:word:1-31}", (int)CommandId.RestoreConfiguration);
            t.Add("reset saved-configuration", (int)CommandId.ResetSavedConfiguration);
            t.Add("display capture", (int)CommandId.DisplayCapture);
            t.Add("capture {capture=start:1|stop:2|export:3}", (int)CommandId.Capture);
            t.Add("capture {capture=start:1} snaplen {snaplen:int:64-65535}", (int)CommandId.Capture);
            t.Add("capture {capture=keys:4} enable", (int)CommandId.Capture);
            t.Add("undo capture {capture=keys:5}", (int)CommandId.Capture);
            t.Add("display version", (int)CommandId.DisplayVersion);
            t.Add("display clock", (int)CommandId.DisplayClock);
            t.Add("tunnel {tunnel=initiate:1|terminate:2|rekey:3} {policy-name:word:1-15}", (int)CommandId.Tunnel);
            t.Add("ping {ping-arguments:line:1-200}", (int)CommandId.Ping);
            t.Add("quit", (int)CommandId.Quit);
            t.Add("return", (int)CommandId.Return);
        }

        private static void AddSystem(CommandTree t)
        {
            t.Add("sysname {sysname:word:1-24}", (int)CommandId.Sysname);
            t.Add("undo sysname", (int)CommandId.UndoSysname);
            t.Add("interface wan address {wan-address:prefix}", (int)CommandId.WanAddress);
            t.Add("interface wan address {wan-address:prefix} gateway {gateway:ip}", (int)CommandId.WanAddress);
            t.Add("interface wan dhcp", (int)CommandId.WanDhcp);
            t.Add("undo interface wan address", (int)CommandId.UndoWan);
            t.Add("undo interface wan dhcp", (int)CommandId.UndoWan);
            t.Add("interface lan address {lan-address:prefix}", (int)CommandId.LanAddress);
            t.Add("interface lan tun {tun-name:word:1-15} address {lan-address:prefix}", (int)CommandId.LanAddress);
            t.Add("undo interface lan address", (int)CommandId.UndoLan);
            t.Add("ntp-service unicast-server {ntp-server:ip}", (int)CommandId.NtpServer);
            t.Add("undo ntp-service unicast-server", (int)CommandId.UndoNtpServer);
            t.Add("console password simple {console-password:line:1-63}", (int)CommandId.ConsolePasswordSimple);
            t.Add("console password cipher {password-hash:word:1-255}", (int)CommandId.ConsolePasswordCipher);
            t.Add("undo console password", (int)CommandId.UndoConsolePassword);
            t.Add("ike nat-keepalive-timer interval {keepalive-seconds:int:5-300}", (int)CommandId.NatKeepalive);
            t.Add("undo ike nat-keepalive-timer interval", (int)CommandId.UndoNatKeepalive);
            t.Add("info-center loghost {loghost:ip}", (int)CommandId.LogHost);
            t.Add("info-center loghost {loghost:ip} port {loghost-port:int:1-65535}", (int)CommandId.LogHost);
            t.Add("undo info-center loghost", (int)CommandId.UndoLogHost);
            t.Add("ike proposal {proposal-number:int:1-99}", (int)CommandId.IkeProposal);
            t.Add("undo ike proposal {proposal-number:int:1-99}", (int)CommandId.UndoIkeProposal);
            t.Add("ike peer {peer-name:word:1-15}", (int)CommandId.IkePeer);
            t.Add("undo ike peer {peer-name:word:1-15}", (int)CommandId.UndoIkePeer);
            t.Add("ipsec proposal {ipsec-proposal-name:word:1-15}", (int)CommandId.IpsecProposal);
            t.Add("undo ipsec proposal {ipsec-proposal-name:word:1-15}", (int)CommandId.UndoIpsecProposal);
            t.Add("ipsec policy {policy-name:word:1-15}", (int)CommandId.IpsecPolicy);
            t.Add("undo ipsec policy {policy-name:word:1-15}", (int)CommandId.UndoIpsecPolicy);
        }

        private static void AddIkeProposal(CommandTree t)
        {
            t.Add("encryption-algorithm " + Encryption, (int)CommandId.IkeEncryption);
            t.Add("undo encryption-algorithm", (int)CommandId.UndoIkeEncryption);
            t.Add("authentication-algorithm " + IkeHash, (int)CommandId.IkeAuthentication);
            t.Add("undo authentication-algorithm", (int)CommandId.UndoIkeAuthentication);
            t.Add("dh " + Groups, (int)CommandId.IkeDh);
            t.Add("undo dh", (int)CommandId.UndoIkeDh);
            t.Add("sa duration {ike-seconds:int:60-604800}", (int)CommandId.IkeDuration);
            t.Add("undo sa duration", (int)CommandId.UndoIkeDuration);
        }

        private static void AddIkePeer(CommandTree t)
        {
            t.Add("exchange-mode {mode=main:0|aggressive:1}", (int)CommandId.ExchangeMode);
            t.Add("undo exchange-mode", (int)CommandId.UndoExchangeMode);
            t.Add("pre-shared-key simple {simple-key:line:1-127}", (int)CommandId.PskSimple);
            t.Add("pre-shared-key cipher {cipher-key:line:4-255}", (int)CommandId.PskCipher);
            t.Add("undo pre-shared-key", (int)CommandId.UndoPsk);
            t.Add("remote-address {remote-address:ip}", (int)CommandId.RemoteAddress);
            t.Add("remote-address {remote-address:net}", (int)CommandId.RemoteAddress);
            t.Add("undo remote-address", (int)CommandId.UndoRemoteAddress);
            t.Add("local-id " + IdTypes + " {id-value:word:1-255}", (int)CommandId.LocalId);
            t.Add("undo local-id", (int)CommandId.UndoLocalId);
            t.Add("remote-id " + IdTypes + " {id-value:word:1-255}", (int)CommandId.RemoteId);
            t.Add("undo remote-id", (int)CommandId.UndoRemoteId);
            t.Add("ike-proposal {proposal-number:int:1-99}", (int)CommandId.PeerProposal);
            t.Add("undo ike-proposal", (int)CommandId.UndoPeerProposal);
            t.Add("undo ike-proposal {proposal-number:int:1-99}", (int)CommandId.UndoPeerProposal);
            t.Add("nat traversal", (int)CommandId.NatTraversal);
            t.Add("undo nat traversal", (int)CommandId.UndoNatTraversal);
            t.Add("nat force-encapsulation", (int)CommandId.ForceEncapsulation);
            t.Add("undo nat force-encapsulation", (int)CommandId.UndoForceEncapsulation);
            t.Add("dpd interval {dpd-interval:int:10-3600} retry {dpd-retry:int:2-60}", (int)CommandId.Dpd);
            t.Add("dpd interval {dpd-interval:int:10-3600} retry {dpd-retry:int:2-60} action {dpd-action=restart:0|clear:1}", (int)CommandId.Dpd);
            t.Add("undo dpd", (int)CommandId.UndoDpd);
            t.Add("sha2 compatible", (int)CommandId.Sha2Compatible);
            t.Add("undo sha2 compatible", (int)CommandId.UndoSha2Compatible);
        }

        private static void AddIpsecProposal(CommandTree t)
        {
            t.Add("esp encryption-algorithm " + EspEncryption, (int)CommandId.EspEncryption);
            t.Add("undo esp encryption-algorithm", (int)CommandId.UndoEspEncryption);
            t.Add("esp authentication-algorithm " + EspHash, (int)CommandId.EspAuthentication);
            t.Add("undo esp authentication-algorithm", (int)CommandId.UndoEspAuthentication);
        }

        private static void AddIpsecPolicy(CommandTree t)
        {
            t.Add("ike-peer {peer-name:word:1-15}", (int)CommandId.PolicyPeer);
            t.Add("undo ike-peer", (int)CommandId.UndoPolicyPeer);
            t.Add("proposal {ipsec-proposal-name:word:1-15}", (int)CommandId.PolicyProposal);
            t.Add("undo proposal", (int)CommandId.UndoPolicyProposal);
            t.Add("pfs " + PfsGroups, (int)CommandId.Pfs);
            t.Add("undo pfs", (int)CommandId.UndoPfs);
            t.Add("local-subnet {local-subnet:net}", (int)CommandId.LocalSubnet);
            t.Add("undo local-subnet", (int)CommandId.UndoLocalSubnet);
            t.Add("remote-subnet {remote-subnet:net}", (int)CommandId.RemoteSubnet);
            t.Add("undo remote-subnet", (int)CommandId.UndoRemoteSubnet);
            t.Add("sa duration time-based {ipsec-seconds:int:120-604800}", (int)CommandId.PolicyDurationTime);
            t.Add("undo sa duration time-based", (int)CommandId.UndoPolicyDurationTime);
            t.Add("sa trigger-mode {trigger-mode=auto:1|traffic-based:0}", (int)CommandId.PolicyTriggerMode);
            t.Add("undo sa trigger-mode", (int)CommandId.UndoPolicyTriggerMode);
            t.Add("sa duration traffic-based {kilobytes:int:2560-4194303}", (int)CommandId.PolicyDurationTraffic);
            t.Add("undo sa duration traffic-based", (int)CommandId.UndoPolicyDurationTraffic);
        }

        /// <summary>The tree of <paramref name="view"/> (its own commands and the global ones).</summary>
        public static CommandTree For(CliView view)
        {
            WeakReference held = s_trees[(int)view];
            CommandTree tree = held == null ? null : held.Target as CommandTree;
            if (tree != null)
            {
                return tree;
            }

            string[] pairs = HelpTable();
            Hashtable help = new Hashtable();
            for (int i = 0; i < pairs.Length; i += 2)
            {
                help[pairs[i]] = pairs[i + 1];
            }

            tree = new CommandTree(help);
            switch (view)
            {
                case CliView.System:
                    AddSystem(tree);
                    break;
                case CliView.IkeProposal:
                    AddIkeProposal(tree);
                    break;
                case CliView.IkePeer:
                    AddIkePeer(tree);
                    break;
                case CliView.IpsecProposal:
                    AddIpsecProposal(tree);
                    break;
                default:
                    AddIpsecPolicy(tree);
                    break;
            }

            AddGlobal(tree);
            tree.Built();
            s_trees[(int)view] = new WeakReference(tree);
            return tree;
        }
    }
}
