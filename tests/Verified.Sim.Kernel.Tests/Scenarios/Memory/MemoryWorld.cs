// Six tasks for the memory scenarios: task 0 is sigma0 (World's task, owning frames 0..63 at its window pages
// 0..63), tasks 1..5 start with empty windows and copies of World's endpoint and notifications in the same slots.
// Checks read the mapping core and the windows' page-table leaves, so a scenario sees both what the kernel decided
// and what the simulated CPU walks.
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Kernel;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    internal sealed class MemoryWorld
    {
        public const int Tasks = 6;
        public const int Sigma0 = 0;
        public const uint Grantless = 9;   // in every task: World.Endpoint without RightGrant
        public const int ChainLength = 6;
        private const uint ChainSlot = 11;  // in every task: endpoints 5..10 for the chain scenarios

        private static readonly uint[] s_shared = { World.Endpoint, World.Notification, World.SecondEndpoint,
            Scenario.SecondNotification, Scenario.ThirdEndpoint };

        public MemoryWorld(ulong seed)
        {
            World = new World(seed, Tasks);
            Assert.Equal(0ul, World.Kernel.Core.BootNotification(3, (uint)World.Task, Scenario.SecondNotification));
            Assert.Equal(0ul, World.Kernel.Core.BootEndpoint(4, (uint)World.Task, Scenario.ThirdEndpoint));
            Assert.Equal(Sigma0, World.Task);
            for (uint i = 0; i < ChainLength; i++)
            {
                Assert.Equal(0ul, World.Kernel.Core.BootEndpoint(5 + i, (uint)World.Task, Chain((int)i)));
            }
            for (int t = 1; t < Tasks; t++)
            {
                Assert.Equal(t, World.Kernel.CreateTask());
                foreach (uint slot in s_shared)
                {
                    Assert.Equal(0u, World.Kernel.Core.Caps.Transfer(0, slot, (uint)t, slot, CapsTypes.__default.TransferCopy));
                }
                for (int i = 0; i < ChainLength; i++)
                {
                    Assert.Equal(0u, World.Kernel.Core.Caps.Transfer(0, Chain(i), (uint)t, Chain(i), CapsTypes.__default.TransferCopy));
                }
            }
            for (int t = 0; t < Tasks; t++)
            {
                Assert.Equal(0ul, World.Kernel.Core.BootMint((uint)t, World.Endpoint, Grantless, 3, 0));
            }
        }

        /// <summary>The slot of chain endpoint <paramref name="i"/> (0..5), the same in every task.</summary>
        public static uint Chain(int i) => ChainSlot + (uint)i;

        public World World { get; }

        public SimKernel Kernel => World.Kernel;

        public SimThread Spawn(string name, int task, Func<SimUserContext, Task> code, byte priority = 5) =>
            Kernel.Spawn(name, task, priority, code);

        /// <summary>(frame, rights) the mapping core holds for (task, page), or null when nothing is mapped.</summary>
        public (ulong Frame, byte Rights)? Lookup(int task, ulong page)
        {
            Kernel.Core.Mapping.Lookup((uint)task, page, out uint err, out ulong frame, out byte rights);
            return err == 0 ? (frame, rights) : null;
        }

        /// <summary>The leaf the simulated CPU walks for (task, page), decoded as the mapping core numbers frames (x86
        /// leaves cannot say write-only: present means readable), or null when none is present.</summary>
        public (ulong Frame, byte Rights)? Leaf(int task, ulong page)
        {
            MappingWindow window = Kernel.Windows.Window(task);
            ulong entry = window.Walk(page);
            return entry == 0 ? null : window.Decode(entry);
        }

        /// <summary>The core and the page tables agree on (task, page) and it maps <paramref name="frame"/> with
        /// <paramref name="rights"/>.</summary>
        public void AssertMapped(int task, ulong page, ulong frame, byte rights)
        {
            Assert.Equal(((ulong, byte)?)(frame, rights), Lookup(task, page));
            Assert.Equal(((ulong, byte)?)(frame, (byte)(rights | 4)), Leaf(task, page));
        }

        public void AssertUnmapped(int task, ulong page)
        {
            Assert.Null(Lookup(task, page));
            Assert.Null(Leaf(task, page));
        }

        /// <summary>The faults that killed threads: exactly these threads, each a page fault at its address.</summary>
        public void AssertPageFaults(params (SimThread Thread, ulong Address)[] expected)
        {
            Assert.Equal(expected.Length, Kernel.Faults.Count);
            foreach (var (thread, address) in expected)
            {
                uint id = Kernel.IdOf(thread);
                bool found = false;
                foreach (var (faulted, fault) in Kernel.Faults)
                {
                    found |= faulted == id && fault.StartsWith("page fault", StringComparison.Ordinal)
                        && fault.Contains($"0x{address:X}", StringComparison.OrdinalIgnoreCase);
                }
                Assert.True(found, $"no page fault of thread {id} at 0x{address:X} in: {string.Join("; ", Kernel.Faults)}");
            }
        }
    }
}
