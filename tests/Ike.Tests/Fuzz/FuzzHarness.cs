using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Fuzz;

/// <summary>
/// Runs one input through the parser twice, at two offsets inside larger buffers filled with
/// different canaries (0xA5 / 0x5A), and reduces each run to a fingerprint of everything the
/// parser and the views report. A read outside [offset, offset + count) either throws
/// (IndexOutOfRangeException, counted) or makes the fingerprints differ (counted). Any other
/// exception is counted too. Accepted messages also go through the message rules and (every 16th)
/// the text decoder. One harness per thread; it reuses its buffers and parsed message.
/// </summary>
public sealed class FuzzHarness
{
    public const int Slack = 64;

    private readonly IsakmpMessage _message = new();
    private readonly MessageRules _rules = new();
    private readonly MessageDecoder _decoder = new();
    private byte[] _a = new byte[4096];
    private byte[] _b = new byte[4096];

    /// <summary>Which WireError codes the parser and the rules reported (how deep the mutations reach).</summary>
    public readonly bool[] CodesSeen = new bool[64];

    public long Inputs;
    public long Accepted;
    public long OutOfRange;
    public long Unhandled;
    public long CanaryMismatch;
    public string? FirstFailure;

    /// <summary>Returns false when this input is a failure (exception or outcome depends on bytes outside it).</summary>
    public bool Run(byte[] input, int offsetA, int offsetB, byte[]? encryptedHeader)
    {
        Inputs++;
        long fa, fb;
        try
        {
            fa = Fingerprint(input, ref _a, offsetA, 0xA5, encryptedHeader);
            fb = Fingerprint(input, ref _b, offsetB, 0x5A, encryptedHeader);
        }
        catch (IndexOutOfRangeException e)
        {
            OutOfRange++;
            FirstFailure ??= e.ToString();
            return false;
        }
        catch (Exception e)
        {
            Unhandled++;
            FirstFailure ??= e.ToString();
            return false;
        }

        if (fa != fb)
        {
            CanaryMismatch++;
            FirstFailure ??= "outcome depends on bytes outside the input";
            return false;
        }

        return true;
    }

    private long Fingerprint(byte[] input, ref byte[] buffer, int offset, byte canary, byte[]? encryptedHeader)
    {
        int needed = offset + input.Length + Slack;
        if (buffer.Length < needed)
        {
            buffer = new byte[needed * 2];
        }

        Array.Fill(buffer, canary, 0, needed);
        Array.Copy(input, 0, buffer, offset, input.Length);
        IsakmpMessage m = _message;
        bool ok;
        if (encryptedHeader is null)
        {
            ok = m.TryParse(buffer, offset, input.Length);
            if (ok && m.NeedsDecryption)
            {
                // Treat the ciphertext as if it were plaintext: garbage chains and padding.
                ok = m.TryParseDecrypted(buffer, offset + IsakmpHeader.Size, input.Length - IsakmpHeader.Size);
            }
        }
        else
        {
            Assert.True(m.TryParse(encryptedHeader, 0, encryptedHeader.Length));
            ok = m.TryParseDecrypted(buffer, offset, input.Length);
        }

        long h = ok ? 1 : 2;
        WireError e = m.Error;
        CodesSeen[e.Code & 63] = true;
        h = Mix(h, e.Code, e.Notify, e.PayloadType, e.Child);
        h = Mix(h, e.Value, e.Limit, e.Position, m.PayloadCount);
        if (!ok)
        {
            Assert.Equal(0, m.PayloadCount);
            Assert.NotEqual(0, e.Notify);
            return h;
        }

        Accepted++;

        // What runs after the parser must hold too: the rules (always) and the text decoder (sampled: it allocates).
        bool allowed = _rules.CheckExchange(m);
        CodesSeen[_rules.Error.Code & 63] = true;
        h = Mix(h, allowed ? 1 : 0, _rules.Error.Code, _rules.Error.Notify, _rules.Error.PayloadType);
        if ((Inputs & 15) == 0)
        {
            h = Mix(h, _decoder.Decode(m).Length, 0, 0, 0);
        }

        int start = offset;
        int end = offset + input.Length;
        byte[] p = m.PayloadBuffer;
        for (int i = 0; i < m.PayloadCount; i++)
        {
            int o = m.PayloadOffsetAt(i);
            int n = m.PayloadLengthAt(i);
            Assert.True(o >= start && n >= 4 && o + n <= end, "payload outside the input");
            h = Mix(h, m.PayloadTypeAt(i), o - offset, n, Views(m.PayloadTypeAt(i), p, o));
        }

        return h;
    }

    /// <summary>Reads every field of a checked payload through its view (the smoltcp contract: no check, no reads).</summary>
    private static int Views(int type, byte[] p, int o)
    {
        int h = GenericPayload.GetNextPayload(p, o) ^ GenericPayload.GetLength(p, o) << 8;
        switch (type)
        {
            case PayloadType.SecurityAssociation:
                h ^= (int)SaPayload.GetDoi(p, o) ^ (int)SaPayload.GetSituation(p, o);
                for (int prop = SaPayload.GetFirstProposal(o); prop >= 0; prop = SaPayload.GetNextChild(p, prop))
                {
                    h = h * 31 + ProposalPayload.GetNumber(p, prop) + ProposalPayload.GetProtocolId(p, prop) + (int)ProposalPayload.GetSpi32(p, prop);
                    for (int t = ProposalPayload.GetFirstTransform(p, prop); t >= 0; t = SaPayload.GetNextChild(p, t))
                    {
                        int life = TransformPayload.FindAttribute(p, t, 12);
                        h = h * 31 + TransformPayload.GetNumber(p, t) + TransformPayload.GetTransformId(p, t) + (life < 0 ? -1 : life - t);
                        int end = t + GenericPayload.GetLength(p, t);
                        for (int a = TransformPayload.GetAttributesOffset(t); a < end; a += DataAttribute.GetTotalLength(p, a))
                        {
                            DataAttribute.TryGetValue(p, a, out ulong v);
                            h = h * 31 + DataAttribute.GetType(p, a) + (int)v + DataAttribute.GetValueLength(p, a);
                            int vo = DataAttribute.GetValueOffset(p, a);
                            for (int k = 0; k < DataAttribute.GetValueLength(p, a); k++)
                            {
                                h += p[vo + k];
                            }
                        }
                    }
                }

                return h;
            case PayloadType.Identification:
                h ^= IdPayload.GetIdType(p, o) + IdPayload.GetProtocol(p, o) + IdPayload.GetPort(p, o) + (int)IdPayload.GetIpv4(p, o);
                return h ^ Sum(p, IdPayload.GetDataOffset(o), IdPayload.GetDataLength(p, o));
            case PayloadType.Notification:
                h ^= (int)NotifyPayload.GetDoi(p, o) + NotifyPayload.GetProtocolId(p, o) + NotifyPayload.GetNotifyType(p, o);
                return h ^ Sum(p, NotifyPayload.GetSpiOffset(o), NotifyPayload.GetSpiSize(p, o)) ^ Sum(p, NotifyPayload.GetDataOffset(p, o), NotifyPayload.GetDataLength(p, o));
            case PayloadType.Delete:
                h ^= (int)DeletePayload.GetDoi(p, o) + DeletePayload.GetProtocolId(p, o);
                int count = DeletePayload.GetSpiCount(p, o);
                return h ^ (count == 0 ? 0 : Sum(p, DeletePayload.GetSpiOffset(p, o, 0), count * DeletePayload.GetSpiSize(p, o)));
            case PayloadType.NatOa:
            case PayloadType.NatOaDraft:
                return h ^ NatOaPayload.GetIdType(p, o) ^ (int)NatOaPayload.GetIpv4(p, o);
            case PayloadType.Fragment:
                h ^= FragmentPayload.GetFragmentId(p, o) + FragmentPayload.GetNumber(p, o) + FragmentPayload.GetFlags(p, o);
                return h ^ Sum(p, FragmentPayload.GetDataOffset(o), FragmentPayload.GetDataLength(p, o));
            case PayloadType.Certificate:
            case PayloadType.CertificateRequest:
                return h ^ CertPayload.GetEncoding(p, o) ^ Sum(p, CertPayload.GetDataOffset(o), CertPayload.GetDataLength(p, o));
            default:
                return h ^ Sum(p, o + 4, GenericPayload.GetLength(p, o) - 4);
        }
    }

    private static int Sum(byte[] p, int o, int n)
    {
        int s = 0;
        for (int i = 0; i < n; i++)
        {
            s = s * 7 + p[o + i];
        }

        return s;
    }

    private static long Mix(long h, long a, long b, long c, long d)
    {
        const long k = unchecked((long)0x9E3779B97F4A7C15UL);
        h = (h ^ a) * k;
        h = (h ^ b) * k;
        h = (h ^ c) * k;
        return (h ^ d) * k;
    }
}
