using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NanoGate.DeviceBuild;

/// <summary>Decodes signature blobs of one assembly into <see cref="SignatureType"/>s.</summary>
internal sealed class SignatureTypeProvider : ISignatureTypeProvider<SignatureType, object?>
{
    private readonly MetadataReader _reader;

    public SignatureTypeProvider(MetadataReader reader) => _reader = reader;

    /// <summary>"Namespace.Name", or "Namespace.Outer/Inner" for a nested type.</summary>
    public static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        string name = reader.GetString(type.Name);
        TypeDefinitionHandle outer = type.GetDeclaringType();
        if (!outer.IsNil)
        {
            return FullName(reader, outer) + "/" + name;
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    // The codes are named as their System types are (Int32, IntPtr, Object, String, Void ...).
    public SignatureType GetPrimitiveType(PrimitiveTypeCode typeCode) => SignatureType.Named("System." + typeCode);

    public SignatureType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        SignatureType.Named(FullName(reader, handle), handle);

    public SignatureType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        TypeReference type = reader.GetTypeReference(handle);
        string name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return SignatureType.Named(GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, rawTypeKind).Name + "/" + name);
        }

        string ns = reader.GetString(type.Namespace);
        string full = ns.Length == 0 ? name : ns + "." + name;

        // A reference scoped to this very module names one of its own definitions.
        TypeDefinitionHandle? own = null;
        if (type.ResolutionScope.Kind == HandleKind.ModuleDefinition)
        {
            own = reader.TypeDefinitions.Cast<TypeDefinitionHandle?>().FirstOrDefault(t => FullName(reader, t!.Value) == full);
        }

        return SignatureType.Named(full, own);
    }

    public SignatureType GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public SignatureType GetSZArrayType(SignatureType elementType) => SignatureType.Of(SignatureType.Shape.SZArray, elementType);

    public SignatureType GetArrayType(SignatureType elementType, ArrayShape shape) =>
        SignatureType.Of(SignatureType.Shape.Array, elementType, "[" + new string(',', shape.Rank - 1) + "]");

    public SignatureType GetByReferenceType(SignatureType elementType) => SignatureType.Of(SignatureType.Shape.ByRef, elementType);

    public SignatureType GetPointerType(SignatureType elementType) => SignatureType.Of(SignatureType.Shape.Pointer, elementType);

    public SignatureType GetGenericInstantiation(SignatureType genericType, ImmutableArray<SignatureType> typeArguments) =>
        SignatureType.Generic(genericType, typeArguments);

    public SignatureType GetGenericTypeParameter(object? genericContext, int index) => SignatureType.Parameter("!" + index);

    public SignatureType GetGenericMethodParameter(object? genericContext, int index) => SignatureType.Parameter("!!" + index);

    public SignatureType GetModifiedType(SignatureType modifier, SignatureType unmodifiedType, bool isRequired) => unmodifiedType;

    public SignatureType GetPinnedType(SignatureType elementType) => elementType;

    public SignatureType GetFunctionPointerType(MethodSignature<SignatureType> signature) => SignatureType.Named("method");
}
