using System.Reflection.Metadata;

namespace NanoGate.Guard;

/// <summary>
/// Walks a method body's IL (ECMA-335 III). Only operand sizes are needed: the guard looks at
/// opcodes and metadata tokens, never at control flow.
/// </summary>
internal static class IlScanner
{
    public const int Throw = 0x7A;
    public const int Call = 0x28;
    public const int Callvirt = 0x6F;
    public const int Newobj = 0x73;
    public const int Newarr = 0x8D;
    public const int Box = 0x8C;
    public const int Rethrow = 0xFE1A;
    public const int Localloc = 0xFE0F;

    public static IEnumerable<IlInstruction> Read(MethodBodyBlock body)
    {
        BlobReader il = body.GetILReader();
        var list = new List<IlInstruction>();
        while (il.RemainingBytes > 0)
        {
            int offset = il.Offset;
            int op = il.ReadByte();
            if (op == 0xFE)
            {
                op = 0xFE00 | il.ReadByte();
            }

            int token = 0;
            switch (OperandKind(op))
            {
                case 'T':
                    token = il.ReadInt32();
                    break;
                case 'S':
                    int n = il.ReadInt32();
                    il.Offset += 4 * n;
                    break;
                case var size when size is >= '0' and <= '9':
                    il.Offset += size - '0';
                    break;
            }

            list.Add(new IlInstruction(offset, op, token));
        }

        return list;
    }

    /// <summary>'T' = 4-byte metadata token, 'S' = switch table, a digit = plain operand bytes.</summary>
    private static char OperandKind(int op) => op switch
    {
        >= 0x0E and <= 0x13 => '1',                 // ldarg.s .. stloc.s
        0x1F => '1',                                // ldc.i4.s
        0x20 => '4',                                // ldc.i4
        0x21 => '8',                                // ldc.i8
        0x22 => '4',                                // ldc.r4
        0x23 => '8',                                // ldc.r8
        0x27 or 0x28 or 0x29 or 0x6F or 0x73 => 'T', // jmp call calli callvirt newobj
        >= 0x2B and <= 0x37 => '1',                 // short branches
        >= 0x38 and <= 0x44 => '4',                 // long branches
        0x45 => 'S',                                // switch
        0x70 or 0x71 or 0x72 or 0x74 or 0x75 or 0x79 => 'T', // cpobj ldobj ldstr castclass isinst unbox
        >= 0x7B and <= 0x81 => 'T',                 // ldfld .. stobj
        0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0 => 'T',
        0xDD => '4',                                // leave
        0xDE => '1',                                // leave.s
        0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C => 'T', // ldftn ldvirtftn initobj constrained sizeof
        >= 0xFE09 and <= 0xFE0E => '2',             // ldarg .. stloc
        0xFE12 or 0xFE19 => '1',                    // unaligned. no.
        _ => '0',
    };
}
