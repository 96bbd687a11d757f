// Loads a user program (a flat binary with the header of user/Runtime/X64/Start.S) into a fresh address space.
// The image is untrusted input: every header field is checked before anything is mapped, and a bad one is an
// error code, never a kernel fault.
using Verified.Hal.X64;

namespace Verified.Kernel.UserPrograms
{
    internal static unsafe class ProgramLoader
    {
        public const uint Ok = 0;
        public const uint ErrTruncated = 1;       // shorter than its header or than the contents it announces
        public const uint ErrBadMagic = 2;        // not "VUSR" format version 1
        public const uint ErrBadLayout = 3;       // addresses outside the user region, unaligned, or out of order
        public const uint ErrTooLarge = 4;        // image or heap beyond the loader's limits

        public const ulong StackTop = UserAddressSpace.UserBase + 0x7F00_0000;
        private const ulong StackPages = 16;      // 64 KiB, with unmapped pages below and above
        private const ulong PageSize = 4096;
        private const ulong HeaderSize = 48;
        private const uint Magic = 0x5253_5556;   // "VUSR" little-endian
        private const ulong MaxImage = 64UL << 20;
        private const ulong MaxHeap = 64UL << 20;

        public static uint Load(byte* file, ulong size, out UserContext* context)
        {
            context = null;
            var space = new SpacePages(UserAddressSpace.Create());
            uint error = Load(file, size, space, out ulong entry);
            if (error == Ok)
            {
                context = UserContext.Create(entry, StackTop, space.Space.Root);
            }
            return error;
        }

        /// <summary>Validates the image and maps it, its heap and its stack (top at <see cref="StackTop"/>) through
        /// <paramref name="target"/>; nothing is mapped unless the whole header is valid.</summary>
        public static uint Load(byte* file, ulong size, IImagePages target, out ulong entry)
        {
            entry = 0;
            if (size < HeaderSize)
            {
                return ErrTruncated;
            }
            uint* words = (uint*)file;
            ulong* fields = (ulong*)(file + 8);
            if (words[0] != Magic || words[1] != 1)
            {
                return ErrBadMagic;
            }
            ulong start = fields[0], textEnd = fields[1], loadEnd = fields[2], imageEnd = fields[3], heap = fields[4];
            const ulong Base = UserAddressSpace.UserBase;
            if (!(Base < textEnd && textEnd <= loadEnd && loadEnd <= imageEnd && imageEnd <= StackTop)
                || start < Base + HeaderSize || start >= textEnd
                || ((textEnd | imageEnd | heap) & (PageSize - 1)) != 0)
            {
                return ErrBadLayout;
            }
            if (imageEnd - Base > MaxImage || heap > MaxHeap || imageEnd + heap > StackTop - (StackPages + 1) * PageSize)
            {
                return ErrTooLarge;
            }
            if (size < loadEnd - Base)
            {
                return ErrTruncated;
            }

            for (ulong page = Base; page < imageEnd; page += PageSize)
            {
                byte* frame = PhysicalMemory.AllocateZeroed(PageSize, PageSize);
                ulong offset = page - Base;
                for (ulong i = 0; i < PageSize && page + i < loadEnd; i++)
                {
                    frame[i] = file[offset + i];
                }
                bool text = page < textEnd;
                MapOrPanic(target, page, frame, writable: !text, executable: text);
            }
            MapZeroed(target, imageEnd, heap / PageSize);
            MapZeroed(target, StackTop - StackPages * PageSize, StackPages);
            entry = start;
            return Ok;
        }

        private static void MapZeroed(IImagePages target, ulong start, ulong pages)
        {
            for (ulong i = 0; i < pages; i++)
            {
                MapOrPanic(target, start + i * PageSize, PhysicalMemory.AllocateZeroed(PageSize, PageSize), true, false);
            }
        }

        // The layout was validated above: a refused mapping here is the kernel's own bug.
        private static void MapOrPanic(IImagePages target, ulong page, byte* frame, bool writable, bool executable)
        {
            if (!target.Map(page, (ulong)frame, writable, executable))
            {
                Panic.Halt("program loader: validated page refused by the address space");
            }
        }
    }
}
