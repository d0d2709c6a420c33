using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoGate.DeviceBuild;

/// <summary>
/// What nanoFramework's metadata processor (MDP) would write for an interop assembly, computed from
/// the compiled assembly without it: the native methods checksum nanoCLR compares at boot with the
/// one in the firmware's CLR_RT_NativeAssemblyData, and the method_lookup table nanoCLR indexes by
/// method number.
///
/// Method numbers follow the MDP's type order (MetadataTypeOrder) and, within a type, virtual, other
/// instance, then static methods. A method is native when it has no IL and is not abstract (an
/// InternalCall extern). The table has one row per method of every type: the stub of a native method
/// of a class or value type, NULL for any other.
///
/// The checksum is the CRC (NativeChecksumCrc) over the rows of the classes and value types (not
/// interfaces, enums, delegates or excluded types), in that order: for a native method the ASCII of
/// the assembly name, the stub class name and the stub method name (NativeStubName), for any other
/// method "NULL". As in the MDP, the running value counts only once a native method has been seen:
/// until then each piece starts again from 0, so the first native method contributes its method
/// name alone and the NULLs before it nothing. An assembly without native methods has checksum 0.
/// </summary>
internal sealed class NativeMethodTable
{
    /// <summary>Types the MDP leaves out by name (Nerdbank.GitVersioning's ThisAssembly, two compiler attributes).</summary>
    private static readonly string[] s_excludedByDefault =
    [
        "ThisAssembly",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
        "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute",
    ];

    private NativeMethodTable(string assemblyName, uint checksum, List<string?> lookup, Version? nativeVersion, List<string> types)
    {
        AssemblyName = assemblyName;
        Checksum = checksum;
        Lookup = lookup;
        NativeVersion = nativeVersion;
        Types = types;
    }

    public string AssemblyName { get; }

    /// <summary>The native methods checksum (the .pe header's, and CLR_RT_NativeAssemblyData's).</summary>
    public uint Checksum { get; }

    /// <summary>method_lookup in order: "Library_&lt;project&gt;_&lt;class&gt;::&lt;method&gt;", or null for a NULL row.</summary>
    public IReadOnlyList<string?> Lookup { get; }

    /// <summary>The [assembly: AssemblyNativeVersion] the stubs' CLR_RT_NativeAssemblyData repeats, or null.</summary>
    public Version? NativeVersion { get; }

    /// <summary>The assembly's types (full names) in the MDP's order.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>The stubs (non-NULL rows) in order.</summary>
    public IEnumerable<string> Stubs => Lookup.OfType<string>();

    /// <summary>
    /// Reads a compiled assembly. <paramref name="nativeProject"/> is the stubs' project name
    /// ("NanoGate_Crypto_Native_Interop", nf-interpreter's "sys_dev_dac_native"), the prefix of the
    /// Library_ structs; <paramref name="excluded"/> adds type names to leave out, as the MDP's
    /// ExcludeClassByName does ([ExcludeType] on a type is read from the assembly).
    /// </summary>
    public static NativeMethodTable Read(byte[] image, string nativeProject, IEnumerable<string>? excluded = null)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        MetadataReader reader = pe.GetMetadataReader();
        var provider = new SignatureTypeProvider(reader);
        string assembly = reader.GetString(reader.GetAssemblyDefinition().Name);
        List<TypeDefinitionHandle> types = MetadataTypeOrder.Of(pe);

        var exclude = new HashSet<string>(s_excludedByDefault.Concat(excluded ?? []), StringComparer.Ordinal);
        foreach (TypeDefinitionHandle t in types)
        {
            if (HasAttribute(reader, reader.GetTypeDefinition(t).GetCustomAttributes(), "System.Runtime.CompilerServices.ExcludeTypeAttribute"))
            {
                exclude.Add(SignatureTypeProvider.FullName(reader, t));
            }
        }

        uint crc = 0;
        int natives = 0;
        var lookup = new List<string?>();
        foreach (TypeDefinitionHandle t in types)
        {
            TypeDefinition type = reader.GetTypeDefinition(t);
            string fullName = SignatureTypeProvider.FullName(reader, t);
            string? outer = type.GetDeclaringType().IsNil ? null : SignatureTypeProvider.FullName(reader, type.GetDeclaringType());
            bool excludedType = exclude.Contains(fullName) || (outer is not null && exclude.Contains(outer));

            // The checksum leaves out types excluded by full name; the MDP's minimizing pass also
            // drops a type excluded by its short name from the assembly (unless another type needs
            // it, which this does not follow), so such a type's methods get no rows.
            bool inChecksum = HasStubs(reader, type) && !excludedType;
            bool inTable = !excludedType && !exclude.Contains(reader.GetString(type.Name));
            string className = NativeStubName.Class(reader, t);
            foreach (MethodDefinitionHandle m in MetadataTypeOrder.Methods(reader, t))
            {
                MethodDefinition method = reader.GetMethodDefinition(m);
                bool native = inChecksum && method.RelativeVirtualAddress == 0 && (method.Attributes & MethodAttributes.Abstract) == 0;
                if (!native)
                {
                    if (inTable)
                    {
                        lookup.Add(null);
                    }

                    if (inChecksum)
                    {
                        crc = NativeChecksumCrc.Update(natives > 0 ? crc : 0, "NULL");
                    }

                    continue;
                }

                string methodName = NativeStubName.Method(reader.GetString(method.Name), (method.Attributes & MethodAttributes.Static) != 0, method.DecodeSignature(provider, null));
                if (inTable)
                {
                    lookup.Add($"Library_{nativeProject}_{className}::{methodName}");
                }

                crc = NativeChecksumCrc.Update(natives > 0 ? crc : 0, assembly);
                crc = NativeChecksumCrc.Update(natives > 0 ? crc : 0, className);
                crc = NativeChecksumCrc.Update(natives > 0 ? crc : 0, methodName);
                natives++;
            }
        }

        return new NativeMethodTable(assembly, natives > 0 ? crc : 0, lookup, NativeVersionOf(reader),
            types.Select(t => SignatureTypeProvider.FullName(reader, t)).ToList());
    }

    /// <summary>Classes and value types get stubs; interfaces, enums and delegates do not.</summary>
    private static bool HasStubs(MetadataReader reader, TypeDefinition type)
    {
        if ((type.Attributes & TypeAttributes.Interface) != 0)
        {
            return false;
        }

        string? baseType = type.BaseType.IsNil ? null : TypeName(reader, type.BaseType);
        return baseType is not ("System.Enum" or "System.Delegate" or "System.MulticastDelegate");
    }

    private static Version? NativeVersionOf(MetadataReader reader)
    {
        foreach (CustomAttributeHandle h in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(h);
            if (AttributeType(reader, attribute) == "System.Reflection.AssemblyNativeVersionAttribute")
            {
                BlobReader value = reader.GetBlobReader(attribute.Value);
                value.ReadUInt16();
                return Version.Parse(value.ReadSerializedString()!);
            }
        }

        return null;
    }

    private static bool HasAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes, string name) =>
        attributes.Any(h => AttributeType(reader, reader.GetCustomAttribute(h)) == name);

    private static string? AttributeType(MetadataReader reader, CustomAttribute attribute) => attribute.Constructor.Kind switch
    {
        HandleKind.MemberReference => TypeName(reader, reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent),
        HandleKind.MethodDefinition => SignatureTypeProvider.FullName(reader, reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType()),
        _ => null,
    };

    private static string? TypeName(MetadataReader reader, EntityHandle type) => type.Kind switch
    {
        HandleKind.TypeDefinition => SignatureTypeProvider.FullName(reader, (TypeDefinitionHandle)type),
        HandleKind.TypeReference => new SignatureTypeProvider(reader).GetTypeFromReference(reader, (TypeReferenceHandle)type, 0).Name,
        _ => null,
    };
}
