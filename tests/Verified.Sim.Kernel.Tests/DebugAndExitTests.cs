// Syscalls 1 DebugPutChar and 2 Exit, and ExchangeRegisters' rip and rsp bits: the parts of the ABI a booted user
// program needs to print, end and start threads, as the kernel on Sim carries them (a Sim thread's rip and rsp are
// recorded, its code is a coroutine).
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class DebugAndExitTests
    {
        private const ulong DebugPutChar = 1, Exit = 2;
        private const ulong ControlSetRip = 4, ControlSetRsp = 8, ControlSuspend = 16;

        [Fact]
        public void DebugPutCharPrintsPrintableCharactersAndReplacesTheOthers()
        {
            var world = new World(301);
            var results = new System.Collections.Generic.List<ulong>();
            world.Spawn("printer", async ctx =>
            {
                foreach (ulong c in new ulong[] { 'o', 'k', '\n', 0x1B, 0x7F, 0x100 + 'A' })
                {
                    await ctx.Syscall(DebugPutChar, c);
                    results.Add(ctx.Registers.Rax);
                }
            });
            world.RunToEnd();
            Assert.Equal("ok\n??A", world.Kernel.DebugOutput);
            Assert.All(results, r => Assert.Equal(Ok, r));
        }

        [Fact]
        public void ExitDeletesTheThreadRecordsItsCodeAndItsCallerGetsPartnerKilled()
        {
            var world = new World(302);
            bool returned = false;
            IpcResult? call = null;
            SimThread server = world.Spawn("server", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                await ctx.Syscall(Exit, 0x1_0000_0007);
                returned = true;
            }, priority: 9);
            world.Spawn("client", async ctx => call = await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 }), priority: 4);
            world.RunToEnd();
            Assert.False(returned);
            Assert.Equal(new[] { (world.Kernel.IdOf(server), 7u) }, world.Kernel.Exits);
            Assert.Equal(PartnerKilled | ReceivePhase, call!.Result);
            Assert.Equal(StateDead, (ulong)world.Kernel.Core.Ipc.state[world.Kernel.IdOf(server)]);
        }

        [Fact]
        public void ExchangeRegistersSetsRipAndRspAndRefusesSuspend()
        {
            var world = new World(303);
            ulong set = 1, suspend = 0;
            SimThread target = world.Spawn("target", async ctx => await Ipc.Wait(ctx, World.Endpoint), priority: 9);
            world.Spawn("controller", async ctx =>
            {
                ctx.Registers.R10 = 0x4080_8000;
                await ctx.Syscall(13, world.SlotOf(target), ControlSetRip | ControlSetRsp, 0x4080_1000);
                set = ctx.Registers.Rax;
                await ctx.Syscall(13, world.SlotOf(target), ControlSuspend);
                suspend = ctx.Registers.Rax;
                await Threads.Cancel(ctx, world.SlotOf(target));
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, set);
            Assert.Equal(0x4080_1000ul, target.Registers.Rip);
            Assert.Equal(0x4080_8000ul, target.Registers.Rsp);
            Assert.Equal(IpcInvalidArgument, suspend);
        }
    }
}
