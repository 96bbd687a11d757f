// Interrupt lines handed to user drivers, seL4 style: an IRQ object per line (made by Create type 6, IrqSyscalls.cs)
// may be bound to a notification and a bit mask. When the line fires the kernel masks it at the controller and ORs
// the mask into the notification through the IPC core's Notify (the verified path), so the driver waits with
// NotifyWait; IrqControl acknowledge unmasks it. A line that fires with no binding stays masked and is counted.
// The timer line is the kernel's: the machine sends it to Tick, and no IRQ object is made for it.
//
// IRQ capabilities: the capability core has no IRQ type (spec/Caps MaxType is 5), so an IRQ capability is a
// capability-core capability of type TypeFrame whose object id lies in the IRQ range of ObjectIds (OfIrq(line)).
// Frames are never made through capabilities (they come from sigma0 by mapping), so the pair (TypeFrame, IRQ id range)
// names IRQ objects only, and copy, move, delete and revoke work on them unchanged. The binding is kernel glue in
// the arrays below, indexed by line; it belongs to the line's IRQ object, so it counts only while a capability names
// that object (a Create after the last capability went away starts unbound).
using System.Runtime.CompilerServices;
using CapsTypesC = CapsTypes.__default;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        /// <summary>The line of the kernel's timer (SimMachine.TimerLine): never a user driver's.</summary>
        public const uint TimerLine = 0;

        /// <summary>The capability-core type IRQ capabilities carry (see the file comment).</summary>
        private static byte IrqCapabilityType => CapsTypesC.TypeFrame;

        private uint _irqLines;
        // Allocated by InitInterruptLines, which the constructor calls (arrays are made in the constructor only).
        private bool[] _irqBound = null!;
        private uint[] _irqNotification = null!;
        private ulong[] _irqBits = null!;
        private uint[] _irqTask = null!;
        private ulong[] _irqSignalled = null!;
        private ulong[] _irqUndelivered = null!;

        private void InitInterruptLines()
        {
            uint lines = _platform.InterruptLines();
            _irqLines = lines < ObjectIds.IrqLines ? lines : ObjectIds.IrqLines;
            _irqBound = new bool[ObjectIds.IrqLines];
            _irqNotification = new uint[ObjectIds.IrqLines];
            _irqBits = new ulong[ObjectIds.IrqLines];
            _irqTask = new uint[ObjectIds.IrqLines];
            _irqSignalled = new ulong[ObjectIds.IrqLines];
            _irqUndelivered = new ulong[ObjectIds.IrqLines];
        }

        /// <summary>Lines an IRQ object can be made for: 1 .. InterruptLineCount-1 (0 is the timer's).</summary>
        public uint InterruptLineCount => _irqLines;

        /// <summary>Interrupts of <paramref name="line"/> that signalled a bound notification.</summary>
        public ulong IrqSignalled(uint line) => line < ObjectIds.IrqLines ? _irqSignalled[line] : 0;

        /// <summary>Interrupts of <paramref name="line"/> that found no binding (or a dead notification): the line was
        /// masked and nobody was told.</summary>
        public ulong IrqUndelivered(uint line) => line < ObjectIds.IrqLines ? _irqUndelivered[line] : 0;

        /// <summary>True while <paramref name="line"/>'s IRQ object is bound to a notification.</summary>
        public bool IsIrqBound(uint line) => line < _irqLines && HasBinding(line);

        /// <summary>Interrupt <paramref name="line"/> (not the timer's) was taken and ended at the controller: mask it
        /// and signal its notification. Lines the kernel does not hand out are ignored.</summary>
        public void Interrupt(uint line)
        {
            if (line == TimerLine || line >= _irqLines)
            {
                return;
            }
            // Masked before the driver learns of it: the next interrupt of this line waits for its acknowledge.
            _platform.MaskLine(line);
            uint code = IpcTypesC.ErrNoPartner;
            // The signal wakes at most one waiter of the notification, which the core names. The driver usually
            // outranks the thread the interrupt stopped, so the core's Notify that runs such a waiter at once is used.
            NarrowSettle();
            if (HasBinding(line))
            {
                uint waiter;
                Ipc.NotifyRunning(_irqNotification[line], _irqBits[line], out code, out waiter);
                // The driver woken the common way takes its bits at once (FastNotifications.cs); else Settle does.
                if (waiter != NoThread && !SettleBits(waiter))
                {
                    Touch(waiter);
                }
            }
            if (code == IpcTypesC.OK)
            {
                _irqSignalled[line]++;
            }
            else
            {
                _irqUndelivered[line]++;
            }
            Settle();
        }

        /// <summary>Changes whenever a driver binding (DriverTaskOf) may have changed: at every syscall outside the IPC
        /// family (attach, detach and capability deletion are among them) and at every thread's end. Between two
        /// changes a machine may keep what DriverTaskOf said.</summary>
        public ulong DriverEpoch { get; private set; }

        // A binding outlives the object only when a capability syscall deleted the last IRQ capability: then it is stale.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool HasBinding(uint line) => _irqBound[line] && Caps.refCount[Objects.OfIrq(line)] != 0;

        /// <summary>The task that attached <paramref name="line"/> to one of its notifications (its driver), while the
        /// binding lasts; NoThread otherwise. A machine may give that task the device's registers (X64: the ports of a
        /// legacy serial line).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint DriverTaskOf(uint line) => line < _irqLines && HasBinding(line) ? _irqTask[line] : NoThread;

        private void BindLine(uint line, uint notification, ulong bits, uint task)
        {
            _irqTask[line] = task;
            _irqBound[line] = true;
            _irqNotification[line] = notification;
            _irqBits[line] = bits;
        }

        private void UnbindLine(uint line)
        {
            _irqBound[line] = false;
            _irqNotification[line] = 0;
            _irqBits[line] = 0;
        }
    }
}
