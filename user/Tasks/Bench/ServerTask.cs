// The second address space of the cross-AS rows. The bench task makes it itself (Create type 5) rather than asking
// the root task to load a second module: no change to the root's protocol, and the server's code is the bench's own.
// The server task's threads have a pager thread of the bench task (SpacePager.cs) that maps each page they fault on
// from the bench task's own page at the same address (code rx, everything else rw): the server task sees the bench
// task's image, heap and statics, in page tables and a capability space of its own, so every IPC between the two
// switches address spaces as between any two tasks.
using System.Runtime;
using System.Runtime.CompilerServices;
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static unsafe class ServerTask
    {
        private const ulong SlotsPerTask = 64;   // the kernel's capability-space size (kernel/Boot/SystemBoot.cs)
        private const ulong CapCopyTo = 16;

        /// <summary>Creates the task, and the pager endpoint and thread; 0 or the first refusal.</summary>
        public static ulong Create(uint pagerThreadSlot, uint pagerUtcb)
        {
            ulong result = Objects.Create(Objects.TypeTask, Slots.ServerTask, SlotsPerTask, Slots.Task);
            if (result == ResultWord.Ok)
            {
                result = Objects.CreateEndpoint(Slots.PagerEndpoint, Slots.Task);
            }
            return result == ResultWord.Ok
                ? Machine.StartThread(pagerThreadSlot, pagerUtcb, &SpacePager.Serve, Slots.PagerEndpoint)
                : result;
        }

        /// <summary>A copy of the bench task's capability in <paramref name="slot"/> at the same slot of the server task.</summary>
        public static ulong Give(uint slot) => Syscall.Invoke(CapCopyTo, slot, slot, Capabilities.AllRights, 0, Slots.ServerTask);

        /// <summary>A thread of the server task running <paramref name="entry"/>(<paramref name="argument"/>) on a stack
        /// of the shared heap, paged by SpacePager: created waiting (rip 0), given its pager, then started.</summary>
        public static ulong StartThread(uint threadSlot, uint utcbSlot, delegate*<ulong, void> entry, ulong argument)
        {
            ulong result = Objects.Create(Objects.TypeThread, threadSlot, Objects.ThreadArgument(Slots.ServerTask, utcbSlot),
                Slots.Task);
            if (result == ResultWord.Ok)
            {
                result = ThreadControl.Invoke(threadSlot, ThreadControl.SetPager | ThreadControl.SetExceptionHandler, 0,
                    Slots.PagerEndpoint, Slots.PagerEndpoint);
            }
            if (result != ResultWord.Ok)
            {
                return result;
            }
            ulong* top = ThreadStacks.Top(utcbSlot);
            top[-2] = (ulong)(void*)entry;
            top[-1] = argument;
            ulong state;
            return Threads.Exchange(threadSlot, Threads.ControlSetRip | Threads.ControlSetRsp, ThreadStartAddress(),
                (ulong)(top - 2), out state);
        }

        [RuntimeImport("*", "user_thread_start_address")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong ThreadStartAddress();
    }
}
