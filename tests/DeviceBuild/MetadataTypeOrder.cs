using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoGate.DeviceBuild;

/// <summary>
/// The order nanoFramework's metadata processor gives an assembly's types (its type definition
/// table, and so the method table nanoCLR indexes a native assembly's method_lookup by), when the
/// project names no explicit order: types by full name, each one preceded by what it needs first —
/// its declaring type, the interfaces it implements that the assembly defines, then the assembly's
/// own types that appear in the return or parameter types of the methods its bodies call (in
/// instruction order), each of those ordered the same way, depth first.
/// </summary>
internal static class MetadataTypeOrder
{
    public static List<TypeDefinitionHandle> Of(PEReader pe)
    {
        MetadataReader reader = pe.GetMetadataReader();
        var provider = new SignatureTypeProvider(reader);

        // Every type but <Module> (row 1), by full name as .NET Framework's default string comparer
        // orders it (culture-aware; for ASCII identifiers the invariant culture's order).
        List<TypeDefinitionHandle> byName = reader.TypeDefinitions
            .Where(t => SignatureTypeProvider.FullName(reader, t) != "<Module>")
            .OrderBy(t => SignatureTypeProvider.FullName(reader, t), StringComparer.InvariantCulture)
            .ToList();

        var placed = new HashSet<TypeDefinitionHandle>();
        var order = new List<TypeDefinitionHandle>();
        foreach (TypeDefinitionHandle type in byName)
        {
            Place(type);
        }

        return order;

        void Place(TypeDefinitionHandle handle)
        {
            if (placed.Contains(handle))
            {
                return;
            }

            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil)
            {
                Place(type.GetDeclaringType());
            }

            foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
            {
                if (Own(reader.GetInterfaceImplementation(i).Interface) is { } own)
                {
                    Place(own);
                }
            }

            // Placing the interfaces may have placed this type (an interface body's reference to it).
            if (!placed.Add(handle))
            {
                return;
            }

            foreach (MethodDefinitionHandle m in type.GetMethods())
            {
                int rva = reader.GetMethodDefinition(m).RelativeVirtualAddress;
                if (rva == 0)
                {
                    continue;
                }

                foreach (EntityHandle callee in ILMethodOperands.Of(pe.GetMethodBody(rva)))
                {
                    if (Signature(callee) is not { } signature)
                    {
                        continue;
                    }

                    foreach (SignatureType t in signature.ParameterTypes.Prepend(signature.ReturnType))
                    {
                        if (t.Innermost.Definition is { } own)
                        {
                            Place(own);
                        }
                    }
                }
            }

            order.Add(handle);
        }

        TypeDefinitionHandle? Own(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => (TypeDefinitionHandle)handle,
            HandleKind.TypeReference => provider.GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0).Definition,
            HandleKind.TypeSpecification => provider.GetTypeFromSpecification(reader, null, (TypeSpecificationHandle)handle, 0).Innermost.Definition,
            _ => null,
        };

        MethodSignature<SignatureType>? Signature(EntityHandle method)
        {
            switch (method.Kind)
            {
                case HandleKind.MethodDefinition:
                    return reader.GetMethodDefinition((MethodDefinitionHandle)method).DecodeSignature(provider, null);
                case HandleKind.MemberReference:
                    MemberReference member = reader.GetMemberReference((MemberReferenceHandle)method);
                    return member.GetKind() == MemberReferenceKind.Method ? member.DecodeMethodSignature(provider, null) : null;
                case HandleKind.MethodSpecification:
                    return Signature(reader.GetMethodSpecification((MethodSpecificationHandle)method).Method);
                default:
                    return null;
            }
        }
    }

    /// <summary>The methods of a type in the processor's order: virtual, then other instance methods, then static; each in declaration order.</summary>
    public static List<MethodDefinitionHandle> Methods(MetadataReader reader, TypeDefinitionHandle type)
    {
        var methods = reader.GetTypeDefinition(type).GetMethods().ToList();
        int Rank(MethodDefinitionHandle m)
        {
            System.Reflection.MethodAttributes a = reader.GetMethodDefinition(m).Attributes;
            return (a & System.Reflection.MethodAttributes.Virtual) != 0 ? 0 : (a & System.Reflection.MethodAttributes.Static) != 0 ? 2 : 1;
        }

        // OrderBy is stable: declaration order within each group.
        return methods.OrderBy(Rank).ToList();
    }
}
