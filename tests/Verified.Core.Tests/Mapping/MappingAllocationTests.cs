// The compiled core allocates nothing after construction: map, grant, lookup, preemptible demap and flush run on the
// arrays the constructor made (the freestanding kernel has no garbage collector).
using System;
using Xunit;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

public sealed class MappingAllocationTests
{
    [Fact]
    public void MapGrantLookupDemapFlushAllocateNothing()
    {
        var m = new MappingFixture(tasks: 4, frames: 32, nodes: 512);
        var db = m.Db;
        Run(db); // warm-up: JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Run(db);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        m.AssertInvariant();
    }

    private static void Run(MappingDatabase.MappingDb db)
    {
        for (uint f = 0; f < 16; f++)
        {
            db.Map(0, f, 1, f, RightsAll);
            db.Map(1, f, 2, 100 + f, RightsR);
            db.Map(2, 100 + f, 3, f, RightsR);
            MappingGrant.__default.Grant(db, 3, f, 3, 200 + f, RightsR);
            db.Lookup(3, 200 + f, out _, out _, out _);
        }
        for (uint f = 0; f < 16; f++)
        {
            // flush of task 1's page: its derived mappings, then its own
            db.Demap(1, f, 2, out uint err, out bool done);
            while (err == OK && !done)
            {
                db.DemapContinue(2, out err, out done);
            }
            MappingFlush.__default.FlushOwn(db, 1, f);
        }
        for (uint f = 0; f < 16; f++)
        {
            db.Demap(0, f, 2, out uint err, out bool done);
            while (err == OK && !done)
            {
                db.DemapContinue(2, out err, out done);
            }
        }
    }
}
