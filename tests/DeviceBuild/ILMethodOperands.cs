using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace NanoGate.DeviceBuild;

/// <summary>
/// The methods a method body refers to, in instruction order: the operands of call, callvirt,
/// newobj, ldftn, ldvirtftn, jmp (InlineMethod) and of an ldtoken naming a method (ECMA-335 III).
/// </summary>
internal static class ILMethodOperands
{
    /// <summary>Operand type of every opcode, by its value (two-byte opcodes are 0xFE00 | second byte).</summary>
    private static readonly Dictionary<ushort, OperandType> s_operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value, o => o.OperandType);

    public static IEnumerable<EntityHandle> Of(MethodBodyBlock body)
    {
        BlobReader il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            if (!s_operands.TryGetValue(code, out OperandType operand))
            {
                throw new BadImageFormatException($"unknown IL opcode 0x{code:X2} at offset {il.Offset - 1}");
            }

            switch (operand)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                    EntityHandle token = MetadataTokens.EntityHandle(il.ReadInt32());
                    if (token.Kind is HandleKind.MethodDefinition or HandleKind.MemberReference or HandleKind.MethodSpecification)
                    {
                        yield return token;
                    }

                    break;
                case OperandType.InlineSwitch:
                    il.Offset += 4 * il.ReadInt32();
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    // InlineBrTarget, InlineField, InlineI, InlineSig, InlineString, InlineType, ShortInlineR.
                    il.Offset += 4;
                    break;
            }
        }
    }
}
