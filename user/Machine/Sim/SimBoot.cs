// The boot layout every shared scenario starts from (user/Scenarios/README.md), on a fresh simulated machine: one
// task with a 64-slot capability space, slot 0 its own task capability (all rights), slot 1 its main thread's
// capability, the main thread on UTCB slot 0. Runs a synchronous main body on it.
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
        /// <summary>The main thread's priority: the one X64's root task gives the tasks it loads (16, below the
        /// top of 0..31), so scenarios can start workers below it and, on neither machine, above it.</summary>
        public const byte MainPriority = 16;

        /// <summary>Threads (main + 8 + room for the kernel's reuse rules) and IPC objects (8 + spare) of the kernel.</summary>
        public const uint KernelThreads = 16;
        public const uint KernelIpcObjects = 16;

        private readonly SimProgram _program;
        private SimUserThread? _main;

        public SimBoot(ulong seed)
        {
            Machine = new SimMachine(new RandomSimScheduler(seed));
            Kernel = new SimKernel(Machine, threads: KernelThreads, ipcObjects: KernelIpcObjects, tasks: 4, slotsPerTask: Slots);
            Task = Kernel.CreateTask();
            Check(Kernel.Core.BootTaskCapability((uint)Task, (uint)Task, TaskSlot), "the task capability");
            _program = new SimProgram(Kernel, Task);
        }

        public SimMachine Machine { get; }

        public SimKernel Kernel { get; }

        public int Task { get; }

        /// <summary>The main thread's kernel id (after Run started it).</summary>
        public uint MainThread { get; private set; }

        public string Log => _program.Log;

        /// <summary>Runs <paramref name="main"/> as the task's main thread until it returns (true), or until
        /// <paramref name="maxSteps"/> machine steps pass or nothing can run any more (false).</summary>
        public bool Run(Action main, long maxSteps = 1_000_000)
        {
            if (_main is not null)
            {
                throw new InvalidOperationException("one main thread per boot");
            }
            _main = _program.Thread("main", main);
            SimThread thread = Kernel.Spawn("main", Task, MainPriority, _main.Run);
            MainThread = Kernel.IdOf(thread);
            Check(Kernel.Core.BootThreadCapability(MainThread, (uint)Task, MainThreadSlot), "the main thread's capability");
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

        private static void Check(ulong result, string what)
        {
            if (result != 0)
            {
                throw new InvalidOperationException($"boot: {what} failed with 0x{result:X}");
            }
        }
    }
}
