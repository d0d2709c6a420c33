//-----------------------------------------------------------------------------
//
//    NanoGate native crypto: nanoFramework interop stubs for the assembly
//    NanoGate.Crypto.Native.Interop (native/Interop), in the format
//    of nf-interpreter's interop assemblies. Written from the C# declarations in
//    NativeMethods.InternalCall.cs, not by the metadata processor: see README.md
//    beside this file for the checksum and how to regenerate and compare.
//
//-----------------------------------------------------------------------------

// The stubs' bodies: check each array range against the array (the managed side checks too; C
// must not trust it), then hand the data pointer to the same C function the host calls through
// P/Invoke (native/c/nanogate_crypto.h). Nothing is copied or allocated.

#include "NanoGate_Crypto_Native_Interop.h"
#include "NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods.h"

extern "C"
{
#include "nanogate_crypto.h"
}

using namespace NanoGate_Crypto_Native_Interop::NanoGate_Hal_Crypto_Native;

// [offset, offset + count) inside the array; sets hr (an IndexOutOfRangeException in managed code) otherwise.
static bool InRange( CLR_RT_TypedArray_UINT8 &array, signed int offset, signed int count, HRESULT &hr )
{
    if ( offset < 0 || count < 0 || (unsigned int)offset > array.GetSize() || (unsigned int)count > array.GetSize() - (unsigned int)offset )
    {
        hr = CLR_E_INDEX_OUT_OF_RANGE;
        return false;
    }
    return true;
}

// What the slot reads or writes beyond the counts passed (IV, tag, hash output); NGC_E_ARGUMENT
// for a bad handle.
static signed int IoSize( signed int handle )
{
    return ngc_io_size( handle );
}

signed int NativeMethods::CbcCreate( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr )
{
    if ( !InRange(param1, param2, param3, hr) )
    {
        return 0;
    }

    return ngc_cbc_create( param0, param1.GetBuffer(), param2, param3 );
}

signed int NativeMethods::CbcEncrypt( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, HRESULT &hr )
{
    // A bad handle (a wiped object) or algorithm fails as on the host, without an exception.
    signed int io = IoSize( param0 );
    if ( io < 0 )
    {
        return NGC_E_ARGUMENT;
    }

    if ( !InRange(param1, param2, io, hr) ||
         !InRange(param3, param4, param5, hr) )
    {
        return 0;
    }

    return ngc_cbc_encrypt( param0, param1.GetBuffer(), param2, param3.GetBuffer(), param4, param5 );
}

signed int NativeMethods::CbcDecrypt( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, HRESULT &hr )
{
    // A bad handle (a wiped object) or algorithm fails as on the host, without an exception.
    signed int io = IoSize( param0 );
    if ( io < 0 )
    {
        return NGC_E_ARGUMENT;
    }

    if ( !InRange(param1, param2, io, hr) ||
         !InRange(param3, param4, param5, hr) )
    {
        return 0;
    }

    return ngc_cbc_decrypt( param0, param1.GetBuffer(), param2, param3.GetBuffer(), param4, param5 );
}

signed int NativeMethods::GcmCreate( CLR_RT_TypedArray_UINT8 param0, signed int param1, signed int param2, signed int param3, HRESULT &hr )
{
    if ( !InRange(param0, param1, param2, hr) )
    {
        return 0;
    }

    return ngc_gcm_create( param0.GetBuffer(), param1, param2, param3 );
}

signed int NativeMethods::GcmEncrypt( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, CLR_RT_TypedArray_UINT8 param6, signed int param7, signed int param8, CLR_RT_TypedArray_UINT8 param9, signed int param10, HRESULT &hr )
{
    // A bad handle (a wiped object) or algorithm fails as on the host, without an exception.
    signed int io = IoSize( param0 );
    if ( io < 0 )
    {
        return NGC_E_ARGUMENT;
    }

    if ( !InRange(param1, param2, 12, hr) ||
         !InRange(param3, param4, param5, hr) ||
         !InRange(param6, param7, param8, hr) ||
         !InRange(param9, param10, io, hr) )
    {
        return 0;
    }

    return ngc_gcm_encrypt( param0, param1.GetBuffer(), param2, param3.GetBuffer(), param4, param5, param6.GetBuffer(), param7, param8, param9.GetBuffer(), param10 );
}

signed int NativeMethods::GcmDecrypt( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, CLR_RT_TypedArray_UINT8 param6, signed int param7, signed int param8, CLR_RT_TypedArray_UINT8 param9, signed int param10, HRESULT &hr )
{
    // A bad handle (a wiped object) or algorithm fails as on the host, without an exception.
    signed int io = IoSize( param0 );
    if ( io < 0 )
    {
        return NGC_E_ARGUMENT;
    }

    if ( !InRange(param1, param2, 12, hr) ||
         !InRange(param3, param4, param5, hr) ||
         !InRange(param6, param7, param8, hr) ||
         !InRange(param9, param10, io, hr) )
    {
        return 0;
    }

    return ngc_gcm_decrypt( param0, param1.GetBuffer(), param2, param3.GetBuffer(), param4, param5, param6.GetBuffer(), param7, param8, param9.GetBuffer(), param10 );
}

signed int NativeMethods::HashCreate( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, signed int param3, signed int param4, HRESULT &hr )
{
    if ( !InRange(param2, param3, param4, hr) )
    {
        return 0;
    }

    return ngc_hash_create( param0, param1, param2.GetBuffer(), param3, param4 );
}

signed int NativeMethods::HashSize( signed int param0, HRESULT &hr )
{
    (void)hr;
    return ngc_hash_size( param0 );
}

signed int NativeMethods::HashReset( signed int param0, HRESULT &hr )
{
    (void)hr;
    return ngc_hash_reset( param0 );
}

signed int NativeMethods::HashAppend( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr )
{
    if ( !InRange(param1, param2, param3, hr) )
    {
        return 0;
    }

    return ngc_hash_append( param0, param1.GetBuffer(), param2, param3 );
}

signed int NativeMethods::HashFinish( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, HRESULT &hr )
{
    // A bad handle (a wiped object) or algorithm fails as on the host, without an exception.
    signed int io = IoSize( param0 );
    if ( io < 0 )
    {
        return NGC_E_ARGUMENT;
    }

    if ( !InRange(param1, param2, io, hr) )
    {
        return 0;
    }

    return ngc_hash_finish( param0, param1.GetBuffer(), param2 );
}

signed int NativeMethods::HashOnce( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, signed int param3, signed int param4, CLR_RT_TypedArray_UINT8 param5, signed int param6, signed int param7, CLR_RT_TypedArray_UINT8 param8, signed int param9, HRESULT &hr )
{
    // A bad handle (a wiped object) or algorithm fails as on the host, without an exception.
    signed int io = ngc_hash_size( param0 );
    if ( io < 0 )
    {
        return NGC_E_ARGUMENT;
    }

    if ( !InRange(param2, param3, param4, hr) ||
         !InRange(param5, param6, param7, hr) ||
         !InRange(param8, param9, io, hr) )
    {
        return 0;
    }

    return ngc_hash_once( param0, param1, param2.GetBuffer(), param3, param4, param5.GetBuffer(), param6, param7, param8.GetBuffer(), param9 );
}

signed int NativeMethods::ModpCreate( CLR_RT_TypedArray_UINT8 param0, signed int param1, signed int param2, CLR_RT_TypedArray_UINT8 param3, signed int param4, signed int param5, HRESULT &hr )
{
    if ( !InRange(param0, param1, param2, hr) ||
         !InRange(param3, param4, param5, hr) )
    {
        return 0;
    }

    return ngc_modp_create( param0.GetBuffer(), param1, param2, param3.GetBuffer(), param4, param5 );
}

signed int NativeMethods::EcpCreate( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr )
{
    if ( !InRange(param1, param2, param3, hr) )
    {
        return 0;
    }

    return ngc_ecp_create( param0, param1.GetBuffer(), param2, param3 );
}

signed int NativeMethods::DhPublic( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr )
{
    if ( !InRange(param1, param2, param3, hr) )
    {
        return 0;
    }

    return ngc_dh_public( param0, param1.GetBuffer(), param2, param3 );
}

signed int NativeMethods::DhCompute( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, CLR_RT_TypedArray_UINT8 param4, signed int param5, signed int param6, HRESULT &hr )
{
    if ( !InRange(param1, param2, param3, hr) ||
         !InRange(param4, param5, param6, hr) )
    {
        return 0;
    }

    return ngc_dh_compute( param0, param1.GetBuffer(), param2, param3, param4.GetBuffer(), param5, param6 );
}

signed int NativeMethods::Random( CLR_RT_TypedArray_UINT8 param0, signed int param1, signed int param2, HRESULT &hr )
{
    if ( !InRange(param0, param1, param2, hr) )
    {
        return 0;
    }

    return ngc_random( param0.GetBuffer(), param1, param2 );
}

void NativeMethods::Release( signed int param0, HRESULT &hr )
{
    (void)hr;
    ngc_release( param0 );
}

signed int NativeMethods::SlotIsClear( signed int param0, HRESULT &hr )
{
    (void)hr;
    return ngc_slot_is_clear( param0 );
}

signed int NativeMethods::SlotsInUse( HRESULT &hr )
{
    (void)hr;
    return ngc_slots_in_use();
}

signed int NativeMethods::SlotCount( HRESULT &hr )
{
    (void)hr;
    return ngc_slot_count();
}
