// Syscalls 7 CapCopy, 8 CapMove, 9 CapDelete, 10 CapRevoke (docs/abi.md section 3) on the caller's capability
// space. The capability core validates the slots and changes nothing when it fails; the kernel only decodes the
// words, finishes a revoke that the core does in bounded steps, and destroys an object whose last capability the
// core reports deleted (ObjectDestruction.cs).
using CapsTypesC = CapsTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong MaxSlot = 0xFFFF_FFFF;

        private void CapCopyCall(uint c, ISyscallFrame frame)
        {
            ulong source = frame.GetArgument(0);
            ulong destination = frame.GetArgument(1);
            ulong mask = frame.GetArgument(2);
            if (source > MaxSlot || destination > MaxSlot || (mask & ~(ulong)CapsTypesC.AllRights) != 0)
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            // Badge 0 (NoBadge) makes the core keep the source's badge: a plain copy; any other badge mints.
            frame.SetResult(Abi.ResultWord.Caps(
                Caps.Mint(_threads[c].Task, (uint)source, (uint)destination, (byte)mask, frame.GetArgument(3))));
        }

        /// <summary>Syscall 16: CapCopy into another task's space, named by a task capability with RightGrant (r8): how
        /// a loader gives a task it made the capabilities it starts with. The copy is a child of the source, as for
        /// CapCopy, so revoking the loader's capability takes it back.</summary>
        private void CapCopyToCall(uint c, ISyscallFrame frame)
        {
            ulong source = frame.GetArgument(0);
            ulong destination = frame.GetArgument(1);
            ulong mask = frame.GetArgument(2);
            if (source > MaxSlot || destination > MaxSlot || (mask & ~(ulong)CapsTypesC.AllRights) != 0)
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint target;
            ulong targetBadge;
            ulong check = LookupObject(_threads[c].Task, frame.GetArgument(4), CapsTypesC.TypeTask, CapsTypesC.RightGrant,
                out target, out targetBadge);
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            uint err;
            uint from;
            uint to;
            Caps.Lookup(_threads[c].Task, (uint)source, out err, out from);
            if (err == CapsTypesC.OK && Caps.capType[from] == CapsTypesC.TypeNull)
            {
                err = CapsTypesC.ErrEmptySlot;
            }
            if (err == CapsTypesC.OK)
            {
                Caps.Lookup(target, (uint)destination, out err, out to);
                if (err == CapsTypesC.OK)
                {
                    err = Caps.Derive(from, to, (byte)mask, frame.GetArgument(3));
                }
            }
            frame.SetResult(Abi.ResultWord.Caps(err));
        }

        private void CapMoveCall(uint c, ISyscallFrame frame)
        {
            ulong source = frame.GetArgument(0);
            ulong destination = frame.GetArgument(1);
            if (source > MaxSlot || destination > MaxSlot)
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            frame.SetResult(Abi.ResultWord.Caps(Caps.Move(_threads[c].Task, (uint)source, (uint)destination)));
        }

        private void CapDeleteCall(uint c, ISyscallFrame frame)
        {
            uint task = _threads[c].Task;
            ulong slot = frame.GetArgument(0);
            ulong check = CheckOccupiedSlot(task, slot);
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            uint err = DeleteSlot(task, (uint)slot);
            // The caller may have deleted its own thread's last capability: a deleted thread gets no result.
            if (IsLiveThread(c))
            {
                frame.SetResult(Abi.ResultWord.Caps(err));
            }
        }

        /// <summary>Deletes the capability in (task, slot), if any: what is derived from it first, then the capability;
        /// when it was its object's last, the object is destroyed. The capability core's code.</summary>
        private uint DeleteSlot(uint task, uint slot)
        {
            RevokeAll(task, slot);
            uint err;
            ulong obj;
            byte type;
            Caps.Delete(task, slot, out err, out obj, out type);
            if (err == CapsTypesC.OK && type != CapsTypesC.TypeNull)
            {
                DestroyObject(obj, type);
            }
            return err;
        }

        private void CapRevokeCall(uint c, ISyscallFrame frame)
        {
            uint task = _threads[c].Task;
            ulong slot = frame.GetArgument(0);
            ulong check = CheckOccupiedSlot(task, slot);
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            // Descendants name their ancestor's object, and the ancestor stays: no object loses its last capability.
            RevokeAll(task, (uint)slot);
            frame.SetResult(Abi.ResultWord.Ok);
        }

        /// <summary>Ok when (task, slot) holds a capability; else the word of docs/abi.md section 2.</summary>
        private ulong CheckOccupiedSlot(uint task, ulong slot)
        {
            if (slot > MaxSlot)
            {
                return Abi.ResultWord.InvalidArgument;
            }
            uint err;
            uint node;
            Caps.Lookup(task, (uint)slot, out err, out node);
            if (err != CapsTypesC.OK)
            {
                return Abi.ResultWord.Caps(err);
            }
            return Caps.capType[node] == CapsTypesC.TypeNull ? Abi.ResultWord.Caps(CapsTypesC.ErrEmptySlot) : Abi.ResultWord.Ok;
        }

        // The core revokes at most RevokeBatch capabilities per step so that a kernel with preemption points can stop
        // between steps; this kernel has none yet and runs the steps to the end in one entry. Each step that is not
        // the last removes a full batch, so the loop ends after at most (capabilities / RevokeBatch) + 1 steps.
        private void RevokeAll(uint task, uint slot)
        {
            bool done = false;
            while (!done)
            {
                uint err;
                uint removed;
                Caps.RevokeStep(task, slot, out err, out done, out removed);
                if (err != CapsTypesC.OK)
                {
                    return;
                }
            }
        }
    }
}
