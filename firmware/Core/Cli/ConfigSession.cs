using System.Collections;
using NanoGate.Firmware.Config;

namespace NanoGate.Firmware.Cli
{
    /// <summary>
    /// Carries out configuration commands on one <see cref="GatewayConfiguration"/>, remembering
    /// which view (block) is open and on which line each block began (for error reports).
    /// The startup loader uses a fresh session on a fresh configuration; the console one session on
    /// its working configuration. Each view's commands are its own type's (<see cref="SystemView"/>,
    /// <see cref="IkeProposalView"/>, <see cref="IkePeerView"/>, <see cref="IpsecProposalView"/>,
    /// <see cref="IpsecPolicyView"/>).
    /// </summary>
    public sealed class ConfigSession
    {
        private readonly GatewayConfiguration _config;
        private readonly Hashtable _blockLines = new Hashtable();
        private CliView _view;
        private string _viewName;
        private IConfigView _open;

        /// <summary>Creates a session in the system view of <paramref name="config"/>.</summary>
        public ConfigSession(GatewayConfiguration config)
        {
            _config = config;
            _view = CliView.System;
        }

        /// <summary>The configuration being edited.</summary>
        public GatewayConfiguration Configuration
        {
            get { return _config; }
        }

        /// <summary>The open view.</summary>
        public CliView View
        {
            get { return _view; }
        }

        /// <summary>The open block's header ("ike peer hq"), or "" in the system view.</summary>
        public string Block
        {
            get { return _view == CliView.System ? "" : _viewName; }
        }

        /// <summary>The prompt: "[branch-gw]" or "[branch-gw-ike-peer-hq]".</summary>
        public string Prompt
        {
            get { return "[" + _config.Sysname + (_view == CliView.System ? "" : "-" + Dashes(_viewName)) + "]"; }
        }

        /// <summary>Line on which <paramref name="block"/> was opened (0 when unknown).</summary>
        public int LineOf(string block)
        {
            object line = _blockLines[block];
            return line == null ? 0 : (int)line;
        }

        /// <summary>Closes the open view (quit, or a line at a lower indent in a file).</summary>
        public void LeaveView()
        {
            _view = CliView.System;
            _viewName = null;
            _open = null;
        }

        /// <summary>
        /// Carries out a configuration command; null on success, else why not (nothing changed then).
        /// Block headers open (or remove) a block; commands inside a block go to its view, the
        /// rest are the system view's.
        /// </summary>
        public CliError Apply(ParsedCommand c)
        {
            switch ((CommandId)c.Command)
            {
                case CommandId.IkeProposal:
                    {
                        int number = c.Number("proposal-number", 0);
                        return Enter(CliView.IkeProposal, "ike proposal " + number.ToString(), c.LineNumber, IkeProposalView.Open(_config, number));
                    }

                case CommandId.UndoIkeProposal:
                    return IkeProposalView.Remove(_config, c.Number("proposal-number", 0));
                case CommandId.IkePeer:
                    return Enter(CliView.IkePeer, "ike peer " + c.Text("peer-name"), c.LineNumber, IkePeerView.Open(_config, c.Text("peer-name")));
                case CommandId.UndoIkePeer:
                    return IkePeerView.Remove(_config, c.Text("peer-name"));
                case CommandId.IpsecProposal:
                    {
                        string name = c.Text("ipsec-proposal-name");
                        return Enter(CliView.IpsecProposal, "ipsec proposal " + name, c.LineNumber, IpsecProposalView.Open(_config, name));
                    }

                case CommandId.UndoIpsecProposal:
                    return IpsecProposalView.Remove(_config, c.Text("ipsec-proposal-name"));
                case CommandId.IpsecPolicy:
                    return Enter(CliView.IpsecPolicy, "ipsec policy " + c.Text("policy-name"), c.LineNumber, IpsecPolicyView.Open(_config, c.Text("policy-name")));
                case CommandId.UndoIpsecPolicy:
                    return IpsecPolicyView.Remove(_config, c.Text("policy-name"));
                default:
                    return _open != null ? _open.Apply(c) : SystemView.Apply(_config, c);
            }
        }

        private CliError Enter(CliView view, string name, int line, IConfigView open)
        {
            LeaveView();
            _view = view;
            _viewName = name;
            _open = open;
            if (line > 0 && _blockLines[name] == null)
            {
                _blockLines[name] = line;
            }

            return null;
        }

        private static string Dashes(string text)
        {
            char[] c = text.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                if (c[i] == ' ')
                {
                    c[i] = '-';
                }
            }

            return new string(c);
        }
    }
}
