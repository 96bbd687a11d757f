// Timeslice donation on Call (IPC core scheduling contexts: prio = effective, m.own = the thread's own): while a
// client waits for its reply, the server runs at the client's priority, so a medium-priority thread that wakes in
// the meantime does not run before the reply. The lent priority follows nested Calls, and it comes back when the
// wait ends however it ends (reply, timeout). The control run with a Send (no reply wait, nothing lent) shows the
// medium thread does preempt a low-priority server.
using System;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Scheduling
{
    public sealed class DonationTests
    {
        private const byte Low = 2, Medium = 5, High = 8;
        private const int Work = 30;

        private sealed class Timeline
        {
            public ulong MediumFirstRun = ulong.MaxValue, ServerDone, LentPrio, OwnPrio, PrioAfter = 99;
            public bool Called;
        }

        [Fact]
        public void AServerServingACallRunsAtTheCallersPriorityUntilItReplies() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var t = new Timeline();
            ulong call = 1;
            SimThread server = SpawnServer(world, t, reply: true);
            SpawnMedium(world, t);
            world.Spawn("client", async ctx =>
            {
                await Scenario.SleepUntil(ctx, () => Scenario.IsIn(world, server, Results.StateRecvBlocked));
                t.Called = true;                              // the same step as the Call
                call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result;
            }, High);
            world.RunToEnd();
            Assert.Equal(Ok, call);
            Assert.Equal((ulong)High, t.LentPrio);
            Assert.Equal((ulong)Low, t.OwnPrio);
            Assert.Equal((ulong)Low, t.PrioAfter);
            Assert.True(t.MediumFirstRun > t.ServerDone, $"medium ran at {t.MediumFirstRun}, reply at {t.ServerDone}");
        });

        [Fact]
        public void WithoutAReplyWaitNothingIsLentAndTheMediumThreadPreempts() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var t = new Timeline();
            ulong sent = 1;
            SimThread server = SpawnServer(world, t, reply: false);
            SpawnMedium(world, t);
            world.Spawn("client", async ctx =>
            {
                await Scenario.SleepUntil(ctx, () => Scenario.IsIn(world, server, Results.StateRecvBlocked));
                t.Called = true;
                sent = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result;
            }, High);
            world.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal((ulong)Low, t.LentPrio);
            Assert.True(t.MediumFirstRun < t.ServerDone, $"medium ran at {t.MediumFirstRun}, server done at {t.ServerDone}");
        });

        [Fact]
        public void TheLentPriorityFollowsANestedCall() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var t = new Timeline();
            ulong call = 1;
            SimThread back = null!;
            back = world.Spawn("back", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
                t.LentPrio = world.Kernel.Core.Ipc.prio[world.Kernel.IdOf(back)];
                t.OwnPrio = Convert.ToUInt64(world.Kernel.Core.Ipc.m.own[world.Kernel.IdOf(back)]);
                await Scenario.Spin(ctx, Work);
                t.ServerDone = world.Machine.Timer.Now;
                Assert.Equal(Ok, (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result);
            }, 1);
            SimThread front = world.Spawn("front", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                Assert.Equal(Ok, (await Ipc.Call(ctx, World.SecondEndpoint, 1, System.Array.Empty<ulong>())).Result);
                Assert.Equal(Ok, (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result);
            }, Low);
            SpawnMedium(world, t);
            world.Spawn("client", async ctx =>
            {
                await Scenario.SleepUntil(ctx, () => Scenario.IsIn(world, front, Results.StateRecvBlocked) && Scenario.IsIn(world, back, Results.StateRecvBlocked));
                t.Called = true;                              // the same step as the Call
                call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result;
            }, High);
            world.RunToEnd();
            Assert.Equal(Ok, call);
            Assert.Equal((ulong)High, t.LentPrio);
            Assert.Equal(1UL, t.OwnPrio);
            Assert.True(t.MediumFirstRun > t.ServerDone, $"medium ran at {t.MediumFirstRun}, back replied at {t.ServerDone}");
        });

        [Fact]
        public void TheLentPriorityComesBackWhenTheCallerTimesOut() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var t = new Timeline();
            ulong call = 1, reply = 1;
            SimThread server = null!;
            server = world.Spawn("server", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                t.LentPrio = world.Kernel.Core.Ipc.prio[world.Kernel.IdOf(server)];
                await Scenario.Spin(ctx, Work);
                t.PrioAfter = world.Kernel.Core.Ipc.prio[world.Kernel.IdOf(server)];
                t.ServerDone = world.Machine.Timer.Now;
                reply = (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result;
            }, Low);
            SpawnMedium(world, t);
            world.Spawn("client", async ctx =>
            {
                await Scenario.SleepUntil(ctx, () => Scenario.IsIn(world, server, Results.StateRecvBlocked));
                t.Called = true;
                call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Never, Timeout.Ticks(8))).Result;
            }, High);
            world.RunToEnd();
            Assert.Equal(IpcRecvTimeout | ReceivePhase, call);
            Assert.Equal(NoPartner, reply);
            Assert.Equal((ulong)High, t.LentPrio);
            Assert.Equal((ulong)Low, t.PrioAfter);
            Assert.True(t.MediumFirstRun < t.ServerDone, $"medium ran at {t.MediumFirstRun}, server done at {t.ServerDone}");
        });

        private static SimThread SpawnServer(World world, Timeline t, bool reply)
        {
            SimThread server = null!;
            server = world.Spawn("server", async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, World.Endpoint);
                Assert.Equal(Ok, request.Result);
                uint id = world.Kernel.IdOf(server);
                t.LentPrio = world.Kernel.Core.Ipc.prio[id];
                t.OwnPrio = Convert.ToUInt64(world.Kernel.Core.Ipc.m.own[id]);
                await Scenario.Spin(ctx, Work);
                t.ServerDone = world.Machine.Timer.Now;
                if (reply)
                {
                    Assert.Equal(Ok, (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result);
                    t.PrioAfter = world.Kernel.Core.Ipc.prio[id];
                }
            }, Low);
            return server;
        }

        /// <summary>The medium thread checks every tick whether the client has called; the first time it runs after
        /// that is what the tests compare with the server's progress.</summary>
        private static void SpawnMedium(World world, Timeline t) =>
            world.Spawn("medium", async ctx =>
            {
                await Scenario.SleepUntil(ctx, () => t.Called);
                t.MediumFirstRun = world.Machine.Timer.Now;
                await Scenario.Spin(ctx, 3);
            }, Medium);
    }
}
