using System.Reflection.Metadata;

namespace NanoGate.DeviceBuild;

/// <summary>
/// A type as a method signature spells it, decoded from metadata (SignatureTypeProvider): enough to
/// name it the way nanoFramework's metadata processor does for the native stubs, and to find the
/// assembly's own type it stands for.
/// </summary>
internal sealed class SignatureType
{
    /// <summary>What the signature element is.</summary>
    public enum Shape
    {
        /// <summary>A class, value type or primitive, named by <see cref="Name"/>.</summary>
        Named,
        SZArray,
        Array,
        ByRef,
        Pointer,
        GenericInstance,
        GenericParameter,
    }

    private SignatureType(Shape kind, string name, SignatureType? element, TypeDefinitionHandle? definition, IReadOnlyList<SignatureType> arguments)
    {
        Kind = kind;
        Name = name;
        Element = element;
        Definition = definition;
        Arguments = arguments;
    }

    public Shape Kind { get; }

    /// <summary>For <see cref="Shape.Named"/>: "Namespace.Name", a nested type "Namespace.Outer/Inner".</summary>
    public string Name { get; }

    /// <summary>The element of an array, by-reference, pointer, or the generic type of an instance.</summary>
    public SignatureType? Element { get; }

    /// <summary>For a type defined in the assembly being read: its definition.</summary>
    public TypeDefinitionHandle? Definition { get; }

    public IReadOnlyList<SignatureType> Arguments { get; }

    /// <summary>
    /// The full name in Mono.Cecil's spelling, which the processor's names are made from:
    /// "System.Byte[]", "System.Int32&amp;", "Ns.Outer/Inner", "Ns.List`1&lt;System.Int32&gt;".
    /// </summary>
    public string FullName => Kind switch
    {
        Shape.Named or Shape.GenericParameter => Name,
        Shape.SZArray => Element!.FullName + "[]",
        Shape.Array => Element!.FullName + Name,
        Shape.ByRef => Element!.FullName + "&",
        Shape.Pointer => Element!.FullName + "*",
        _ => Element!.FullName + "<" + string.Join(",", Arguments.Select(a => a.FullName)) + ">",
    };

    /// <summary>The innermost element: through arrays, references, pointers and to the generic type of an instance.</summary>
    public SignatureType Innermost => Element is null ? this : Element.Innermost;

    public static SignatureType Named(string name, TypeDefinitionHandle? definition = null) => new(Shape.Named, name, null, definition, []);

    public static SignatureType Of(Shape kind, SignatureType element, string suffix = "") => new(kind, suffix, element, null, []);

    public static SignatureType Generic(SignatureType type, IReadOnlyList<SignatureType> arguments) => new(Shape.GenericInstance, "", type, null, arguments);

    public static SignatureType Parameter(string name) => new(Shape.GenericParameter, name, null, null, []);
}
