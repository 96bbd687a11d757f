// Helpers for ThreadTable tests: construction, reaching a state through the operations, the invariant in C#.
using ThreadState;
using Xunit;
using static ThreadState.__default;

namespace Verified.Core.Tests;

internal static class ThreadTables
{
    /// <summary>A new table: Dafny constructors compile to a parameterless C# constructor plus `__ctor`.</summary>
    public static ThreadTable New(uint capacity)
    {
        var table = new ThreadTable();
        table.__ctor(capacity);
        return table;
    }

    /// <summary>A new table in which thread `t` was driven into `state` through the public operations only.</summary>
    public static ThreadTable WithThreadIn(uint capacity, uint t, byte state)
    {
        var table = New(capacity);
        if (state == Free)
        {
            return table;
        }
        Assert.Equal(OK, table.Create(t));
        if (state == Dead)
        {
            Assert.Equal(OK, table.Kill(t));
        }
        else if (state != Ready)
        {
            Assert.Equal(OK, table.Dispatch(t));
            if (state != Running)
            {
                Assert.Equal(OK, table.Block(state));
            }
        }
        Assert.Equal(state, table.state[t]);
        return table;
    }

    /// <summary>
    /// The spec's `Valid()`, recomputed from the arrays: every state is one of the six, at most one thread is
    /// Running, and it is `current`; `current` is NoThread exactly when none runs.
    /// </summary>
    public static void AssertInvariant(ThreadTable table)
    {
        Assert.Equal((int)table.capacity, table.state.Length);
        int running = 0;
        uint runningId = NoThread;
        for (uint i = 0; i < table.capacity; i++)
        {
            Assert.InRange(table.state[i], Free, Dead);
            if (table.state[i] == Running)
            {
                running++;
                runningId = i;
            }
        }
        Assert.InRange(running, 0, 1);
        Assert.Equal(runningId, table.current);
    }
}
