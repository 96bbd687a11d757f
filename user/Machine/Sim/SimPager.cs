// The scenario task's pager on the simulated machine, the counterpart of the root task's on X64
// (user/Programs/Root/Pager.cs): a thread of sigma0 (task 0, which owns the frames at its window pages) that answers
// a page fault in the scratch area (Layout) that found no page with a map item of a fresh, zeroed frame of its own
// at the faulting page. Anything else is not answered: the faulting thread stays stopped, as on X64.
using Verified.User.Library;
using Verified.User.Scenarios;

namespace Verified.User.Machines.Sim
{
    internal sealed class SimPager
    {
        private const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;
        private const ulong PresentBit = 1;

        private readonly uint _endpoint;
        private readonly ulong _lastFrame;
        private readonly ulong _firstFrame;
        private ulong _nextFrame;

        /// <param name="endpoint">sigma0's slot of the endpoint faults arrive on</param>
        /// <param name="firstFrame">the first of sigma0's frames (= its window pages) it hands out; each goes once</param>
        /// <param name="frames">how many</param>
        public SimPager(uint endpoint, ulong firstFrame, ulong frames)
        {
            _endpoint = endpoint;
            _firstFrame = firstFrame;
            _nextFrame = firstFrame;
            _lastFrame = firstFrame + frames;
        }

        /// <summary>Frames handed out so far (one per fault served).</summary>
        public ulong FramesUsed => _nextFrame - _firstFrame;

        /// <summary>Serves until the run ends (the thread is parked in its Wait then).</summary>
        public void Serve()
        {
            MessageFrame? reply = null;
            while (true)
            {
                IpcResult m = reply is null ? Ipc.Wait(_endpoint) : Ipc.ReplyWait(_endpoint, reply);
                reply = m.IsOk && m.Label == PageFaultLabel ? Fault(m.Word(0), m.Word(1)) : null;
            }
        }

        private MessageFrame? Fault(ulong address, ulong code)
        {
            if (!Layout.InScratch(address) || (code & PresentBit) != 0 || _nextFrame >= _lastFrame)
            {
                Machine.Print(string.Concat("pager: fault at ", Text.Hex(address), " (code ", Text.Hex(code), ") not served\n"));
                return null;
            }
            ulong frame = Memory.Page(_nextFrame++);
            // Fresh frames of the simulated memory are zero already; clearing keeps the contract explicit.
            for (ulong offset = 0; offset < Memory.PageSize; offset += 8)
            {
                Machine.WriteWord(frame + offset, 0);
            }
            return new MessageFrame(0).Put(TypedItem.Map(Memory.Flexpage(frame, 0, Memory.RightsRW), address & ~(Memory.PageSize - 1)));
        }
    }
}
