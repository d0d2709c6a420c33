using System.Runtime.InteropServices;

namespace NanoGate.Boards.Host.LibCrypto;

/// <summary>
/// The few OpenSSL 3 libcrypto entry points the host's fast paths call (EVP AES-GCM with a context
/// kept per SA, BN_mod_exp for MODP). Only pointers, ints and pinned byte arrays cross, so a call
/// allocates nothing. <see cref="IsAvailable"/> is false where libcrypto.so.3 cannot be loaded
/// (the callers then use .NET's own classes).
/// </summary>
internal static partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";

    internal const int CtrlAeadGetTag = 0x10;
    internal const int CtrlAeadSetTag = 0x11;

    private static readonly Lazy<bool> s_available = new(Probe);

    /// <summary>True when libcrypto.so.3 loads and has the EVP and BN functions used here.</summary>
    public static bool IsAvailable => s_available.Value;

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, out IntPtr handle))
        {
            return false;
        }

        return NativeLibrary.TryGetExport(handle, "EVP_aes_128_gcm", out _) && NativeLibrary.TryGetExport(handle, "BN_mod_exp", out _);
    }

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_new")]
    internal static partial IntPtr CipherCtxNew();

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_free")]
    internal static partial void CipherCtxFree(IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "EVP_aes_128_gcm")]
    internal static partial IntPtr Aes128Gcm();

    [LibraryImport(Library, EntryPoint = "EVP_aes_192_gcm")]
    internal static partial IntPtr Aes192Gcm();

    [LibraryImport(Library, EntryPoint = "EVP_aes_256_gcm")]
    internal static partial IntPtr Aes256Gcm();

    [LibraryImport(Library, EntryPoint = "EVP_CipherInit_ex")]
    internal static partial int CipherInitKey(IntPtr ctx, IntPtr cipher, IntPtr engine, byte[] key, IntPtr iv, int enc);

    [LibraryImport(Library, EntryPoint = "EVP_CipherInit_ex")]
    internal static partial int CipherInitIv(IntPtr ctx, IntPtr cipher, IntPtr engine, IntPtr key, ref byte iv, int enc);

    [LibraryImport(Library, EntryPoint = "EVP_CipherUpdate")]
    internal static partial int CipherUpdate(IntPtr ctx, ref byte output, out int outputLength, ref byte input, int inputLength);

    [LibraryImport(Library, EntryPoint = "EVP_CipherUpdate")]
    internal static partial int CipherUpdateAad(IntPtr ctx, IntPtr nullOutput, out int outputLength, ref byte input, int inputLength);

    [LibraryImport(Library, EntryPoint = "EVP_CipherFinal_ex")]
    internal static partial int CipherFinal(IntPtr ctx, ref byte output, out int outputLength);

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_ctrl")]
    internal static partial int CipherCtxCtrl(IntPtr ctx, int type, int arg, ref byte ptr);

    [LibraryImport(Library, EntryPoint = "BN_CTX_new")]
    internal static partial IntPtr BnCtxNew();

    [LibraryImport(Library, EntryPoint = "BN_CTX_free")]
    internal static partial void BnCtxFree(IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "BN_new")]
    internal static partial IntPtr BnNew();

    [LibraryImport(Library, EntryPoint = "BN_secure_new")]
    internal static partial IntPtr BnSecureNew();

    [LibraryImport(Library, EntryPoint = "BN_free")]
    internal static partial void BnFree(IntPtr bn);

    [LibraryImport(Library, EntryPoint = "BN_clear_free")]
    internal static partial void BnClearFree(IntPtr bn);

    [LibraryImport(Library, EntryPoint = "BN_bin2bn")]
    internal static partial IntPtr BnBin2Bn(ref byte data, int length, IntPtr result);

    [LibraryImport(Library, EntryPoint = "BN_bn2binpad")]
    internal static partial int BnBn2BinPad(IntPtr bn, ref byte output, int length);

    [LibraryImport(Library, EntryPoint = "BN_mod_exp")]
    internal static partial int BnModExp(IntPtr result, IntPtr a, IntPtr p, IntPtr m, IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "BN_set_word")]
    internal static partial int BnSetWord(IntPtr bn, nuint word);

    [LibraryImport(Library, EntryPoint = "BN_cmp")]
    internal static partial int BnCmp(IntPtr a, IntPtr b);

    [LibraryImport(Library, EntryPoint = "BN_sub_word")]
    internal static partial int BnSubWord(IntPtr bn, nuint word);

    [LibraryImport(Library, EntryPoint = "BN_copy")]
    internal static partial IntPtr BnCopy(IntPtr to, IntPtr from);
}
