// The world of the long-IPC scenarios: the usual first task (0) and a second one (1) with its own address space and
// capability space, so that strings cross address spaces; plain user memory outside the mapping window (the kernel's
// copy sees exactly the page tables a user access sees); a pager endpoint; and the page-fault protocol of docs/abi.md
// section 7 as the pager threads speak it.
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.LongIpc
{
    internal sealed class LongIpcWorld
    {
        public const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;
        public const ulong ExceptionLabel = 0xFFFF_FFFF_FFFD;
        public const ulong NestedBit = 1UL << 63;

        /// <summary>Plain memory of each task: below the mapping window, so no mapping core manages it.</summary>
        public const ulong Ram = 0x1000_0000;
        public const ulong PagerBadge = 0x9A6E;

        /// <summary>Slots of task 1: the endpoint shared with task 0, and (task 0's view stays World's).</summary>
        public const uint ClientEndpoint = 1;

        /// <summary>The pager endpoint (IPC object 3) in task 0's slot 6.</summary>
        public const uint PagerEndpoint = 6;
        private const uint PagerObject = 3;

        public LongIpcWorld(ulong seed)
        {
            World = new World(seed);
            Client = World.Kernel.CreateTask();
            Assert.Equal(0ul, World.Kernel.Core.BootEndpoint(PagerObject, (uint)World.Task, PagerEndpoint));
            // Task 1 gets the world's first endpoint (a copy of task 0's capability, all rights).
            Assert.Equal(0u, World.Kernel.Core.Caps.Transfer((uint)World.Task, World.Endpoint, (uint)Client, ClientEndpoint,
                CapsTypes.__default.TransferCopy));
        }

        public World World { get; }

        public int Client { get; }

        public SimMachine Machine => World.Machine;

        /// <summary>A thread of task 0 (capability in World's thread slots).</summary>
        public SimThread Spawn(string name, Func<SimUserContext, Task> code, byte priority = 5) =>
            World.Spawn(name, code, priority);

        /// <summary>A thread of task 1 whose capability is in task 0's thread slots (so task 0 can cancel or abort it).</summary>
        public SimThread SpawnClient(string name, Func<SimUserContext, Task> code, byte priority = 5)
        {
            SimThread thread = World.Kernel.Spawn(name, Client, priority, code);
            Assert.Equal(0ul, World.Kernel.Core.BootThreadCapability(World.Kernel.IdOf(thread), (uint)World.Task,
                World.SlotOf(thread)));
            return thread;
        }

        /// <summary>Page-fault IPC of <paramref name="thread"/> goes to the pager endpoint, badged PagerBadge.</summary>
        public void GivePager(SimThread thread) =>
            World.Kernel.Core.SetPager(World.Kernel.IdOf(thread), PagerObject, PagerBadge);

        public void GiveExceptionHandler(SimThread thread) =>
            World.Kernel.Core.SetExceptionHandler(World.Kernel.IdOf(thread), PagerObject, PagerBadge);

        /// <summary>Maps fresh zeroed read-write pages at <paramref name="address"/> in <paramref name="task"/>.</summary>
        public void MapRam(int task, ulong address, int pages)
        {
            SimAddressSpace space = World.Kernel.Space(task);
            for (int i = 0; i < pages; i++)
            {
                ulong page = address + (ulong)i * SimPhysicalMemory.PageSize;
                Assert.True(space.TryMapUser(page, Machine.Memory.AllocateFrame(), 6), $"map 0x{page:X}");
            }
        }

        /// <summary>Writes <paramref name="bytes"/> at <paramref name="address"/> of <paramref name="task"/> (mapped pages).</summary>
        public void Write(int task, ulong address, byte[] bytes)
        {
            SimAddressSpace space = World.Kernel.Space(task);
            for (int i = 0; i < bytes.Length; i++)
            {
                Translation t = space.Translate(address + (ulong)i, AccessKind.Write, user: false);
                Assert.True(t.IsOk);
                Machine.Memory.WriteByte(t.PhysicalAddress, bytes[i]);
            }
        }

        /// <summary><paramref name="length"/> bytes at <paramref name="address"/> of <paramref name="task"/>; unmapped
        /// bytes read as -1 so that a comparison fails visibly.</summary>
        public int[] Read(int task, ulong address, int length)
        {
            SimAddressSpace space = World.Kernel.Space(task);
            var bytes = new int[length];
            for (int i = 0; i < length; i++)
            {
                Translation t = space.Translate(address + (ulong)i, AccessKind.Read, user: false);
                bytes[i] = t.IsOk ? Machine.Memory.ReadByte(t.PhysicalAddress) : -1;
            }
            return bytes;
        }

        /// <summary>A recognisable pattern: byte i is (seed + 7i) mod 251.</summary>
        public static byte[] Pattern(int length, int seed)
        {
            var bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)((seed + 7 * i) % 251);
            }
            return bytes;
        }

        public static int[] AsInts(byte[] bytes) => Array.ConvertAll(bytes, b => (int)b);

        /// <summary>A pager thread body: serves <paramref name="faults"/> page faults on the pager endpoint, mapping a
        /// fresh page where each one hit (in the task of <paramref name="taskOf"/>'s answer), and records them.</summary>
        public Func<SimUserContext, Task> Pager(int faults, Func<ulong, int> taskOf, System.Collections.Generic.List<IpcResult> seen)
        {
            return async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, PagerEndpoint);
                for (int i = 0; ; i++)
                {
                    Assert.Equal(Ok, request.Result);
                    seen.Add(request);
                    ulong page = request.Words[0] & ~(SimPhysicalMemory.PageSize - 1);
                    MapRam(taskOf(request.Words[0]), page, 1);
                    if (i + 1 == faults)
                    {
                        Assert.Equal(Ok, (await Ipc.Reply(ctx, 0, Array.Empty<ulong>())).Result);
                        return;
                    }
                    request = await Ipc.ReplyWait(ctx, PagerEndpoint, 0, Array.Empty<ulong>());
                }
            };
        }
    }
}
