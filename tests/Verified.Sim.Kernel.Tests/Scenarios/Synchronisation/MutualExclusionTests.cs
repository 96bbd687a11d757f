// Mutual exclusion through the lock server, over several seeds: no two workers are ever inside the critical section
// at once, although each spends several kernel entries (scheduling points) inside. The control run without the
// lock shows those interleavings do overlap, so the property is not a consequence of the scheduler alone.
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Kernel.Tests.Scenarios.Synchronisation
{
    public sealed class MutualExclusionTests
    {
        private const int Workers = 4;
        private const int Rounds = 5;
        private const int EntriesInside = 4;

        private sealed class Section
        {
            public int Inside, MaxInside, Entries;
        }

        [Fact]
        public void WorkersCallingTheLockServerNeverOverlap() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var section = new Section();
            var grants = new int[1];
            LockServer.Spawn(world, grants);
            SpawnWorkers(world, section, locked: true);
            world.RunToEnd();
            Assert.Equal(1, section.MaxInside);
            Assert.Equal(Workers * Rounds, section.Entries);
            Assert.Equal(Workers * Rounds, grants[0]);
        });

        [Fact]
        public void WorkersOfMixedPrioritiesNeverOverlap() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var section = new Section();
            var grants = new int[1];
            LockServer.Spawn(world, grants, priority: 2);
            SpawnWorkers(world, section, locked: true, mixed: true);
            world.RunToEnd();
            Assert.Equal(1, section.MaxInside);
            Assert.Equal(Workers * Rounds, grants[0]);
        });

        [Fact]
        public void WithoutTheLockTheSameWorkersOverlapUnderSomeSeed()
        {
            int overlapping = 0;
            foreach (ulong seed in Scenario.Seeds)
            {
                var world = new World(seed);
                var section = new Section();
                SpawnWorkers(world, section, locked: false);
                world.RunToEnd();
                overlapping += section.MaxInside > 1 ? 1 : 0;
            }
            Assert.True(overlapping > 0, "no seed interleaved the unprotected critical sections");
        }

        private static void SpawnWorkers(World world, Section section, bool locked, bool mixed = false)
        {
            for (int w = 0; w < Workers; w++)
            {
                SimThread worker = null!;
                worker = world.Spawn($"worker{w}", async ctx =>
                {
                    for (int round = 0; round < Rounds; round++)
                    {
                        if (locked)
                        {
                            await LockServer.Enter(ctx, world.SlotOf(worker));
                        }
                        section.Inside++;
                        section.Entries++;
                        section.MaxInside = System.Math.Max(section.MaxInside, section.Inside);
                        await Scenario.Spin(ctx, EntriesInside);
                        section.Inside--;
                        if (locked)
                        {
                            await LockServer.Leave(ctx, world.SlotOf(worker));
                        }
                    }
                }, priority: mixed ? (byte)(3 + w) : (byte)5);
            }
        }
    }
}
