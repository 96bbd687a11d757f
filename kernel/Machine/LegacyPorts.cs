// Port I/O for user drivers of the legacy serial lines: the task that attached the IRQ of COM1 (line 4) or COM2
// (line 3) to one of its notifications may use that UART's eight registers while its threads run; every other port,
// and those ports for every other task, stay refused (#GP, which is exception IPC). The IRQ capability is thus the
// capability to the device (docs/boot.md).
using Verified.Hal.X64;
using Verified.Kernel.Core;

namespace Verified.Kernel.Machine
{
    internal static class LegacyPorts
    {
        private const uint Com1Line = 4, Com2Line = 3;
        private const ushort Com1Ports = 0x3F8, Com2Ports = 0x2F8;

        private static bool s_com1Open, s_com2Open;

        /// <summary>Sets the port bitmap for a thread of <paramref name="task"/> about to run (only the two bytes that
        /// change are written).</summary>
        public static void Allow(KernelCore core, uint task)
        {
            Set(Com1Ports, core.DriverTaskOf(Com1Line) == task, ref s_com1Open);
            Set(Com2Ports, core.DriverTaskOf(Com2Line) == task, ref s_com2Open);
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
