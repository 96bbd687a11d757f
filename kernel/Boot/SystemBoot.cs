// The kernel proper, started after the boot self-checks when QEMU loaded a root task (module root.bin): the three
// verified cores behind kernel/Core on the x86-64 platform, the root task as task 0 (sigma0, owner of every frame
// of the mapping core, BootInfo) with its first thread, and then the kernel loop, which never returns: the system
// ends when the root task's first thread exits, with its exit code as the verdict (0 = pass).
using Verified.Hal.X64;
using Verified.Kernel.Core;
using Verified.Kernel.Machine;
using Verified.Kernel.UserPrograms;

namespace Verified.Kernel.Boot
{
    internal static unsafe class SystemBoot
    {
        public const string RootModule = "root.bin";

        // Sizes of the cores (docs/boot.md): enough for the root task, the programs it loads and their scenarios.
        private const uint Threads = 32;
        private const uint IpcObjects = 64;
        private const uint Tasks = 8;
        private const uint SlotsPerTask = 64;
        private const ulong FreeFrames = 2048;       // 8 MiB that sigma0 hands out

        // The root task's capability space at start: its own task, its first thread.
        public const uint RootTaskSlot = 0;
        public const uint RootThreadSlot = 1;
        private const byte RootPriority = 16;

        /// <summary>True when a root task module is there to start.</summary>
        public static bool HasRootTask() => FindModule(RootModule) >= 0;

        public static void Start()
        {
            int root = FindModule(RootModule);
            ulong[]? frames = BootInfo.Build(root, FreeFrames, out ulong modulePages);
            if (frames == null)
            {
                Panic.Halt("boot: the modules and free frames do not fit sigma0's window");
            }
            // Before the first task space exists: CR3 is still the boot space, PCID 0.
            ProcessContextIds.Enable();
            var spaces = new TaskSpaces(Tasks, frames!);
            var platform = new X64Platform(Threads, spaces);
            var core = new KernelCore(platform, Threads, IpcObjects, Tasks, SlotsPerTask);
            // Its IPC core's arrays are in the fixed slots now (boot/Runtime/FixedArrays.cs): no other core may take them.
            Verified.Boot.Runtime.FixedArrays.Seal();

            uint rootTask = 0;
            Expect(core.BootTask(rootTask), "root task");
            Expect(core.BootTaskCapability(rootTask, rootTask, RootTaskSlot), "root task capability");
            uint error = ProgramLoader.Load((byte*)BootModules.StartOf(root), BootModules.SizeOf(root),
                new TaskImagePages(spaces, rootTask), out ulong entry);
            if (error != ProgramLoader.Ok)
            {
                Serial.Write("boot: root task image refused, loader error ");
                Serial.WriteDecimal(error);
                Serial.WriteLine("");
                Panic.Halt("boot: no root task");
            }
            uint thread = 0;
            ISyscallFrame? frame = platform.BindThread(thread, rootTask, 0, entry, ProgramLoader.StackTop, out _);
            if (frame == null || core.BootThread(thread, rootTask, RootPriority, frame) != 0)
            {
                Panic.Halt("boot: root thread refused");
            }
            Expect(core.BootThreadCapability(thread, rootTask, RootThreadSlot), "root thread capability");
            // The root's first argument register: where its boot information is (window page 0).
            platform.ContextOf(thread)->Frame.Rdi = TaskSpaces.WindowBase;
            platform.RootThread = thread;

            Serial.Write("boot: root task at ");
            Serial.WriteHex(entry);
            Serial.Write(", ");
            Serial.WriteDecimal((ulong)frames!.Length);
            Serial.Write(" frames for sigma0 (");
            Serial.WriteDecimal(modulePages);
            Serial.Write(" of modules), PCIDs ");
            Serial.WriteLine(ProcessContextIds.Enabled ? "on" : "not offered");
            KernelLoop.Run(core, platform);
        }

        private static int FindModule(string name)
        {
            for (int i = 0; i < BootModules.Count; i++)
            {
                if (BootModules.NameOf(i) == name)
                {
                    return i;
                }
            }
            return -1;
        }

        private static void Expect(ulong result, string what)
        {
            if (result != 0)
            {
                Serial.Write("boot: ");
                Serial.Write(what);
                Serial.Write(" refused: ");
                Serial.WriteHex(result);
                Serial.WriteLine("");
                Panic.Halt("boot: object setup failed");
            }
        }
    }
}
