// Sigma0's free memory: the frames after the modules (BootInformation.FirstFree), each handed out once. They are
// zero from boot, so a frame given to a task needs no clearing.
namespace Verified.User.Root
{
    internal sealed class FreeFrames
    {
        private const ulong WindowBase = 0x4000_0000, PageSize = 4096;

        private ulong _next;
        private readonly ulong _end;

        public FreeFrames(ulong first, ulong end)
        {
            _next = first;
            _end = end;
        }

        public ulong Left => _end - _next;

        /// <summary>The root task's window address of a fresh zeroed frame, or 0 when none is left.</summary>
        public ulong Take()
        {
            if (_next >= _end)
            {
                return 0;
            }
            return WindowBase + _next++ * PageSize;
        }
    }
}
