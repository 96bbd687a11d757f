// Termination cases ErrSendPfTimeout (13) and ErrRecvPfTimeout (14): a page fault during the transfer that the
// pager does not resolve within the page-fault timeout (the smaller of the sender's send page-fault timeout and the
// receiver's receive page-fault timeout) ends the IPC for both sides with the code of the side that faulted. The
// nested page-fault IPC is withdrawn: the pager's late reply finds nobody (ErrNoPartner).
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;
using static Verified.Sim.Kernel.Tests.Scenarios.LongIpc.LongIpcWorld;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class PageFaultTimeoutTests
    {
        private const ulong Target = Ram + 0x10_0000;
        private const ulong PfTicks = 12;

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AnUnresolvedFaultEndsBothSidesWithTheFaultingSidesCode(bool senderFaults)
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                const int length = 2 * 4096;
                world.MapRam(world.Client, Ram, senderFaults ? 1 : 2);
                world.MapRam(world.World.Task, Target, senderFaults ? 2 : 1);
                ulong sent = 1, received = 1, lateReply = 1, faultAddress = 0;
                ulong sentAt = 0, endedAt = 0;
                SimThread sender = world.SpawnClient("sender", async ctx =>
                {
                    // Only the sender's own page-fault timeout is finite when it faults, only the receiver's when it does.
                    ulong timeouts = Timeout.Word(Timeout.Never, Timeout.Never,
                        senderFaults ? Timeout.Ticks(PfTicks) : Timeout.Never, Timeout.Never);
                    sentAt = world.Machine.Timer.Now;
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, length), timeouts)).Result;
                    endedAt = world.Machine.Timer.Now;
                });
                SimThread receiver = world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (Target, length));
                    ulong timeouts = Timeout.Word(Timeout.Never, Timeout.Never, Timeout.Never,
                        senderFaults ? Timeout.Never : Timeout.Ticks(PfTicks));
                    received = (await Ipc.Wait(ctx, World.Endpoint, timeouts)).Result;
                });
                world.GivePager(senderFaults ? sender : receiver);
                world.Spawn("pager", async ctx =>
                {
                    IpcResult fault = await Ipc.Wait(ctx, PagerEndpoint);
                    Assert.Equal(Ok, fault.Result);
                    faultAddress = fault.Words[0];
                    await Scenario.SleepUntil(ctx, () => world.World.Kernel.Core.Ipc.state[world.World.Kernel.IdOf(receiver)] != StateXferRecv);
                    lateReply = (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result;
                }, priority: 7);
                world.World.RunToEnd();
                ulong code = senderFaults ? SendPfTimeout : RecvPfTimeout;
                Assert.Equal(code, sent);
                Assert.Equal(code | ReceivePhase, received);
                Assert.Equal(senderFaults ? Ram + 4096 : Target + 4096, faultAddress);
                Assert.Equal(NoPartner, lateReply);
                Assert.True(endedAt - sentAt >= PfTicks, $"ended after {endedAt - sentAt} ticks");
            });
        }

        [Fact]
        public void TheSmallerOfTheTwoTimeoutsApplies()
        {
            var world = new LongIpc.LongIpcWorld(11);
            world.MapRam(world.Client, Ram, 1);
            world.MapRam(world.World.Task, Target, 2);
            ulong sent = 1, received = 1, duration = 0;
            SimThread sender = world.SpawnClient("sender", async ctx =>
            {
                ulong start = world.Machine.Timer.Now;
                sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, 8192),
                    Timeout.Word(Timeout.Never, Timeout.Never, Timeout.Ticks(400), Timeout.Never))).Result;
                duration = world.Machine.Timer.Now - start;
            });
            world.Spawn("receiver", async ctx =>
            {
                StringBuffers.Set(ctx.Utcb, (Target, 8192));
                received = (await Ipc.Wait(ctx, World.Endpoint,
                    Timeout.Word(Timeout.Never, Timeout.Never, Timeout.Never, Timeout.Ticks(20)))).Result;
            });
            world.GivePager(sender);
            world.Spawn("pager", async ctx =>
            {
                // Takes the fault and stays alive without answering (a pager that dies would end it with ErrNestedPf).
                Assert.Equal(Ok, (await Ipc.Wait(ctx, PagerEndpoint)).Result);
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(500))).Result);
            }, priority: 7);
            world.World.RunToEnd();
            // The sender's page faulted; the receiver's 20 ticks bound it, not the sender's 400.
            Assert.Equal(SendPfTimeout, sent);
            Assert.Equal(SendPfTimeout | ReceivePhase, received);
            Assert.InRange(duration, 20ul, 100ul);
        }
    }
}
