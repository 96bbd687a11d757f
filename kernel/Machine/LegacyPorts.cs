// Port I/O for user drivers of the legacy serial lines: the task that attached the IRQ of COM1 (line 4) or COM2
// (line 3) to one of its notifications may use that UART's eight registers while its threads run; every other port,
// and those ports for every other task, stay refused (#GP, which is exception IPC). The IRQ capability is thus the
// capability to the device (docs/boot.md).
using System.Runtime.CompilerServices;
using Verified.Hal.X64;
using Verified.Kernel.Core;

namespace Verified.Kernel.Machine
{
    internal static class LegacyPorts
    {
        private const uint Com1Line = 4, Com2Line = 3;
        private const ushort Com1Ports = 0x3F8, Com2Ports = 0x2F8;

        private static bool s_com1Open, s_com2Open;
        // The drivers as of the core's driver epoch (asked again only when it changes, not at every switch).
        private static ulong s_epoch = ulong.MaxValue;
        private static uint s_com1Driver, s_com2Driver;
        private static uint s_task = uint.MaxValue;
        // The epoch under which no driver exists and no port is open, so that the bitmap is right for every task
        // (MaxValue: not so under the current epoch). While it holds, s_task is not kept: the epoch's next change
        // goes through Change, which sets it.
        private static ulong s_idleEpoch = ulong.MaxValue;

        /// <summary>Sets the port bitmap for a thread of <paramref name="task"/> about to run (only the two bytes that
        /// change are written).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Allow(KernelCore core, uint task)
        {
            if (!AllowAtOnce(core, task))
            {
                Change(core, task);
            }
        }

        /// <summary><see cref="Allow"/> when the bitmap is already right for <paramref name="task"/> (the common
        /// case, decided without a call): true, and then nothing is left to do; false when it must change.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool AllowAtOnce(KernelCore core, uint task)
        {
            ulong epoch = core.DriverEpoch;
            if (epoch == s_idleEpoch)
            {
                return true;
            }
            if (epoch == s_epoch && (task == s_task
                || !s_com1Open && !s_com2Open && task != s_com1Driver && task != s_com2Driver))
            {
                // Under the same drivers: the same task, or no port open and none to open for this task. The bitmap
                // is as it should be.
                s_task = task;
                return true;
            }
            return false;
        }

        private static void Change(KernelCore core, uint task)
        {
            s_task = task;
            if (core.DriverEpoch != s_epoch)
            {
                s_epoch = core.DriverEpoch;
                s_com1Driver = core.DriverTaskOf(Com1Line);
                s_com2Driver = core.DriverTaskOf(Com2Line);
            }
            Set(Com1Ports, s_com1Driver == task, ref s_com1Open);
            Set(Com2Ports, s_com2Driver == task, ref s_com2Open);
            bool idle = s_com1Driver == KernelCore.NoThread && s_com2Driver == KernelCore.NoThread && !s_com1Open && !s_com2Open;
            s_idleEpoch = idle ? s_epoch : ulong.MaxValue;
        }

        private static void Set(ushort ports, bool open, ref bool isOpen)
        {
            if (open != isOpen)
            {
                Tss.SetPortsAllowed(ports, open);
                isOpen = open;
            }
        }
    }
}
