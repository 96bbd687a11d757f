// A user-space driver for COM1's receive line: it creates the IRQ object of line 4, attaches it to a notification
// (which also gives this task the UART's ports, kernel/Machine/LegacyPorts.cs), turns on the UART's receive
// interrupt and waits. Each key typed on the console raises the line; the kernel masks it and signals the
// notification; the driver reads the key, answers on the console and acknowledges (unmasks) the line.
using Verified.User.Library;

namespace Verified.User.Demo
{
    internal static class SerialDriverDemo
    {
        private const uint IrqSlot = 6, NotificationSlot = 7;
        private const ulong Com1Line = 4, KeyBit = 1;
        private const ushort Data = 0x3F8, InterruptEnable = 0x3F9, ModemControl = 0x3FC, LineStatus = 0x3FD;
        private const byte ReceiveInterrupt = 1, Out2 = 8, DataReady = 1;
        private const ulong WaitTicks = 10_000;

        public static bool Run()
        {
            bool ok = Irq.Create(IrqSlot, Com1Line, 0) == ResultWord.Ok
                && Objects.CreateNotification(NotificationSlot, 0) == ResultWord.Ok
                && Irq.Attach(IrqSlot, NotificationSlot, KeyBit) == ResultWord.Ok;
            if (ok)
            {
                // OUT2 gates the UART's interrupt onto the ISA line on PCs.
                Ports.Out(ModemControl, (byte)(Ports.In(ModemControl) | Out2));
                Ports.Out(InterruptEnable, ReceiveInterrupt);
                Irq.Acknowledge(IrqSlot);
                Machine.Print("demo: serial driver: ready on COM1 (IRQ 4): type a key\n");
                ulong bits;
                ulong waited = Notifications.Wait(NotificationSlot, Timeout.Ticks(WaitTicks), out bits);
                ok = waited == ResultWord.Ok && (bits & KeyBit) != 0;
                if (!ok)
                {
                    Machine.Print("demo: serial driver: no key within 10 s\n");
                }
                while (ok && (Ports.In(LineStatus) & DataReady) != 0)
                {
                    byte key = Ports.In(Data);
                    Machine.Print(string.Concat("demo: serial driver: interrupt, key ", Text.Hex(key), Printable(key), "\n"));
                }
                Ports.Out(InterruptEnable, 0);
                Irq.Acknowledge(IrqSlot);
                Irq.Detach(IrqSlot);
            }
            Capabilities.Delete(IrqSlot);
            Capabilities.Delete(NotificationSlot);
            return ok;
        }

        private static string Printable(byte key)
        {
            if (key < 0x21 || key > 0x7E)
            {
                return "";
            }
            char[] quoted = { ' ', '\'', (char)key, '\'' };
            return Concat(quoted);
        }

        private static unsafe string Concat(char[] chars)
        {
            fixed (char* first = &chars[0])
            {
                return new string(first, 0, chars.Length);
            }
        }
    }
}
