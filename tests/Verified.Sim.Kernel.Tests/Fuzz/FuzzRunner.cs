// Runs a FuzzWorld until the kernel has handled a number of syscalls. Between slices of machine steps it keeps one
// thread prepared for the next Create (thread), and spawns a new fuzz thread when few are left or when every one
// waits where the rescuer cannot cancel it (no fuzz thread made a syscall), while thread ids last (fresh ones, or
// those of dead threads nobody names any more).
using System;
using System.Diagnostics;
using Verified.Hal.Sim.Machine;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal static class FuzzRunner
    {
        private const long Slice = 2_000;
        private const int MinLiveThreads = 4;
        // Thread ids kept back from Create so that a stuck run can still get a fresh thread.
        private const int ReservedIds = 6;

        public static FuzzWorld Run(ulong seed, long syscalls)
        {
            var world = new FuzzWorld(seed);
            SimThread? prepared = null;
            while (world.Checked.Syscalls < syscalls)
            {
                long before = world.Checked.Syscalls - world.RescuerSyscalls;
                RunSlice(world);
                world.ReapDeadThreads();
                world.RefillDevices();
                world.RestoreObjects();
                world.GrantRescuerReach();
                if (prepared == null || prepared.KernelHandle >= 0)
                {
                    prepared = FreeIds(world) > ReservedIds || ReapedIds(world) > 0 ? world.Prepare() : null;
                }
                // Every fuzz thread waits and the rescuer cannot reach one: a fresh thread goes on fuzzing.
                bool stuck = world.Checked.Syscalls - world.RescuerSyscalls == before;
                if (stuck || LiveThreads(world) < MinLiveThreads)
                {
                    if (FreeIds(world) + ReapedIds(world) > 0)
                    {
                        world.Spawn(world.Generator.Next(FuzzWorld.Tasks));
                    }
                    else if (stuck)
                    {
                        break;
                    }
                }
            }
            return world;
        }

        private static void RunSlice(FuzzWorld world)
        {
            try
            {
                world.Machine.Run(Slice);
            }
            catch (InvalidOperationException e) when (e.InnerException is FuzzFailure failure)
            {
                // A check in a thread's code failed: the machine reports the thread's exception wrapped.
                throw failure;
            }
        }

        private static int FreeIds(FuzzWorld world)
        {
            int free = 0;
            for (uint t = 0; t < FuzzWorld.ThreadIds; t++)
            {
                free += world.Kernel.Core.Ipc.state[t] == IpcTypesC.Free ? 1 : 0;
            }
            return free;
        }

        // Dead threads nobody names any more: Create (thread) reuses them (KernelCore.FreeThread), and so does Spawn.
        private static int ReapedIds(FuzzWorld world)
        {
            int reaped = 0;
            var core = world.Kernel.Core;
            for (uint t = 0; t < FuzzWorld.ThreadIds; t++)
            {
                reaped += core.Ipc.state[t] == IpcTypesC.Dead && core.Caps.refCount[core.Objects.OfThread(t)] == 0 ? 1 : 0;
            }
            return reaped;
        }

        private static int LiveThreads(FuzzWorld world)
        {
            int live = 0;
            for (uint t = 0; t < FuzzWorld.ThreadIds; t++)
            {
                byte s = world.Kernel.Core.Ipc.state[t];
                live += s != IpcTypesC.Free && s != IpcTypesC.Dead ? 1 : 0;
            }
            return live;
        }

        /// <summary>Syscalls per second of <paramref name="world"/>'s run, for the report line.</summary>
        public static double Rate(long syscalls, Stopwatch watch) => syscalls / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
    }
}
