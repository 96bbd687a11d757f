// A task the root task made from a boot module: its task and thread capabilities in the root's space, and the badged
// endpoint capability its faults and its report arrive through. The task starts with the boot layout of
// user/Scenarios/README.md: slot 0 its own task, slot 1 its first thread; plus slot ServiceSlot, the root task's
// service endpoint (write only, badged: the report of its result).
using Verified.User.Library;

namespace Verified.User.Root
{
    internal sealed class LoadedTask
    {
        public const uint ServiceSlot = 63;
        private const ulong CapCopyTo = 16;
        private const uint SlotsPerTask = 64;

        private LoadedTask(int index, TaskImage image, uint taskSlot, uint threadSlot, uint endpointSlot)
        {
            Index = index;
            Image = image;
            TaskSlot = taskSlot;
            ThreadSlot = threadSlot;
            EndpointSlot = endpointSlot;
        }

        public int Index { get; }

        public TaskImage Image { get; }

        public uint TaskSlot { get; }

        public uint ThreadSlot { get; }

        public uint EndpointSlot { get; }

        public bool Reported { get; set; }

        public bool Passed { get; set; }

        /// <summary>The badge of the task's endpoint capability: 1 + its index, so 0 (no badge) names nobody.</summary>
        public static ulong BadgeOf(int index) => 1 + (ulong)index;

        /// <summary>Makes task and thread in the root's slots from <paramref name="firstSlot"/> (three of them), sets
        /// the pager and exception handler, hands out the boot capabilities and starts the thread at the image's
        /// entry. Returns null and prints why on any refusal.</summary>
        public static LoadedTask? Start(int index, TaskImage image, uint firstSlot, uint endpoint)
        {
            uint taskSlot = firstSlot, threadSlot = firstSlot + 1, endpointSlot = firstSlot + 2;
            string name = image.Module.Name;
            if (!Expect(name, "create task", Objects.Create(Objects.TypeTask, taskSlot, SlotsPerTask, RootSlots.Task))
                || !Expect(name, "create thread", Objects.Create(Objects.TypeThread, threadSlot,
                    Objects.ThreadArgument(taskSlot, 0), RootSlots.Task))
                || !Expect(name, "mint endpoint", Capabilities.Mint(endpoint, endpointSlot, Capabilities.AllRights, BadgeOf(index)))
                || !Expect(name, "set pager", ThreadControl.Invoke(threadSlot,
                    ThreadControl.SetPager | ThreadControl.SetExceptionHandler, 0, endpointSlot, endpointSlot))
                || !Expect(name, "give task capability", CopyTo(taskSlot, 0, Capabilities.AllRights, taskSlot))
                || !Expect(name, "give thread capability", CopyTo(threadSlot, 1, Capabilities.AllRights, taskSlot))
                || !Expect(name, "give service endpoint", CopyTo(endpointSlot, ServiceSlot, Capabilities.RightWrite, taskSlot)))
            {
                return null;
            }
            ulong state;
            if (!Expect(name, "start", Threads.Exchange(threadSlot, Threads.ControlSetRip | Threads.ControlSetRsp,
                image.Entry, TaskImage.StackTop, out state)))
            {
                return null;
            }
            return new LoadedTask(index, image, taskSlot, threadSlot, endpointSlot);
        }

        private static ulong CopyTo(uint source, uint destination, ulong mask, uint taskSlot) =>
            Syscall.Invoke(CapCopyTo, source, destination, mask, 0, taskSlot);

        private static bool Expect(string name, string what, ulong result)
        {
            if (result == ResultWord.Ok)
            {
                return true;
            }
            Machine.Print(string.Concat("root: ", name, ": ", what, " refused: ", Text.Hex(result), "\n"));
            return false;
        }
    }
}
