// One scenario with four threads (round trip and notifications) under 20 seeds: the interleavings differ, the
// result words of every thread do not.
using System.Collections.Generic;
using Xunit;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class DeterminismTests
    {
        [Fact]
        public void TwentySeedsEndWithTheSameResults()
        {
            var outcomes = new HashSet<string>();
            var traces = new HashSet<ulong>();
            for (ulong seed = 100; seed < 120; seed++)
            {
                var world = new World(seed);
                var roundTrip = new RoundTrip.Outcome();
                var notifications = new NotificationWorkload.Outcome();
                RoundTrip.Spawn(world, roundTrip);
                NotificationWorkload.Spawn(world, notifications);
                world.RunToEnd();
                outcomes.Add(roundTrip.Describe() + " " + notifications.Describe());
                traces.Add(world.Machine.Trace.Hash);
            }
            Assert.Equal(new[] { "0/100000C/0/60,6000,7 0:2/0:5/C/0" }, outcomes);
            Assert.True(traces.Count > 1, "the seeds should give different interleavings");
        }

        [Fact]
        public void TheSameSeedGivesTheSameRun()
        {
            var hashes = new HashSet<ulong>();
            for (int run = 0; run < 3; run++)
            {
                var world = new World(77);
                RoundTrip.Spawn(world, new RoundTrip.Outcome());
                NotificationWorkload.Spawn(world, new NotificationWorkload.Outcome());
                world.RunToEnd();
                hashes.Add(world.Machine.Trace.Hash ^ world.Machine.Timer.Now);
            }
            Assert.Single(hashes);
        }
    }
}
