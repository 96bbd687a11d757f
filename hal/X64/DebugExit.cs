// QEMU's isa-debug-exit device (iobase 0xf4): ends the emulator with status (value << 1) | 1.
namespace Verified.Hal.X64
{
    public static class DebugExit
    {
        private const ushort Port = 0xF4;

        /// <summary>QEMU exits with status 33.</summary>
        public const byte Success = 0x10;

        /// <summary>QEMU exits with status 35.</summary>
        public const byte Failure = 0x11;

        /// <summary>Exits QEMU; on a machine without the device, halts instead.</summary>
        public static void Exit(byte code)
        {
            Cpu.OutByte(Port, code);
            Cpu.HaltForever();
        }
    }
}
