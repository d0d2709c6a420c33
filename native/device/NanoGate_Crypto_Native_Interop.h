//-----------------------------------------------------------------------------
//
//    NanoGate native crypto: nanoFramework interop stubs for the assembly
//    NanoGate.Crypto.Native.Interop (native/Interop), in the format
//    of nf-interpreter's interop assemblies. Written from the C# declarations in
//    NativeMethods.InternalCall.cs, not by the metadata processor: see README.md
//    beside this file for the checksum and how to regenerate and compare.
//
//-----------------------------------------------------------------------------

#ifndef NANOGATE_CRYPTO_NATIVE_INTEROP_H
#define NANOGATE_CRYPTO_NATIVE_INTEROP_H

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>

struct Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods
{
    NANOCLR_NATIVE_DECLARE(CbcCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(CbcEncrypt___STATIC__I4__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(CbcDecrypt___STATIC__I4__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(GcmCreate___STATIC__I4__SZARRAY_U1__I4__I4__I4);
    NANOCLR_NATIVE_DECLARE(GcmEncrypt___STATIC__I4__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(GcmDecrypt___STATIC__I4__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(HashCreate___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(HashSize___STATIC__I4__I4);
    NANOCLR_NATIVE_DECLARE(HashReset___STATIC__I4__I4);
    NANOCLR_NATIVE_DECLARE(HashAppend___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(HashFinish___STATIC__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(HashOnce___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(ModpCreate___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(EcpCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(DhPublic___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(DhCompute___STATIC__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(Random___STATIC__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(Release___STATIC__VOID__I4);
    NANOCLR_NATIVE_DECLARE(SlotIsClear___STATIC__I4__I4);
    NANOCLR_NATIVE_DECLARE(SlotsInUse___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(SlotCount___STATIC__I4);

    //--//
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoGate_Crypto_Native_Interop;

#endif // NANOGATE_CRYPTO_NATIVE_INTEROP_H
