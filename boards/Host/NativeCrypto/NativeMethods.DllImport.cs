#if !NANOFRAMEWORK_1_0
using System.Runtime.InteropServices;

namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// The host binding of the native crypto component (c/nanogate_crypto.h): P/Invoke into
    /// libnanogate_crypto.so, built from the same C as the device against Debian's mbedTLS
    /// (tests/run.sh: make -C native/c) and copied beside the assemblies by the .csproj.
    /// Only int and byte[] cross: byte[] of a blittable type is pinned, never copied, so a call
    /// allocates nothing. The device binding (NativeMethods.InternalCall.cs) has the same members.
    /// </summary>
    public static class NativeMethods
    {
        private const string Library = "nanogate_crypto";

        [DllImport(Library, EntryPoint = "ngc_cbc_create")]
        public static extern int CbcCreate(int algorithm, byte[] key, int keyOffset, int keyCount);

        [DllImport(Library, EntryPoint = "ngc_cbc_encrypt")]
        public static extern int CbcEncrypt(int handle, byte[] iv, int ivOffset, byte[] buffer, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_cbc_decrypt")]
        public static extern int CbcDecrypt(int handle, byte[] iv, int ivOffset, byte[] buffer, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_gcm_create")]
        public static extern int GcmCreate(byte[] key, int keyOffset, int keyCount, int tagSize);

        [DllImport(Library, EntryPoint = "ngc_gcm_encrypt")]
        public static extern int GcmEncrypt(int handle, byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count, byte[] tag, int tagOffset);

        [DllImport(Library, EntryPoint = "ngc_gcm_decrypt")]
        public static extern int GcmDecrypt(int handle, byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count, byte[] tag, int tagOffset);

        [DllImport(Library, EntryPoint = "ngc_hash_create")]
        public static extern int HashCreate(int algorithm, int hmac, byte[] key, int keyOffset, int keyCount);

        [DllImport(Library, EntryPoint = "ngc_hash_size")]
        public static extern int HashSize(int algorithm);

        [DllImport(Library, EntryPoint = "ngc_hash_reset")]
        public static extern int HashReset(int handle);

        [DllImport(Library, EntryPoint = "ngc_hash_append")]
        public static extern int HashAppend(int handle, byte[] data, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_hash_finish")]
        public static extern int HashFinish(int handle, byte[] output, int offset);

        [DllImport(Library, EntryPoint = "ngc_hash_once")]
        public static extern int HashOnce(int algorithm, int hmac, byte[] key, int keyOffset, int keyCount, byte[] data, int offset, int count, byte[] output, int outputOffset);

        [DllImport(Library, EntryPoint = "ngc_modp_create")]
        public static extern int ModpCreate(byte[] prime, int primeOffset, int primeCount, byte[] exponent, int exponentOffset, int exponentCount);

        [DllImport(Library, EntryPoint = "ngc_ecp_create")]
        public static extern int EcpCreate(int group, byte[] scalar, int scalarOffset, int scalarCount);

        [DllImport(Library, EntryPoint = "ngc_dh_public")]
        public static extern int DhPublic(int handle, byte[] output, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_dh_compute")]
        public static extern int DhCompute(int handle, byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset, int outputCount);

        [DllImport(Library, EntryPoint = "ngc_random")]
        public static extern int Random(byte[] output, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_release")]
        public static extern void Release(int handle);

        [DllImport(Library, EntryPoint = "ngc_slot_is_clear")]
        public static extern int SlotIsClear(int handle);

        [DllImport(Library, EntryPoint = "ngc_slots_in_use")]
        public static extern int SlotsInUse();

        [DllImport(Library, EntryPoint = "ngc_slot_count")]
        public static extern int SlotCount();
    }
}
#endif
