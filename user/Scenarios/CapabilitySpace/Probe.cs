// How scenarios see what a slot holds without peeking at the kernel: a zero-timeout Send through it (an empty slot
// fails with ErrEmptySlot, a live endpoint nobody waits on with ErrSendTimeout).
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    internal static class Probe
    {
        public static ulong Send(uint slot) => Ipc.Send(slot, 1, new ulong[] { 1 }, Timeout.Zero).Result;
    }
}
