// The file-server example of recursive address spaces: the server maps a cache page into the client's buffer,
// then moves the client's buffer to a new block: it demaps the old cache page (which takes the client's mapping
// with it) and maps the new one at the same client page. Also the occupied-page semantics.
using Xunit;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

public sealed class MappingFileServerTests
{
    private const uint Sigma0Task = 0, Server = 1, Client = 2;
    private const ulong CacheA = 100, CacheB = 101;   // server pages v', v''
    private const ulong Buffer = 5;                    // client page v

    private static MappingFixture ServerWithCache()
    {
        var m = new MappingFixture(tasks: 3, frames: 64, nodes: 256);
        // sigma0 gives the server two frames for its cache
        Assert.Equal(OK, m.Map(Sigma0Task, 10, Server, CacheA));
        Assert.Equal(OK, m.Map(Sigma0Task, 11, Server, CacheB));
        return m;
    }

    [Fact]
    public void ReadBlockRemapsTheClientBuffer()
    {
        MappingFixture m = ServerWithCache();

        // open: sigma_client(v) = sigma_server(v'), read-only for the client
        Assert.Equal(OK, m.Map(Server, CacheA, Client, Buffer, RightsR));
        Assert.Equal((OK, 10UL, RightsR), m.Lookup(Client, Buffer));

        // read the next block: demap v' (the client loses it), map v'' at the same client page
        Assert.Equal(OK, m.DemapAll(Server, CacheA, budget: 1).Err);
        Assert.Equal(ErrNotMapped, m.Lookup(Client, Buffer).Err);
        Assert.Equal((OK, 10UL, RightsAll), m.Lookup(Server, CacheA));   // the owner keeps its own page
        Assert.Equal(OK, m.Map(Server, CacheB, Client, Buffer, RightsR));
        Assert.Equal((OK, 11UL, RightsR), m.Lookup(Client, Buffer));

        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void DemapReachesMappingsDerivedAtAnyDepth()
    {
        MappingFixture m = ServerWithCache();
        Assert.Equal(OK, m.Map(Server, CacheA, Client, Buffer));
        Assert.Equal(OK, m.Map(Client, Buffer, Server, 200));           // the client passes it on ...
        Assert.Equal(OK, m.Map(Server, 200, Client, 6, RightsR));        // ... and it comes back, deeper
        Assert.Equal(OK, m.Map(Server, CacheB, Client, 7));              // unrelated: another frame

        var (err, steps) = m.DemapAll(Server, CacheA, budget: 2);
        Assert.Equal(OK, err);
        Assert.True(steps > 1, "a budget of 2 must preempt a demap of 3 derived mappings");
        Assert.Equal(ErrNotMapped, m.Lookup(Client, Buffer).Err);
        Assert.Equal(ErrNotMapped, m.Lookup(Server, 200).Err);
        Assert.Equal(ErrNotMapped, m.Lookup(Client, 6).Err);
        Assert.Equal((OK, 11UL, RightsAll), m.Lookup(Client, 7));
        Assert.Equal((OK, 10UL, RightsAll), m.Lookup(Server, CacheA));
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void MappingOverAnOccupiedPageFailsAndChangesNothing()
    {
        MappingFixture m = ServerWithCache();
        Assert.Equal(OK, m.Map(Server, CacheA, Client, Buffer));
        Assert.Equal(ErrOccupied, m.Map(Server, CacheB, Client, Buffer));
        Assert.Equal((OK, 10UL, RightsAll), m.Lookup(Client, Buffer));
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void RightsNeverGrowAndBusyWhileDemapRuns()
    {
        MappingFixture m = ServerWithCache();
        Assert.Equal(OK, m.Map(Server, CacheA, Client, Buffer, RightsR));
        Assert.Equal(OK, m.Map(Client, Buffer, Server, 300, RightsAll));  // asks for rwx, gets r
        Assert.Equal(RightsR, m.Lookup(Server, 300).Rights);
        Assert.Equal(ErrNoRights, m.Map(Client, Buffer, Server, 301, RightsW));

        m.Db.Demap(Server, CacheA, 1, out uint err, out bool done);
        Assert.Equal(OK, err);
        Assert.False(done);
        Assert.Equal(ErrBusy, m.Map(Server, CacheB, Client, 9));
        m.Db.Demap(Server, CacheB, 1, out err, out _);
        Assert.Equal(ErrBusy, err);
        m.Db.DemapContinue(1000, out err, out done);
        Assert.True(done);
        m.Db.DemapContinue(1, out err, out _);
        Assert.Equal(ErrNoDemap, err);
        m.AssertInvariant();
        m.AssertPageTablesAgree();
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        MappingFixture m = ServerWithCache();
        Assert.Equal(ErrInvalidTask, m.Map(3, 0, Client, 0));
        Assert.Equal(ErrInvalidPage, m.Map(Server, PagesPerTask, Client, 0));
        Assert.Equal(ErrInvalidArgument, m.Map(Server, CacheA, Server, CacheA));
        Assert.Equal(ErrNotMapped, m.Map(Client, 0, Server, 0));
        Assert.Equal(ErrNoRights, m.Map(Server, CacheA, Client, 0, 0));
        Assert.Equal(ErrInvalidTask, m.Lookup(9, 0).Err);
        m.Db.Demap(Client, 0, 10, out uint err, out _);
        Assert.Equal(ErrNotMapped, err);
        m.AssertInvariant();
    }
}
