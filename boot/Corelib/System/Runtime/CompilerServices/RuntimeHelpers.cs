// RuntimeHelpers: compiler-facing constants.
namespace System.Runtime.CompilerServices
{
    public static class RuntimeHelpers
    {
        // CONTRACT with runtime: the first character of a string sits 12 bytes after the object's
        // MethodTable pointer (8-byte MethodTable*, 4-byte length).
        public static int OffsetToStringData => 12;
    }
}
