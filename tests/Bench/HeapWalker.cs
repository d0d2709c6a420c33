using System.Reflection;
using System.Runtime.CompilerServices;

namespace NanoGate.Bench;

/// <summary>
/// Sizes of the objects reachable from some roots, by walking their fields (reflection), each
/// object counted once. Two layouts: .NET x64 (16-byte object header, fields at their size, 8-byte
/// alignment; arrays 24 bytes + elements) and an estimate of nanoCLR's (12-byte heap block for the
/// object header and one per field; arrays a 20-byte header + elements rounded up to 12 bytes, a
/// reference element 12 bytes (nf-interpreter CLR_RT_HeapBlock, ExtractHeapBlocksForArray);
/// strings 12 bytes + UTF-8, a literal only its 12-byte block). A type the <c>stop</c> predicate names is not entered (simulation,
/// reflection).
/// </summary>
internal sealed class HeapWalker
{
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Func<Type, bool> _stop;

    public HeapWalker(Func<Type, bool> stop)
    {
        _stop = stop;
    }

    public long HostBytes { get; private set; }

    public long NanoBytes { get; private set; }

    public int Objects => _seen.Count;

    /// <summary>Per type name: (objects, host bytes, nanoCLR bytes).</summary>
    public Dictionary<string, (int Count, long Host, long Nano)> ByType { get; } = [];

    /// <summary>Arrays and strings per the field that first reached them ("AesEngine._encrypt"): (objects, host bytes, nanoCLR bytes).</summary>
    public Dictionary<string, (int Count, long Host, long Nano)> ByField { get; } = [];

    /// <summary>Walks from the roots; a root's label names it in <see cref="ByField"/> ("static AesEngine.SBox").</summary>
    public void Walk(IEnumerable<(object? Root, string Label)> roots)
    {
        var stack = new Stack<(object Obj, string Via)>();
        foreach (var (r, label) in roots)
        {
            if (r is not null && _seen.Add(r))
            {
                stack.Push((r, label));
            }
        }

        while (stack.Count > 0)
        {
            var (o, via) = stack.Pop();
            Type t = o.GetType();
            var (host, nano) = Size(o, t);
            HostBytes += host;
            NanoBytes += nano;
            string name = TypeName(t);
            Add(ByType, name, host, nano);
            if (t.IsArray || o is string)
            {
                Add(ByField, via, host, nano);
            }

            foreach (var (child, field) in Children(o, t))
            {
                if (!_stop(child.GetType()) && _seen.Add(child))
                {
                    // An array inside an array (jagged tables) is charged to the field holding the outer one.
                    stack.Push((child, t.IsArray ? via : TypeName(t) + "." + field));
                }
            }
        }
    }

    private static void Add(Dictionary<string, (int Count, long Host, long Nano)> table, string key, long host, long nano) =>
        table[key] = table.TryGetValue(key, out var v) ? (v.Count + 1, v.Host + host, v.Nano + nano) : (1, host, nano);

    private static IEnumerable<(object Child, string Field)> Children(object o, Type t)
    {
        if (t.IsArray)
        {
            if (!t.GetElementType()!.IsValueType)
            {
                foreach (object? e in (Array)o)
                {
                    if (e is not null)
                    {
                        yield return (e, "[]");
                    }
                }
            }

            yield break;
        }

        if (o is string)
        {
            yield break;
        }

        foreach (FieldInfo f in Fields(t))
        {
            if (!f.FieldType.IsValueType && f.GetValue(o) is { } child)
            {
                yield return (child, f.Name);
            }
        }
    }

    private static (long Host, long Nano) Size(object o, Type t)
    {
        if (o is string s)
        {
            // A literal (interned) string stays in the assembly on nanoCLR: one heap block points at it.
            return (Align(22 + (2L * s.Length)), string.IsInterned(s) is not null ? 12 : 12 + System.Text.Encoding.UTF8.GetByteCount(s) + 1);
        }

        if (t.IsArray)
        {
            var a = (Array)o;
            Type e = t.GetElementType()!;
            long hostElement = e.IsValueType ? ValueSize(e) : 8;
            long nanoElement = e.IsValueType ? (e.IsPrimitive ? ValueSize(e) : 12 * Math.Max(1, FieldCount(e))) : 12;
            return (Align(24 + (a.LongLength * hostElement)), (20 + (a.LongLength * nanoElement) + 11) / 12 * 12);
        }

        long fields = 0;
        int count = 0;
        foreach (FieldInfo f in Fields(t))
        {
            fields += f.FieldType.IsValueType ? ValueSize(f.FieldType) : 8;
            count += f.FieldType.IsValueType && !f.FieldType.IsPrimitive && !f.FieldType.IsEnum ? Math.Max(1, FieldCount(f.FieldType)) : 1;
        }

        return (Math.Max(24, Align(16 + fields)), 12L * (1 + count));
    }

    private static long ValueSize(Type t)
    {
        if (t.IsEnum)
        {
            return ValueSize(Enum.GetUnderlyingType(t));
        }

        if (t.IsPrimitive)
        {
            return t == typeof(bool) || t == typeof(byte) || t == typeof(sbyte) ? 1
                : t == typeof(short) || t == typeof(ushort) || t == typeof(char) ? 2
                : t == typeof(int) || t == typeof(uint) || t == typeof(float) ? 4 : 8;
        }

        return (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(t).Invoke(null, null)!;
    }

    private static int FieldCount(Type t) => Fields(t).Count();

    private static IEnumerable<FieldInfo> Fields(Type t)
    {
        for (Type? x = t; x is not null && x != typeof(object); x = x.BaseType)
        {
            foreach (FieldInfo f in x.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return f;
            }
        }
    }

    private static long Align(long n) => (n + 7) & ~7L;

    private static string TypeName(Type t) => t.IsArray ? TypeName(t.GetElementType()!) + "[]" : t.Name;
}
