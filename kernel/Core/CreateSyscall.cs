// Syscall 6, Create (docs/abi.md section 3): a new endpoint, notification, thread or task (TaskObjects.cs), its
// first capability (all rights) in the caller's destination slot. The kernel picks the object's index: the first
// one no core uses.
using CapsTypesC = CapsTypes.__default;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private void CreateCall(uint c, ISyscallFrame frame)
        {
            ulong type = frame.GetArgument(0);
            ulong slot = frame.GetArgument(1);
            ulong argument = frame.GetArgument(2);
            uint task = _threads[c].Task;
            uint payer;
            ulong badge;
            ulong check;
            if (type != CapsTypesC.TypeEndpoint && type != CapsTypesC.TypeNotification && type != CapsTypesC.TypeThread
                && type != CapsTypesC.TypeTask)
            {
                // IRQs (6) are not made by this slice; frames (4) never are.
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            if ((check = CheckFreeSlot(task, slot)) != Abi.ResultWord.Ok
                || (check = LookupObject(task, frame.GetArgument(3), CapsTypesC.TypeTask, CapsTypesC.RightGrant, out payer, out badge))
                    != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            if (type == CapsTypesC.TypeThread)
            {
                CreateThreadCall(c, frame, (uint)slot, argument);
                return;
            }
            if (type == CapsTypesC.TypeTask)
            {
                CreateTaskCall(c, frame, (uint)slot, argument);
                return;
            }
            if (argument != 0)
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint index = FreeIpcObject();
            if (index == NoThread)
            {
                frame.SetResult(Abi.ResultWord.Caps(CapsTypesC.ErrLimit));
                return;
            }
            frame.SetResult(CreateIpcObject(index, task, (uint)slot, (byte)type));
        }

        private const int PriorityShift = 40;
        private const ulong PriorityMask = 0x1F;
        private const ulong PriorityGiven = 1UL << 45;

        private void CreateThreadCall(uint c, ISyscallFrame frame, uint slot, ulong argument)
        {
            uint task = _threads[c].Task;
            uint target;
            ulong badge;
            // Bits 40-44: the new thread's priority, taken when bit 45 is set, at most the creator's own (a thread
            // cannot make a thread that outranks it); without bit 45 the creator's own.
            byte own = (byte)Ipc.m.own[c];
            ulong priority = (argument >> PriorityShift) & PriorityMask;
            bool choosesPriority = (argument & PriorityGiven) != 0;
            if ((argument >> 46) != 0 || (!choosesPriority && priority != 0) || (choosesPriority && priority > own)
                || !Abi.UserAddress.IsValid(frame.GetArgument(4)) || !Abi.UserAddress.IsValid(frame.GetArgument(5)))
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            ulong check = LookupObject(task, argument & 0xFFFF_FFFF, CapsTypesC.TypeTask, 0, out target, out badge);
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            uint thread = FreeThread();
            bool waitsForStart = false;
            ISyscallFrame? created = thread == NoThread ? null : _platform.BindThread(thread, target, (uint)(argument >> 32) & 0xFF,
                frame.GetArgument(4), frame.GetArgument(5), out waitsForStart);
            if (created == null)
            {
                frame.SetResult(Abi.ResultWord.Caps(CapsTypesC.ErrLimit));
                return;
            }
            uint code = Ipc.CreateThread(thread, choosesPriority ? (byte)priority : own);
            if (code != IpcTypesC.OK)
            {
                frame.SetResult(Abi.ResultWord.Ipc(code, false));
                return;
            }
            Attach(thread, target, created);
            if (waitsForStart)
            {
                ParkUntilStarted(thread);
            }
            frame.SetResult(Abi.ResultWord.Caps(
                Caps.CreateRoot(task, slot, Objects.OfThread(thread), CapsTypesC.TypeThread, CapsTypesC.AllRights)));
        }

        private uint FreeIpcObject()
        {
            for (uint e = 0; e < Objects.IpcObjects; e++)
            {
                if (Ipc.epAlive[e] == IpcTypesC.NoObject && Caps.refCount[e] == 0)
                {
                    return e;
                }
            }
            return NoThread;
        }

        private uint FreeThread()
        {
            for (uint t = 0; t < Threads; t++)
            {
                byte s = Ipc.state[t];
                if ((s == IpcTypesC.Free || s == IpcTypesC.Dead) && _threads[t].Frame == null
                    && Caps.refCount[Objects.OfThread(t)] == 0)
                {
                    return t;
                }
            }
            return NoThread;
        }
    }
}
