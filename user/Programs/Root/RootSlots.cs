// The root task's capability space: what the kernel gives it (kernel/Boot/SystemBoot.cs) and what it makes.
namespace Verified.User.Root
{
    internal static class RootSlots
    {
        public const uint Task = 0;
        public const uint Thread = 1;
        public const uint Endpoint = 2;          // faults, exceptions and reports of every loaded task arrive here
        public const uint FirstLoaded = 8;       // three slots per loaded task: task, thread, its badged endpoint
    }
}
