#if !NANOFRAMEWORK_1_0
using System.Runtime.InteropServices;

namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// The host binding of the native crypto component (c/nanogate_crypto.h): P/Invoke into
    /// libnanogate_crypto.so, built from the same C as the device against Debian's mbedTLS
    /// (tests/run.sh: make -C hal/Crypto/Native/c) and copied beside the assemblies by the .csproj.
    /// Only int and byte[] cross: byte[] of a blittable type is pinned, never copied, so a call
    /// allocates nothing. The device binding (NativeMethods.InternalCall.cs) has the same members.
    /// </summary>
    internal static class NativeMethods
    {
        private const string Library = "nanogate_crypto";

        [DllImport(Library, EntryPoint = "ngc_cbc_create")]
        internal static extern int CbcCreate(int algorithm, byte[] key, int keyOffset, int keyCount);

        [DllImport(Library, EntryPoint = "ngc_cbc_encrypt")]
        internal static extern int CbcEncrypt(int handle, byte[] iv, int ivOffset, byte[] buffer, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_cbc_decrypt")]
        internal static extern int CbcDecrypt(int handle, byte[] iv, int ivOffset, byte[] buffer, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_gcm_create")]
        internal static extern int GcmCreate(byte[] key, int keyOffset, int keyCount, int tagSize);

        [DllImport(Library, EntryPoint = "ngc_gcm_encrypt")]
        internal static extern int GcmEncrypt(int handle, byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count, byte[] tag, int tagOffset);

        [DllImport(Library, EntryPoint = "ngc_gcm_decrypt")]
        internal static extern int GcmDecrypt(int handle, byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count, byte[] tag, int tagOffset);

        [DllImport(Library, EntryPoint = "ngc_hash_create")]
        internal static extern int HashCreate(int algorithm, int hmac, byte[] key, int keyOffset, int keyCount);

        [DllImport(Library, EntryPoint = "ngc_hash_size")]
        internal static extern int HashSize(int algorithm);

        [DllImport(Library, EntryPoint = "ngc_hash_reset")]
        internal static extern int HashReset(int handle);

        [DllImport(Library, EntryPoint = "ngc_hash_append")]
        internal static extern int HashAppend(int handle, byte[] data, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_hash_finish")]
        internal static extern int HashFinish(int handle, byte[] output, int offset);

        [DllImport(Library, EntryPoint = "ngc_hash_once")]
        internal static extern int HashOnce(int algorithm, int hmac, byte[] key, int keyOffset, int keyCount, byte[] data, int offset, int count, byte[] output, int outputOffset);

        [DllImport(Library, EntryPoint = "ngc_modp_create")]
        internal static extern int ModpCreate(byte[] prime, int primeOffset, int primeCount, byte[] exponent, int exponentOffset, int exponentCount);

        [DllImport(Library, EntryPoint = "ngc_ecp_create")]
        internal static extern int EcpCreate(int group, byte[] scalar, int scalarOffset, int scalarCount);

        [DllImport(Library, EntryPoint = "ngc_dh_public")]
        internal static extern int DhPublic(int handle, byte[] output, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_dh_compute")]
        internal static extern int DhCompute(int handle, byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset, int outputCount);

        [DllImport(Library, EntryPoint = "ngc_random")]
        internal static extern int Random(byte[] output, int offset, int count);

        [DllImport(Library, EntryPoint = "ngc_release")]
        internal static extern void Release(int handle);

        [DllImport(Library, EntryPoint = "ngc_slot_is_clear")]
        internal static extern int SlotIsClear(int handle);

        [DllImport(Library, EntryPoint = "ngc_slots_in_use")]
        internal static extern int SlotsInUse();

        [DllImport(Library, EntryPoint = "ngc_slot_count")]
        internal static extern int SlotCount();
    }
}
#endif
