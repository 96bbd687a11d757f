// A Call's reply timeout racing the server's reply: for each delay and seed exactly one of the two outcomes, the
// same on both sides - the reply arrives (client OK, server's Reply OK) or the wait expired first (client
// ErrRecvTimeout in its receive phase, server's Reply ErrNoPartner). The scheduler also decides when the timer
// fires, so the delay does not fix the outcome; both outcomes occur over the runs, so both branches are checked.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Races
{
    public sealed class ReplyTimeoutRaceTests
    {
        private const ulong ReplyTimeout = 10;

        [Fact]
        public void BothSidesAgreeOnWhetherTheReplyOrTheTimeoutCameFirst() => Scenario.ForEachSeed(seed =>
        {
            int replied = 0, timedOut = 0;
            for (ulong delay = 0; delay <= 2 * ReplyTimeout; delay += 2)
            {
                var world = new World(seed * 100 + delay);
                ulong call = 1, reply = 1;
                ulong[] words = System.Array.Empty<ulong>();
                world.Spawn("server", async ctx =>
                {
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                    Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(delay))).Result);
                    reply = (await Ipc.Reply(ctx, 0, new ulong[] { 77 })).Result;
                }, priority: 7);
                world.Spawn("client", async ctx =>
                {
                    IpcResult r = await Ipc.Call(ctx, World.Endpoint, 1, System.Array.Empty<ulong>(), Timeout.Never,
                        Timeout.Ticks(ReplyTimeout));
                    call = r.Result;
                    words = r.Words;
                }, priority: 4);
                world.RunToEnd();
                if (call == Ok)
                {
                    replied++;
                    Assert.Equal(Ok, reply);
                    Assert.Equal(new ulong[] { 77 }, words);
                }
                else
                {
                    timedOut++;
                    Assert.Equal(IpcRecvTimeout | ReceivePhase, call);
                    Assert.Equal(NoPartner, reply);
                }
            }
            Assert.True(replied > 0 && timedOut > 0, $"replied {replied}, timed out {timedOut}");
        });
    }
}
