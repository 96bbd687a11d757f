// Tasks: a capability space of the capability core plus an address space on the machine (the IPC core has no
// tasks). The capability core's spaces are fixed at construction, all of one size, so Create (task) does not make a
// space: it takes one that nothing uses any more and asks the machine for a fresh address space for it.
using CapsTypesC = CapsTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        // A task in use by boot code or by Create; it stops being in use when its last capability goes.
        private bool[] _taskLive = null!;

        private void InitTasks(uint tasks)
        {
            _taskLive = new bool[tasks];
        }

        /// <summary>Marks <paramref name="task"/> as made by boot code (its address space exists on the machine), so
        /// Create (task) never hands it out. Capability error word when out of range or already in use.</summary>
        public ulong BootTask(uint task)
        {
            if (task >= Objects.Tasks)
            {
                return Abi.ResultWord.Caps(CapsTypesC.ErrInvalidTask);
            }
            if (_taskLive[task])
            {
                return Abi.ResultWord.Caps(CapsTypesC.ErrObjectLive);
            }
            _taskLive[task] = true;
            return Abi.ResultWord.Ok;
        }

        public bool IsTaskLive(uint task) => task < Objects.Tasks && _taskLive[task];

        /// <summary>The task's last capability went: the task is destroyed. Its threads die (their partners get
        /// ErrPartnerKilled), its capabilities go as CapDelete would take them (derived ones first; an object whose last
        /// capability this was is destroyed in turn), and its window is emptied (FlushTask). The id is then free.</summary>
        private void TaskLost(uint task)
        {
            if (!_taskLive[task])
            {
                return;
            }
            _taskLive[task] = false;
            for (uint t = 0; t < Threads; t++)
            {
                if (_threads[t].Frame != null && _threads[t].Task == task)
                {
                    DeleteThread(t);
                }
            }
            uint slots = Caps.slotCount[task];
            for (uint slot = 0; slot < slots; slot++)
            {
                DeleteSlot(task, slot);
            }
            FlushTask(task);
        }

        /// <summary>Create (task): <paramref name="size"/> must be the capability core's space size.</summary>
        private void CreateTaskCall(uint c, ISyscallFrame frame, uint slot, ulong size)
        {
            if (size != Caps.slotCount[0])
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint task = FreeTask();
            if (task != NoThread)
            {
                // A reused task id starts with an empty window: nothing of the task that had it survives.
                FlushTask(task);
            }
            if (task == NoThread || !_platform.CreateAddressSpace(task))
            {
                frame.SetResult(Abi.ResultWord.Caps(CapsTypesC.ErrLimit));
                return;
            }
            _taskLive[task] = true;
            frame.SetResult(Abi.ResultWord.Caps(
                Caps.CreateRoot(_threads[c].Task, slot, Objects.OfTask(task), CapsTypesC.TypeTask, CapsTypesC.AllRights)));
        }

        /// <summary>A task nothing uses: not live, no capability names it, no thread runs in it, its space is empty.
        /// NoThread when there is none.</summary>
        private uint FreeTask()
        {
            for (uint task = 0; task < Objects.Tasks; task++)
            {
                if (!_taskLive[task] && Caps.refCount[Objects.OfTask(task)] == 0 && !HasThreadIn(task) && IsSpaceEmpty(task))
                {
                    return task;
                }
            }
            return NoThread;
        }

        private bool HasThreadIn(uint task)
        {
            for (uint t = 0; t < Threads; t++)
            {
                if (_threads[t].Frame != null && _threads[t].Task == task)
                {
                    return true;
                }
            }
            return false;
        }

        private bool IsSpaceEmpty(uint task)
        {
            uint first = Caps.slotBase[task];
            uint count = Caps.slotCount[task];
            for (uint x = first; x < first + count; x++)
            {
                if (Caps.capType[x] != CapsTypesC.TypeNull)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
