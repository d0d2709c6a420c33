using System.Reflection.Metadata;

namespace NanoGate.Guard;

/// <summary>Full metadata names ("Namespace.Name", nested "Outer+Inner") of definitions and references.</summary>
internal static class MetadataNames
{
    public static string Of(MetadataReader reader, TypeDefinitionHandle handle)
    {
        TypeDefinition def = reader.GetTypeDefinition(handle);
        string name = reader.GetString(def.Name);
        TypeDefinitionHandle outer = def.GetDeclaringType();
        if (!outer.IsNil)
        {
            return Of(reader, outer) + "+" + name;
        }

        string ns = reader.GetString(def.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string Of(MetadataReader reader, TypeReferenceHandle handle)
    {
        TypeReference r = reader.GetTypeReference(handle);
        string name = reader.GetString(r.Name);
        if (r.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return Of(reader, (TypeReferenceHandle)r.ResolutionScope) + "+" + name;
        }

        string ns = reader.GetString(r.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The assembly a reference resolves to, following nesting; null for this module.</summary>
    public static string? AssemblyOf(MetadataReader reader, TypeReferenceHandle handle)
    {
        TypeReference r = reader.GetTypeReference(handle);
        return r.ResolutionScope.Kind switch
        {
            HandleKind.TypeReference => AssemblyOf(reader, (TypeReferenceHandle)r.ResolutionScope),
            HandleKind.AssemblyReference => reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)r.ResolutionScope).Name),
            _ => null,
        };
    }

    /// <summary>"Type::Method" for messages.</summary>
    public static string Of(MetadataReader reader, MethodDefinitionHandle handle)
    {
        MethodDefinition m = reader.GetMethodDefinition(handle);
        return Of(reader, m.GetDeclaringType()) + "::" + reader.GetString(m.Name);
    }
}
