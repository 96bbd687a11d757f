// Syscall 14 IrqControl and Create of an IRQ object (type 6) (docs/abi.md section 3). The capability core's types
// end at 5, so Create type 6 is decoded here rather than in CreateSyscall.cs; InterruptLines.cs says how IRQ
// capabilities and bindings are represented.
using CapsTypesC = CapsTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong IrqObjectType = 6;
        private const ulong IrqAttach = 0;
        private const ulong IrqDetach = 1;
        private const ulong IrqAcknowledge = 2;

        /// <summary>True for the calls IrqSyscall handles: IrqControl, and Create with type 6.</summary>
        private static bool IsIrqSyscall(ISyscallFrame frame)
        {
            ulong number = frame.GetNumber();
            return number == Abi.SyscallNumber.IrqControl
                || (number == Abi.SyscallNumber.Create && frame.GetArgument(0) == IrqObjectType);
        }

        private void IrqSyscall(uint c, ISyscallFrame frame)
        {
            if (frame.GetNumber() == Abi.SyscallNumber.Create)
            {
                CreateIrqCall(c, frame);
            }
            else
            {
                IrqControlCall(c, frame);
            }
        }

        // Create: rsi = destination slot, rdx = the line, r10 = the paying task capability (RightGrant), checked in
        // the order CreateCall checks the other types.
        private void CreateIrqCall(uint c, ISyscallFrame frame)
        {
            uint task = _threads[c].Task;
            ulong slot = frame.GetArgument(1);
            ulong line = frame.GetArgument(2);
            uint payer;
            ulong badge;
            ulong check;
            if ((check = CheckFreeSlot(task, slot)) != Abi.ResultWord.Ok
                || (check = LookupObject(task, frame.GetArgument(3), CapsTypesC.TypeTask, CapsTypesC.RightGrant, out payer, out badge))
                    != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            if (line == TimerLine || line >= _irqLines)
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            // One object per line: while a capability names it, the capability core answers ErrObjectLive.
            uint err = Caps.CreateRoot(task, (uint)slot, Objects.OfIrq((uint)line), IrqCapabilityType, CapsTypesC.AllRights);
            if (err == CapsTypesC.OK)
            {
                UnbindLine((uint)line);
            }
            frame.SetResult(Abi.ResultWord.Caps(err));
        }

        // rdi = IRQ slot, rsi = operation; attach: rdx = notification slot, r10 = the bits to signal. Registers an
        // operation does not use are ignored, as Notify ignores rdx.
        private void IrqControlCall(uint c, ISyscallFrame frame)
        {
            uint task = _threads[c].Task;
            ulong operation = frame.GetArgument(1);
            if (operation > IrqAcknowledge)
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint line;
            ulong check = LookupIrq(task, frame.GetArgument(0), out line);
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            if (operation == IrqAttach)
            {
                frame.SetResult(AttachLine(task, line, frame.GetArgument(2), frame.GetArgument(3)));
            }
            else if (operation == IrqDetach)
            {
                if (!HasBinding(line))
                {
                    // The line's handler "slot" holds nothing: the capability core's word for an empty source.
                    frame.SetResult(Abi.ResultWord.Caps(CapsTypesC.ErrEmptySlot));
                    return;
                }
                UnbindLine(line);
                frame.SetResult(Abi.ResultWord.Ok);
            }
            else
            {
                // Acknowledging a line that is not masked is harmless (seL4 does the same), so it is not an error.
                _platform.UnmaskLine(line);
                frame.SetResult(Abi.ResultWord.Ok);
            }
        }

        private ulong AttachLine(uint task, uint line, ulong notificationSlot, ulong bits)
        {
            uint notification;
            ulong badge;
            // RightWrite, as Notify needs: the kernel signals on the driver's behalf.
            ulong check = LookupObject(task, notificationSlot, CapsTypesC.TypeNotification, CapsTypesC.RightWrite,
                out notification, out badge);
            if (check != Abi.ResultWord.Ok)
            {
                return check;
            }
            if (bits == 0)
            {
                // A binding that signals no bit would wake nobody.
                return Abi.ResultWord.InvalidArgument;
            }
            if (HasBinding(line))
            {
                // One notification per line: detach first, so a driver cannot silently steal another's line.
                return Abi.ResultWord.Caps(CapsTypesC.ErrSlotOccupied);
            }
            BindLine(line, notification, bits, task);
            return Abi.ResultWord.Ok;
        }

        /// <summary>The line of the IRQ capability in (task, slot), which needs RightWrite; else the result word.</summary>
        private ulong LookupIrq(uint task, ulong slot, out uint line)
        {
            line = 0;
            uint id;
            ulong badge;
            ulong check = LookupObject(task, slot, IrqCapabilityType, CapsTypesC.RightWrite, out id, out badge);
            if (check != Abi.ResultWord.Ok)
            {
                return check;
            }
            uint first = Objects.OfIrq(0);
            if (id < first || id - first >= _irqLines)
            {
                // A frame capability, not an IRQ one.
                return Abi.ResultWord.Caps(CapsTypesC.ErrInvalidArgument);
            }
            line = id - first;
            return Abi.ResultWord.Ok;
        }
    }
}
