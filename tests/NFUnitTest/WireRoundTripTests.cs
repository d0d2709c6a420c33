using nanoFramework.TestFramework;
using NanoGate.Hal;
using NanoGate.Ike.Wire;

namespace NFUnitTest
{
    /// <summary>The ISAKMP header (RFC 2408 §3.1) written and read back on the chip.</summary>
    [TestClass]
    public class WireRoundTripTests
    {
        [TestMethod]
        public void Header_written_is_the_header_read()
        {
            byte[] icookie = Hex.Parse("a7e7f74a51ab4336");
            byte[] rcookie = Hex.Parse("dd51686f2e01662d");
            byte[] b = new byte[IsakmpHeader.Size];
            int n = IsakmpHeader.Write(b, 0, b.Length, icookie, 0, rcookie, 0, PayloadType.Hash, ExchangeType.QuickMode,
                IsakmpHeader.FlagEncryption, 0xb668f178u, IsakmpHeader.Size);
            Assert.AreEqual(IsakmpHeader.Size, n, "written");
            var error = new WireError();
            Assert.IsTrue(IsakmpHeader.Check(b, 0, b.Length, error), "check");
            Assert.AreEqual(0xa7e7f74a51ab4336UL, IsakmpHeader.GetInitiatorCookie(b, 0), "initiator cookie");
            Assert.AreEqual(0xdd51686f2e01662dUL, IsakmpHeader.GetResponderCookie(b, 0), "responder cookie");
            Assert.AreEqual(PayloadType.Hash, IsakmpHeader.GetNextPayload(b, 0), "next payload");
            Assert.AreEqual(1, IsakmpHeader.GetMajorVersion(b, 0), "major version");
            Assert.AreEqual(0, IsakmpHeader.GetMinorVersion(b, 0), "minor version");
            Assert.AreEqual(ExchangeType.QuickMode, IsakmpHeader.GetExchangeType(b, 0), "exchange type");
            Assert.AreEqual(IsakmpHeader.FlagEncryption, IsakmpHeader.GetFlags(b, 0), "flags");
            Assert.AreEqual(0xb668f178u, IsakmpHeader.GetMessageId(b, 0), "message id");
            Assert.AreEqual((uint)IsakmpHeader.Size, IsakmpHeader.GetLength(b, 0), "length");
        }

        [TestMethod]
        public void A_short_or_unequal_header_is_rejected_as_a_value()
        {
            byte[] b = new byte[IsakmpHeader.Size];
            byte[] cookie = Hex.Parse("0102030405060708");
            IsakmpHeader.Write(b, 0, b.Length, cookie, 0, new byte[8], 0, PayloadType.SecurityAssociation,
                ExchangeType.IdentityProtection, 0, 0, IsakmpHeader.Size);
            var error = new WireError();
            Assert.IsFalse(IsakmpHeader.Check(b, 0, IsakmpHeader.Size - 1, error), "short");
            Assert.AreEqual(WireError.MessageTooShort, error.Code, "short code");
            Assert.AreEqual(NotifyType.PayloadMalformed, error.Notify, "short notify");
            b[IsakmpHeader.LengthOffset + 3] = 29;
            Assert.IsFalse(IsakmpHeader.Check(b, 0, IsakmpHeader.Size, error), "unequal");
            Assert.AreEqual(NotifyType.UnequalPayloadLengths, error.Notify, "unequal notify");
        }
    }
}
