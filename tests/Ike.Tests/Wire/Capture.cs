namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// One IKE message captured from strongSwan (data/strongswan, see its README): the UDP payload
/// without non-ESP marker and, when encrypted, the decrypted body (payloads plus CBC padding).
/// </summary>
public sealed class Capture(string exchange, string name, byte[] message, byte[]? plaintext, byte[]? key = null, byte[]? iv = null)
{
    public string Exchange { get; } = exchange;
    public string Name { get; } = name;
    public byte[] Message { get; } = message;
    public byte[]? Plaintext { get; } = plaintext;
    /// <summary>Ka and the CBC IV this message was encrypted with (null when in the clear).</summary>
    public byte[]? Key { get; } = key;
    public byte[]? Iv { get; } = iv;

    public bool IsEncrypted => (Message[19] & 1) != 0;

    public override string ToString() => Exchange + "/" + Name;
}
