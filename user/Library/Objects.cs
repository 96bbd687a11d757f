// Syscall 6 Create (docs/abi.md section 3): a new object and its first capability (all rights).
namespace Verified.User.Library
{
    public static class Objects
    {
        public const ulong TypeEndpoint = 1;
        public const ulong TypeThread = 2;
        public const ulong TypeNotification = 3;
        public const ulong TypeTask = 5;
        public const ulong TypeIrq = 6;

        /// <summary>Creates an object of <paramref name="type"/> with its capability in <paramref name="slot"/>, paid by
        /// the task in <paramref name="taskSlot"/>; returns rax.</summary>
        public static ulong Create(ulong type, ulong slot, ulong argument, ulong taskSlot) =>
            Syscall.Invoke(SyscallNumbers.Create, type, slot, argument, taskSlot);

        public static ulong CreateEndpoint(uint slot, uint taskSlot) => Create(TypeEndpoint, slot, 0, taskSlot);

        public static ulong CreateNotification(uint slot, uint taskSlot) => Create(TypeNotification, slot, 0, taskSlot);

        /// <summary>The type argument of a thread: the task it runs in and its UTCB slot.</summary>
        public static ulong ThreadArgument(uint taskSlot, uint utcbSlot) => taskSlot | ((ulong)utcbSlot << 32);

        /// <summary>The same with the thread's priority (at most the creator's own).</summary>
        public static ulong ThreadArgument(uint taskSlot, uint utcbSlot, uint priority) =>
            ThreadArgument(taskSlot, utcbSlot) | PriorityGiven | ((ulong)(priority & 0x1F) << 40);

        private const ulong PriorityGiven = 1UL << 45;
    }
}
