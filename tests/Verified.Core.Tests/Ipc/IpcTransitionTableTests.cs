// The spec's transition table (spec/Ipc/IpcTransitions.dfy, source of docs/ipc-states.dot) against the compiled
// core: every state change seen in long random runs is a listed transition (a change to Running may pass through
// Ready within one operation; Kill goes to Dead from any live state), and every listed transition is seen.
using System;
using System.Collections.Generic;
using IpcState;
using Xunit;
using static IpcTypes.__default;
using T = IpcTransitions.__default;

namespace Verified.Core.Tests.Ipc;

public sealed class IpcTransitionTableTests
{
    private static HashSet<(byte, byte)> Table()
    {
        var table = new HashSet<(byte, byte)>();
        for (uint i = 0; i < T.Count; i++)
        {
            uint e = T.Entry(i);
            table.Add(((byte)(e / 0x10000), (byte)(e / 0x100 % 0x100)));
        }
        return table;
    }

    private static bool Listed(HashSet<(byte, byte)> table, byte from, byte to) =>
        table.Contains((from, to))
        || (to == Running && table.Contains((from, Ready)))
        || (to == Dead && from != Free && from != Dead)
        || (from == Ready && table.Contains((Running, to)));   // dispatched and blocked within one call

    [Fact]
    public void EveryObservedStateChangeIsInTheTableAndEveryEntryIsObserved()
    {
        var table = Table();
        var seen = new HashSet<(byte, byte)>();
        Run(table, seen, 11, 8, 2);
        Run(table, seen, 12, 16, 3);
        Run(table, seen, 13, 4, 1);
        foreach (var entry in table)
        {
            bool observed = seen.Contains(entry) || (entry.Item2 == Ready && seen.Contains((entry.Item1, Running)));
            Assert.True(observed, $"listed transition {entry.Item1} -> {entry.Item2} never observed");
        }
    }

    private static void Run(HashSet<(byte, byte)> table, HashSet<(byte, byte)> seen, int seed, uint threads, uint endpoints)
    {
        var random = new Random(seed);
        var k = IpcKernels.New(threads, endpoints);
        var before = new byte[threads];
        ulong now = 0;
        for (int step = 0; step < 50_000; step++)
        {
            Array.Copy(k.state, before, threads);
            uint t = (uint)random.Next((int)threads);
            uint e = (uint)random.Next((int)endpoints);
            ulong len = random.Next(4) == 0 ? 200ul : 2ul;
            ulong timeout = random.Next(3) switch { 0 => TimeoutZero, 1 => TimeoutNever, _ => (ulong)random.Next(1, 20) };
            switch (random.Next(17))
            {
                case 0: k.CreateThread(t, (byte)random.Next(32)); k.m.recvMax[t] = (ulong)random.Next(300); k.m.recvRights[t] = 7; break;
                case 1: k.CreateEndpoint(e); break;
                case 2: k.Send(e, 1, len, (ulong)random.Next(2), timeout, now); break;
                case 3: k.Call(e, 1, len, 0, timeout, timeout, now); break;
                case 4: k.Wait(e, (ulong)random.Next(300), 7, timeout, now); break;
                case 5: k.Receive(t, 300, 7, timeout, now); break;
                case 6: k.ReplyWait(t, 1, len, 0, e, 300, 7, timeout, now); break;
                case 7: k.Sleep(timeout, now); break;
                case 8: k.Cancel(t); break;
                case 9: k.Abort(t); break;
                case 10: if (random.Next(6) == 0) k.Kill(t); break;
                case 11: if (random.Next(20) == 0) k.DestroyEndpoint(e); break;
                case 12: k.TransferChunk(t, now); break;
                case 13: k.PageFault(t, timeout, now); break;
                case 14: k.PageFaultDone(t, random.Next(2) == 0); break;
                case 15: k.Reply(t, 1, len, 0, now); break;
                default: now++; k.Tick(now); break;
            }
            for (uint u = 0; u < threads; u++)
            {
                byte from = before[u], to = k.state[u];
                if (from == to) continue;
                Assert.True(Listed(table, from, to), $"seed {seed} step {step}: thread {u} {from} -> {to} is not in IpcTransitions");
                seen.Add((from, to));
            }
        }
    }
}
