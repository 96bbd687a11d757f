// [RuntimeImport]: ILC calls the named symbol directly, with no P/Invoke transition frame. Used for
// the assembly helpers (boot/X64/*.S) and to call our own exports with a different signature.
namespace System.Runtime
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class RuntimeImportAttribute : Attribute
    {
        public RuntimeImportAttribute(string lib, string entry)
        {
            Lib = lib;
            Entry = entry;
        }

        public string Lib { get; }

        public string Entry { get; }
    }
}
