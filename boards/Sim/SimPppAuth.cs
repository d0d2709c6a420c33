namespace NanoGate.Boards.Sim;

/// <summary>What the simulated PPP server demands from the dialling gateway.</summary>
public enum SimPppAuth
{
    /// <summary>No authentication.</summary>
    None,

    /// <summary>PAP (RFC 1334).</summary>
    Pap,

    /// <summary>CHAP with MD5 (RFC 1994).</summary>
    Chap,

    /// <summary>MS-CHAPv2 first (which the gateway must Nak), then CHAP-MD5.</summary>
    MsChapThenChap,
}
