using System.Buffers.Binary;
using System.Security.Cryptography;
using NanoGate.Pstn.Ppp;

namespace NanoGate.Boards.Sim;

/// <summary>
/// A dial-in PPP server for the simulated board (the ISP's access server at the far end of a
/// simulated call): answers LCP, demands PAP or CHAP-MD5 (checking the response with .NET's own
/// MD5, not the gateway's), assigns an address with IPCP Configure-Nak, answers echoes, and
/// carries UDP. Faults on demand: Nak our MRU, an unknown option, MS-CHAP first, silence, reject
/// IPCP or the IP-Address option, ignore echoes. It frames with the pstn HDLC code (which has its
/// own RFC 1662 vector tests); everything above the framing is written here independently.
/// </summary>
public sealed class SimPppPeer(Action<byte[], int, int> toGateway) : ISimModemFarEnd
{
    private readonly HdlcDecoder _decoder = new(1600);
    private readonly HdlcEncoder _encoder = new(1600);
    private readonly byte[] _challenge = new byte[16];
    private byte _id;
    private bool _gatewayAcked;
    private bool _weAcked;
    private bool _lcpOpen;
    private bool _ipcpGatewayAcked;
    private bool _ipcpWeAcked;
    private bool _nakSent;
    private bool _extraOptionRejected;
    private bool _msChapNakked;
    private bool _requestSent;

    public SimPppAuth Auth { get; set; }

    public string User { get; set; } = "nanogate";

    public string Secret { get; set; } = "fake-secret";

    public uint ServerAddress { get; set; } = 0x0A400001;

    public uint AssignAddress { get; set; } = 0x0A400002;

    /// <summary>Nak the gateway's first MRU with 1400.</summary>
    public bool NakMru { get; set; }

    /// <summary>Ask for an option the gateway does not know (13, Callback) until it is rejected.</summary>
    public bool AskUnknownOption { get; set; }

    /// <summary>Answer nothing at all.</summary>
    public bool Silent { get; set; }

    /// <summary>Protocol-Reject IPCP.</summary>
    public bool RejectIpcp { get; set; }

    /// <summary>Configure-Reject the IP-Address option.</summary>
    public bool RejectIpAddress { get; set; }

    /// <summary>Do not answer LCP Echo-Requests.</summary>
    public bool IgnoreEcho { get; set; }

    /// <summary>Send each UDP datagram back to where it came from.</summary>
    public bool EchoUdp { get; set; }

    public bool Authenticated { get; private set; }

    public bool IpcpOpen => _ipcpGatewayAcked && _ipcpWeAcked;

    public uint GatewayMagic { get; private set; }

    public int EchoRequests { get; private set; }

    public int TerminateRequests { get; private set; }

    public List<ushort> ProtocolRejects { get; } = new();

    public List<string> Log { get; } = new();

    public List<(uint From, int FromPort, int ToPort, byte[] Payload)> Udp { get; } = new();

    /// <summary>The server speaks first: its LCP Configure-Request (unless it already answered the gateway's).</summary>
    public void Start()
    {
        if (!_requestSent)
        {
            SendLcpRequest();
        }
    }

    /// <summary>A new call: everything negotiated on the last one is forgotten.</summary>
    public void CallStarted()
    {
        _gatewayAcked = _weAcked = _lcpOpen = _ipcpGatewayAcked = _ipcpWeAcked = false;
        _nakSent = _extraOptionRejected = _msChapNakked = _requestSent = false;
        Authenticated = false;
    }

    public void FromGateway(byte value)
    {
        if (_decoder.Push(value) != HdlcStatus.Frame || Silent)
        {
            return;
        }

        byte[] f = _decoder.Frame;
        int n = _decoder.FrameLength;
        int i = f[0] == 0xFF && f[1] == 0x03 ? 2 : 0;
        ushort protocol = (ushort)((f[i] << 8) | f[i + 1]);
        byte[] p = f.AsSpan(i + 2, n - i - 2).ToArray();
        switch (protocol)
        {
            case PppProtocol.Lcp: Lcp(p); break;
            case PppProtocol.Pap: Pap(p); break;
            case PppProtocol.Chap: Chap(p); break;
            case PppProtocol.Ipcp: Ipcp(p); break;
            case PppProtocol.Ipv4: Ipv4(p); break;
        }
    }

    /// <summary>Sends a CCP Configure-Request, which the gateway does not speak (it must Protocol-Reject it).</summary>
    public void SendUnknownProtocol() => Send(0x80FD, [1, 1, 0, 4]);

    /// <summary>Sends Terminate-Request.</summary>
    public void Terminate() => Send(PppProtocol.Lcp, [5, ++_id, 0, 4]);

    /// <summary>One UDP datagram to the gateway, headers and checksums built here.</summary>
    public void SendUdp(int fromPort, int toPort, byte[] payload) => SendEncoded(EncodeUdp(fromPort, toPort, payload));

    /// <summary>The complete HDLC frame of a UDP datagram to the gateway (for replaying in benchmarks).</summary>
    public byte[] EncodeUdp(int fromPort, int toPort, byte[] payload)
    {
        byte[] ip = new byte[28 + payload.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(12), ServerAddress);
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(16), AssignAddress);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), Checksum(ip.AsSpan(0, 20), 0));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(20), (ushort)fromPort);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(22), (ushort)toPort);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(24), (ushort)(8 + payload.Length));
        payload.CopyTo(ip, 28);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(26), Checksum(ip.AsSpan(20), PseudoHeader(ServerAddress, AssignAddress, 8 + payload.Length)));
        return Frame(PppProtocol.Ipv4, ip);
    }

    private void Lcp(byte[] p)
    {
        byte code = p[0];
        byte id = p[1];
        var options = p.AsSpan(4, BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2)) - 4).ToArray();
        switch (code)
        {
            case 1:
                Log.Add("LCP Configure-Request");
                if (NakMru && !_nakSent)
                {
                    _nakSent = true;
                    Reply(PppProtocol.Lcp, 3, id, [1, 4, 0x05, 0x78]);
                    return;
                }

                for (int i = 0; i < options.Length; i += options[i + 1])
                {
                    if (options[i] == 5)
                    {
                        GatewayMagic = BinaryPrimitives.ReadUInt32BigEndian(options.AsSpan(i + 2));
                    }
                }

                Reply(PppProtocol.Lcp, 2, id, options);
                _gatewayAcked = true;
                if (!_requestSent)
                {
                    // Like pppd when the caller speaks first: our own request follows the Ack.
                    SendLcpRequest();
                }

                LcpMaybeOpen();
                break;
            case 2:
                _weAcked = true;
                LcpMaybeOpen();
                break;
            case 3:
                Log.Add("LCP Configure-Nak");
                if (Auth == SimPppAuth.MsChapThenChap)
                {
                    _msChapNakked = true;
                }

                SendLcpRequest();
                break;
            case 4:
                Log.Add("LCP Configure-Reject");
                if (options.Length > 0 && options[0] == 3)
                {
                    // Our authentication refused: an access server hangs up.
                    Log.Add("authentication refused");
                    Send(PppProtocol.Lcp, [5, ++_id, 0, 4]);
                    return;
                }

                _extraOptionRejected = true;
                SendLcpRequest();
                break;
            case 5:
                TerminateRequests++;
                Reply(PppProtocol.Lcp, 6, id, []);
                break;
            case 8:
                ProtocolRejects.Add(BinaryPrimitives.ReadUInt16BigEndian(options));
                break;
            case 9:
                EchoRequests++;
                if (!IgnoreEcho)
                {
                    byte[] reply = (byte[])options.Clone();
                    BinaryPrimitives.WriteUInt32BigEndian(reply, 0x5EED0001);
                    Reply(PppProtocol.Lcp, 10, id, reply);
                }

                break;
        }
    }

    private void LcpMaybeOpen()
    {
        if (!_gatewayAcked || !_weAcked || _lcpOpen)
        {
            return;
        }

        _lcpOpen = true;
        Log.Add("LCP Opened");
        if (Auth == SimPppAuth.Chap || Auth == SimPppAuth.MsChapThenChap)
        {
            RandomNumberGenerator.Fill(_challenge);
            byte[] data = [16, .. _challenge, .. "isp"u8.ToArray()];
            Reply(PppProtocol.Chap, 1, ++_id, data);
        }
        else if (Auth == SimPppAuth.None)
        {
            StartIpcp();
        }
    }

    private void Pap(byte[] p)
    {
        if (p[0] != 1)
        {
            return;
        }

        int userLength = p[4];
        string user = System.Text.Encoding.ASCII.GetString(p, 5, userLength);
        string password = System.Text.Encoding.ASCII.GetString(p, 6 + userLength, p[5 + userLength]);
        Authenticated = user == User && password == Secret;
        Log.Add("PAP " + (Authenticated ? "Ack" : "Nak"));
        Reply(PppProtocol.Pap, Authenticated ? (byte)2 : (byte)3, p[1], [0]);
        if (Authenticated)
        {
            StartIpcp();
        }
    }

    private void Chap(byte[] p)
    {
        if (p[0] != 2 || p[1] != _id || p[4] != 16)
        {
            return;
        }

        // RFC 1994 §4.1: MD5(Identifier || secret || Challenge), computed with .NET's MD5.
        byte[] expected = MD5.HashData([p[1], .. System.Text.Encoding.ASCII.GetBytes(Secret), .. _challenge]);
        string name = System.Text.Encoding.ASCII.GetString(p, 21, p.Length - 21);
        Authenticated = name == User && CryptographicOperations.FixedTimeEquals(expected, p.AsSpan(5, 16));
        Log.Add("CHAP " + (Authenticated ? "Success" : "Failure"));
        Reply(PppProtocol.Chap, Authenticated ? (byte)3 : (byte)4, p[1], []);
        if (Authenticated)
        {
            StartIpcp();
        }
    }

    private void StartIpcp()
    {
        byte[] option = new byte[6];
        option[0] = 3;
        option[1] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(option.AsSpan(2), ServerAddress);
        Reply(PppProtocol.Ipcp, 1, ++_id, option);
    }

    private void Ipcp(byte[] p)
    {
        if (RejectIpcp)
        {
            Send(PppProtocol.Lcp, [8, ++_id, 0, (byte)(6 + p.Length), 0x80, 0x21, .. p]);
            return;
        }

        byte code = p[0];
        byte id = p[1];
        byte[] options = p.AsSpan(4, BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2)) - 4).ToArray();
        if (code == 2)
        {
            _ipcpWeAcked = true;
            return;
        }

        if (code != 1)
        {
            return;
        }

        Log.Add("IPCP Configure-Request");
        if (options.Length >= 6 && options[0] == 3)
        {
            if (RejectIpAddress)
            {
                Reply(PppProtocol.Ipcp, 4, id, options.AsSpan(0, 6).ToArray());
                return;
            }

            if (BinaryPrimitives.ReadUInt32BigEndian(options.AsSpan(2)) != AssignAddress)
            {
                byte[] nak = new byte[6];
                nak[0] = 3;
                nak[1] = 6;
                BinaryPrimitives.WriteUInt32BigEndian(nak.AsSpan(2), AssignAddress);
                Reply(PppProtocol.Ipcp, 3, id, nak);
                return;
            }
        }

        Reply(PppProtocol.Ipcp, 2, id, options);
        _ipcpGatewayAcked = true;
    }

    private void Ipv4(byte[] p)
    {
        int total = BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2));
        if (Checksum(p.AsSpan(0, 20), 0) != 0 || p[9] != 17 || total != p.Length)
        {
            Log.Add("bad IPv4");
            return;
        }

        uint from = BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(12));
        uint to = BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(16));
        if (Checksum(p.AsSpan(20), PseudoHeader(from, to, total - 20)) != 0)
        {
            Log.Add("bad UDP checksum");
            return;
        }

        int fromPort = BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(20));
        int toPort = BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(22));
        byte[] payload = p.AsSpan(28, total - 28).ToArray();
        Udp.Add((from, fromPort, toPort, payload));
        if (EchoUdp)
        {
            SendUdp(toPort, fromPort, payload);
        }
    }

    private void SendLcpRequest()
    {
        _requestSent = true;
        var options = new List<byte> { 5, 6, 0x5E, 0xED, 0x00, 0x01 };
        switch (Auth)
        {
            case SimPppAuth.Pap:
                options.AddRange(new byte[] { 3, 4, 0xC0, 0x23 });
                break;
            case SimPppAuth.Chap:
                options.AddRange(new byte[] { 3, 5, 0xC2, 0x23, 5 });
                break;
            case SimPppAuth.MsChapThenChap:
                options.AddRange(new byte[] { 3, 5, 0xC2, 0x23, _msChapNakked ? (byte)5 : (byte)0x81 });
                break;
        }

        if (AskUnknownOption && !_extraOptionRejected)
        {
            options.AddRange(new byte[] { 13, 3, 6 });
        }

        options.AddRange(new byte[] { 7, 2, 8, 2 });
        Reply(PppProtocol.Lcp, 1, ++_id, options.ToArray());
    }

    private void Reply(ushort protocol, byte code, byte id, byte[] data)
    {
        byte[] packet = new byte[4 + data.Length];
        packet[0] = code;
        packet[1] = id;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        data.CopyTo(packet, 4);
        Send(protocol, packet);
    }

    private void Send(ushort protocol, byte[] packet) => SendEncoded(Frame(protocol, packet));

    private void SendEncoded(byte[] frame) => toGateway(frame, 0, frame.Length);

    private byte[] Frame(ushort protocol, byte[] packet)
    {
        _encoder.Begin(0xFFFFFFFF);
        _encoder.Add(0xFF);
        _encoder.Add(0x03);
        _encoder.Add((byte)(protocol >> 8));
        _encoder.Add((byte)protocol);
        _encoder.Add(packet, 0, packet.Length);
        int n = _encoder.Finish();
        return _encoder.Output.AsSpan(0, n).ToArray();
    }

    private static uint PseudoHeader(uint from, uint to, int udpLength) =>
        (from >> 16) + (from & 0xFFFF) + (to >> 16) + (to & 0xFFFF) + 17u + (uint)udpLength;

    private static ushort Checksum(ReadOnlySpan<byte> data, uint sum)
    {
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if ((data.Length & 1) != 0)
        {
            sum += (uint)(data[^1] << 8);
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
