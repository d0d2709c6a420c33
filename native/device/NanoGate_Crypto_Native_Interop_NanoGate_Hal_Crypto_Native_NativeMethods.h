//-----------------------------------------------------------------------------
//
//    NanoGate native crypto: nanoFramework interop stubs for the assembly
//    NanoGate.Crypto.Native.Interop (native/Interop), in the format
//    of nf-interpreter's interop assemblies. Written from the C# declarations in
//    NativeMethods.InternalCall.cs, not by the metadata processor: see README.md
//    beside this file for the checksum and how to regenerate and compare.
//
//-----------------------------------------------------------------------------

#ifndef NANOGATE_CRYPTO_NATIVE_INTEROP_NATIVEMETHODS_H
#define NANOGATE_CRYPTO_NATIVE_INTEROP_NATIVEMETHODS_H

namespace NanoGate_Crypto_Native_Interop
{
    namespace NanoGate_Hal_Crypto_Native
    {
        struct NativeMethods
        {
            // Declaration of stubs (NativeMethods.cpp implements them over nanogate_crypto.h).
            static signed int CbcCreate( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr );
            static signed int CbcEncrypt( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, HRESULT &hr );
            static signed int CbcDecrypt( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, HRESULT &hr );
            static signed int GcmCreate( CLR_RT_TypedArray_UINT8 param0, signed int param1, signed int param2, signed int param3, HRESULT &hr );
            static signed int GcmEncrypt( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, CLR_RT_TypedArray_UINT8 param6, signed int param7, signed int param8, CLR_RT_TypedArray_UINT8 param9, signed int param10, HRESULT &hr );
            static signed int GcmDecrypt( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, CLR_RT_TypedArray_UINT8 param6, signed int param7, signed int param8, CLR_RT_TypedArray_UINT8 param9, signed int param10, HRESULT &hr );
            static signed int HashCreate( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, signed int param3, signed int param4, HRESULT &hr );
            static signed int HashSize( signed int param0, HRESULT &hr );
            static signed int HashReset( signed int param0, HRESULT &hr );
            static signed int HashAppend( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr );
            static signed int HashFinish( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, HRESULT &hr );
            static signed int HashOnce( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, signed int param3, signed int param4, CLR_RT_TypedArray_UINT8 param5, signed int param6, signed int param7, CLR_RT_TypedArray_UINT8 param8, signed int param9, HRESULT &hr );
            static signed int ModpCreate( CLR_RT_TypedArray_UINT8 param0, signed int param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, HRESULT &hr );
            static signed int EcpCreate( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr );
            static signed int DhPublic( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr );
            static signed int DhCompute( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, CLR_RT_TypedArray_UINT8 param4, signed int param5, signed int param6, HRESULT &hr );
            static signed int Random( CLR_RT_TypedArray_UINT8 param0, signed int param1, signed int param2, HRESULT &hr );
            static void Release( signed int param0, HRESULT &hr );
            static signed int SlotIsClear( signed int param0, HRESULT &hr );
            static signed int SlotsInUse( HRESULT &hr );
            static signed int SlotCount( HRESULT &hr );
        };
    }
}

#endif // NANOGATE_CRYPTO_NATIVE_INTEROP_NATIVEMETHODS_H
