// Attributes the C# compiler refers to by name: indexer naming, extension methods, intrinsics.
namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class IndexerNameAttribute : Attribute
    {
        public IndexerNameAttribute(string indexerName)
        {
            IndexerName = indexerName;
        }

        public string IndexerName { get; }
    }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly)]
    public sealed class ExtensionAttribute : Attribute
    {
    }

    // ILC replaces methods with this attribute by its own code where it recognizes them.
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Field)]
    internal sealed class IntrinsicAttribute : Attribute
    {
    }
}
