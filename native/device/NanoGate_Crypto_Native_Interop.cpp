//-----------------------------------------------------------------------------
//
//    NanoGate native crypto: nanoFramework interop stubs for the assembly
//    NanoGate.Crypto.Native.Interop (native/Interop), in the format
//    of nf-interpreter's interop assemblies. Written from the C# declarations in
//    NativeMethods.InternalCall.cs, not by the metadata processor; the table and the
//    checksum are what the processor derives from the compiled assembly, computed by
//    tests/DeviceBuild (NativeMethodTable) and checked by CryptoInteropStubsTests
//    (README.md beside this file).
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

// The native methods checksum nanoCLR compares at boot with the one in the assembly's .pe (the
// metadata processor's CRC over the native methods' names and signatures, in method order). This
// value is computed from the device-compiled assembly by tests/DeviceBuild
// (`NanoGate.DeviceBuild --native-stubs native/Interop/NanoGate.Crypto.Native.Interop.nfproj`), the
// same computation reproducing nf-interpreter's published checksums; CryptoInteropStubsTests fails
// when it or method_lookup no longer matches NativeMethods.InternalCall.cs. A build may still
// override it (the CMake module's NANOGATE_CRYPTO_INTEROP_CHECKSUM), e.g. with the value the
// processor prints; on a mismatch the CLR refuses the assembly at boot, never calls a wrong stub.
#ifndef NANOGATE_CRYPTO_INTEROP_CHECKSUM
#define NANOGATE_CRYPTO_INTEROP_CHECKSUM 0xBE5ECBCE
#endif

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoGate_Crypto_Native_Interop =
{
    "NanoGate.Crypto.Native.Interop",
    NANOGATE_CRYPTO_INTEROP_CHECKSUM,
    method_lookup,
    { 1, 0, 0, 0 }
};

// clang-format on
