// Tests of ThreadState.ThreadTable (compiled from spec/ThreadState.dfy): every operation from every state.
using System.Collections.Generic;
using System.Linq;
using ThreadState;
using Xunit;
using static ThreadState.__default;

namespace Verified.Core.Tests;

public sealed class ThreadTableTests
{
    private const uint Capacity = 4;

    /// <summary>All six thread states.</summary>
    public static IEnumerable<object[]> AllStates() =>
        new[] { Free, Ready, Running, BlockedSend, BlockedReceive, Dead }.Select(s => new object[] { s });

    /// <summary>Thread ids that are out of range for a table of <see cref="Capacity"/> threads.</summary>
    public static IEnumerable<object[]> InvalidIds() =>
        new[] { Capacity, Capacity + 1, 0x7FFF_FFFFu, NoThread }.Select(t => new object[] { t });

    [Fact]
    public void NewTableHasEveryThreadFreeAndNoneRunning()
    {
        var table = ThreadTables.New(Capacity);

        Assert.Equal(Capacity, table.capacity);
        Assert.Equal((int)Capacity, table.state.Length);
        Assert.All(table.state, s => Assert.Equal(Free, s));
        Assert.Equal(NoThread, table.current);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void CreateMovesFreeAndDeadToReadyAndRejectsLiveThreads(byte from)
    {
        var table = ThreadTables.WithThreadIn(Capacity, 1, from);
        bool applies = from == Free || from == Dead;

        uint err = table.Create(1);

        Assert.Equal(applies ? OK : ErrWrongState, err);
        Assert.Equal(applies ? Ready : from, table.state[1]);
        ThreadTables.AssertInvariant(table);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void DispatchRunsOnlyAReadyThread(byte from)
    {
        var table = ThreadTables.WithThreadIn(Capacity, 2, from);
        uint currentBefore = table.current;

        uint err = table.Dispatch(2);

        if (from == Ready)
        {
            Assert.Equal(OK, err);
            Assert.Equal(Running, table.state[2]);
            Assert.Equal(2u, table.current);
        }
        else
        {
            Assert.Equal(ErrWrongState, err);
            Assert.Equal(from, table.state[2]);
            Assert.Equal(currentBefore, table.current);
        }
        ThreadTables.AssertInvariant(table);
    }

    [Fact]
    public void DispatchPreemptsTheRunningThreadToReady()
    {
        var table = ThreadTables.WithThreadIn(Capacity, 0, Running);
        Assert.Equal(OK, table.Create(3));

        Assert.Equal(OK, table.Dispatch(3));

        Assert.Equal(Ready, table.state[0]);
        Assert.Equal(Running, table.state[3]);
        Assert.Equal(3u, table.current);
        ThreadTables.AssertInvariant(table);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void WakeMovesOnlyBlockedThreadsToReady(byte from)
    {
        var table = ThreadTables.WithThreadIn(Capacity, 3, from);
        bool applies = from == BlockedSend || from == BlockedReceive;

        uint err = table.Wake(3);

        Assert.Equal(applies ? OK : ErrWrongState, err);
        Assert.Equal(applies ? Ready : from, table.state[3]);
        ThreadTables.AssertInvariant(table);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void KillMovesEveryLiveThreadToDead(byte from)
    {
        var table = ThreadTables.WithThreadIn(Capacity, 0, from);
        bool applies = from != Free && from != Dead;

        uint err = table.Kill(0);

        Assert.Equal(applies ? OK : ErrWrongState, err);
        Assert.Equal(applies ? Dead : from, table.state[0]);
        if (from == Running)
        {
            Assert.Equal(NoThread, table.current);
        }
        ThreadTables.AssertInvariant(table);
    }

    [Fact]
    public void KillOfAnotherThreadLeavesTheRunningThreadRunning()
    {
        var table = ThreadTables.WithThreadIn(Capacity, 0, Running);
        Assert.Equal(OK, table.Create(1));

        Assert.Equal(OK, table.Kill(1));

        Assert.Equal(0u, table.current);
        Assert.Equal(Running, table.state[0]);
    }

    [Fact]
    public void YieldMakesTheRunningThreadReady()
    {
        var table = ThreadTables.WithThreadIn(Capacity, 2, Running);

        Assert.Equal(OK, table.Yield());

        Assert.Equal(Ready, table.state[2]);
        Assert.Equal(NoThread, table.current);
        ThreadTables.AssertInvariant(table);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void YieldWithoutARunningThreadFails(byte other)
    {
        if (other == Running)
        {
            return; // covered by YieldMakesTheRunningThreadReady
        }
        var table = ThreadTables.WithThreadIn(Capacity, 1, other);
        var before = (byte[])table.state.Clone();

        Assert.Equal(ErrNoCurrent, table.Yield());

        Assert.Equal(before, table.state);
        Assert.Equal(NoThread, table.current);
    }

    [Theory]
    [InlineData((byte)3)] // BlockedSend
    [InlineData((byte)4)] // BlockedReceive
    public void BlockPutsTheRunningThreadInTheGivenBlockedState(byte reason)
    {
        var table = ThreadTables.WithThreadIn(Capacity, 1, Running);

        Assert.Equal(OK, table.Block(reason));

        Assert.Equal(reason, table.state[1]);
        Assert.Equal(NoThread, table.current);
        ThreadTables.AssertInvariant(table);
    }

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)1)]
    [InlineData((byte)2)]
    [InlineData((byte)5)]
    [InlineData((byte)6)]
    [InlineData((byte)255)]
    public void BlockRejectsAReasonThatIsNotABlockedState(byte reason)
    {
        var running = ThreadTables.WithThreadIn(Capacity, 1, Running);
        var idle = ThreadTables.New(Capacity);

        Assert.Equal(ErrInvalidArgument, running.Block(reason));
        Assert.Equal(ErrInvalidArgument, idle.Block(reason)); // the argument is checked first

        Assert.Equal(Running, running.state[1]);
        Assert.Equal(1u, running.current);
    }

    [Fact]
    public void BlockWithoutARunningThreadFails()
    {
        var table = ThreadTables.WithThreadIn(Capacity, 1, Ready);

        Assert.Equal(ErrNoCurrent, table.Block(BlockedReceive));
        Assert.Equal(Ready, table.state[1]);
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void EveryOperationRejectsAnOutOfRangeThreadId(uint t)
    {
        var table = ThreadTables.WithThreadIn(Capacity, 0, Running);
        var before = (byte[])table.state.Clone();

        Assert.Equal(ErrInvalidThread, table.Create(t));
        Assert.Equal(ErrInvalidThread, table.Dispatch(t));
        Assert.Equal(ErrInvalidThread, table.Wake(t));
        Assert.Equal(ErrInvalidThread, table.Kill(t));

        Assert.Equal(before, table.state);
        Assert.Equal(0u, table.current);
    }

    [Fact]
    public void AKilledThreadCanBeCreatedAgainAndRun()
    {
        var table = ThreadTables.WithThreadIn(Capacity, 2, Dead);

        Assert.Equal(ErrWrongState, table.Dispatch(2));
        Assert.Equal(OK, table.Create(2));
        Assert.Equal(OK, table.Dispatch(2));

        Assert.Equal(2u, table.current);
    }

    [Fact]
    public void ATableOfMaxThreadsWorksAtBothEnds()
    {
        var table = ThreadTables.New(MaxThreads);
        uint last = MaxThreads - 1;

        Assert.Equal(OK, table.Create(last));
        Assert.Equal(OK, table.Dispatch(last));
        Assert.Equal(ErrInvalidThread, table.Create(MaxThreads));

        Assert.Equal(last, table.current);
        ThreadTables.AssertInvariant(table);
    }
}
