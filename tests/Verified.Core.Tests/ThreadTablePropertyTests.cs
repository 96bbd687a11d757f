// Random operation sequences with fixed seeds: after every step the invariant holds and the table agrees with a
// reference model written from the spec's step relations.
using System;
using ThreadState;
using Xunit;
using static ThreadState.__default;

namespace Verified.Core.Tests;

public sealed class ThreadTablePropertyTests
{
    private const int Steps = 20_000;

    [Theory]
    [InlineData(1, 1u)]
    [InlineData(2, 2u)]
    [InlineData(3, 5u)]
    [InlineData(4, 8u)]
    [InlineData(5, 8u)]
    [InlineData(6, 64u)]
    public void RandomOperationSequencesKeepTheInvariantAndMatchTheModel(int seed, uint capacity)
    {
        var random = new Random(seed);
        var table = ThreadTables.New(capacity);
        var model = new ReferenceModel(capacity);
        var seen = new int[6];

        for (int step = 0; step < Steps; step++)
        {
            int op = random.Next(6);
            uint t = RandomThreadId(random, capacity);
            byte reason = (byte)random.Next(7);
            (uint actual, uint expected) = op switch
            {
                0 => (table.Create(t), model.Create(t)),
                1 => (table.Dispatch(t), model.Dispatch(t)),
                2 => (table.Yield(), model.Yield()),
                3 => (table.Block(reason), model.Block(reason)),
                4 => (table.Wake(t), model.Wake(t)),
                _ => (table.Kill(t), model.Kill(t)),
            };
            if (actual == OK)
            {
                seen[op]++;
            }

            Assert.True(expected == actual, $"seed {seed}, step {step}: op {op}({t}, {reason}) returned {actual}, model {expected}");
            Assert.Equal(model.State, table.state);
            Assert.Equal(model.Current, table.current);
            ThreadTables.AssertInvariant(table);
        }
        Assert.All(seen, n => Assert.True(n > 0, "every operation succeeded at least once"));
    }

    /// <summary>Mostly valid ids, sometimes just out of range, sometimes the NoThread sentinel.</summary>
    private static uint RandomThreadId(Random random, uint capacity) => random.Next(20) switch
    {
        0 => capacity + (uint)random.Next(3),
        1 => NoThread,
        _ => (uint)random.Next((int)capacity),
    };

    /// <summary>The step relations of spec/ThreadState.dfy, restated in C# independently of the generated code.</summary>
    private sealed class ReferenceModel
    {
        public ReferenceModel(uint capacity) => State = new byte[capacity];

        public byte[] State { get; }

        public uint Current { get; private set; } = NoThread;

        private bool Valid(uint t) => t < State.Length;

        public uint Create(uint t) => !Valid(t) ? ErrInvalidThread
            : State[t] != Free && State[t] != Dead ? ErrWrongState
            : Set(t, Ready);

        public uint Dispatch(uint t)
        {
            if (!Valid(t))
            {
                return ErrInvalidThread;
            }
            if (State[t] != Ready)
            {
                return ErrWrongState;
            }
            if (Current != NoThread)
            {
                State[Current] = Ready;
            }
            Current = t;
            return Set(t, Running);
        }

        public uint Yield() => Deschedule(Ready);

        public uint Block(byte reason) =>
            reason != BlockedSend && reason != BlockedReceive ? ErrInvalidArgument : Deschedule(reason);

        public uint Wake(uint t) => !Valid(t) ? ErrInvalidThread
            : State[t] != BlockedSend && State[t] != BlockedReceive ? ErrWrongState
            : Set(t, Ready);

        public uint Kill(uint t)
        {
            if (!Valid(t))
            {
                return ErrInvalidThread;
            }
            if (State[t] == Free || State[t] == Dead)
            {
                return ErrWrongState;
            }
            if (t == Current)
            {
                Current = NoThread;
            }
            return Set(t, Dead);
        }

        private uint Deschedule(byte to)
        {
            if (Current == NoThread)
            {
                return ErrNoCurrent;
            }
            State[Current] = to;
            Current = NoThread;
            return OK;
        }

        private uint Set(uint t, byte s)
        {
            State[t] = s;
            return OK;
        }
    }
}
