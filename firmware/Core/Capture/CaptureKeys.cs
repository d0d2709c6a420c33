using System.Collections;
using NanoGate.Esp;
using NanoGate.Hal;
using NanoGate.Hal.Crypto;
using NanoGate.Ike;

namespace NanoGate.Firmware.Capture
{
    /// <summary>
    /// Keys retained for Wireshark, only while the operator has switched it on (<c>capture keys
    /// enable</c>, never saved in the configuration): copies of the phase 1 encryption key Ka of
    /// ISAKMP SAs and of the ESP keys of SAs established from then on (ike wipes its own copies
    /// once the SAs are installed). A copy goes when its SA dies (<see cref="Prune"/>, run by the
    /// gateway once a second and before every export), and all go when the switch goes off or the
    /// configuration is replaced. Exported as Wireshark's UAT files ikev1_decryption_table and esp_sa.
    /// </summary>
    public sealed class CaptureKeys
    {
        /// <summary>Most ISAKMP SAs retained at once.</summary>
        public const int MaxIsakmp = 16;

        /// <summary>Most ESP SAs (directions) retained at once.</summary>
        public const int MaxEsp = 64;

        private const int IsakmpLineBound = 16 + 1 + 128 + 1;
        private const int EspLineBound = 512;
        private const string Header = "# NanoGate capture keys: SECRET key material, delete this file after use.\n";

        private readonly ArrayList _isakmp = new ArrayList();
        private readonly ArrayList _esp = new ArrayList();

        /// <summary>True while keys of new SAs are retained. Off at start-up.</summary>
        public bool Enabled { get; private set; }

        /// <summary>SAs established while enabled whose keys did not fit.</summary>
        public int Skipped { get; private set; }

        /// <summary>ISAKMP SAs retained.</summary>
        public int IsakmpCount
        {
            get { return _isakmp.Count; }
        }

        /// <summary>ESP SAs (directions) retained.</summary>
        public int EspCount
        {
            get { return _esp.Count; }
        }

        /// <summary>The i-th retained ISAKMP key.</summary>
        public IsakmpKeyEntry GetIsakmp(int index)
        {
            return (IsakmpKeyEntry)_isakmp[index];
        }

        /// <summary>The i-th retained ESP key.</summary>
        public EspKeyEntry GetEsp(int index)
        {
            return (EspKeyEntry)_esp[index];
        }

        /// <summary>Retain the keys of SAs established from now on.</summary>
        public void Enable()
        {
            Enabled = true;
        }

        /// <summary>Stop retaining and wipe every retained key.</summary>
        public void Disable()
        {
            Enabled = false;
            Clear();
        }

        /// <summary>Wipes and forgets every retained key (the switch stays as it is).</summary>
        public void Clear()
        {
            for (int i = 0; i < _isakmp.Count; i++)
            {
                ((IsakmpKeyEntry)_isakmp[i]).Wipe();
            }

            for (int i = 0; i < _esp.Count; i++)
            {
                ((EspKeyEntry)_esp[i]).Wipe();
            }

            _isakmp.Clear();
            _esp.Clear();
            Skipped = 0;
        }

        /// <summary>Phase 1 is established (RFC 2409 §5): copy CKY-I and Ka when enabled.</summary>
        public void RetainIsakmp(IkeSa sa)
        {
            if (!Enabled || sa == null || sa.Keys == null || sa.Keys.EncryptionKey == null)
            {
                return;
            }

            if (_isakmp.Count >= MaxIsakmp)
            {
                Skipped++;
                return;
            }

            IsakmpKeyEntry e = new IsakmpKeyEntry();
            e.Sa = sa;
            e.InitiatorCookie = Copy(sa.CookieI);
            e.EncryptionKey = Copy(sa.Keys.EncryptionKey);
            _isakmp.Add(e);
        }

        /// <summary>Quick mode installed a pair (RFC 2409 §5.5): copy both directions' keys when enabled. Call before ike wipes them.</summary>
        public void RetainEsp(IpsecSaInfo inbound, IpsecSaInfo outbound)
        {
            if (!Enabled)
            {
                return;
            }

            RetainOne(inbound);
            RetainOne(outbound);
        }

        /// <summary>Copies the keys of one ESP SA just installed (one direction), when enabled.</summary>
        public void Retain(IpsecSaInfo info)
        {
            if (Enabled)
            {
                RetainOne(info);
            }
        }

        /// <summary>Forgets the key of an ISAKMP SA that was deleted.</summary>
        public void ForgetIsakmp(IkeSa sa)
        {
            for (int i = _isakmp.Count - 1; i >= 0; i--)
            {
                IsakmpKeyEntry e = (IsakmpKeyEntry)_isakmp[i];
                if (e.Sa == sa)
                {
                    e.Wipe();
                    _isakmp.RemoveAt(i);
                }
            }
        }

        /// <summary>
        /// Wipes the keys of SAs that are gone: ISAKMP SAs whose state is Dead, ESP SAs the engine
        /// no longer holds. Returns how many went.
        /// </summary>
        public int Prune(EspEngine esp)
        {
            int removed = 0;
            for (int i = _isakmp.Count - 1; i >= 0; i--)
            {
                IsakmpKeyEntry e = (IsakmpKeyEntry)_isakmp[i];
                if (e.Sa == null || e.Sa.State == IkeSaState.Dead)
                {
                    e.Wipe();
                    _isakmp.RemoveAt(i);
                    removed++;
                }
            }

            for (int i = _esp.Count - 1; i >= 0; i--)
            {
                EspKeyEntry e = (EspKeyEntry)_esp[i];
                if (!(e.Inbound ? esp.FindInbound(e.Spi) != null : HasOutbound(esp, e.Spi)))
                {
                    e.Wipe();
                    _esp.RemoveAt(i);
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>Upper bound of the ikev1_decryption_table size in bytes.</summary>
        public int Ikev1TableBound
        {
            get { return Header.Length + (_isakmp.Count * IsakmpLineBound); }
        }

        /// <summary>Upper bound of the esp_sa size in bytes.</summary>
        public int EspTableBound
        {
            get { return Header.Length + (_esp.Count * EspLineBound); }
        }

        /// <summary>
        /// Writes Wireshark's IKEv1 decryption table (UAT "ikev1_decryption_table" of
        /// epan/dissectors/packet-isakmp.c: fields "Initiator's COOKIE" and "Encryption Key", both
        /// hex bytes) into <paramref name="output"/>: one line <c>cookie,key</c> per SA, unquoted
        /// lowercase hex as Wireshark's own test/config/ikev1_decryption_table.tmpl and strongSwan's
        /// save-keys plugin write it. Returns the length. The caller wipes the buffer after use.
        /// </summary>
        public int WriteIkev1Table(byte[] output)
        {
            int at = Ascii(output, 0, Header);
            for (int i = 0; i < _isakmp.Count; i++)
            {
                IsakmpKeyEntry e = (IsakmpKeyEntry)_isakmp[i];
                at = Hex.WriteAscii(e.InitiatorCookie, output, at);
                output[at++] = (byte)',';
                at = Hex.WriteAscii(e.EncryptionKey, output, at);
                output[at++] = (byte)'\n';
            }

            return at;
        }

        /// <summary>
        /// Writes Wireshark's ESP SA table (UAT "esp_sa" of epan/dissectors/packet-ipsec.c, eight
        /// quoted fields: Protocol, Src IP, Dest IP, SPI, Encryption, Encryption Key, Authentication,
        /// Authentication Key), one line per direction as in Wireshark's test/config/esp_sa.tmpl:
        /// <c>"IPv4","src","dst","0x1234abcd","AES-CBC [RFC3602]","0x..","HMAC-SHA-256-128 [RFC4868]","0x.."</c>.
        /// AES-GCM keys carry the 4-byte salt at the end, the form packet-ipsec.c expects (key
        /// length 20/28/36 bytes); its authentication is "NULL" with the empty key "0x".
        /// Returns the length. The caller wipes the buffer after use.
        /// </summary>
        public int WriteEspTable(byte[] output)
        {
            int at = Ascii(output, 0, Header);
            for (int i = 0; i < _esp.Count; i++)
            {
                EspKeyEntry e = (EspKeyEntry)_esp[i];
                at = Ascii(output, at, "\"IPv4\",\"" + Ipv4.Format(e.Source) + "\",\"" + Ipv4.Format(e.Destination) + "\",\"0x");
                at = Hex.WriteAscii(e.Spi, output, at);
                at = Ascii(output, at, "\",\"" + WiresharkNames.Encryption(e.Cipher) + "\",\"0x");
                at = Hex.WriteAscii(e.EncryptionKey, output, at);
                at = Ascii(output, at, "\",\"" + WiresharkNames.Authentication(e.Cipher, e.Integrity, e.Sha256Truncated96) + "\",\"0x");
                at = Hex.WriteAscii(e.IntegrityKey, output, at);
                at = Ascii(output, at, "\"\n");
            }

            return at;
        }

        private void RetainOne(IpsecSaInfo info)
        {
            if (info == null || info.EncryptionKey == null)
            {
                return;
            }

            if (_esp.Count >= MaxEsp)
            {
                Skipped++;
                return;
            }

            EspKeyEntry e = new EspKeyEntry();
            e.Spi = info.Spi;
            e.Inbound = info.Inbound;
            e.Source = info.Inbound ? info.RemoteAddress : info.LocalAddress;
            e.Destination = info.Inbound ? info.LocalAddress : info.RemoteAddress;
            e.Cipher = info.Cipher;
            e.Integrity = info.Integrity;
            e.Sha256Truncated96 = info.Sha256Truncated96;
            e.EncryptionKey = Copy(info.EncryptionKey);
            e.IntegrityKey = info.Cipher == CipherAlgorithm.AesGcm ? null : Copy(info.IntegrityKey);
            _esp.Add(e);
        }

        private static bool HasOutbound(EspEngine esp, uint spi)
        {
            for (int i = 0; i < esp.Sas.OutboundCapacity; i++)
            {
                SecurityAssociation sa = esp.GetOutbound(i);
                if (sa != null && sa.Spi == spi)
                {
                    return true;
                }
            }

            return false;
        }

        private static byte[] Copy(byte[] source)
        {
            if (source == null)
            {
                return null;
            }

            byte[] copy = new byte[source.Length];
            System.Array.Copy(source, copy, source.Length);
            return copy;
        }

        private static int Ascii(byte[] output, int at, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                output[at++] = (byte)text[i];
            }

            return at;
        }
    }
}
