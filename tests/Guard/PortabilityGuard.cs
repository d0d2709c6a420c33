using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoGate.Guard;

/// <summary>
/// Holds assemblies to what nanoFramework 1.x can run:
/// <list type="bullet">
/// <item>every external type and member they reference exists in the 1.x listing;</item>
/// <item>no generic type or method is defined or instantiated, no multidimensional array,
/// pointer, function pointer, pinned local, volatile field, or localloc (stackalloc);</item>
/// <item>a method marked <c>[FastPath]</c>, and every method of ours it calls directly, has no
/// newobj, newarr, box, throw, allocating call (string building, ToString, Clone, ...) and no
/// local of a user-defined value type.</item>
/// </list>
/// Assemblies named "NanoGate.*" are ours: references into them are not looked up in the listing.
/// </summary>
public sealed class PortabilityGuard(ApiListing api)
{
    public const string FastPathAttribute = "NanoGate.Hal.FastPathAttribute";
    public const string OurPrefix = "NanoGate.";

    /// <summary>
    /// Attributes Roslyn emits only when the target's core library has them and otherwise omits
    /// or embeds: their absence from the listing does not break the device build.
    /// </summary>
    private static readonly HashSet<string> s_compilerAttributes =
    [
        "System.Runtime.CompilerServices.CompilationRelaxationsAttribute",
        "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute",
        "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
        "System.Runtime.CompilerServices.IsReadOnlyAttribute",
        "System.Runtime.CompilerServices.IsByRefLikeAttribute",
        "System.Runtime.CompilerServices.IsUnmanagedAttribute",
        "System.Runtime.CompilerServices.NullableAttribute",
        "System.Runtime.CompilerServices.NullableContextAttribute",
        "System.Runtime.CompilerServices.NullablePublicOnlyAttribute",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
        "System.Runtime.CompilerServices.ScopedRefAttribute",
        "System.Runtime.CompilerServices.RequiresLocationAttribute",
        "System.Runtime.CompilerServices.ParamCollectionAttribute",
    ];

    /// <summary>Checks the assembly files.</summary>
    public IReadOnlyList<Violation> Check(IEnumerable<string> paths) =>
        Check(paths.Select(p => (Path.GetFileName(p), File.ReadAllBytes(p))));

    /// <summary>Checks in-memory images (name, bytes) together, so fast-path calls between them are followed.</summary>
    public IReadOnlyList<Violation> Check(IEnumerable<(string Name, byte[] Image)> images)
    {
        var run = new Run(api, images.Select(i => new Loaded(i.Name, i.Image)).ToList());
        try
        {
            return run.Execute();
        }
        finally
        {
            run.Dispose();
        }
    }

    internal static bool IsOurs(string? assembly) => assembly is not null && assembly.StartsWith(OurPrefix, StringComparison.Ordinal);

    internal static bool IsCompilerAttribute(string typeName) => s_compilerAttributes.Contains(typeName);

    private sealed class Loaded : IDisposable
    {
        public Loaded(string file, byte[] image)
        {
            File = file;
            Pe = new PEReader(new MemoryStream(image));
            Md = Pe.GetMetadataReader();
            Name = Md.GetString(Md.GetAssemblyDefinition().Name);
        }

        public string File { get; }
        public PEReader Pe { get; }
        public MetadataReader Md { get; }
        public string Name { get; }

        public void Dispose() => Pe.Dispose();
    }

    private sealed class Run : IDisposable
    {
        private readonly ApiListing _api;
        private readonly List<Loaded> _assemblies;
        private readonly List<Violation> _violations = [];
        private readonly HashSet<string> _reported = [];
        private readonly SignatureNames _names;
        private readonly SignatureNames _keys = new((_, _) => null);
        private readonly Dictionary<string, (Loaded, MethodDefinitionHandle)> _methods = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _ourEnums = new(StringComparer.Ordinal);
        private readonly Dictionary<(Loaded, MethodDefinitionHandle), List<string>> _fastPathMemo = [];

        public Run(ApiListing api, List<Loaded> assemblies)
        {
            _api = api;
            _assemblies = assemblies;
            _names = new SignatureNames(CheckTypeReference);
            foreach (Loaded a in assemblies)
            {
                Index(a);
            }
        }

        public void Dispose()
        {
            foreach (Loaded a in _assemblies)
            {
                a.Dispose();
            }
        }

        public IReadOnlyList<Violation> Execute()
        {
            foreach (Loaded a in _assemblies)
            {
                CheckAssembly(a);
            }

            return _violations;
        }

        private void Index(Loaded a)
        {
            MetadataReader md = a.Md;
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition td = md.GetTypeDefinition(th);
                string typeName = MetadataNames.Of(md, th);
                _ourEnums[typeName] = BaseTypeName(md, td) == "System.Enum";
                foreach (MethodDefinitionHandle mh in td.GetMethods())
                {
                    MethodDefinition m = md.GetMethodDefinition(mh);
                    MethodSignature<string> sig = m.DecodeSignature(_keys, null);
                    _keys.TakeProblems();
                    _methods[Key(a.Name, typeName, md.GetString(m.Name), sig)] = (a, mh);
                }
            }
        }

        private static string Key(string assembly, string type, string name, MethodSignature<string> sig) =>
            $"{assembly}|{type}::{name}({string.Join(",", sig.ParameterTypes.Select(SignatureNames.Plain))}){SignatureNames.Plain(sig.ReturnType)}";

        private static string? BaseTypeName(MetadataReader md, TypeDefinition td) => td.BaseType.IsNil ? null : td.BaseType.Kind switch
        {
            HandleKind.TypeReference => MetadataNames.Of(md, (TypeReferenceHandle)td.BaseType),
            HandleKind.TypeDefinition => MetadataNames.Of(md, (TypeDefinitionHandle)td.BaseType),
            _ => null,
        };

        private void Report(Loaded a, string member, string rule, string detail)
        {
            if (_reported.Add($"{a.File}|{member}|{detail}"))
            {
                _violations.Add(new Violation(a.File, member, rule, detail));
            }
        }

        private void ReportProblems(Loaded a, string member, IEnumerable<string> problems)
        {
            foreach (string p in problems)
            {
                Report(a, member, p.Contains("does not exist", StringComparison.Ordinal) ? "api" : "construct", p);
            }
        }

        private string? CheckTypeReference(MetadataReader md, TypeReferenceHandle h)
        {
            if (IsOurs(MetadataNames.AssemblyOf(md, h)))
            {
                return null;
            }

            string name = MetadataNames.Of(md, h);
            if (IsCompilerAttribute(name) || _api.Find(name) is not null)
            {
                return null;
            }

            return $"type {name} does not exist in nanoFramework 1.x";
        }

        private void CheckAssembly(Loaded a)
        {
            MetadataReader md = a.Md;
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition td = md.GetTypeDefinition(th);
                string typeName = MetadataNames.Of(md, th);
                if (td.GetGenericParameters().Count > 0)
                {
                    Report(a, typeName, "construct", "defines a generic type (nanoFramework 1.x runs no generics)");
                }

                CheckTypeHandle(a, typeName, td.BaseType);
                foreach (InterfaceImplementationHandle ih in td.GetInterfaceImplementations())
                {
                    CheckTypeHandle(a, typeName, md.GetInterfaceImplementation(ih).Interface);
                }

                foreach (FieldDefinitionHandle fh in td.GetFields())
                {
                    FieldDefinition f = md.GetFieldDefinition(fh);
                    f.DecodeSignature(_names, null);
                    ReportProblems(a, typeName + "::" + md.GetString(f.Name), _names.TakeProblems());
                }

                foreach (MethodDefinitionHandle mh in td.GetMethods())
                {
                    CheckMethod(a, mh);
                }
            }

            // Safety net for references not reached through a member (attributes, metadata only).
            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                if (CheckTypeReference(md, h) is string p)
                {
                    Report(a, "(assembly metadata)", "api", p);
                }
            }

            foreach (MemberReferenceHandle h in md.MemberReferences)
            {
                ReportProblems(a, "(assembly metadata)", CheckMemberReference(md, h));
            }
        }

        private void CheckTypeHandle(Loaded a, string member, EntityHandle h)
        {
            if (h.IsNil)
            {
                return;
            }

            if (h.Kind == HandleKind.TypeReference && CheckTypeReference(a.Md, (TypeReferenceHandle)h) is string p)
            {
                Report(a, member, "api", p);
            }
            else if (h.Kind == HandleKind.TypeSpecification)
            {
                a.Md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(_names, null);
                ReportProblems(a, member, _names.TakeProblems());
            }
        }

        private void CheckMethod(Loaded a, MethodDefinitionHandle mh)
        {
            MetadataReader md = a.Md;
            MethodDefinition m = md.GetMethodDefinition(mh);
            string member = MetadataNames.Of(md, mh);
            if (m.GetGenericParameters().Count > 0)
            {
                Report(a, member, "construct", "defines a generic method (nanoFramework 1.x runs no generics)");
            }

            m.DecodeSignature(_names, null);
            ReportProblems(a, member, _names.TakeProblems());
            if (m.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = a.Pe.GetMethodBody(m.RelativeVirtualAddress);
            DecodeLocals(md, body);
            ReportProblems(a, member, _names.TakeProblems());
            foreach (IlInstruction ins in IlScanner.Read(body))
            {
                if (ins.OpCode == IlScanner.Localloc)
                {
                    Report(a, member, "construct", "stackalloc (localloc; no unsafe code on nanoFramework)");
                }

                if (ins.Token != 0)
                {
                    ReportProblems(a, member, CheckToken(md, ins.Token));
                }
            }

            if (HasFastPathAttribute(md, m))
            {
                foreach (string p in FastPathProblems(a, mh, []))
                {
                    Report(a, member, "fast-path", p);
                }
            }
        }

        private List<string> DecodeLocals(MetadataReader md, MethodBodyBlock body)
        {
            if (body.LocalSignature.IsNil)
            {
                return [];
            }

            return [.. md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_names, null)];
        }

        private List<string> CheckToken(MetadataReader md, int token)
        {
            EntityHandle h;
            try
            {
                h = MetadataTokens.EntityHandle(token);
            }
            catch (ArgumentException)
            {
                return []; // user string (ldstr)
            }

            switch (h.Kind)
            {
                case HandleKind.TypeReference:
                    return CheckTypeReference(md, (TypeReferenceHandle)h) is string p ? [p] : [];
                case HandleKind.TypeSpecification:
                    md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(_names, null);
                    return _names.TakeProblems();
                case HandleKind.MemberReference:
                    return CheckMemberReference(md, (MemberReferenceHandle)h);
                case HandleKind.MethodSpecification:
                    {
                        MethodSpecification spec = md.GetMethodSpecification((MethodSpecificationHandle)h);
                        spec.DecodeSignature(_names, null);
                        _names.TakeProblems();
                        var problems = new List<string> { "instantiates a generic method (nanoFramework 1.x runs no generics)" };
                        if (spec.Method.Kind == HandleKind.MemberReference)
                        {
                            problems.AddRange(CheckMemberReference(md, (MemberReferenceHandle)spec.Method));
                        }

                        return problems;
                    }

                default:
                    return [];
            }
        }

        private List<string> CheckMemberReference(MetadataReader md, MemberReferenceHandle h)
        {
            MemberReference mr = md.GetMemberReference(h);
            var problems = new List<string>();
            if (mr.Parent.Kind == HandleKind.TypeSpecification)
            {
                md.GetTypeSpecification((TypeSpecificationHandle)mr.Parent).DecodeSignature(_names, null);
                problems.AddRange(_names.TakeProblems());
                return problems;
            }

            if (mr.Parent.Kind != HandleKind.TypeReference)
            {
                return problems;
            }

            var parent = (TypeReferenceHandle)mr.Parent;
            string typeName = MetadataNames.Of(md, parent);
            if (IsOurs(MetadataNames.AssemblyOf(md, parent)) || IsCompilerAttribute(typeName))
            {
                return problems;
            }

            string name = md.GetString(mr.Name);
            ApiMember wanted;
            if (mr.GetKind() == MemberReferenceKind.Field)
            {
                mr.DecodeFieldSignature(_names, null);
                wanted = new ApiMember('F', false, name, "", null);
            }
            else
            {
                MethodSignature<string> sig = mr.DecodeMethodSignature(_names, null);
                wanted = new ApiMember('M', !sig.Header.IsInstance, name, SignatureNames.Plain(sig.ReturnType),
                    sig.ParameterTypes.Select(SignatureNames.Plain).ToArray());
            }

            // Signature problems (a missing parameter type) come first; then the member itself.
            problems.AddRange(_names.TakeProblems());
            if (_api.CheckMember(typeName, wanted) is string missing)
            {
                problems.Add(missing);
            }

            return problems;
        }

        private static bool HasFastPathAttribute(MetadataReader md, MethodDefinition m)
        {
            foreach (CustomAttributeHandle ch in m.GetCustomAttributes())
            {
                CustomAttribute ca = md.GetCustomAttribute(ch);
                EntityHandle type = ca.Constructor.Kind switch
                {
                    HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)ca.Constructor).Parent,
                    HandleKind.MethodDefinition => md.GetMethodDefinition((MethodDefinitionHandle)ca.Constructor).GetDeclaringType(),
                    _ => default,
                };
                string name = type.Kind switch
                {
                    HandleKind.TypeReference => MetadataNames.Of(md, (TypeReferenceHandle)type),
                    HandleKind.TypeDefinition => MetadataNames.Of(md, (TypeDefinitionHandle)type),
                    _ => "",
                };
                if (name == FastPathAttribute)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What makes a method unfit for the fast path, following direct calls into our code.</summary>
        private List<string> FastPathProblems(Loaded a, MethodDefinitionHandle mh, HashSet<(Loaded, MethodDefinitionHandle)> visiting)
        {
            if (_fastPathMemo.TryGetValue((a, mh), out List<string>? known))
            {
                return known;
            }

            var problems = new List<string>();
            if (!visiting.Add((a, mh)))
            {
                return problems; // recursion: the outer frame reports
            }

            MetadataReader md = a.Md;
            MethodDefinition m = md.GetMethodDefinition(mh);
            if (m.RelativeVirtualAddress == 0)
            {
                return problems;
            }

            MethodBodyBlock body = a.Pe.GetMethodBody(m.RelativeVirtualAddress);
            foreach (string local in DecodeLocals(md, body))
            {
                if (IsStructLocal(local))
                {
                    problems.Add($"local of value type {SignatureNames.Plain(local)} (nanoCLR allocates it on entry)");
                }
            }

            _names.TakeProblems();
            foreach (IlInstruction ins in IlScanner.Read(body))
            {
                switch (ins.OpCode)
                {
                    case IlScanner.Newobj:
                        problems.Add($"newobj {Describe(md, ins.Token)}");
                        break;
                    case IlScanner.Newarr:
                        problems.Add("newarr (array allocation)");
                        break;
                    case IlScanner.Box:
                        problems.Add($"box {Describe(md, ins.Token)}");
                        break;
                    case IlScanner.Throw:
                    case IlScanner.Rethrow:
                        problems.Add("throw (drops are counted, not thrown)");
                        break;
                    case IlScanner.Call:
                    case IlScanner.Callvirt:
                        problems.AddRange(CallProblems(a, ins, visiting));
                        break;
                }
            }

            visiting.Remove((a, mh));
            _fastPathMemo[(a, mh)] = problems;
            return problems;
        }

        private IEnumerable<string> CallProblems(Loaded a, IlInstruction ins, HashSet<(Loaded, MethodDefinitionHandle)> visiting)
        {
            MetadataReader md = a.Md;
            EntityHandle h = MetadataTokens.EntityHandle(ins.Token);
            if (h.Kind == HandleKind.MethodSpecification)
            {
                yield break; // already reported as a generic instantiation
            }

            (Loaded, MethodDefinitionHandle)? target = null;
            string display = Describe(md, ins.Token);
            if (h.Kind == HandleKind.MethodDefinition)
            {
                target = (a, (MethodDefinitionHandle)h);
            }
            else if (h.Kind == HandleKind.MemberReference)
            {
                MemberReference mr = md.GetMemberReference((MemberReferenceHandle)h);
                if (mr.Parent.Kind != HandleKind.TypeReference)
                {
                    yield break;
                }

                var parent = (TypeReferenceHandle)mr.Parent;
                string asm = MetadataNames.AssemblyOf(md, parent) ?? a.Name;
                string typeName = MetadataNames.Of(md, parent);
                MethodSignature<string> sig = mr.DecodeMethodSignature(_keys, null);
                _keys.TakeProblems();
                string name = md.GetString(mr.Name);
                if (!IsOurs(asm))
                {
                    if (Allocates(typeName, name, SignatureNames.Plain(sig.ReturnType)))
                    {
                        yield return $"call {display} allocates";
                    }

                    yield break;
                }

                if (_methods.TryGetValue(Key(asm, typeName, name, sig), out var found))
                {
                    target = found;
                }
            }

            if (target is not (Loaded ta, MethodDefinitionHandle th))
            {
                yield break;
            }

            MethodDefinition callee = ta.Md.GetMethodDefinition(th);
            bool isVirtual = (callee.Attributes & System.Reflection.MethodAttributes.Virtual) != 0;
            if (ins.OpCode == IlScanner.Callvirt && isVirtual)
            {
                yield break; // the implementation is chosen at run time; mark it [FastPath] itself
            }

            foreach (string p in FastPathProblems(ta, th, visiting))
            {
                yield return $"via {MetadataNames.Of(ta.Md, th)}: {p}";
            }
        }

        private bool IsStructLocal(string local)
        {
            if (!local.StartsWith(SignatureNames.ValueTypePrefix, StringComparison.Ordinal) || local.EndsWith(']'))
            {
                return false;
            }

            string name = SignatureNames.Plain(local);
            if (_ourEnums.TryGetValue(name, out bool isEnum))
            {
                return !isEnum;
            }

            return _api.Find(name) is not ApiType t || !t.IsEnum;
        }

        /// <summary>External calls that build strings or arrays (conservative by design).</summary>
        private static bool Allocates(string type, string name, string returnType) =>
            returnType == "string"
            || returnType.EndsWith("[]", StringComparison.Ordinal)
            || type == "System.Text.StringBuilder"
            || name is "Concat" or "Format" or "Clone" or "MemberwiseClone" or "CreateInstance" or "GetBytes" or "ToArray";

        private static string Describe(MetadataReader md, int token)
        {
            EntityHandle h = MetadataTokens.EntityHandle(token);
            return h.Kind switch
            {
                HandleKind.MethodDefinition => MetadataNames.Of(md, (MethodDefinitionHandle)h),
                HandleKind.MemberReference => DescribeMemberRef(md, (MemberReferenceHandle)h),
                HandleKind.TypeReference => MetadataNames.Of(md, (TypeReferenceHandle)h),
                HandleKind.TypeDefinition => MetadataNames.Of(md, (TypeDefinitionHandle)h),
                _ => h.Kind.ToString(),
            };
        }

        private static string DescribeMemberRef(MetadataReader md, MemberReferenceHandle h)
        {
            MemberReference mr = md.GetMemberReference(h);
            string parent = mr.Parent.Kind switch
            {
                HandleKind.TypeReference => MetadataNames.Of(md, (TypeReferenceHandle)mr.Parent),
                HandleKind.TypeDefinition => MetadataNames.Of(md, (TypeDefinitionHandle)mr.Parent),
                _ => mr.Parent.Kind.ToString(),
            };
            return parent + "::" + md.GetString(mr.Name);
        }
    }
}
