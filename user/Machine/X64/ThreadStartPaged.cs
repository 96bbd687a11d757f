// Starting a thread on X64 with a pager of the caller's choice: Create leaves the thread waiting for its rip (r8 = 0),
// so ThreadControl can set its pager before its first instruction; then ExchangeRegisters sets rip (the start stub)
// and rsp (the thread's stack, entry and argument on top).
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.User.Library
{
    public static unsafe partial class Machine
    {
        /// <summary>As StartThread, with the endpoint in <paramref name="pagerSlot"/> as the thread's pager (an empty
        /// slot leaves it without one).</summary>
        public static ulong StartThreadPagedBy(uint threadSlot, uint utcbSlot, delegate*<ulong, void> entry, ulong argument,
            uint pagerSlot) =>
            StartWaitingThread(threadSlot, Objects.ThreadArgument(0, utcbSlot), utcbSlot, entry, argument, pagerSlot);

        /// <summary>Create with <paramref name="typeArgument"/> (task, UTCB slot, priority) and rip 0, then pager, stack
        /// and start as above.</summary>
        private static ulong StartWaitingThread(uint threadSlot, ulong typeArgument, uint utcbSlot, delegate*<ulong, void> entry,
            ulong argument, uint pagerSlot)
        {
            ulong result = Objects.Create(Objects.TypeThread, threadSlot, typeArgument, 0);
            if (result != ResultWord.Ok)
            {
                return result;
            }
            ThreadControl.Pager(threadSlot, pagerSlot);
            ulong* top = ThreadStacks.Top(utcbSlot);
            top[-2] = (ulong)(void*)entry;
            top[-1] = argument;
            ulong state;
            return Threads.Exchange(threadSlot, Threads.ControlSetRip | Threads.ControlSetRsp, ThreadStartAddress(),
                (ulong)(top - 2), out state);
        }
    }
}
