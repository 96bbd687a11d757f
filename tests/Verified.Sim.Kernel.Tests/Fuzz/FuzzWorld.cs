// The machine the fuzzer runs on: three tasks whose capability spaces share endpoints, notifications, badged and
// rights-reduced copies, task and thread capabilities (docs/abi.md section 6), and fuzz threads of several
// priorities in every task, plus a rescuer of the lowest priority (Rescuer). Slots past the boot layout start
// empty, so Create and stale slots have room.
using Verified.Hal.Sim.Kernel;
using Verified.Hal.Sim.Machine;
using Xunit;
using CapsTypesC = CapsTypes.__default;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal sealed class FuzzWorld
    {
        public const int Tasks = 3;
        public const uint SlotsPerTask = 32;
        // The rescuer's own task: slot t holds a capability to thread t (GrantRescuerReach), so SlotsPerTask >= ThreadIds.
        public const int RescueTask = Tasks;
        public const uint ThreadIds = 32;
        private const uint IpcObjects = 16;
        private const uint Endpoints = 5;
        private const uint Notifications = 3;
        private const uint FirstEndpointSlot = 4;
        private const uint FirstMintSlot = 12;
        private const uint FirstThreadSlot = 16;
        private const int BootThreads = 6;
        // Below every fuzz thread: the rescuer runs only when all of them are blocked.
        private const byte RescuerPriority = 0;

        public FuzzWorld(ulong seed)
        {
            Seed = seed;
            Generator = new SyscallGenerator(seed, SlotsPerTask);
            Machine = new SimMachine(new RandomSimScheduler(seed));
            Kernel = new SimKernel(Machine, ThreadIds, IpcObjects, tasks: 4, SlotsPerTask);
            Checked = new CheckedKernel(Machine, Kernel, seed);
            for (int t = 0; t <= RescueTask; t++)
            {
                Assert.Equal(t, Kernel.CreateTask());
            }
            BootCapabilities();
            for (int i = 0; i < BootThreads; i++)
            {
                Spawn(i % Tasks);
            }
            Spawn(0, 4, Mappers.Mapper(this));
            Spawn(1, 4, Mappers.Mappee(this));
            Spawn(2, 4, Mappers.Mappee(this));
            Kernel.Spawn("rescuer", RescueTask, RescuerPriority, Rescuer.Code(this));
            GrantRescuerReach();
        }

        public ulong Seed { get; }

        public SyscallGenerator Generator { get; }

        public SimMachine Machine { get; }

        public SimKernel Kernel { get; }

        public CheckedKernel Checked { get; }

        public FuzzTrace Trace { get; } = new();

        /// <summary>Syscalls the rescuer made (Rescuer): the rest come from fuzz threads.</summary>
        public long RescuerSyscalls { get; set; }

        /// <summary>A new fuzz thread in <paramref name="task"/> at a random priority, with a capability to it in
        /// the same slot of every task.</summary>
        public void Spawn(int task) => Spawn(task, (byte)(3 + Generator.Next(3)), FuzzThread.Code(this));

        private void Spawn(int task, byte priority, System.Func<SimUserContext, System.Threading.Tasks.Task> code)
        {
            SimThread thread = Kernel.Spawn("fuzz", task, priority, code);
            GrantRescuerReach();
            uint id = Kernel.IdOf(thread);
            uint slot = FirstThreadSlot + id % (FirstMintSlot - 4);
            if (IsFree(task, slot))
            {
                Assert.Equal(0ul, Kernel.Core.BootThreadCapability(id, (uint)task, slot));
                CopyToOthers(task, slot);
            }
        }

        /// <summary>Code for the next Create (thread) of a random task: threads made by fuzzed syscalls fuzz too.</summary>
        public SimThread Prepare() => Kernel.Prepare("created", Generator.Next(Tasks), FuzzThread.Code(this));

        private void BootCapabilities()
        {
            var core = Kernel.Core;
            for (uint t = 0; t < Tasks; t++)
            {
                Assert.Equal(0ul, core.BootTaskCapability(t, t, 0));
            }
            for (uint t = 0; t < Tasks; t++)
            {
                // slot 1: the next task's capability, so threads can be created in (and charged to) another task
                Assert.Equal(0u, core.Caps.Transfer((t + 1) % Tasks, 0, t, 1, CapsTypesC.TransferCopy));
            }
            for (uint e = 0; e < Endpoints + Notifications; e++)
            {
                uint owner = e % Tasks;
                uint slot = FirstEndpointSlot + e;
                ulong made = e < Endpoints ? core.BootEndpoint(e, owner, slot) : core.BootNotification(e, owner, slot);
                Assert.Equal(0ul, made);
                CopyToOthers((int)owner, slot);
            }
            for (uint t = 0; t < Tasks; t++)
            {
                // a badged endpoint, a send-only and a receive-only one, a badged notification
                Assert.Equal(0ul, core.BootMint(t, FirstEndpointSlot, FirstMintSlot, 7, 0x100 + t));
                Assert.Equal(0ul, core.BootMint(t, FirstEndpointSlot + 1, FirstMintSlot + 1, 2, 0));
                Assert.Equal(0ul, core.BootMint(t, FirstEndpointSlot + 1, FirstMintSlot + 2, 1, 0));
                Assert.Equal(0ul, core.BootMint(t, FirstEndpointSlot + Endpoints, FirstMintSlot + 3, 7, 0x200 + t));
            }
        }

        /// <summary>Gives the rescue task a copy of some capability to every thread that has one and lacks it there
        /// (threads made by fuzzed Creates included), so the rescuer can cancel any waiting thread.</summary>
        public void GrantRescuerReach()
        {
            var caps = Kernel.Core.Caps;
            for (uint x = 0; x < caps.slotBase[RescueTask]; x++)
            {
                if (caps.capType[x] != CapsTypesC.TypeThread)
                {
                    continue;
                }
                uint thread = (uint)(caps.capObj[x] - Kernel.Core.Objects.OfThread(0));
                if (IsFree(RescueTask, thread))
                {
                    uint task = x / SlotsPerTask;
                    Assert.Equal(0u, caps.Transfer(task, x - caps.slotBase[task], RescueTask, thread, CapsTypesC.TransferCopy));
                }
            }
        }

        /// <summary>Deletes every capability to a dead thread, as a root task would clean up after it (the kernel
        /// has no CapDelete yet): its id becomes free for the next Create (thread). Until this runs, the
        /// capabilities are stale and fuzzed calls use them.</summary>
        public void ReapDeadThreads()
        {
            var caps = Kernel.Core.Caps;
            bool progress = true;
            while (progress)
            {
                progress = false;
                for (uint x = 0; x < caps.nodeCount; x++)
                {
                    if (caps.capType[x] != CapsTypesC.TypeThread)
                    {
                        continue;
                    }
                    uint thread = (uint)(caps.capObj[x] - Kernel.Core.Objects.OfThread(0));
                    if (Kernel.Core.Ipc.state[thread] == IpcTypes.__default.Dead)
                    {
                        uint task = x / SlotsPerTask;
                        // A capability with derived children fails (ErrHasChildren) until they are gone: next round.
                        caps.Delete(task, x - caps.slotBase[task], out uint err, out ulong _, out byte _);
                        progress |= err == 0;
                    }
                }
            }
        }

        private bool IsFree(int task, uint slot) =>
            Kernel.Core.Caps.capType[Kernel.Core.Caps.slotBase[task] + slot] == CapsTypesC.TypeNull;

        // Where a fuzzed Create already filled the slot, that task simply has no capability to the new thread.
        private void CopyToOthers(int owner, uint slot)
        {
            for (uint t = 0; t < Tasks; t++)
            {
                if (t != owner && IsFree((int)t, slot))
                {
                    Assert.Equal(0u, Kernel.Core.Caps.Transfer((uint)owner, slot, t, slot, CapsTypesC.TransferCopy));
                }
            }
        }
    }
}
