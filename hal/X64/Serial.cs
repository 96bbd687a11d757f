// COM1 (16550 UART at 0x3F8): the kernel console. Polled output, no allocation (usable in panics).
namespace Verified.Hal.X64
{
    public static unsafe class Serial
    {
        private const ushort Port = 0x3F8;
        private const ushort Data = Port + 0;
        private const ushort InterruptEnable = Port + 1;
        private const ushort FifoControl = Port + 2;
        private const ushort LineControl = Port + 3;
        private const ushort ModemControl = Port + 4;
        private const ushort LineStatus = Port + 5;
        private const byte TransmitEmpty = 0x20;

        /// <summary>115200 baud, 8 data bits, no parity, 1 stop bit, FIFO on, UART interrupts off.</summary>
        public static void Initialize()
        {
            Cpu.OutByte(InterruptEnable, 0x00);
            Cpu.OutByte(LineControl, 0x80);     // DLAB: the next two writes set the divisor
            Cpu.OutByte(Data, 0x01);            // divisor 1 = 115200 baud
            Cpu.OutByte(InterruptEnable, 0x00);
            Cpu.OutByte(LineControl, 0x03);     // 8N1, DLAB off
            Cpu.OutByte(FifoControl, 0xC7);     // enable and clear FIFOs
            Cpu.OutByte(ModemControl, 0x03);    // DTR, RTS
        }

        public static void Write(char c)
        {
            while ((Cpu.InByte(LineStatus) & TransmitEmpty) == 0)
            {
            }

            Cpu.OutByte(Data, (byte)c);
        }

        public static void Write(string? text)
        {
            if (text is null)
            {
                return;
            }

            for (int i = 0; i < text.Length; i++)
            {
                Write(text[i]);
            }
        }

        public static void WriteLine(string? text)
        {
            Write(text);
            Write('\n');
        }

        /// <summary>Writes 0x followed by 16 hex digits.</summary>
        public static void WriteHex(ulong value)
        {
            Write('0');
            Write('x');
            for (int shift = 60; shift >= 0; shift -= 4)
            {
                int digit = (int)((value >> shift) & 0xF);
                Write((char)(digit < 10 ? '0' + digit : 'a' + digit - 10));
            }
        }

        public static void WriteDecimal(ulong value)
        {
            char* digits = stackalloc char[20];
            int count = 0;
            do
            {
                digits[count++] = (char)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value != 0);

            while (count > 0)
            {
                Write(digits[--count]);
            }
        }
    }
}
