using System.Reflection.Metadata;

namespace NanoGate.DeviceBuild;

/// <summary>
/// The names nanoFramework's metadata processor gives a native method's stub, which are also what
/// the native checksum is computed over: the class "NanoGate_Hal_Crypto_Native_NativeMethods"
/// (namespace and name, dots to underscores; a nested type after its declaring type's), the method
/// "CbcCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4" (name, "___STATIC__" or "___", then the return
/// type and each parameter type, "__" between them).
/// </summary>
internal static class NativeStubName
{
    /// <summary>nanoCLR's data type names (CLR_DataType without "DATATYPE_") of the types it has a shortcut for.</summary>
    private static readonly Dictionary<string, string> s_dataTypes = new(StringComparer.Ordinal)
    {
        ["System.Void"] = "VOID",
        ["System.Boolean"] = "BOOLEAN",
        ["System.SByte"] = "I1",
        ["System.Byte"] = "U1",
        ["System.Char"] = "CHAR",
        ["System.Int16"] = "I2",
        ["System.UInt16"] = "U2",
        ["System.Int32"] = "I4",
        ["System.UInt32"] = "U4",
        ["System.Int64"] = "I8",
        ["System.UInt64"] = "U8",
        ["System.Single"] = "R4",
        ["System.Double"] = "R8",
        ["System.String"] = "STRING",
        ["System.Object"] = "OBJECT",
        // nanoCLR is 32-bit.
        ["System.IntPtr"] = "I4",
        ["System.UIntPtr"] = "U4",
        ["System.WeakReference"] = "WEAKCLASS",
    };

    public static string Class(MetadataReader reader, TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        TypeDefinitionHandle outer = type.GetDeclaringType();
        string prefix = outer.IsNil ? "" : Class(reader, outer);
        return string.Join("_", prefix, reader.GetString(type.Namespace), reader.GetString(type.Name)).Replace('.', '_').TrimStart('_');
    }

    public static string Method(string name, bool isStatic, MethodSignature<SignatureType> signature)
    {
        string types = string.Join("__", signature.ParameterTypes.Prepend(signature.ReturnType).Select(Type));
        return (name + (isStatic ? "___STATIC__" : "___") + types).Replace('.', '_').Replace("/", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// "I4", "SZARRAY_U1", "BYREF_I4", "BYREF_SZARRAY_U1"; another type by its full name without dots
    /// ("SystemDateTime"). An array is named by its innermost element ("SZARRAY_U1" for byte[][] too), as the processor does.
    /// </summary>
    public static string Type(SignatureType type) => type.Kind switch
    {
        SignatureType.Shape.SZArray or SignatureType.Shape.Array => "SZARRAY_" + Type(type.Innermost),
        SignatureType.Shape.ByRef when type.Element!.Kind is SignatureType.Shape.SZArray or SignatureType.Shape.Array => "BYREF_SZARRAY_" + Type(type.Element.Element!),
        SignatureType.Shape.ByRef => "BYREF_" + DataType(type.Element!),
        _ => DataType(type),
    };

    private static string DataType(SignatureType type) =>
        s_dataTypes.TryGetValue(type.FullName, out string? name) ? name
        : type.Kind == SignatureType.Shape.GenericParameter ? "GENERICTYPE"
        : type.FullName.Replace(".", "", StringComparison.Ordinal);
}
