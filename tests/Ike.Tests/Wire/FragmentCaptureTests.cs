using NanoGate.Ike.Wire;

namespace NanoGate.Ike.Tests.Wire;

/// <summary>
/// IKEv1 fragments (payload 132) sent by strongSwan with fragmentation = force and
/// fragment_size = 200 (data/strongswan/fragments); values from its tshark-decode.txt. The
/// fragments' data, concatenated in order, is the original message, which then parses whole.
/// </summary>
public class FragmentCaptureTests
{
    [Fact]
    public void MM1_fragment_fields()
    {
        CapturedPayload f1 = CapturedPayload.Find("fragments", "01-mm1-frag1", PayloadType.Fragment);
        Assert.Equal(144, f1.Length);
        Assert.Equal(1, FragmentPayload.GetFragmentId(f1.Buffer, f1.Offset));
        Assert.Equal(1, FragmentPayload.GetNumber(f1.Buffer, f1.Offset));
        Assert.False(FragmentPayload.IsLast(f1.Buffer, f1.Offset));
        Assert.Equal(136, FragmentPayload.GetDataLength(f1.Buffer, f1.Offset));
        CapturedPayload f2 = CapturedPayload.Find("fragments", "02-mm1-frag2", PayloadType.Fragment);
        Assert.Equal(52, f2.Length);
        Assert.Equal(2, FragmentPayload.GetNumber(f2.Buffer, f2.Offset));
        Assert.True(FragmentPayload.IsLast(f2.Buffer, f2.Offset));
        byte[] data = f1.Buffer[FragmentPayload.GetDataOffset(f1.Offset)..(f1.Offset + f1.Length)];
        CapturedPayload.AssertCheckLength(f1.Bytes, FragmentPayload.Check);
        CapturedPayload.AssertEmitLength(f1.Bytes, (b, o, r) => FragmentPayload.Write(b, o, r, 1, 1, 0, data, 0, data.Length));
    }

    [Theory]
    [InlineData("01-mm1-frag1,02-mm1-frag2", 180, MessageKind.MainMode1)]
    [InlineData("03-mm3-frag1,04-mm3-frag2,05-mm3-frag3", 396, MessageKind.MainMode3)]
    [InlineData("06-qm1-frag1,07-qm1-frag2", 188, 0)]
    public void Fragments_reassemble_into_a_message_that_parses(string names, int length, int kind)
    {
        var whole = new List<byte>();
        foreach (string name in names.Split(','))
        {
            CapturedPayload f = CapturedPayload.Find("fragments", name, PayloadType.Fragment);
            whole.AddRange(f.Buffer[FragmentPayload.GetDataOffset(f.Offset)..(f.Offset + f.Length)]);
        }

        byte[] message = [.. whole];
        Assert.Equal(length, message.Length); // tshark: "Reassembled ISAKMP length"
        var m = new IsakmpMessage();
        Assert.True(m.TryParse(message, 0, message.Length), m.Error.Reason);
        if (kind == 0)
        {
            Assert.True(m.NeedsDecryption); // QM1 is encrypted inside its fragments
            Assert.Equal(ExchangeType.QuickMode, m.ExchangeType);
            return;
        }

        var rules = new MessageRules();
        Assert.True(rules.Check(m, kind), rules.Error.Reason);
        Assert.Equal(Reemitter.Emit(m), message);
    }
}
