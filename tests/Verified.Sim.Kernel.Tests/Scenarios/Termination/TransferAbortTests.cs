// Termination case ErrAborted (9): ExchangeRegisters' abort of a thread in the transfer stage ends the IPC for both
// sides, from either side; the bytes moved before it are kept and reported in the UTCB.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;
using static Verified.Sim.Kernel.Tests.Scenarios.LongIpc.LongIpcWorld;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class TransferAbortTests
    {
        private const int Length = 64 * 1024;

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AbortDuringTheTransferGivesAbortedToBoth(bool abortTheSender)
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                world.MapRam(world.Client, Ram, Length / 4096);
                world.Write(world.Client, Ram, Pattern(Length, 4));
                ulong target = Ram + 0x10_0000;
                world.MapRam(world.World.Task, target, Length / 4096);
                ulong sent = 1, received = 1, abort = 1, state = 0, atSender = 0, atReceiver = 0;
                SimThread sender = world.SpawnClient("sender", async ctx =>
                {
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, Length))).Result;
                    atSender = StringBuffers.Transferred(ctx.Utcb);
                }, priority: 3);
                SimThread receiver = world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (target, Length));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                    atReceiver = StringBuffers.Transferred(ctx.Utcb);
                }, priority: 3);
                world.Spawn("aborter", async ctx =>
                {
                    SimThread victim = abortTheSender ? sender : receiver;
                    // Abort once the first chunk has landed (the first pattern byte is 4), while the transfer goes on.
                    await Scenario.SleepUntil(ctx, () => Scenario.IsIn(world.World, victim, abortTheSender ? StateXferSend : StateXferRecv)
                        && world.Read(world.World.Task, target, 1)[0] == 4);
                    (abort, state) = await Scenario.Exchange(ctx, world.World.SlotOf(victim), Threads.ControlAbort);
                }, priority: 9);
                world.World.RunToEnd();
                Assert.Equal(Ok, abort);
                Assert.Equal(abortTheSender ? StateXferSend : StateXferRecv, state);
                Assert.Equal(Aborted, sent);
                Assert.Equal(Aborted | ReceivePhase, received);
                Assert.Equal(atSender, atReceiver);
                Assert.InRange(atSender, 1ul, (ulong)Length - 1);
                int moved = (int)atSender;
                Assert.Equal(LongIpc.LongIpcWorld.AsInts(Pattern(Length, 4)[..moved]), world.Read(world.World.Task, target, moved));
                Assert.All(world.Read(world.World.Task, target + (ulong)moved, 64), b => Assert.Equal(0, b));
            });
        }
    }
}
