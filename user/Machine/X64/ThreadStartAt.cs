// Starting a thread at a chosen priority on X64: as StartThread (paged by the service endpoint of whoever started the
// task), with the priority in Create's type argument.
namespace Verified.User.Library
{
    public static unsafe partial class Machine
    {
        public static partial ulong StartThreadAt(uint threadSlot, uint utcbSlot, uint priority, delegate*<ulong, void> entry,
            ulong argument) =>
            StartWaitingThread(threadSlot, Objects.ThreadArgument(0, utcbSlot, priority), utcbSlot, entry, argument, ServiceSlot);
    }
}
