using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoGate.Ike.Tests.Structure;

/// <summary>
/// Which types of a compiled assembly use which other types of the same assembly, read from its
/// metadata (System.Reflection.Metadata): base types and interfaces, field, method, property and
/// local variable signatures, and every type, method and field token in the method bodies' IL.
/// Nested and compiler-generated types count as their outermost declaring type (a lambda's
/// closure is part of the method that wrote it). Documentation references (cref) are not in the
/// metadata and do not count.
/// </summary>
public sealed class TypeGraph
{
    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly MetadataReader _md;
    private readonly Dictionary<string, SortedSet<string>> _uses = new(StringComparer.Ordinal);

    public TypeGraph(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        _md = pe.GetMetadataReader();
        foreach (TypeDefinitionHandle h in _md.TypeDefinitions)
        {
            string name = OuterName(h);
            if (name == "<Module>" || name.StartsWith("<PrivateImplementationDetails>", StringComparison.Ordinal))
            {
                continue;
            }

            SortedSet<string> set = Uses(name);
            TypeDefinition t = _md.GetTypeDefinition(h);
            AddType(set, t.BaseType);
            foreach (InterfaceImplementationHandle i in t.GetInterfaceImplementations())
            {
                AddType(set, _md.GetInterfaceImplementation(i).Interface);
            }

            foreach (FieldDefinitionHandle f in t.GetFields())
            {
                AddAll(set, _md.GetFieldDefinition(f).DecodeSignature(Provider.Instance, null));
            }

            foreach (PropertyDefinitionHandle p in t.GetProperties())
            {
                MethodSignature<Set> sig = _md.GetPropertyDefinition(p).DecodeSignature(Provider.Instance, null);
                AddSignature(set, sig);
            }

            foreach (MethodDefinitionHandle m in t.GetMethods())
            {
                MethodDefinition method = _md.GetMethodDefinition(m);
                AddSignature(set, method.DecodeSignature(Provider.Instance, null));
                if (method.RelativeVirtualAddress != 0)
                {
                    AddBody(set, pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }
        }

        foreach (KeyValuePair<string, SortedSet<string>> e in _uses)
        {
            e.Value.Remove(e.Key);
        }
    }

    /// <summary>Types of the assembly (outermost, full names).</summary>
    public IEnumerable<string> Types => _uses.Keys;

    /// <summary>The assembly's types that <paramref name="type"/> uses (itself excluded).</summary>
    public IReadOnlySet<string> UsesOf(string type) => _uses.TryGetValue(type, out SortedSet<string>? s) ? s : new SortedSet<string>();

    /// <summary>
    /// The strongly connected components with more than one type (Tarjan): each is a set of types
    /// that reach each other, a cycle. Sorted by name inside, and the list by first name.
    /// </summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        int next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (string w in UsesOf(v))
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    result.Add(component);
                }
            }
        }

        foreach (string t in _uses.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            if (!index.ContainsKey(t))
            {
                Visit(t);
            }
        }

        result.Sort((a, b) => StringComparer.Ordinal.Compare(a[0], b[0]));
        return result;
    }

    /// <summary>One shortest path of uses from <paramref name="from"/> back to itself, for a readable message.</summary>
    public List<string> ShortestCycleThrough(string from)
    {
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            string v = queue.Dequeue();
            foreach (string w in UsesOf(v))
            {
                if (w == from)
                {
                    var path = new List<string> { from };
                    for (string x = v; x != from; x = previous[x])
                    {
                        path.Insert(1, x);
                    }

                    path.Add(from);
                    return path;
                }

                if (!previous.ContainsKey(w))
                {
                    previous[w] = v;
                    queue.Enqueue(w);
                }
            }
        }

        return [];
    }

    private SortedSet<string> Uses(string name)
    {
        if (!_uses.TryGetValue(name, out SortedSet<string>? set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            _uses[name] = set;
        }

        return set;
    }

    private void AddSignature(SortedSet<string> set, MethodSignature<Set> sig)
    {
        AddAll(set, sig.ReturnType);
        foreach (Set p in sig.ParameterTypes)
        {
            AddAll(set, p);
        }
    }

    private void AddAll(SortedSet<string> set, Set types)
    {
        foreach (TypeDefinitionHandle h in types.Handles)
        {
            set.Add(OuterName(h));
        }
    }

    private void AddType(SortedSet<string> set, EntityHandle h)
    {
        if (h.IsNil)
        {
            return;
        }

        switch (h.Kind)
        {
            case HandleKind.TypeDefinition:
                set.Add(OuterName((TypeDefinitionHandle)h));
                break;
            case HandleKind.TypeSpecification:
                AddAll(set, _md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(Provider.Instance, null));
                break;
            case HandleKind.MethodDefinition:
                set.Add(OuterName(_md.GetMethodDefinition((MethodDefinitionHandle)h).GetDeclaringType()));
                break;
            case HandleKind.FieldDefinition:
                set.Add(OuterName(_md.GetFieldDefinition((FieldDefinitionHandle)h).GetDeclaringType()));
                break;
            case HandleKind.MemberReference:
                AddType(set, _md.GetMemberReference((MemberReferenceHandle)h).Parent);
                break;
            case HandleKind.MethodSpecification:
                AddType(set, _md.GetMethodSpecification((MethodSpecificationHandle)h).Method);
                break;
        }
    }

    private void AddBody(SortedSet<string> set, MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            StandaloneSignature locals = _md.GetStandaloneSignature(body.LocalSignature);
            foreach (Set l in locals.DecodeLocalSignature(Provider.Instance, null))
            {
                AddAll(set, l);
            }
        }

        BlobReader il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il.ReadByte());
            }

            OpCode op = s_opCodes[value];
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    int n = il.ReadInt32();
                    il.Offset += 4 * n;
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    AddType(set, MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
    }

    private string OuterName(TypeDefinitionHandle h)
    {
        TypeDefinition t = _md.GetTypeDefinition(h);
        while (t.IsNested)
        {
            h = t.GetDeclaringType();
            t = _md.GetTypeDefinition(h);
        }

        string ns = _md.GetString(t.Namespace);
        string name = _md.GetString(t.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The assembly's own types a signature mentions.</summary>
    public sealed class Set
    {
        public static readonly Set Empty = new([]);

        public Set(ImmutableArray<TypeDefinitionHandle> handles) => Handles = handles;

        public ImmutableArray<TypeDefinitionHandle> Handles { get; }

        public static Set Union(Set a, Set b) => a.Handles.IsEmpty ? b : b.Handles.IsEmpty ? a : new Set(a.Handles.AddRange(b.Handles));
    }

    private sealed class Provider : ISignatureTypeProvider<Set, object?>
    {
        public static readonly Provider Instance = new();

        public Set GetArrayType(Set elementType, ArrayShape shape) => elementType;
        public Set GetByReferenceType(Set elementType) => elementType;
        public Set GetFunctionPointerType(MethodSignature<Set> signature) => Set.Empty;
        public Set GetGenericInstantiation(Set genericType, ImmutableArray<Set> typeArguments) => typeArguments.Aggregate(genericType, Set.Union);
        public Set GetGenericMethodParameter(object? genericContext, int index) => Set.Empty;
        public Set GetGenericTypeParameter(object? genericContext, int index) => Set.Empty;
        public Set GetModifiedType(Set modifier, Set unmodifiedType, bool isRequired) => unmodifiedType;
        public Set GetPinnedType(Set elementType) => elementType;
        public Set GetPointerType(Set elementType) => elementType;
        public Set GetPrimitiveType(PrimitiveTypeCode typeCode) => Set.Empty;
        public Set GetSZArrayType(Set elementType) => elementType;
        public Set GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => new([handle]);
        public Set GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Set.Empty;
        public Set GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
