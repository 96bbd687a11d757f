// The control run of the shared lock-server scenarios (user/Scenarios/Synchronisation/LockServerScenario.cs): the
// same kind of workers without the lock, each spending several kernel entries (scheduling points) inside its critical
// section, overlap under some seed, so the lock scenarios' property is not a consequence of the scheduler alone.
// Sim-only: it needs the sweep over the machine's seeds to show that some interleaving overlaps.
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
            public int Inside, MaxInside;
        }

        [Fact]
        public void WithoutTheLockTheSameWorkersOverlapUnderSomeSeed()
        {
            int overlapping = 0;
            foreach (ulong seed in Scenario.Seeds)
            {
                var world = new World(seed);
                var section = new Section();
                SpawnWorkers(world, section);
                world.RunToEnd();
                overlapping += section.MaxInside > 1 ? 1 : 0;
            }
            Assert.True(overlapping > 0, "no seed interleaved the unprotected critical sections");
        }

        private static void SpawnWorkers(World world, Section section)
        {
            for (int w = 0; w < Workers; w++)
            {
                world.Spawn($"worker{w}", async ctx =>
                {
                    for (int round = 0; round < Rounds; round++)
                    {
                        section.Inside++;
                        section.MaxInside = System.Math.Max(section.MaxInside, section.Inside);
                        await Scenario.Spin(ctx, EntriesInside);
                        section.Inside--;
                    }
                });
            }
        }
    }
}
