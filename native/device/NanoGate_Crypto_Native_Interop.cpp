//-----------------------------------------------------------------------------
//
//    NanoGate native crypto: nanoFramework interop stubs for the assembly
//    NanoGate.Crypto.Native.Interop (native/Interop), in the format
//    of nf-interpreter's interop assemblies. Written from the C# declarations in
//    NativeMethods.InternalCall.cs, not by the metadata processor: see README.md
//    beside this file for the checksum and how to regenerate and compare.
//
//-----------------------------------------------------------------------------

#include "NanoGate_Crypto_Native_Interop.h"

// clang-format off

// One entry per method of the assembly, in metadata order. The assembly has a single type,
// NanoGate.Hal.Crypto.Native.NativeMethods, a static class (no constructor) whose methods are
// all InternalCall, so the table is exactly its methods in declaration order.
static const CLR_RT_MethodHandler method_lookup[] =
{
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::CbcCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::CbcEncrypt___STATIC__I4__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::CbcDecrypt___STATIC__I4__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::GcmCreate___STATIC__I4__SZARRAY_U1__I4__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::GcmEncrypt___STATIC__I4__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::GcmDecrypt___STATIC__I4__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::HashCreate___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::HashSize___STATIC__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::HashReset___STATIC__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::HashAppend___STATIC__I4__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::HashFinish___STATIC__I4__I4__SZARRAY_U1__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::HashOnce___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::ModpCreate___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::EcpCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::DhPublic___STATIC__I4__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::DhCompute___STATIC__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::Random___STATIC__I4__SZARRAY_U1__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::Release___STATIC__VOID__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::SlotIsClear___STATIC__I4__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::SlotsInUse___STATIC__I4,
    Library_NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods::SlotCount___STATIC__I4,
};

// The checksum the metadata processor computes over the assembly's native method signatures
// (the .pe's "native checksum"). It cannot be computed without the metadata processor, so it is
// 0 here: NANOGATE_CRYPTO_INTEROP_CHECKSUM must be set to the value the processor prints for the
// built assembly (README.md beside this file); until then the CLR will refuse to bind the
// assembly to these stubs (a checksum mismatch is reported at boot), never call the wrong ones.
#ifndef NANOGATE_CRYPTO_INTEROP_CHECKSUM
#define NANOGATE_CRYPTO_INTEROP_CHECKSUM 0x00000000
#endif

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoGate_Crypto_Native_Interop =
{
    "NanoGate.Crypto.Native.Interop",
    NANOGATE_CRYPTO_INTEROP_CHECKSUM,
    method_lookup,
    { 1, 0, 0, 0 }
};

// clang-format on
