// Grant (spec/Mapping/MappingGrant.dfy): the mapping moves to the receiver, the sender's page becomes empty, and
// whatever was derived from the granted mapping stays derived from it (a later demap at the new place reaches it).
using Xunit;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

public sealed class MappingGrantTests
{
    private const uint Sigma0Task = 0, Pager = 1, Client = 2, Other = 3;

    private static MappingFixture PagerWithPage()
    {
        var m = new MappingFixture(tasks: 4, frames: 32, nodes: 128);
        Assert.Equal(OK, m.Map(Sigma0Task, 9, Pager, 100));
        return m;
    }

    [Fact]
    public void GrantMovesTheMappingWithoutDuplicatingIt()
    {
        MappingFixture m = PagerWithPage();
        int before = m.Sigma().Count;

        Assert.Equal(OK, m.Grant(Pager, 100, Client, 7, (byte)(RightsR | RightsW)));

        Assert.Equal(ErrNotMapped, m.Lookup(Pager, 100).Err);
        Assert.Equal((OK, 9UL, (byte)(RightsR | RightsW)), m.Lookup(Client, 7));
        Assert.Equal(before, m.Sigma().Count);
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void DerivedMappingsFollowTheGrantedNode()
    {
        MappingFixture m = PagerWithPage();
        Assert.Equal(OK, m.Map(Pager, 100, Other, 3, RightsR));
        Assert.Equal(OK, m.Grant(Pager, 100, Client, 7));     // full rights: allowed with something derived

        // Other's mapping is now derived from the client's page: demapping the client's page removes it
        Assert.Equal((OK, 9UL, RightsR), m.Lookup(Other, 3));
        Assert.Equal(OK, m.DemapAll(Client, 7, budget: 1).Err);
        Assert.Equal(ErrNotMapped, m.Lookup(Other, 3).Err);
        Assert.Equal((OK, 9UL, RightsAll), m.Lookup(Client, 7));
        // and the granted mapping itself is still derived from sigma0's root
        Assert.Equal(OK, m.DemapAll(Sigma0Task, 9, budget: 1).Err);
        Assert.Equal(ErrNotMapped, m.Lookup(Client, 7).Err);
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void GrantErrorsChangeNothing()
    {
        MappingFixture m = PagerWithPage();
        Assert.Equal(OK, m.Map(Pager, 100, Other, 3, RightsR));
        Assert.Equal(OK, m.Map(Sigma0Task, 10, Client, 8));
        var sigma = m.Sigma();

        Assert.Equal(ErrInvalidTask, m.Grant(Pager, 100, 4, 1));
        Assert.Equal(ErrInvalidPage, m.Grant(Pager, PagesPerTask, Client, 1));
        Assert.Equal(ErrInvalidArgument, m.Grant(Pager, 100, Pager, 100));
        Assert.Equal(ErrNotMapped, m.Grant(Pager, 101, Client, 1));
        Assert.Equal(ErrInvalidArgument, m.Grant(Sigma0Task, 9, Client, 1));   // sigma0's roots are permanent
        Assert.Equal(ErrNoRights, m.Grant(Pager, 100, Client, 1, 0));
        Assert.Equal(ErrOccupied, m.Grant(Pager, 100, Client, 8));
        // cutting rights under a derived mapping (Other's) is refused
        Assert.Equal(ErrNoRights, m.Grant(Pager, 100, Client, 1, RightsR));

        Assert.Equal(sigma, m.Sigma());
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void GrantWhileADemapRunsIsBusy()
    {
        MappingFixture m = PagerWithPage();
        Assert.Equal(OK, m.Map(Pager, 100, Client, 1));
        Assert.Equal(OK, m.Map(Client, 1, Other, 1));
        Assert.Equal(OK, m.Map(Sigma0Task, 11, Client, 2));
        m.Db.Demap(Pager, 100, 1, out uint err, out bool done);
        Assert.Equal(OK, err);
        Assert.False(done);
        Assert.Equal(ErrBusy, m.Grant(Client, 2, Other, 2));
        m.Db.DemapContinue(100, out err, out done);
        Assert.True(err == OK && done);
        Assert.Equal(OK, m.Grant(Client, 2, Other, 2, RightsR));   // a leaf: its rights may be cut
        Assert.Equal((OK, 11UL, RightsR), m.Lookup(Other, 2));
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void SigmaZeroCanGrantPagesItWasGiven()
    {
        MappingFixture m = PagerWithPage();
        Assert.Equal(OK, m.Map(Pager, 100, Sigma0Task, 40));           // page 40 >= frames: not a root
        Assert.Equal(OK, m.Grant(Sigma0Task, 40, Client, 40, RightsR));
        Assert.Equal((OK, 9UL, RightsR), m.Lookup(Client, 40));
        Assert.Equal(ErrNotMapped, m.Lookup(Sigma0Task, 40).Err);
        m.AssertInvariant();
    }
}
