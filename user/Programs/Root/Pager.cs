// Sigma0's service loop: page faults of the loaded tasks answered with map items (code from the module itself, a
// private copy of initialized data, zeroed frames for bss, heap, stack and the scratch area), their exceptions
// reported, and their final reports collected. A fault outside what the task's image allows is not answered: the thread stays stopped
// and the rest of the system runs on.
using Verified.User.Library;

namespace Verified.User.Root
{
    internal sealed unsafe class Pager
    {
        private const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;
        private const ulong ExceptionLabel = 0xFFFF_FFFF_FFFD;
        public const ulong ReportLabel = 1;
        private const ulong PageSize = 4096;
        private const ulong TextRights = Memory.RightsR | Memory.RightsX;
        private const ulong DataRights = Memory.RightsRW;
        private const ulong PresentBit = 1;

        // The scratch area of user/Scenarios/Layout.cs (window pages 0..1023): a zeroed frame at the first touch.
        private const ulong ScratchBase = 0x4000_0000, ScratchEnd = 0x4040_0000;

        private readonly TaskImage[] _images;
        private readonly LoadedTask?[] _tasks;
        private readonly FreeFrames _free;
        private readonly ushort _patience;
        private int _started;
        private int _reports;

        public Pager(TaskImage[] images, FreeFrames free, ulong patienceTicks)
        {
            _images = images;
            _tasks = new LoadedTask?[images.Length];
            _free = free;
            _patience = Timeout.Ticks(patienceTicks);
        }

        public ulong FaultsServed { get; private set; }

        /// <summary>Starts the tasks one after another, each when the one before has reported (so their output does
        /// not interleave), and serves them until the last reported: true when every task started and reported no
        /// failure; false as soon as no message came for the patience given.</summary>
        public bool Serve()
        {
            MessageFrame? reply = null;
            bool allPassed = StartNext();
            while (_reports < _started)
            {
                IpcResult m = reply == null
                    ? Ipc.Wait(RootSlots.Endpoint, _patience)
                    : Ipc.ReplyWait(RootSlots.Endpoint, reply, _patience);
                reply = null;
                if (ResultWord.Code(m.Result) == Errors.RecvTimeout)
                {
                    Machine.Print(string.Concat("root: no message for ", Timeout.TicksOf(_patience).ToString(),
                        " ticks; waiting for", Waiting(), "\n"));
                    return false;
                }
                if (!m.IsOk)
                {
                    continue; // a send-phase error of the last reply (its caller is gone): nothing to do
                }
                LoadedTask? task = TaskOf(m.Badge);
                if (task == null)
                {
                    continue;
                }
                if (m.Label == PageFaultLabel)
                {
                    reply = Fault(task, m.Word(0), m.Word(1), m.Word(2));
                }
                else if (m.Label == ExceptionLabel)
                {
                    Machine.Print(string.Concat("root: ", task.Image.Module.Name, ": exception ", m.Word(0).ToString(),
                        " at rip ", Text.Hex(m.Word(2)), ": thread stopped\n"));
                }
                else if (m.Label == ReportLabel && !task.Reported)
                {
                    task.Reported = true;
                    task.Passed = m.Word(1) == 0 && m.Word(0) > 0;
                    allPassed &= task.Passed;
                    _reports++;
                    Machine.Print(string.Concat("root: ", task.Image.Module.Name, " reported ", m.Word(0).ToString(),
                        " passed, ", m.Word(1).ToString(), " failed\n"));
                    reply = new MessageFrame(0);
                    allPassed &= StartNext();
                }
            }
            return allPassed;
        }

        // Starts the next image that starts at all; false when one refused to start.
        private bool StartNext()
        {
            bool allStarted = true;
            while (_started < _images.Length)
            {
                int index = _started++;
                TaskImage image = _images[index];
                LoadedTask? task = LoadedTask.Start(index, image, RootSlots.FirstLoaded + 3 * (uint)index, RootSlots.Endpoint);
                _tasks[index] = task;
                if (task != null)
                {
                    Machine.Print(string.Concat("root: started ", image.Module.Name, " at ", Text.Hex(image.Entry), "\n"));
                    return allStarted;
                }
                allStarted = false;
                _reports++;
            }
            return allStarted;
        }

        // The map item that resolves a fault at address, or null (no answer) when the address is none of the task's.
        private MessageFrame? Fault(LoadedTask task, ulong address, ulong code, ulong rip)
        {
            TaskImage image = task.Image;
            ulong page = address & ~(PageSize - 1);
            ulong source;
            ulong rights;
            if (page >= TaskImage.TaskBase && page < image.TextEnd)
            {
                source = image.ModuleAddress(page);
                rights = TextRights;
            }
            else if (page >= image.TextEnd && page < image.LoadEnd)
            {
                source = _free.Take();
                if (source != 0)
                {
                    ulong* from = (ulong*)image.ModuleAddress(page);
                    ulong* to = (ulong*)source;
                    ulong words = (image.LoadEnd - page < PageSize ? image.LoadEnd - page : PageSize) / 8;
                    for (ulong i = 0; i < words; i++)
                    {
                        to[i] = from[i];
                    }
                }
                rights = DataRights;
            }
            else if ((page >= image.LoadEnd && page < image.HeapEnd) || (page >= TaskImage.StackBottom && page < TaskImage.StackTop)
                || (page >= ScratchBase && page < ScratchEnd && (code & PresentBit) == 0))
            {
                // Only a page that is not there: a fresh frame cannot land on a mapped one (a write to a read-only
                // mapping would fault again at once, each time taking a frame that is never freed).
                source = _free.Take();
                rights = DataRights;
            }
            else
            {
                Machine.Print(string.Concat("root: ", image.Module.Name, ": page fault at ", Text.Hex(address), " (rip ",
                    Text.Hex(rip), ", code ", Text.Hex(code), ") outside its image: not served\n"));
                return null;
            }
            if (source == 0)
            {
                Machine.Print(string.Concat("root: out of memory for ", image.Module.Name, ": thread stopped\n"));
                return null;
            }
            FaultsServed++;
            return new MessageFrame(0).Put(TypedItem.Map(Memory.Flexpage(source, 0, rights), page));
        }

        private LoadedTask? TaskOf(ulong badge)
        {
            for (int i = 0; i < _tasks.Length; i++)
            {
                LoadedTask? task = _tasks[i];
                if (task != null && LoadedTask.BadgeOf(task.Index) == badge)
                {
                    return task;
                }
            }
            return null;
        }

        private string Waiting()
        {
            string names = "";
            for (int i = 0; i < _tasks.Length; i++)
            {
                LoadedTask? task = _tasks[i];
                if (task != null && !task.Reported)
                {
                    names = string.Concat(names, " ", task.Image.Module.Name);
                }
            }
            return names;
        }
    }
}
