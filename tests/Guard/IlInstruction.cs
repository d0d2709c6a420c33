namespace NanoGate.Guard;

/// <summary>One decoded IL instruction: opcode (0xFExx for two-byte opcodes), offset, and the
/// metadata token when the operand is one.</summary>
internal readonly record struct IlInstruction(int Offset, int OpCode, int Token);
