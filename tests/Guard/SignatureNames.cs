using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NanoGate.Guard;

/// <summary>
/// Decodes metadata signatures into the text the listing uses ("int", "byte[]", "ref int",
/// "System.Array") and records every construct nanoFramework 1.x cannot run (generic
/// instantiations and parameters, multidimensional arrays, pointers, pinned locals, volatile).
/// Value types are prefixed "valuetype:" so callers can tell struct locals apart; use
/// <see cref="Plain"/> before comparing with the listing.
/// </summary>
internal sealed class SignatureNames(Func<MetadataReader, TypeReferenceHandle, string?> checkReference)
    : ISignatureTypeProvider<string, object?>
{
    public const string ValueTypePrefix = "valuetype:";

    /// <summary>Problems found since the last <see cref="TakeProblems"/>.</summary>
    private readonly List<string> _problems = [];

    public static string Plain(string name) => name.Replace(ValueTypePrefix, "", StringComparison.Ordinal);

    public List<string> TakeProblems()
    {
        var copy = new List<string>(_problems);
        _problems.Clear();
        return copy;
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Void => "void",
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.IntPtr => "nint",
        PrimitiveTypeCode.UIntPtr => "nuint",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        _ => typeCode.ToString(),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        string name = MetadataNames.Of(reader, handle);
        return rawTypeKind == (byte)SignatureTypeKind.ValueType ? ValueTypePrefix + name : name;
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        string name = MetadataNames.Of(reader, handle);
        if (checkReference(reader, handle) is string problem)
        {
            _problems.Add(problem);
        }

        return rawTypeKind == (byte)SignatureTypeKind.ValueType ? ValueTypePrefix + name : name;
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape)
    {
        string text = elementType + "[" + new string(',', shape.Rank - 1) + "]";
        _problems.Add($"multidimensional array {Plain(text)} (nanoFramework 1.x has jagged arrays only)");
        return text;
    }

    public string GetByReferenceType(string elementType) => "ref " + elementType;

    public string GetPointerType(string elementType)
    {
        _problems.Add($"pointer type {Plain(elementType)}* (no unsafe code on nanoFramework)");
        return elementType + "*";
    }

    public string GetFunctionPointerType(MethodSignature<string> signature)
    {
        _problems.Add("function pointer (no unsafe code on nanoFramework)");
        return "delegate*";
    }

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        string text = genericType + "<" + string.Join(",", typeArguments) + ">";
        _problems.Add($"generic type {Plain(text)} (nanoFramework 1.x runs no generics)");
        return text;
    }

    public string GetGenericMethodParameter(object? genericContext, int index)
    {
        _problems.Add("generic method parameter (nanoFramework 1.x runs no generics)");
        return "!!" + index;
    }

    public string GetGenericTypeParameter(object? genericContext, int index)
    {
        _problems.Add("generic type parameter (nanoFramework 1.x runs no generics)");
        return "!" + index;
    }

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
    {
        if (modifier.EndsWith("IsVolatile", StringComparison.Ordinal))
        {
            _problems.Add("volatile field (not in nanoFramework 1.x)");
        }

        return unmodifiedType;
    }

    public string GetPinnedType(string elementType)
    {
        _problems.Add("pinned local (fixed statement; no unsafe code on nanoFramework)");
        return elementType;
    }
}
