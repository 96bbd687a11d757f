// The UTCB's words (docs/abi.md section 5), read and written through Machine.ReadUtcb / WriteUtcb.
namespace Verified.User.Library
{
    public static class Utcb
    {
        public const ulong AreaBase = 0x4100_0000;
        public const ulong PageSize = 4096;
        public const uint MessageRegisters = 64;     // MR0..MR63 at words 0..63
        public const uint BufferRegisterBase = 64;   // BR0..BR31 at words 64..95
        public const uint ThreadLocalWord = 96;
        public const uint ErrorDetailWord = 97;
        public const uint TransferredWord = 99;
        public const uint ThreadIdWord = 100;

        /// <summary>Where the thread with UTCB slot <paramref name="slot"/> sees its UTCB.</summary>
        public static ulong SlotAddress(uint slot) => AreaBase + slot * PageSize;

        public static ulong GetMr(uint index) => Machine.ReadUtcb(index);

        public static void SetMr(uint index, ulong value) => Machine.WriteUtcb(index, value);

        public static ulong GetBr(uint index) => Machine.ReadUtcb(BufferRegisterBase + index);

        public static void SetBr(uint index, ulong value) => Machine.WriteUtcb(BufferRegisterBase + index, value);

        /// <summary>The error-detail word: code | domain &lt;&lt; 16 | item index &lt;&lt; 24 of the first typed item that
        /// failed at the last delivery with typed items (0: all were done).</summary>
        public static ulong ErrorDetail => Machine.ReadUtcb(ErrorDetailWord);

        /// <summary>Bytes of string items the last IPC moved (also after it failed midway).</summary>
        public static ulong Transferred => Machine.ReadUtcb(TransferredWord);

        /// <summary>The thread's global id (for debugging output only).</summary>
        public static ulong ThreadId => Machine.ReadUtcb(ThreadIdWord);
    }
}
