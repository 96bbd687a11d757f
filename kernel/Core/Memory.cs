// The verified mapping core (spec/Mapping) in the kernel: one database over every task's window (docs/abi.md:
// 4096 pages at 0x4000_0000), whose leaves the machine's HAL page tables hold (IKernelPlatform.BindMappingSpace).
// Sigma0 is task 0, the root task: it starts owning the platform's frames, frame f mapped at its window page f with
// all rights (the core's roots, which never move). Syscall 11 Unmap runs the core's demap with a rights mask,
// finishing it within the syscall, so no preempted demap is ever left for Map, Grant or another Unmap to meet.
using MappingDatabase;
using MappingDemapRights;
using MapTypesC = MappingTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const uint DemapBudget = 64;
        private const ulong UnmapOwnBit = 1;

        private MappingDb _mapping = null!;
        private RightsWalk _walk = null!;

        /// <summary>The mapping core (read-only use outside the kernel: tests check its invariant and its leaves).</summary>
        public MappingDb Mapping => _mapping;

        private void InitMemory(IKernelPlatform platform, uint tasks, uint threads)
        {
            uint frames;
            uint nodes;
            uint space = platform.BindMappingSpace(tasks, out frames, out nodes);
            // The core's constructor requires 0 < frames <= PagesPerTask and frames <= nodes < MaxNodes.
            if (frames == 0)
            {
                frames = 1;
            }
            if (frames > (uint)MapTypesC.PagesPerTask)
            {
                frames = (uint)MapTypesC.PagesPerTask;
            }
            if (nodes < frames)
            {
                nodes = frames;
            }
            if (nodes >= MapTypesC.MaxNodes)
            {
                nodes = MapTypesC.MaxNodes - 1;
            }
            _mapping = new MappingDb();
            _mapping.__ctor(tasks, frames, nodes, space);
            _walk = new RightsWalk();
            _walk.__ctor();
        }

        /// <summary>Syscall 11: every mapping derived from the flexpage's pages in the caller's window loses the rights
        /// in the flexpage's rights field (none left: removed, recursively); with rsi bit 0 the caller's own mappings
        /// go too (which needs the full mask: the core cannot cut a mapping's own rights). Pages the caller has not
        /// mapped are skipped; sigma0's own mappings of its frames stay (permanent roots).</summary>
        private void UnmapCall(uint c, ISyscallFrame frame)
        {
            ulong fpage = frame.GetArgument(0);
            ulong flags = frame.GetArgument(1);
            bool own = (flags & UnmapOwnBit) != 0;
            ulong mask = Abi.Flexpage.Rights(fpage);
            if ((flags & ~UnmapOwnBit) != 0 || !Abi.Flexpage.ReservedClear(fpage))
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            if (fpage == Abi.Flexpage.Nil)
            {
                frame.SetResult(Abi.ResultWord.Ok);
                return;
            }
            if (!Abi.Flexpage.Fits(fpage))
            {
                frame.SetResult(Abi.ResultWord.Mapping(MapTypesC.ErrInvalidPage));
                return;
            }
            if (own && mask != Abi.Flexpage.AllRights)
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint task = _threads[c].Task;
            ulong first = Abi.Flexpage.FirstPage(fpage);
            ulong end = first + Abi.Flexpage.Pages(fpage);
            for (ulong v = first; v < end; v++)
            {
                uint err;
                ulong frameOf;
                byte rights;
                _mapping.Lookup(task, v, out err, out frameOf, out rights);
                if (err != MapTypesC.OK)
                {
                    continue;   // nothing mapped: one lookup instead of a demap and a flush that would both refuse
                }
                if (mask != 0)
                {
                    DemapDerived(task, v, (byte)mask);
                }
                if (own)
                {
                    // A sigma0 root refuses (ErrInvalidArgument) and stays: frames never leave sigma0.
                    MappingFlush.__default.FlushOwn(_mapping, task, v);
                }
            }
            frame.SetResult(Abi.ResultWord.Ok);
        }

        /// <summary>Removes every mapping of <paramref name="task"/> and everything derived from them (sigma0's roots
        /// stay): what a task's deletion, or the reuse of its id by Create, needs before its window is used again.
        /// Returns the pages that were mapped.</summary>
        public uint FlushTask(uint task)
        {
            uint flushed = 0;
            if (task >= _mapping.tasks)
            {
                return 0;
            }
            for (ulong v = 0; v < MapTypesC.PagesPerTask; v++)
            {
                uint err;
                ulong frameOf;
                byte rights;
                _mapping.Lookup(task, v, out err, out frameOf, out rights);
                if (err != MapTypesC.OK)
                {
                    continue;
                }
                flushed++;
                DemapDerived(task, v, (byte)Abi.Flexpage.AllRights);
                MappingFlush.__default.FlushOwn(_mapping, task, v);
            }
            return flushed;
        }

        /// <summary>The core's rights-mask demap of what (task, v) derived, run to its end in budget-sized steps (the
        /// preemption points of the core; this kernel has no preemptible syscalls yet, so it finishes here).</summary>
        private void DemapDerived(uint task, ulong v, byte mask)
        {
            uint err;
            bool done;
            MappingDemapRights.__default.DemapRights(_mapping, _walk, task, v, mask, DemapBudget, out err, out done);
            while (err == MapTypesC.OK && !done)
            {
                MappingDemapRights.__default.DemapRightsContinue(_mapping, _walk, DemapBudget, out err, out done);
            }
        }
    }
}
