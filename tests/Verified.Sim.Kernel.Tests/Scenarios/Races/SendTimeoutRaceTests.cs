// A send timeout racing a receiver that arrives late, and a receive timeout racing a late sender: for each delay
// and seed both sides agree - the message passed (OK, OK) or it did not (the waiting side timed out and the late
// side, arriving with a zero timeout, found nobody). The scheduler also decides when the timer fires, so the delay
// does not fix the outcome; both outcomes occur over each seed's runs, so both branches are checked.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Races
{
    public sealed class SendTimeoutRaceTests
    {
        private const ulong Deadline = 10;

        [Fact]
        public void ABlockedSenderAndALateReceiverAgree() => Scenario.ForEachSeed(seed =>
        {
            var outcomes = new int[2];
            for (ulong delay = 0; delay <= 2 * Deadline; delay += 2)
            {
                var world = new World(seed * 100 + delay);
                ulong sent = 1, received = 1;
                world.Spawn("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 5 }, Timeout.Ticks(Deadline))).Result,
                    priority: 7);
                world.Spawn("receiver", async ctx =>
                {
                    Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(delay))).Result);
                    received = (await Ipc.Wait(ctx, World.Endpoint, Timeout.Zero)).Result;
                }, priority: 4);
                world.RunToEnd();
                outcomes[AssertAgree(sent, received, IpcSendTimeout, IpcRecvTimeout | ReceivePhase)]++;
            }
            Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"met {outcomes[0]}, timed out {outcomes[1]}");
        });

        [Fact]
        public void AWaitingReceiverAndALateSenderAgree() => Scenario.ForEachSeed(seed =>
        {
            var outcomes = new int[2];
            for (ulong delay = 0; delay <= 2 * Deadline; delay += 2)
            {
                var world = new World(seed * 100 + delay);
                ulong sent = 1, received = 1;
                world.Spawn("receiver", async ctx =>
                    received = (await Ipc.Wait(ctx, World.Endpoint, Timeout.Ticks(Deadline))).Result, priority: 7);
                world.Spawn("sender", async ctx =>
                {
                    Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(delay))).Result);
                    sent = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 5 }, Timeout.Zero)).Result;
                }, priority: 4);
                world.RunToEnd();
                outcomes[AssertAgree(received, sent, IpcRecvTimeout | ReceivePhase, IpcSendTimeout)]++;
            }
            Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"met {outcomes[0]}, timed out {outcomes[1]}");
        });

        /// <summary>The waiting side's and the late side's results: both OK (0 returned), or both their timeout codes
        /// (1 returned).</summary>
        private static int AssertAgree(ulong waiting, ulong late, ulong waitingTimeout, ulong lateTimeout)
        {
            if (waiting == Ok)
            {
                Assert.Equal(Ok, late);
                return 0;
            }
            Assert.Equal(waitingTimeout, waiting);
            Assert.Equal(lateTimeout, late);
            return 1;
        }
    }
}
