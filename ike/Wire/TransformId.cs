namespace NanoGate.Ike.Wire
{
    /// <summary>
    /// Transform identifiers: KEY_IKE for ISAKMP proposals (RFC 2407 §4.4.2) and the ESP transform
    /// IDs (RFC 2407 §4.4.4; AES-CBC RFC 3602 §5.1; AES-GCM RFC 4106 §7).
    /// </summary>
    public static class TransformId
    {
        public const int KeyIke = 1;

        public const int EspDes = 2;
        public const int Esp3Des = 3;
        public const int EspNull = 11;
        public const int EspAes = 12;
        public const int EspAesGcm8 = 18;
        public const int EspAesGcm12 = 19;
        public const int EspAesGcm16 = 20;

        /// <summary>Name for logs, given the proposal's protocol.</summary>
        public static string Name(int protocolId, int id)
        {
            if (protocolId == ProtocolId.Isakmp)
            {
                return id == KeyIke ? "KEY_IKE" : "transform " + id.ToString();
            }

            if (protocolId == ProtocolId.IpsecEsp)
            {
                switch (id)
                {
                    case EspDes: return "ESP_DES";
                    case Esp3Des: return "ESP_3DES";
                    case EspNull: return "ESP_NULL";
                    case EspAes: return "ESP_AES";
                    case EspAesGcm8: return "ESP_AES_GCM_8";
                    case EspAesGcm12: return "ESP_AES_GCM_12";
                    case EspAesGcm16: return "ESP_AES_GCM_16";
                }
            }

            return "transform " + id.ToString();
        }
    }
}
