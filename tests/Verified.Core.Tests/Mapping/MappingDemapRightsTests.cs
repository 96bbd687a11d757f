// Demap with a rights mask (spec/Mapping/MappingDemapRights.dfy): every mapping derived from the page loses the
// rights in the mask, one left with none is removed; the page's own mapping and unrelated ones stay. The walk is
// post-order and preemptible; while it runs, the other operations answer ErrBusy.
using Xunit;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

public sealed class MappingDemapRightsTests
{
    private const uint Sigma0Task = 0, Pager = 1, Client = 2, Other = 3;
    private const byte RW = 6, RX = 5;

    private static uint Continue(MappingFixture m, uint budget, out bool done)
    {
        MappingDemapRights.__default.DemapRightsContinue(m.Db, m.Walk, budget, out uint err, out done);
        return err;
    }

    private static (uint Err, bool Done) Start(MappingFixture m, uint t, ulong v, byte mask, uint budget)
    {
        MappingDemapRights.__default.DemapRights(m.Db, m.Walk, t, v, mask, budget, out uint err, out bool done);
        return (err, done);
    }

    // sigma0:3 -> Pager:10 (rwx) -> Client:1 (rw) -> Other:1 (r); Pager:10 -> Client:2 (rx); sigma0:4 -> Pager:11.
    private static MappingFixture Chain()
    {
        var m = new MappingFixture(tasks: 4, frames: 16, nodes: 64);
        Assert.Equal(OK, m.Map(Sigma0Task, 3, Pager, 10));
        Assert.Equal(OK, m.Map(Pager, 10, Client, 1, RW));
        Assert.Equal(OK, m.Map(Client, 1, Other, 1, RightsR));
        Assert.Equal(OK, m.Map(Pager, 10, Client, 2, RX));
        Assert.Equal(OK, m.Map(Sigma0Task, 4, Pager, 11));
        return m;
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(64u)]
    public void WriteMaskReducesEveryDerivedMapping(uint budget)
    {
        var m = Chain();
        Assert.Equal(OK, m.DemapRightsAll(Pager, 10, RightsW, budget).Err);
        Assert.Equal((OK, 3UL, RightsAll), m.Lookup(Pager, 10));           // the page's own mapping stays
        Assert.Equal((OK, 3UL, RightsR), m.Lookup(Client, 1));             // rw -> r
        Assert.Equal((OK, 3UL, RightsR), m.Lookup(Other, 1));              // r stays r
        Assert.Equal((OK, 3UL, RX), m.Lookup(Client, 2));                  // rx holds no w
        Assert.Equal((OK, 4UL, RightsAll), m.Lookup(Pager, 11));           // unrelated
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void MappingsLeftWithNoRightsAreRemoved()
    {
        var m = Chain();
        Assert.Equal(OK, m.DemapRightsAll(Pager, 10, RightsR, budget: 1).Err);
        Assert.Equal((OK, 3UL, RightsAll), m.Lookup(Pager, 10));
        Assert.Equal((OK, 3UL, RightsW), m.Lookup(Client, 1));             // rw -> w
        Assert.Equal(ErrNotMapped, m.Lookup(Other, 1).Err);                // r -> nothing: removed
        Assert.Equal((OK, 3UL, RightsX), m.Lookup(Client, 2));             // rx -> x
        m.AssertInvariant();
        m.AssertPageTablesAgree();
        // the freed node is reused
        Assert.Equal(OK, m.Map(Client, 1, Other, 1));
        Assert.Equal((OK, 3UL, RightsW), m.Lookup(Other, 1));
        m.AssertInvariant();
    }

    [Fact]
    public void FullMaskIsDemap()
    {
        var a = Chain();
        var b = Chain();
        Assert.Equal(OK, a.DemapAll(Pager, 10, budget: 3).Err);
        Assert.Equal(OK, b.DemapRightsAll(Pager, 10, RightsAll, budget: 3).Err);
        Assert.Equal(a.Sigma(), b.Sigma());
        Assert.Equal(ErrNotMapped, b.Lookup(Client, 1).Err);
        b.AssertInvariant();
        b.AssertPageTablesAgree();
    }

    [Fact]
    public void EmptyMaskChangesNothing()
    {
        var m = Chain();
        var before = m.Sigma();
        Assert.Equal(OK, m.DemapRightsAll(Pager, 10, 0, budget: 1).Err);
        Assert.Equal(before, m.Sigma());
        m.AssertInvariant();
    }

    [Fact]
    public void OnASigma0RootTheRootStays()
    {
        var m = Chain();
        Assert.Equal(OK, m.DemapRightsAll(Sigma0Task, 3, RightsAll, budget: 2).Err);
        Assert.Equal((OK, 3UL, RightsAll), m.Lookup(Sigma0Task, 3));
        Assert.Equal(ErrNotMapped, m.Lookup(Pager, 10).Err);
        Assert.Equal((OK, 4UL, RightsAll), m.Lookup(Pager, 11));
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void PreemptedWalkKeepsRightsFromGrowingAndBlocksOtherOperations()
    {
        var m = Chain();
        var (err, done) = Start(m, Pager, 10, RightsR, budget: 1);
        Assert.Equal(OK, err);
        int steps = 1;
        while (!done)
        {
            m.AssertInvariant();                                           // child rights within parent's at every stop
            m.AssertPageTablesAgree();
            Assert.Equal(ErrBusy, m.Map(Sigma0Task, 5, Client, 5));
            Assert.Equal(ErrBusy, m.Grant(Client, 2, Client, 7));
            Assert.Equal(ErrBusy, MappingFlush.__default.FlushOwn(m.Db, Pager, 11));
            m.Db.Demap(Pager, 11, 4, out uint demapErr, out bool demapDone);
            Assert.True(demapErr == ErrBusy && !demapDone);
            Assert.Equal((ErrBusy, false), Start(m, Pager, 11, RightsR, budget: 4));
            Assert.Equal(OK, Continue(m, 1, out done));
            steps++;
        }
        Assert.True(steps > 4, $"only {steps} steps");
        Assert.Equal(ErrNoDemap, Continue(m, 1, out done));
        Assert.False(done);
        Assert.Equal(OK, m.Map(Sigma0Task, 5, Client, 5));                 // the lock is released
        m.AssertInvariant();
    }

    [Fact]
    public void ErrorsChangeNothing()
    {
        var m = Chain();
        var before = m.Sigma();
        Assert.Equal((ErrInvalidTask, false), Start(m, 4, 0, RightsW, 8));
        Assert.Equal((ErrInvalidPage, false), Start(m, Pager, PagesPerTask, RightsW, 8));
        Assert.Equal((ErrNotMapped, false), Start(m, Pager, 12, RightsW, 8));
        m.Db.Demap(Pager, 10, 0, out uint err, out bool done);             // a plain demap that has not run yet
        Assert.True(err == OK && !done);
        Assert.Equal((ErrBusy, false), Start(m, Pager, 11, RightsW, 8));
        Assert.Equal(ErrNoDemap, Continue(m, 8, out done));
        Assert.Equal(before, m.Sigma());
        m.AssertInvariant();
    }

    [Fact]
    public void WideAndDeepTreeWithCleanSubtreesSkipped()
    {
        var m = new MappingFixture(tasks: 4, frames: 8, nodes: 256);
        // Pager:0 gets sigma0's page 2; Client pages 0..19 from it with alternating rights; Other derives from each.
        Assert.Equal(OK, m.Map(Sigma0Task, 2, Pager, 0));
        for (ulong i = 0; i < 20; i++)
        {
            byte r = (i % 3) switch { 0 => RightsAll, 1 => RX, _ => RightsR };
            Assert.Equal(OK, m.Map(Pager, 0, Client, i, r));
            Assert.Equal(OK, m.Map(Client, i, Other, i, (byte)(r & RW)));
            Assert.Equal(OK, m.Map(Other, i, Other, 100 + i, RightsR));
        }
        Assert.Equal(OK, m.DemapRightsAll(Pager, 0, RightsX, budget: 3).Err);
        for (ulong i = 0; i < 20; i++)
        {
            byte r = (i % 3) switch { 0 => RightsAll, 1 => RX, _ => RightsR };
            Assert.Equal((OK, 2UL, (byte)(r & RW)), m.Lookup(Client, i));
            Assert.Equal((OK, 2UL, (byte)(r & RW)), m.Lookup(Other, i));
            Assert.Equal((OK, 2UL, RightsR), m.Lookup(Other, 100 + i));
        }
        m.AssertInvariant();
        m.AssertPageTablesAgree();
        Assert.Equal(OK, m.DemapRightsAll(Pager, 0, RightsR, budget: 5).Err);
        for (ulong i = 0; i < 20; i++)
        {
            byte r = (byte)((i % 3) switch { 0 => RightsAll, 1 => RX, _ => RightsR } & RightsW);
            Assert.Equal(r == 0 ? ErrNotMapped : OK, m.Lookup(Client, i).Err);
            Assert.Equal(r == 0 ? ErrNotMapped : OK, m.Lookup(Other, i).Err);
            Assert.Equal(ErrNotMapped, m.Lookup(Other, 100 + i).Err);
        }
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }
}
