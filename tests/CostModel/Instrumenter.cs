using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace NanoGate.CostModel;

/// <summary>
/// Rewrites built assemblies so that every basic block first adds its IL instruction count to
/// <see cref="IlCounter.Instructions"/>, and every call into NativeMethods (the native crypto
/// component's binding) first counts one native call. A block starts at a method's first
/// instruction, at every branch or switch target, after every branch, return, throw, leave or
/// endfinally, and at every try, handler and filter start (ECMA-335 I.12.4.2 flow control).
/// </summary>
public static class Instrumenter
{
    public const string NativeMethodsType = "NanoGate.Hal.Crypto.Native.NativeMethods";

    public static void Run(string fromDirectory, string toDirectory, IEnumerable<string> assemblyNames)
    {
        Directory.CreateDirectory(toDirectory);
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(fromDirectory);
        foreach (string name in assemblyNames)
        {
            string path = Path.Combine(fromDirectory, name + ".dll");
            using ModuleDefinition module = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver });
            MethodReference block = module.ImportReference(typeof(IlCounter).GetMethod(nameof(IlCounter.Block)));
            MethodReference native = module.ImportReference(typeof(IlCounter).GetMethod(nameof(IlCounter.Native)));
            foreach (TypeDefinition type in module.GetTypes())
            {
                foreach (MethodDefinition method in type.Methods.Where(m => m.HasBody))
                {
                    Instrument(method.Body, block, native);
                }
            }

            module.Write(Path.Combine(toDirectory, name + ".dll"));
        }
    }

    private static void Instrument(MethodBody body, MethodReference block, MethodReference native)
    {
        body.SimplifyMacros();
        List<Instruction> code = [.. body.Instructions];
        var leaders = new HashSet<Instruction> { code[0] };
        for (int i = 0; i < code.Count; i++)
        {
            Instruction ins = code[i];
            if (ins.Operand is Instruction target)
            {
                leaders.Add(target);
            }
            else if (ins.Operand is Instruction[] targets)
            {
                leaders.UnionWith(targets);
            }

            FlowControl flow = ins.OpCode.FlowControl;
            bool ends = flow is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw
                || ins.OpCode.Code is Code.Leave or Code.Endfinally or Code.Endfilter;
            if (ends && i + 1 < code.Count)
            {
                leaders.Add(code[i + 1]);
            }
        }

        foreach (ExceptionHandler h in body.ExceptionHandlers)
        {
            leaders.Add(h.TryStart);
            leaders.Add(h.HandlerStart);
            if (h.FilterStart is not null)
            {
                leaders.Add(h.FilterStart);
            }
        }

        // Block sizes in original instructions, from each leader to the next.
        var sizes = new Dictionary<Instruction, int>();
        Instruction? current = null;
        foreach (Instruction ins in code)
        {
            if (leaders.Contains(ins))
            {
                current = ins;
                sizes[ins] = 0;
            }

            sizes[current!]++;
        }

        ILProcessor il = body.GetILProcessor();
        foreach (Instruction ins in code)
        {
            if (ins.OpCode.Code == Code.Call && ins.Operand is MethodReference m && m.DeclaringType.FullName == NativeMethodsType)
            {
                Prepend(il, ins, [il.Create(OpCodes.Call, native)]);
            }
        }

        foreach (KeyValuePair<Instruction, int> kv in sizes)
        {
            Prepend(il, kv.Key, [il.Create(OpCodes.Ldc_I4, kv.Value), il.Create(OpCodes.Call, block)]);
        }

        body.OptimizeMacros();
    }

    /// <summary>
    /// Puts <paramref name="added"/> in front of <paramref name="at"/> so that branches, handlers
    /// and scopes that pointed at it now reach the added code first: <paramref name="at"/> itself
    /// becomes the first added instruction and a copy of it follows the rest.
    /// </summary>
    private static void Prepend(ILProcessor il, Instruction at, Instruction[] added)
    {
        Instruction original = il.Create(OpCodes.Nop);
        original.OpCode = at.OpCode;
        original.Operand = at.Operand;
        at.OpCode = added[0].OpCode;
        at.Operand = added[0].Operand;
        Instruction last = at;
        for (int i = 1; i < added.Length; i++)
        {
            il.InsertAfter(last, added[i]);
            last = added[i];
        }

        il.InsertAfter(last, original);
    }
}
