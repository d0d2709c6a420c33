using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoGate.DeviceBuild;

/// <summary>
/// Reference assemblies for the nanoFramework 1.x class libraries, one per "# assembly" section
/// of the listings, compiled against the real mscorlib. The listings give public signatures but
/// not which methods override a base method or implement an interface privately, so each section
/// is compiled, and what the compiler reports (a listed virtual that hides a base virtual, an
/// interface member no listed member implements) is put right before the final compile.
/// </summary>
internal static class ReferenceAssemblies
{
    private const string HidesVirtual = "CS0114";

    /// <summary>Builds every section but mscorlib (the real one is used); assembly name to image.</summary>
    public static Dictionary<string, MetadataReference> Build(
        SortedDictionary<string, List<ListedType>> sections, MetadataReference mscorlib)
    {
        var built = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
        var pending = sections.Keys.Where(k => k != "mscorlib").ToList();
        var lastErrors = new Dictionary<string, IReadOnlyList<Diagnostic>>();

        // A section that uses another's types compiles once that one is built.
        while (pending.Count > 0)
        {
            int before = pending.Count;
            foreach (string name in pending.ToList())
            {
                MetadataReference[] refs = [mscorlib, .. built.Values];
                var (image, errors) = BuildOne(name, sections[name], refs);
                if (image is not null)
                {
                    built.Add(name, MetadataReference.CreateFromImage(image, filePath: name + ".dll"));
                    pending.Remove(name);
                }
                else
                {
                    lastErrors[name] = errors;
                }
            }

            if (pending.Count == before)
            {
                string detail = string.Join("\n", pending.SelectMany(p => lastErrors[p].Take(10).Select(d => $"  {p}: {d}")));
                throw new InvalidOperationException("cannot build reference assemblies for: " + string.Join(", ", pending) + "\n" + detail);
            }
        }

        return built;
    }

    private static (ImmutableArray<byte>? Image, IReadOnlyList<Diagnostic> Errors) BuildOne(
        string name, List<ListedType> types, MetadataReference[] refs)
    {
        var overrides = new HashSet<string>(StringComparer.Ordinal);
        var extra = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        IReadOnlyList<Diagnostic> errors = [];
        for (int pass = 0; pass < 3; pass++)
        {
            var writer = new StubSourceWriter(overrides, extra);
            string source = writer.Write(types);
            CSharpCompilation compilation = Compile(name, source, refs);
            ImmutableArray<Diagnostic> diagnostics = compilation.GetDiagnostics();
            errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            bool changed = false;
            foreach (Diagnostic d in diagnostics.Where(d => d.Id == HidesVirtual))
            {
                if (writer.MemberAtLine.TryGetValue(d.Location.GetLineSpan().StartLinePosition.Line, out string? member))
                {
                    changed |= overrides.Add(member);
                }
            }

            if (!changed && errors.Count > 0)
            {
                changed = AddMissingImplementations(compilation, extra);
            }

            if (!changed)
            {
                if (errors.Count > 0)
                {
                    return (null, errors);
                }

                using var pe = new MemoryStream();
                var result = compilation.Emit(pe);
                return result.Success ? (pe.ToArray().ToImmutableArray(), []) : (null, result.Diagnostics.ToList());
            }
        }

        return (null, errors);
    }

    internal static CSharpCompilation Compile(string name, string source, MetadataReference[] refs) =>
        CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), path: name + ".cs")],
            refs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

    /// <summary>
    /// Adds a private implementation for each interface member and an override for each abstract
    /// member of a base that no listed member covers (the listings show only public members).
    /// </summary>
    private static bool AddMissingImplementations(CSharpCompilation compilation, Dictionary<string, List<string>> extra)
    {
        bool changed = false;
        foreach (INamedTypeSymbol type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                continue;
            }

            string key = MetadataName(type);
            var lines = new List<string>();
            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                foreach (ISymbol member in iface.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary } || !member.IsAbstract)
                    {
                        continue;
                    }

                    if (type.FindImplementationForInterfaceMember(member) is null)
                    {
                        lines.Add(Implementation(member, Display(iface) + ".", ""));
                    }
                }
            }

            if (!type.IsAbstract)
            {
                for (INamedTypeSymbol? b = type.BaseType; b is not null; b = b.BaseType)
                {
                    foreach (ISymbol member in b.GetMembers().Where(m => m.IsAbstract))
                    {
                        if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary } || IsOverridden(type, member))
                        {
                            continue;
                        }

                        string access = member.DeclaredAccessibility == Accessibility.Protected ? "protected " : "public ";
                        lines.Add(Implementation(member, "", access + "override "));
                    }
                }
            }

            if (lines.Count > 0)
            {
                if (!extra.TryGetValue(key, out List<string>? list))
                {
                    list = [];
                    extra.Add(key, list);
                }

                foreach (string line in lines.Where(l => !list.Contains(l)))
                {
                    list.Add(line);
                    changed = true;
                }
            }
        }

        return changed;
    }

    private static bool IsOverridden(INamedTypeSymbol type, ISymbol abstractMember)
    {
        for (INamedTypeSymbol? t = type; t is not null && !SymbolEqualityComparer.Default.Equals(t, abstractMember.ContainingType); t = t.BaseType)
        {
            foreach (ISymbol m in t.GetMembers(abstractMember.Name))
            {
                ISymbol? overridden = m switch
                {
                    IMethodSymbol ms => ms.OverriddenMethod,
                    IPropertySymbol ps => ps.OverriddenProperty,
                    IEventSymbol es => es.OverriddenEvent,
                    _ => null,
                };
                for (; overridden is not null; overridden = Overridden(overridden))
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, abstractMember))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static ISymbol? Overridden(ISymbol s) => s switch
    {
        IMethodSymbol ms => ms.OverriddenMethod,
        IPropertySymbol ps => ps.OverriddenProperty,
        IEventSymbol es => es.OverriddenEvent,
        _ => null,
    };

    private static string Implementation(ISymbol member, string explicitPrefix, string modifiers)
    {
        switch (member)
        {
            case IMethodSymbol m:
                string ps = string.Join(", ", m.Parameters.Select(p => RefKind(p.RefKind) + Display(p.Type) + " " + Escape(p.Name)));
                return $"{modifiers}{Display(m.ReturnType)} {explicitPrefix}{Escape(m.Name)}({ps}) => throw null;";
            case IPropertySymbol p:
                string accessors = (p.GetMethod is not null ? "get => throw null; " : "") + (p.SetMethod is not null ? "set => throw null; " : "");
                string head = p.IsIndexer
                    ? "this[" + string.Join(", ", p.Parameters.Select(x => Display(x.Type) + " " + Escape(x.Name))) + "]"
                    : Escape(p.Name);
                return $"{modifiers}{Display(p.Type)} {explicitPrefix}{head} {{ {accessors}}}";
            case IEventSymbol e:
                return $"{modifiers}event {Display(e.Type)} {explicitPrefix}{Escape(e.Name)} {{ add {{ }} remove {{ }} }}";
            default:
                throw new InvalidOperationException("unexpected member " + member);
        }
    }

    private static string RefKind(RefKind kind) => kind switch
    {
        Microsoft.CodeAnalysis.RefKind.Ref => "ref ",
        Microsoft.CodeAnalysis.RefKind.Out => "out ",
        Microsoft.CodeAnalysis.RefKind.In => "in ",
        _ => "",
    };

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer
            ? MetadataName(outer) + "+" + type.Name
            : (type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".") + type.Name;

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (INamedTypeSymbol t in AllTypes(ns))
                {
                    yield return t;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (INamedTypeSymbol t in AllTypes(type))
                {
                    yield return t;
                }
            }
        }
    }
}
