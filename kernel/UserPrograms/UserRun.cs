// Running one user program to its end: load its code into a fresh address space, enter ring 3, and come back
// when it exits, faults or uses up its time. How it ended is encoded in one word so the HAL's return path can
// carry it.
using Verified.Hal.X64;

namespace Verified.Kernel.UserPrograms
{
    internal static unsafe class UserRun
    {
        public const ulong CodeAddress = UserAddressSpace.UserBase;
        public const ulong StackPage = UserAddressSpace.UserBase + 0x10_0000;   // 1 MiB up, unmapped pages around it
        public const ulong DataPage = UserAddressSpace.UserBase + 0x20_0000;    // DATA_PAGE in boot/X64/UserProbes.S

        private const ulong FaultFlag = 1UL << 40;
        private const ulong PreemptedFlag = 1UL << 41;
        private const ulong PageSize = 4096;

        /// <summary>Timer ticks a program may run before it is stopped; zero means no limit.</summary>
        public static ulong TickBudget { get; set; }

        /// <summary>Ticks the running program has used.</summary>
        public static ulong TicksUsed { get; private set; }

        public static bool Running { get; private set; }

        public static ulong Exited(uint code) => code;

        public static ulong Faulted(ulong vector) => FaultFlag | vector;

        public static ulong Preempted => PreemptedFlag;

        public static bool IsFault(ulong result, ulong vector) => result == Faulted(vector);

        /// <summary>Runs the machine code in [start, end) in ring 3; returns how it ended.</summary>
        public static ulong Run(byte* start, byte* end, ulong tickBudget)
        {
            UserContext* context = Load(start, end, out _);
            TickBudget = tickBudget;
            return RunContext(context);
        }

        /// <summary>Enters ring 3 with <paramref name="context"/> (TickBudget already set) until a program ends.</summary>
        public static ulong RunContext(UserContext* context)
        {
            TicksUsed = 0;
            Running = true;
            ulong result = UserMode.Enter(context);
            Running = false;
            return result;
        }

        /// <summary>
        /// A program in its own address space: code page, stack page and a data page the kernel can read through
        /// <paramref name="data"/> (its physical address, identity-mapped).
        /// </summary>
        public static UserContext* Load(byte* start, byte* end, out ulong* data)
        {
            ulong length = (ulong)(end - start);
            if (length == 0 || length > PageSize)
            {
                Panic.Halt("user program does not fit one page");
            }
            UserAddressSpace space = UserAddressSpace.Create();
            byte* code = PhysicalMemory.AllocateZeroed(PageSize, PageSize);
            for (ulong i = 0; i < length; i++)
            {
                code[i] = start[i];
            }
            byte* stack = PhysicalMemory.AllocateZeroed(PageSize, PageSize);
            byte* page = PhysicalMemory.AllocateZeroed(PageSize, PageSize);
            if (!space.Map(CodeAddress, (ulong)code, writable: false, executable: true)
                || !space.Map(StackPage, (ulong)stack, writable: true, executable: false)
                || !space.Map(DataPage, (ulong)page, writable: true, executable: false))
            {
                Panic.Halt("user program mapping refused");
            }
            data = (ulong*)page;
            return UserContext.Create(CodeAddress, StackPage + PageSize, space.Root);
        }

        /// <summary>Ends the running program: control goes back to the caller of <see cref="Run"/>.</summary>
        public static void Finish(ulong result) => UserMode.Return(result);

        /// <summary>
        /// Timer tick while programs run in ring 3: charge the time, stop when the budget is spent, otherwise give
        /// the CPU to the next program in round-robin order (when several run).
        /// </summary>
        public static void Tick(bool inUserMode)
        {
            if (!Running || !inUserMode)
            {
                return;
            }
            TicksUsed++;
            if (TickBudget != 0 && TicksUsed >= TickBudget)
            {
                Finish(Preempted);
            }
            RoundRobin.Next();
        }
    }
}
