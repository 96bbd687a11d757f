// Demap with the flush flag (spec/Mapping/MappingFlush.dfy): the preemptible demap removes the derived mappings,
// then FlushOwn removes the owner's own mapping from wherever it sits in its parent's child list. sigma0's identity
// mappings are permanent.
using Xunit;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

public sealed class MappingFlushTests
{
    private const uint Sigma0Task = 0, Pager = 1, Client = 2, Other = 3;

    private static uint FlushOwn(MappingFixture m, uint t, ulong v) => MappingFlush.__default.FlushOwn(m.Db, t, v);

    /// <summary>Demap with the flush flag, as the kernel runs it: preemptible demap, then the owner's mapping.</summary>
    private static uint Flush(MappingFixture m, uint t, ulong v, uint budget)
    {
        var (err, _) = m.DemapAll(t, v, budget);
        return err != OK ? err : FlushOwn(m, t, v);
    }

    [Fact]
    public void FlushRemovesTheOwnersMappingAndEverythingDerived()
    {
        var m = new MappingFixture(tasks: 4, frames: 32, nodes: 128);
        Assert.Equal(OK, m.Map(Sigma0Task, 3, Pager, 10));
        Assert.Equal(OK, m.Map(Sigma0Task, 3, Pager, 11));
        Assert.Equal(OK, m.Map(Sigma0Task, 3, Pager, 12));           // children of root 3: 12, 11, 10 (11 in the middle)
        Assert.Equal(OK, m.Map(Pager, 11, Client, 1, RightsR));
        Assert.Equal(OK, m.Map(Client, 1, Other, 1, RightsR));

        Assert.Equal(OK, Flush(m, Pager, 11, budget: 1));

        Assert.Equal(ErrNotMapped, m.Lookup(Pager, 11).Err);
        Assert.Equal(ErrNotMapped, m.Lookup(Client, 1).Err);
        Assert.Equal(ErrNotMapped, m.Lookup(Other, 1).Err);
        Assert.Equal((OK, 3UL, RightsAll), m.Lookup(Pager, 10));
        Assert.Equal((OK, 3UL, RightsAll), m.Lookup(Pager, 12));
        Assert.Equal((OK, 3UL, RightsAll), m.Lookup(Sigma0Task, 3));
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Theory]
    [InlineData(10UL)]   // last child
    [InlineData(11UL)]   // middle child
    [InlineData(12UL)]   // first child
    public void FlushOfALeafAtAnyPositionInTheSiblingList(ulong page)
    {
        var m = new MappingFixture(tasks: 2, frames: 8, nodes: 32);
        Assert.Equal(OK, m.Map(Sigma0Task, 5, Pager, 10));
        Assert.Equal(OK, m.Map(Sigma0Task, 5, Pager, 11));
        Assert.Equal(OK, m.Map(Sigma0Task, 5, Pager, 12));
        Assert.Equal(OK, FlushOwn(m, Pager, page));
        foreach (ulong other in new ulong[] { 10, 11, 12 })
        {
            Assert.Equal(other == page ? ErrNotMapped : OK, m.Lookup(Pager, other).Err);
        }
        m.AssertInvariant();
        m.AssertPageTablesAgree();
        // the freed node is reused by the next map
        Assert.Equal(OK, m.Map(Sigma0Task, 6, Pager, page));
        m.AssertInvariant();
    }

    [Fact]
    public void FlushErrorsChangeNothing()
    {
        var m = new MappingFixture(tasks: 3, frames: 16, nodes: 64);
        Assert.Equal(OK, m.Map(Sigma0Task, 3, Pager, 10));
        Assert.Equal(OK, m.Map(Pager, 10, Client, 1));
        var sigma = m.Sigma();

        Assert.Equal(ErrInvalidTask, FlushOwn(m, 3, 0));
        Assert.Equal(ErrInvalidPage, FlushOwn(m, Pager, PagesPerTask));
        Assert.Equal(ErrNotMapped, FlushOwn(m, Pager, 11));
        Assert.Equal(ErrInvalidArgument, FlushOwn(m, Sigma0Task, 3));   // sigma0's roots are permanent
        Assert.Equal(ErrBusy, FlushOwn(m, Pager, 10));                  // Client's mapping is derived from it
        m.Db.Demap(Pager, 10, 0, out uint err, out bool done);         // a demap that has not run yet
        Assert.True(err == OK && !done);
        Assert.Equal(ErrBusy, FlushOwn(m, Client, 1));
        Assert.Equal(sigma, m.Sigma());
        m.Db.DemapContinue(10, out err, out done);
        Assert.True(err == OK && done);
        Assert.Equal(OK, FlushOwn(m, Pager, 10));
        Assert.Equal(ErrNotMapped, m.Lookup(Client, 1).Err);
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void FlushOfASigma0RootDemapsWhatWasDerivedAndKeepsTheRoot()
    {
        var m = new MappingFixture(tasks: 2, frames: 8, nodes: 32);
        Assert.Equal(OK, m.Map(Sigma0Task, 2, Pager, 10));
        Assert.Equal(ErrInvalidArgument, Flush(m, Sigma0Task, 2, budget: 1));
        Assert.Equal(ErrNotMapped, m.Lookup(Pager, 10).Err);
        Assert.Equal((OK, 2UL, RightsAll), m.Lookup(Sigma0Task, 2));
        m.AssertInvariant();
    }
}
