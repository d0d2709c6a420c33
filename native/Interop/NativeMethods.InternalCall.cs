#if NANOFRAMEWORK_1_0
using System.Runtime.CompilerServices;

namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// The device binding of the native crypto component (c/nanogate_crypto.h): nanoFramework
    /// InternalCall methods, implemented by the interop stubs in device/ (nf-interpreter's format),
    /// which hand the arrays' data pointers to the same C functions the host calls through
    /// P/Invoke (NativeMethods.DllImport.cs has the same members).
    /// </summary>
    public static class NativeMethods
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int CbcCreate(int algorithm, byte[] key, int keyOffset, int keyCount);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int CbcEncrypt(int handle, byte[] iv, int ivOffset, byte[] buffer, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int CbcDecrypt(int handle, byte[] iv, int ivOffset, byte[] buffer, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int GcmCreate(byte[] key, int keyOffset, int keyCount, int tagSize);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int GcmEncrypt(int handle, byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count, byte[] tag, int tagOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int GcmDecrypt(int handle, byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadCount, byte[] buffer, int offset, int count, byte[] tag, int tagOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashCreate(int algorithm, int hmac, byte[] key, int keyOffset, int keyCount);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashSize(int algorithm);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashReset(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashAppend(int handle, byte[] data, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashFinish(int handle, byte[] output, int offset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashOnce(int algorithm, int hmac, byte[] key, int keyOffset, int keyCount, byte[] data, int offset, int count, byte[] output, int outputOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ModpCreate(byte[] prime, int primeOffset, int primeCount, byte[] exponent, int exponentOffset, int exponentCount);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int EcpCreate(int group, byte[] scalar, int scalarOffset, int scalarCount);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int DhPublic(int handle, byte[] output, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int DhCompute(int handle, byte[] peer, int peerOffset, int peerCount, byte[] output, int outputOffset, int outputCount);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Random(byte[] output, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Release(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SlotIsClear(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SlotsInUse();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SlotCount();
    }
}
#endif
