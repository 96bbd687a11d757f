// Boot self-checks of the verified IPC core (spec/Ipc): a short IPC sequence on the compiled core.
namespace Verified.Kernel.SelfTest
{
    internal static class IpcSelfChecks
    {
        public static SelfCheck[] All() => new SelfCheck[] { };
    }
}
