// User programs written in C#, built freestanding like the kernel and loaded from Multiboot modules.
using Verified.Hal.X64;
using Verified.Kernel.UserPrograms;

namespace Verified.Kernel.SelfTest
{
    internal static class ProgramSelfChecks
    {
        public static SelfCheck[] All() => new SelfCheck[]
        {
            new HelloProgramCheck(),
            new ProgramRunCheck("user program: an array overrun in C# ends the program, not the kernel", "overrun.bin",
                0xDEAD),
            new ProgramRunCheck("user program: a null dereference in C# is a contained page fault", "nullderef.bin",
                UserRun.Faulted(14)),
            new LoaderRejectsBadImagesCheck(),
        };
    }

    /// <summary>Loads a program from its module, runs it, and checks how it ended.</summary>
    internal unsafe class ProgramRunCheck : SelfCheck
    {
        private readonly string _name;
        private readonly string _module;
        private readonly ulong _expected;

        public ProgramRunCheck(string name, string module, ulong expected)
        {
            _name = name;
            _module = module;
            _expected = expected;
        }

        public override string Name => _name;

        public override string? Run()
        {
            if (!BootModules.Find(_module, out byte* file, out ulong size))
            {
                return string.Concat("no module ", _module, " (QEMU -initrd)");
            }
            uint error = ProgramLoader.Load(file, size, out UserContext* context);
            if (error != ProgramLoader.Ok)
            {
                return string.Concat("loader error ", error.ToString());
            }
            UserRun.TickBudget = 500;
            ulong result = UserRun.RunContext(context);
            return result == _expected ? null : string.Concat("ended with ", result.ToString(), ", expected ",
                _expected.ToString());
        }
    }

    internal sealed class HelloProgramCheck : ProgramRunCheck
    {
        // user/Programs/Hello: Program.AllGood.
        public HelloProgramCheck() : base("user program: C# hello from a Multiboot module", "hello.bin", 0x600D)
        {
        }
    }

    internal sealed unsafe class LoaderRejectsBadImagesCheck : SelfCheck
    {
        public override string Name => "user program: the loader rejects malformed images";

        public override string? Run()
        {
            if (!BootModules.Find("hello.bin", out byte* file, out ulong size))
            {
                return "no module hello.bin (QEMU -initrd)";
            }
            byte* copy = PhysicalMemory.AllocateZeroed(size, 8);
            return Expect(copy, file, size, "truncated header", 0, 0, 20, ProgramLoader.ErrTruncated)
                ?? Expect(copy, file, size, "bad magic", 0, 0x58, size, ProgramLoader.ErrBadMagic)
                ?? Expect(copy, file, size, "entry in kernel space", 8 + 4, 0x00, size, ProgramLoader.ErrBadLayout)
                ?? Expect(copy, file, size, "text end beyond the contents", 16 + 4, 0xFF, size, ProgramLoader.ErrBadLayout)
                ?? Expect(copy, file, size, "huge heap", 40 + 3, 0x40, size, ProgramLoader.ErrTooLarge)
                ?? Expect(copy, file, size, "file shorter than its contents", 0, 0x56, 64, ProgramLoader.ErrTruncated);
        }

        // Copies the image, sets one byte, loads `length` bytes of it and checks the error.
        private static string? Expect(byte* copy, byte* file, ulong size, string what, ulong offset, byte value,
            ulong length, uint expected)
        {
            for (ulong i = 0; i < size; i++)
            {
                copy[i] = file[i];
            }
            copy[offset] = value;
            uint error = ProgramLoader.Load(copy, length, out _);
            return error == expected
                ? null
                : string.Concat(what, ": error ", error.ToString(), ", expected ", expected.ToString());
        }
    }
}
