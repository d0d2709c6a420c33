#if NANOFRAMEWORK_1_0
using System.Reflection;

// The native version the stubs declare (device/NanoGate_Crypto_Native_Interop.cpp, { 1, 0, 0, 0 });
// the CLR binds the assembly to its stubs only when this and the checksum match.
[assembly: AssemblyNativeVersion("1.0.0.0")]
#endif
