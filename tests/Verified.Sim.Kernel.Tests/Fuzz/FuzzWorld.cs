// The machine the fuzzer runs on: three tasks whose capability spaces share endpoints, notifications, badged and
// rights-reduced copies, task and thread capabilities (docs/abi.md section 6), and fuzz threads of several
// priorities in every task, plus a rescuer of the lowest priority (Rescuer). Slots past the boot layout start
// empty, so Create and stale slots have room. Devices on a few lines interrupt throughout, so IRQ objects the
// fuzzed Creates make and bind signal notifications while the threads wait on them.
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
        // A task with no threads holding the root capabilities of the boot tasks: the fuzz tasks hold copies, so a fuzzed
        // CapDelete never destroys a boot task (tasks made by fuzzed Creates are destroyed with their last capability).
        public const int VaultTask = RescueTask + 1;
        // Task ids no boot task takes: fuzzed Creates (task) get them, and get them again once a made task is gone.
        private const int CreatableTasks = 2;
        private const uint IpcObjects = 16;
        private const uint Endpoints = 5;
        private const uint Notifications = 3;
        private const uint FirstEndpointSlot = 4;
        private const uint FirstMintSlot = 12;
        private const uint FirstThreadSlot = 16;
        private const int BootThreads = 6;
        // Below every fuzz thread: the rescuer runs only when all of them are blocked.
        private const byte RescuerPriority = 0;
        // Slots FirstIrqSlot.. are where the generator puts most IRQ capabilities (past the thread slots).
        public const uint FirstIrqSlot = 24;
        public static readonly ulong[] DeviceLines = { 1, 2, 5 };
        // Interrupts each device may raise per slice of the runner (RefillDevices): a budget that lasts the whole run
        // without crowding out the threads' steps.
        private const long DeviceInterrupts = 40;

        public FuzzWorld(ulong seed)
        {
            Seed = seed;
            Generator = new SyscallGenerator(seed, SlotsPerTask);
            Machine = new SimMachine(new RandomSimScheduler(seed));
            Kernel = new SimKernel(Machine, ThreadIds, IpcObjects, tasks: VaultTask + 1 + CreatableTasks, SlotsPerTask);
            Checked = new CheckedKernel(Machine, Kernel, seed);
            _devices = new SimDevice[DeviceLines.Length];
            for (int d = 0; d < DeviceLines.Length; d++)
            {
                _devices[d] = Machine.CreateDevice($"device{DeviceLines[d]}", (int)DeviceLines[d], DeviceInterrupts);
            }
            for (int t = 0; t <= VaultTask; t++)
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

        private readonly SimDevice[] _devices;

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
            uint id = Kernel.IdOf(thread);
            // The rescuer holds the original capability: fuzzed revokes and deletes in the fuzz tasks can take the
            // copies away (ThreadControl can still delete the thread), never the rescuer's reach.
            Assert.Equal(0ul, Kernel.Core.BootThreadCapability(id, RescueTask, id));
            uint slot = FirstThreadSlot + id % (FirstMintSlot - 4);
            if (IsFree(task, slot))
            {
                Assert.Equal(0u, Kernel.Core.Caps.Transfer(RescueTask, id, (uint)task, slot, CapsTypesC.TransferCopy));
                CopyToOthers(task, slot);
            }
        }

        /// <summary>Gives every device its interrupt budget for the next slice.</summary>
        public void RefillDevices()
        {
            foreach (SimDevice device in _devices)
            {
                device.Remaining = DeviceInterrupts;
            }
        }

        /// <summary>Code for the next Create (thread) of a random task: threads made by fuzzed syscalls fuzz too.</summary>
        public SimThread Prepare() => Kernel.Prepare("created", Generator.Next(Tasks), FuzzThread.Code(this));

        private void BootCapabilities()
        {
            var core = Kernel.Core;
            for (uint t = 0; t < Tasks; t++)
            {
                Assert.Equal(0ul, core.BootTaskCapability(t, VaultTask, t));
                Assert.Equal(0u, core.Caps.Transfer(VaultTask, t, t, 0, CapsTypesC.TransferCopy));
            }
            for (uint t = 0; t < Tasks; t++)
            {
                // slot 1: the next task's capability, so threads can be created in (and charged to) another task
                Assert.Equal(0u, core.Caps.Transfer((t + 1) % Tasks, 0, t, 1, CapsTypesC.TransferCopy));
            }
            for (uint e = 0; e < Endpoints + Notifications; e++)
            {
                Assert.True(RestoreObject(e));
            }
            for (uint t = 0; t < Tasks; t++)
            {
                Assert.Equal(4, RestoreMints(t));
            }
        }

        /// <summary>Boots again, in their first slots, the endpoints and notifications that fuzzed CapDeletes
        /// destroyed, and the minted copies of them, as a root task would; otherwise every IPC would soon name an
        /// empty slot. An object index a fuzzed Create took, or a slot in use, stays as it is.</summary>
        public void RestoreObjects()
        {
            for (uint e = 0; e < Endpoints + Notifications; e++)
            {
                RestoreObject(e);
            }
            for (uint t = 0; t < Tasks; t++)
            {
                RestoreMints(t);
            }
            // Copies of the rescuer's original thread capabilities, back in the thread slots of every fuzz task.
            var caps = Kernel.Core.Caps;
            for (uint id = 0; id < ThreadIds; id++)
            {
                uint x = caps.slotBase[RescueTask] + id;
                if (caps.capType[x] != CapsTypesC.TypeThread || caps.capDepth[x] != 0
                    || Kernel.Core.Ipc.state[id] == IpcTypes.__default.Dead)
                {
                    continue;
                }
                uint slot = FirstThreadSlot + id % (FirstMintSlot - 4);
                for (uint t = 0; t < Tasks; t++)
                {
                    if (IsFree((int)t, slot))
                    {
                        Assert.Equal(0u, caps.Transfer(RescueTask, id, t, slot, CapsTypesC.TransferCopy));
                    }
                }
            }
        }

        private bool RestoreObject(uint e)
        {
            var core = Kernel.Core;
            uint owner = e % Tasks;
            uint slot = FirstEndpointSlot + e;
            if (core.Ipc.epAlive[e] != IpcTypes.__default.NoObject || core.Caps.refCount[e] != 0 || !IsFree((int)owner, slot))
            {
                return false;
            }
            ulong made = e < Endpoints ? core.BootEndpoint(e, owner, slot) : core.BootNotification(e, owner, slot);
            Assert.Equal(0ul, made);
            CopyToOthers((int)owner, slot);
            return true;
        }

        // A badged endpoint, a send-only and a receive-only one, a badged notification; the count of those made.
        private int RestoreMints(uint t)
        {
            int made = 0;
            made += Mint(t, FirstEndpointSlot, FirstMintSlot, 7, 0x100 + t);
            made += Mint(t, FirstEndpointSlot + 1, FirstMintSlot + 1, 2, 0);
            made += Mint(t, FirstEndpointSlot + 1, FirstMintSlot + 2, 1, 0);
            made += Mint(t, FirstEndpointSlot + Endpoints, FirstMintSlot + 3, 7, 0x200 + t);
            return made;
        }

        // The source may be gone or hold whatever fuzzed moves put there: then the mint fails and the slot stays empty.
        private int Mint(uint t, uint source, uint destination, byte mask, ulong badge) =>
            IsFree((int)t, destination) && Kernel.Core.BootMint(t, source, destination, mask, badge) == 0 ? 1 : 0;

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

        /// <summary>Deletes every capability to a dead thread, as a root task would clean up after it (fuzzed
        /// CapDeletes hit such slots only by chance): its id becomes free for the next Create (thread). Until this
        /// runs, the capabilities are stale and fuzzed calls use them.</summary>
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
