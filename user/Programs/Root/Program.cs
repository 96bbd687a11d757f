// The root task: sigma0 and the loader. The kernel starts it as task 0 owning every frame of the mapping core, with
// the boot information at its window page 0 (docs/boot.md). It loads every boot module linked as a task
// (user/Tasks) one after another, pages them in as they fault, and ends when each has reported its result: its exit
// code is the system's verdict (0: every task reported success).
using Verified.User.Library;
using Verified.User.Root;

namespace Verified.User
{
    internal static class Program
    {
        // A minute of ticks without any fault or report means a task hangs.
        private const ulong PatienceTicks = 60_000;

        public static int Main()
        {
            BootInformation? boot = BootInformation.Read();
            if (boot == null)
            {
                Machine.Print("root: no boot information at window page 0\n");
                return 1;
            }
            ulong created = Objects.CreateEndpoint(RootSlots.Endpoint, RootSlots.Task);
            if (created != ResultWord.Ok)
            {
                Machine.Print(string.Concat("root: endpoint refused: ", Text.Hex(created), "\n"));
                return 1;
            }
            TaskImage[] images = Images(boot.Modules);
            Machine.Print(string.Concat("root: sigma0 with ", (boot.Frames - boot.FirstFree).ToString(), " free frames, ",
                images.Length.ToString(), " tasks to run\n"));
            if (images.Length == 0)
            {
                return 0;
            }
            var pager = new Pager(images, new FreeFrames(boot.FirstFree, boot.Frames), PatienceTicks);
            bool passed = pager.Serve();
            Machine.Print(string.Concat("root: ", pager.FaultsServed.ToString(), " page faults served; verdict ",
                passed ? "pass" : "FAIL", "\n"));
            return passed ? 0 : 1;
        }

        private static TaskImage[] Images(BootModule[] modules)
        {
            var images = new TaskImage[modules.Length];
            int count = 0;
            for (int i = 0; i < modules.Length; i++)
            {
                string why;
                TaskImage? image = TaskImage.Check(modules[i], out why);
                if (image == null)
                {
                    Machine.Print(string.Concat("root: not loading ", modules[i].Name, ": ", why, "\n"));
                    continue;
                }
                images[count++] = image;
            }
            var valid = new TaskImage[count];
            for (int i = 0; i < count; i++)
            {
                valid[i] = images[i];
            }
            return valid;
        }
    }
}
