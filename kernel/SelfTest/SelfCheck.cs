// One self-check: a name and a test that returns null on success or the reason it failed.
namespace Verified.Kernel.SelfTest
{
    internal abstract class SelfCheck
    {
        public abstract string Name { get; }

        /// <summary>Null when the check passed, otherwise why it failed.</summary>
        public abstract string? Run();
    }
}
