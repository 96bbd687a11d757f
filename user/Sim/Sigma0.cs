// Sigma0, the root task's default pager (docs/abi.md section 9: task 0 starts owning the machine's frames, frame f
// mapped at its window page f): serves page-fault IPC on an endpoint by mapping the next frame of its pool at the
// faulting address, with a map item whose send base is the fault address (the fault reply's receive window is the
// whole window, so the page lands exactly there).
using System.Collections.Generic;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Sim
{
    public sealed class Sigma0
    {
        public const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;

        private readonly uint _endpoint;
        private ulong _nextPage;
        private readonly ulong _lastPage;

        /// <param name="endpoint">the endpoint slot page faults arrive on</param>
        /// <param name="firstPage">the first of sigma0's own window pages (= frames) it hands out</param>
        /// <param name="pages">how many it may hand out</param>
        public Sigma0(uint endpoint, ulong firstPage, ulong pages)
        {
            _endpoint = endpoint;
            _nextPage = firstPage;
            _lastPage = firstPage + pages;
        }

        /// <summary>Each fault served: the faulting address, the #PF error code, the badge (which thread's pager capability).</summary>
        public List<(ulong Address, ulong ErrorCode, ulong Badge)> Served { get; } = new();

        /// <summary>Serves <paramref name="faults"/> page faults, then returns. A message that is not a page fault, or a
        /// fault when the pool is used up, is answered without a mapping (the thread faults again, or its nested IPC
        /// ends with the outer IPC's error).</summary>
        public async Task Serve(SimUserContext ctx, int faults)
        {
            IpcResult request = await Ipc.Wait(ctx, _endpoint);
            for (int i = 0; ; i++)
            {
                TypedItem[] items = System.Array.Empty<TypedItem>();
                if (request.Result == 0 && request.Label == PageFaultLabel && request.Words.Length >= 2 && _nextPage < _lastPage)
                {
                    ulong address = request.Words[0];
                    Served.Add((address, request.Words[1], request.Badge));
                    ulong page = Memory.Flexpage(Memory.Page(_nextPage++), 0, Memory.RightsRW);
                    items = new[] { Memory.Map(page, address) };
                }
                if (i + 1 >= faults)
                {
                    await ItemMessage.Reply(ctx, 0, System.Array.Empty<ulong>(), items);
                    return;
                }
                request = await ItemMessage.ReplyWait(ctx, _endpoint, 0, System.Array.Empty<ulong>(), items);
            }
        }
    }
}
