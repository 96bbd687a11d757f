// A machine with the kernel and one task whose capability space every scenario starts from.
using Verified.Hal.Sim.Kernel;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Kernel.Tests
{
    internal sealed class World
    {
        public const uint TaskSlot = 0;
        public const uint Endpoint = 1;
        public const uint Notification = 2;
        public const uint BadgedEndpoint = 3;
        public const uint SecondEndpoint = 5;
        public const uint FirstThreadSlot = 8;
        public const uint EmptySlot = 30;
        public const uint OutOfRangeSlot = 1000;
        public const ulong Badge = 0xBAD6E;

        public World(ulong seed, uint tasks = 4, bool recordTrace = false)
        {
            Machine = new SimMachine(new RandomSimScheduler(seed), recordTrace: recordTrace);
            Kernel = new SimKernel(Machine, tasks: tasks);
            Task = Kernel.CreateTask();
            Assert.Equal(0ul, Kernel.Core.BootTaskCapability((uint)Task, (uint)Task, TaskSlot));
            Assert.Equal(0ul, Kernel.Core.BootEndpoint(0, (uint)Task, Endpoint));
            Assert.Equal(0ul, Kernel.Core.BootNotification(1, (uint)Task, Notification));
            Assert.Equal(0ul, Kernel.Core.BootMint((uint)Task, Endpoint, BadgedEndpoint, 7, Badge));
            Assert.Equal(0ul, Kernel.Core.BootEndpoint(2, (uint)Task, SecondEndpoint));
        }

        public SimMachine Machine { get; }

        public SimKernel Kernel { get; }

        public int Task { get; }

        /// <summary>A thread at priority <paramref name="priority"/> and a capability to it in the next thread slot.</summary>
        public SimThread Spawn(string name, System.Func<SimUserContext, System.Threading.Tasks.Task> code, byte priority = 5)
        {
            SimThread thread = Kernel.Spawn(name, Task, priority, code);
            uint slot = FirstThreadSlot + Kernel.IdOf(thread);
            Assert.Equal(0ul, Kernel.Core.BootThreadCapability(Kernel.IdOf(thread), (uint)Task, slot));
            return thread;
        }

        public uint SlotOf(SimThread thread) => FirstThreadSlot + Kernel.IdOf(thread);

        public void RunToEnd(long steps = 100_000) => Assert.Equal(SimStopReason.AllThreadsFinished, Machine.Run(steps));
    }
}
