// [RuntimeExport]: ILC emits the method under the given symbol name (used by asm and by ILC's own
// helper calls such as RhpNewFast).
namespace System.Runtime
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class RuntimeExportAttribute : Attribute
    {
        public RuntimeExportAttribute(string entry)
        {
            Entry = entry;
        }

        public string Entry { get; }
    }
}
