// Long IPC that succeeds: message words beyond the registers (MR9..MR63 through the UTCB), string items gathered
// from the sender's space and scattered into the receiver's buffers in chunks, with the other threads running
// between chunks.
using System;
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;
using static Verified.Sim.Kernel.Tests.Scenarios.LongIpc.LongIpcWorld;

namespace Verified.Sim.Kernel.Tests.Scenarios.LongIpc
{
    public sealed class LongMessageTests
    {
        /// <summary>The kernel counts a transfer's progress for the IPC core in bytes above StringBase: one chunk of
        /// ChunkBytes must be one of the core's TransferChunk steps (ChunkWords units), and StringBase equal to it, for
        /// the core to complete a transfer exactly when its last byte has moved (kernel/Core/LongTransfer.cs).</summary>
        [Fact]
        public void AChunkIsOneStepOfTheCore()
        {
            Assert.Equal(Verified.Kernel.Core.KernelCore.ChunkBytes, (ulong)IpcTypes.__default.ChunkWords);
            Assert.True(IpcTypes.__default.InlineWords < IpcTypes.__default.ChunkWords, "a message without strings must stay below StringBase");
        }

        [Fact]
        public void SixtyThreeWordsArriveInRegistersAndUtcb()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpcWorld(seed);
                var words = new ulong[63];
                for (int i = 0; i < words.Length; i++)
                {
                    words[i] = 0x1000_0000_0000UL * (ulong)(i + 1) + (ulong)i;
                }
                IpcResult? received = null;
                ulong sent = 1;
                world.SpawnClient("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(0x77).Put(words))).Result);
                world.Spawn("receiver", async ctx => received = await Ipc.Wait(ctx, World.Endpoint));
                world.World.RunToEnd();
                Assert.Equal(Ok, sent);
                Assert.Equal(Ok, received!.Result);
                Assert.Equal(0x77ul, received.Label);
                Assert.Equal(words, received.Words);
            });
        }

        [Fact]
        public void StringsAreGatheredAndScatteredAcrossAddressSpaces()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpcWorld(seed);
                byte[] first = Pattern(3000, 1), second = Pattern(1500, 2);
                world.MapRam(world.Client, Ram, 2);
                world.MapRam(world.Client, Ram + 0x4000, 1);
                world.Write(world.Client, Ram + 100, first);
                world.Write(world.Client, Ram + 0x4000 + 7, second);
                ulong target = Ram + 0x10_0000;
                world.MapRam(world.World.Task, target, 3);
                ulong sent = 1;
                IpcResult? received = null;
                ulong transferredAtReceiver = 0, transferredAtSender = 0;
                world.SpawnClient("sender", async ctx =>
                {
                    var message = new MessageFrame(5).Put(42).PutString(Ram + 100, 3000).PutString(Ram + 0x4000 + 7, 1500);
                    sent = (await Ipc.Send(ctx, ClientEndpoint, message)).Result;
                    transferredAtSender = StringBuffers.Transferred(ctx.Utcb);
                });
                world.Spawn("receiver", async ctx =>
                {
                    // Two buffers: the first takes all of the first string and part of the second.
                    StringBuffers.Set(ctx.Utcb, (target, 3500), (target + 0x2000, 4000));
                    received = await Ipc.Wait(ctx, World.Endpoint);
                    transferredAtReceiver = StringBuffers.Transferred(ctx.Utcb);
                });
                world.World.RunToEnd();
                Assert.Equal(Ok, sent);
                Assert.Equal(Ok, received!.Result);
                Assert.Equal(42ul, received.Words[0]);
                Assert.Equal(4500ul, transferredAtSender);
                Assert.Equal(4500ul, transferredAtReceiver);
                byte[] all = new byte[4500];
                first.CopyTo(all, 0);
                second.CopyTo(all, 3000);
                Assert.Equal(AsInts(all[..3500]), world.Read(world.World.Task, target, 3500));
                Assert.Equal(AsInts(all[3500..]), world.Read(world.World.Task, target + 0x2000, 1000));
                // Nothing beyond the bytes sent is written.
                Assert.All(world.Read(world.World.Task, target + 0x2000 + 1000, 100), b => Assert.Equal(0, b));
            });
        }

        [Fact]
        public void AHigherPriorityThreadRunsBetweenChunks()
        {
            var world = new LongIpcWorld(7);
            const int length = 64 * 1024;
            world.MapRam(world.Client, Ram, length / 4096);
            world.Write(world.Client, Ram, Pattern(length, 3));
            ulong target = Ram + 0x10_0000;
            world.MapRam(world.World.Task, target, length / 4096);
            SimThread sender = null!;
            ulong sent = 1, received = 1;
            var seenStates = new List<ulong>();
            sender = world.SpawnClient("sender", async ctx =>
                sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, length))).Result, priority: 3);
            world.Spawn("receiver", async ctx =>
            {
                StringBuffers.Set(ctx.Utcb, (target, length));
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
            }, priority: 3);
            world.Spawn("watcher", async ctx =>
            {
                // Wakes every few ticks: each time it runs, the transfer (16 chunks) must not have held the CPU.
                for (int i = 0; i < 5; i++)
                {
                    Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(8))).Result);
                    seenStates.Add((await Scenario.Exchange(ctx, world.World.SlotOf(sender), 0)).State);
                }
            }, priority: 9);
            world.World.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received);
            Assert.Contains(StateXferSend, seenStates);
            Assert.Equal(AsInts(Pattern(length, 3)), world.Read(world.World.Task, target, length));
        }
    }
}
