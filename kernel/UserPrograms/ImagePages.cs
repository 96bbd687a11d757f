// Where ProgramLoader puts an image's pages: a single program's address space (the boot self-checks), or the image
// region of a task's live address space (the root task).
using Verified.Hal.X64;

namespace Verified.Kernel.UserPrograms
{
    /// <summary>Where a loaded image's pages go: a single program's address space, or a task's image region.</summary>
    internal interface IImagePages
    {
        bool Map(ulong page, ulong frame, bool writable, bool executable);
    }

    internal sealed class SpacePages : IImagePages
    {
        public SpacePages(UserAddressSpace space)
        {
            Space = space;
        }

        public UserAddressSpace Space { get; }

        public bool Map(ulong page, ulong frame, bool writable, bool executable) => Space.Map(page, frame, writable, executable);
    }

    internal sealed class TaskImagePages : IImagePages
    {
        private readonly TaskSpaces _spaces;
        private readonly uint _task;

        public TaskImagePages(TaskSpaces spaces, uint task)
        {
            _spaces = spaces;
            _task = task;
        }

        public bool Map(ulong page, ulong frame, bool writable, bool executable) =>
            _spaces.MapImage(_task, page, frame, writable, executable);
    }
}
