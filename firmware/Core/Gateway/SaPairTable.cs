using NanoGate.Esp;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The tunnels' SA pairs as the gateway installs them in the ESP engine: inbound and outbound go
    /// in together (or the outbound after its inbound, quick mode's make-before-break order, RFC 2409
    /// §5.5), and for each outbound SA it remembers the inbound SPI paired with it, its key size and
    /// the connection ID, which the displays show and a tunnel's removal needs. Nothing here
    /// negotiates; the key exchange and the tests call it.
    /// </summary>
    internal sealed class SaPairTable
    {
        private readonly EspEngine _esp;
        private readonly uint[] _pairInbound;
        private readonly int[] _pairKeySize;
        private readonly int[] _pairConnId;

        /// <summary>Pairs in <paramref name="esp"/>, with room for <paramref name="maxSas"/> outbound SAs.</summary>
        internal SaPairTable(EspEngine esp, int maxSas)
        {
            _esp = esp;
            _pairInbound = new uint[maxSas];
            _pairKeySize = new int[maxSas];
            _pairConnId = new int[maxSas];
        }

        /// <summary>Installs inbound, then outbound; returns the outbound handle, or -1 with the reason (nothing left installed).</summary>
        internal int InstallPair(SaParameters inbound, SaParameters outbound, int connId, long nowMs, out SaInstallResult result)
        {
            result = _esp.InstallInbound(inbound, nowMs);
            if (result != SaInstallResult.Ok)
            {
                return -1;
            }

            int handle = InstallOutbound(inbound.Spi, outbound, connId, nowMs, out result);
            if (handle < 0)
            {
                _esp.RemoveInbound(inbound.Spi);
            }

            return handle;
        }

        /// <summary>Installs the outbound SA of a pair whose inbound SA (<paramref name="inboundSpi"/>) is in already; returns the handle, or -1.</summary>
        internal int InstallOutbound(uint inboundSpi, SaParameters outbound, int connId, long nowMs, out SaInstallResult result)
        {
            int handle = _esp.InstallOutbound(outbound, nowMs, out result);
            if (handle < 0)
            {
                return -1;
            }

            _pairInbound[handle] = inboundSpi;
            _pairKeySize[handle] = KeySizeIn(outbound);
            _pairConnId[handle] = connId;
            return handle;
        }

        /// <summary>Removes every SA; returns the pairs (outbound SAs) removed.</summary>
        internal int RemoveAll()
        {
            int pairs = 0;
            for (int i = 0; i < _esp.Sas.OutboundCapacity; i++)
            {
                if (_esp.GetOutbound(i) != null)
                {
                    _esp.RemoveOutbound(i);
                    pairs++;
                }
            }

            for (int i = 0; i < _esp.Sas.InboundCapacity; i++)
            {
                SecurityAssociation sa = _esp.Sas.InboundAt(i);
                if (sa != null)
                {
                    _esp.RemoveInbound(sa.Spi);
                }
            }

            return pairs;
        }

        /// <summary>Removes every outbound SA bound to ESP policy <paramref name="policyId"/> and its paired inbound SA; returns the pairs removed.</summary>
        internal int RemoveOfPolicy(int policyId)
        {
            int pairs = 0;
            for (int i = 0; i < _esp.Sas.OutboundCapacity; i++)
            {
                SecurityAssociation sa = _esp.GetOutbound(i);
                if (sa != null && sa.PolicyId == policyId)
                {
                    uint inbound = _pairInbound[i];
                    _esp.RemoveOutbound(i);
                    if (inbound != 0)
                    {
                        _esp.RemoveInbound(inbound);
                    }

                    pairs++;
                }
            }

            return pairs;
        }

        /// <summary>An SA whose hard lifetime ended (an event of the data path) leaves it.</summary>
        internal void RemoveExpired(uint spi, bool inbound)
        {
            if (inbound)
            {
                _esp.RemoveInbound(spi);
                return;
            }

            for (int i = 0; i < _esp.Sas.OutboundCapacity; i++)
            {
                SecurityAssociation sa = _esp.GetOutbound(i);
                if (sa != null && sa.Spi == spi)
                {
                    _esp.RemoveOutbound(i);
                }
            }
        }

        /// <summary>The inbound SPI paired with outbound SA <paramref name="handle"/> (0 = none).</summary>
        internal uint InboundSpiOf(int handle)
        {
            return _pairInbound[handle];
        }

        /// <summary>The key size in bytes recorded for outbound SA <paramref name="handle"/>.</summary>
        internal int KeySizeOf(int handle)
        {
            return _pairKeySize[handle];
        }

        /// <summary>The connection ID recorded for outbound SA <paramref name="handle"/> (0 = keyed by hand).</summary>
        internal int ConnIdOf(int handle)
        {
            return _pairConnId[handle];
        }

        private static int KeySizeIn(SaParameters p)
        {
            if (p.EncryptionKey == null)
            {
                return 0;
            }

            // AES-GCM keys carry the 4-byte salt after the key (RFC 4106 §8.1).
            return p.Cipher == NanoGate.Hal.Crypto.CipherAlgorithm.AesGcm ? p.EncryptionKey.Length - 4 : p.EncryptionKey.Length;
        }
    }
}
