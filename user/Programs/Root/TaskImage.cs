// A program the root task loads: a flat binary with the header of user/Runtime/X64/Start.S, linked at TaskBase in the
// upper half of a task's mapping window (docs/boot.md). The module is untrusted input: every field is checked before
// anything is made, and the pager serves exactly the ranges checked here.
namespace Verified.User.Root
{
    internal sealed unsafe class TaskImage
    {
        public const ulong TaskBase = 0x4080_0000;
        public const ulong StackTop = 0x4100_0000;                   // the window's end: the stack grows down from it
        public const ulong StackBottom = StackTop - 0x10_0000;       // 1 MiB of stack, paged in as it is touched
        private const ulong PageSize = 4096, HeaderSize = 48;
        private const uint Magic = 0x5253_5556;                      // "VUSR"

        private TaskImage(BootModule module, ulong entry, ulong textEnd, ulong loadEnd, ulong heapEnd)
        {
            Module = module;
            Entry = entry;
            TextEnd = textEnd;
            LoadEnd = loadEnd;
            HeapEnd = heapEnd;
        }

        public BootModule Module { get; }

        public ulong Entry { get; }

        /// <summary>[TaskBase, TextEnd): code and read-only data, mapped from the module itself (read, execute).</summary>
        public ulong TextEnd { get; }

        /// <summary>[TextEnd, LoadEnd): initialized data, a private copy per task.</summary>
        public ulong LoadEnd { get; }

        /// <summary>[LoadEnd, HeapEnd): bss and heap, zeroed frames.</summary>
        public ulong HeapEnd { get; }

        /// <summary>The image in <paramref name="module"/>, or null with <paramref name="why"/> when it is none.</summary>
        public static TaskImage? Check(BootModule module, out string why)
        {
            why = "";
            if (module.Size < HeaderSize)
            {
                why = "shorter than a program header";
                return null;
            }
            uint* words = (uint*)module.Address;
            ulong* fields = (ulong*)(module.Address + 8);
            if (words[0] != Magic || words[1] != 1)
            {
                why = "not a program (no VUSR header)";
                return null;
            }
            ulong entry = fields[0], textEnd = fields[1], loadEnd = fields[2], imageEnd = fields[3], heap = fields[4];
            if (!(TaskBase < textEnd && textEnd <= loadEnd && loadEnd <= imageEnd && imageEnd <= StackBottom)
                || entry < TaskBase + HeaderSize || entry >= textEnd || ((textEnd | imageEnd | heap) & (PageSize - 1)) != 0)
            {
                why = "not linked for a task window (user/Tasks)";
                return null;
            }
            if (heap > StackBottom - imageEnd)
            {
                why = "its heap would overlap the stack";
                return null;
            }
            if (module.Size < loadEnd - TaskBase)
            {
                why = "shorter than its header says";
                return null;
            }
            return new TaskImage(module, entry, textEnd, loadEnd, imageEnd + heap);
        }

        /// <summary>Where the module holds the byte of <paramref name="address"/> in the root task's window.</summary>
        public ulong ModuleAddress(ulong address) => Module.Address + (address - TaskBase);
    }
}
