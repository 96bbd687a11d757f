// The boot layout every shared scenario starts from (user/Scenarios/README.md), on a fresh simulated machine: the
// scenario task with a 64-slot capability space, slot 0 its own task capability (all rights), slot 1 its main
// thread's capability, slot 63 a write-only badged capability to its pager's endpoint, the main thread on UTCB slot 0
// with that pager. The pager is a thread of sigma0 (task 0, which owns the frames), as the root task is on X64.
// Runs a synchronous main body on it.
using System;
using Verified.Hal.Sim.Kernel;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Machines.Sim
{
    public sealed class SimBoot : IDisposable
    {
        public const uint Slots = 64;
        public const uint TaskSlot = 0;
        public const uint MainThreadSlot = 1;
        public const uint ServiceSlot = 63;
        /// <summary>The main thread's priority: the one X64's root task gives the tasks it loads (16, below the
        /// top of 0..31), so scenarios can start workers below it and, on neither machine, above it.</summary>
        public const byte MainPriority = 16;

        /// <summary>Threads (main + 8 + room for the kernel's reuse rules, and the pager) and IPC objects (8 + spare,
        /// and the pager's endpoint) of the kernel.</summary>
        public const uint KernelThreads = 17;
        public const uint KernelIpcObjects = 16;

        /// <summary>Sigma0's frames (its window pages 0..Frames-1): the pager hands each out once.</summary>
        public const uint Frames = 256;

        /// <summary>The pager's endpoint: IPC object 0, in sigma0's slot 1; the scenario task's capability has this badge.</summary>
        public const uint PagerEndpointObject = 0;
        private const uint PagerEndpointSlot = 1, PagerMintSlot = 2;
        public const ulong PagerBadge = 1;

        private readonly SimProgram _program;
        private SimUserThread? _main;
        private SimPager? _pager;

        public SimBoot(ulong seed)
        {
            Machine = new SimMachine(new RandomSimScheduler(seed));
            Kernel = new SimKernel(Machine, threads: KernelThreads, ipcObjects: KernelIpcObjects, tasks: 4, slotsPerTask: Slots,
                frames: Frames);
            Sigma0 = Kernel.CreateTask();
            Task = Kernel.CreateTask();
            Check(Kernel.Core.BootTaskCapability((uint)Task, (uint)Task, TaskSlot), "the task capability");
            Check(Kernel.Core.BootEndpoint(PagerEndpointObject, (uint)Sigma0, PagerEndpointSlot), "the pager's endpoint");
            Check(Kernel.Core.BootMint((uint)Sigma0, PagerEndpointSlot, PagerMintSlot, 2, PagerBadge), "the pager capability");
            Check(Kernel.Core.Caps.Transfer((uint)Sigma0, PagerMintSlot, (uint)Task, ServiceSlot, CapsTypes.__default.TransferMove),
                "the service slot");
            _program = new SimProgram(Kernel, Task);
        }

        /// <summary>The task that owns the frames and runs the pager (0).</summary>
        public int Sigma0 { get; }

        /// <summary>The pager's kernel thread id and machine thread (after Run started them).</summary>
        public uint PagerThread { get; private set; } = uint.MaxValue;

        public SimThread? PagerMachineThread { get; private set; }

        /// <summary>Frames the pager has handed out: scratch pages paged in (read after the run).</summary>
        public ulong PagerFramesUsed => _pager?.FramesUsed ?? 0;

        public SimMachine Machine { get; }

        public SimKernel Kernel { get; }

        public int Task { get; }

        /// <summary>The main thread's kernel id (after Run started it).</summary>
        public uint MainThread { get; private set; }

        public string Log => _program.Log;

        /// <summary>The machine's step count and virtual time when the main body returned.</summary>
        public long EndStep { get; private set; }

        public ulong EndTime { get; private set; }

        /// <summary>Runs <paramref name="main"/> as the task's main thread until it returns (true), or until
        /// <paramref name="maxSteps"/> machine steps pass or nothing can run any more (false).</summary>
        public bool Run(Action main, long maxSteps = 1_000_000)
        {
            if (_main is not null)
            {
                throw new InvalidOperationException("one main thread per boot");
            }
            _pager = new SimPager(PagerEndpointSlot, 0, Frames);
            PagerMachineThread = Kernel.Spawn("pager", Sigma0, MainPriority, _program.Thread("pager", _pager.Serve).Run);
            PagerThread = Kernel.IdOf(PagerMachineThread);
            _main = _program.Thread("main", () =>
            {
                main();
                // The pager never ends, so the machine runs on after this: the run's length is measured here.
                EndStep = Machine.Steps;
                EndTime = Machine.Timer.Now;
            });
            SimThread thread = Kernel.Spawn("main", Task, MainPriority, _main.Run);
            MainThread = Kernel.IdOf(thread);
            Check(Kernel.Core.BootThreadCapability(MainThread, (uint)Task, MainThreadSlot), "the main thread's capability");
            Kernel.Core.SetPager(MainThread, PagerEndpointObject, PagerBadge);
            const long chunk = 1000;
            for (long steps = 0; steps < maxSteps && !_main.IsFinished; steps += chunk)
            {
                SimStopReason stop = Machine.Run(chunk);
                if (stop != SimStopReason.StepLimit && !_main.IsFinished)
                {
                    return false;
                }
            }
            return _main.IsFinished;
        }

        public void Dispose() => _program.Dispose();

        private static void Check(uint result, string what) => Check((ulong)result, what);

        private static void Check(ulong result, string what)
        {
            if (result != 0)
            {
                throw new InvalidOperationException($"boot: {what} failed with 0x{result:X}");
            }
        }
    }
}
