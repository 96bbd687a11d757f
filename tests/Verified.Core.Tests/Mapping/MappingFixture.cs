// A mapping database on simulated page tables, plus the checks every mapping test shares: the invariant
// recomputed in C# from the node arrays, and agreement of the page tables with the database.
using System.Collections.Generic;
using MappingDatabase;
using Verified.Hal.Sim;
using Xunit;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

internal sealed class MappingFixture
{
    public const ulong FrameBase = 0x8000_0000;

    public MappingFixture(uint tasks, uint frames, uint nodes)
    {
        Tables = new SoftPageTables(tasks, FrameBase);
        Db = new MappingDb();
        Db.__ctor(tasks, frames, nodes, HalPageTables.__default.Attach(Tables));
    }

    public MappingDb Db { get; }

    public SoftPageTables Tables { get; }

    public uint Map(uint st, ulong sv, uint dt, ulong dv) => Db.Map(st, sv, dt, dv, RightsAll);

    public uint Map(uint st, ulong sv, uint dt, ulong dv, byte mask) => Db.Map(st, sv, dt, dv, mask);

    public uint Grant(uint st, ulong sv, uint dt, ulong dv) => Grant(st, sv, dt, dv, RightsAll);

    public uint Grant(uint st, ulong sv, uint dt, ulong dv, byte mask) =>
        MappingGrant.__default.Grant(Db, st, sv, dt, dv, mask);

    /// <summary>Runs a demap to completion in steps of <paramref name="budget"/>; returns the steps taken.</summary>
    public (uint Err, int Steps) DemapAll(uint t, ulong v, uint budget)
    {
        Db.Demap(t, v, budget, out uint err, out bool done);
        int steps = 1;
        while (err == OK && !done)
        {
            Db.DemapContinue(budget, out err, out done);
            steps++;
        }
        return (err, steps);
    }

    /// <summary>The state of a rights-mask demap (kept by the kernel while the walk is preempted).</summary>
    public MappingDemapRights.RightsWalk Walk { get; } = NewWalk();

    private static MappingDemapRights.RightsWalk NewWalk()
    {
        var w = new MappingDemapRights.RightsWalk();
        w.__ctor();
        return w;
    }

    /// <summary>Runs a rights-mask demap to completion in steps of <paramref name="budget"/>; returns the steps taken.</summary>
    public (uint Err, int Steps) DemapRightsAll(uint t, ulong v, byte mask, uint budget)
    {
        MappingDemapRights.__default.DemapRights(Db, Walk, t, v, mask, budget, out uint err, out bool done);
        int steps = 1;
        while (err == OK && !done)
        {
            MappingDemapRights.__default.DemapRightsContinue(Db, Walk, budget, out err, out done);
            steps++;
        }
        return (err, steps);
    }

    public (uint Err, ulong Frame, byte Rights) Lookup(uint t, ulong v)
    {
        Db.Lookup(t, v, out uint err, out ulong f, out byte r);
        return (err, f, r);
    }

    /// <summary>sigma as the database answers it: every mapped (task, page).</summary>
    public Dictionary<(uint, ulong), (ulong, byte)> Sigma()
    {
        var sigma = new Dictionary<(uint, ulong), (ulong, byte)>();
        for (uint t = 0; t < Db.tasks; t++)
        {
            for (ulong v = 0; v < PagesPerTask; v++)
            {
                var (err, f, r) = Lookup(t, v);
                if (err == OK)
                {
                    sigma[(t, v)] = (f, r);
                }
            }
        }
        return sigma;
    }

    /// <summary>The invariant recomputed from the node arrays, independently of the Dafny proof.</summary>
    public void AssertInvariant()
    {
        string? broken = MappingInvariant.Check(Db);
        Assert.True(broken == null, broken);
    }

    /// <summary>Every leaf entry of the simulated page tables says exactly what the database says.</summary>
    public void AssertPageTablesAgree()
    {
        for (uint t = 0; t < Db.tasks; t++)
        {
            for (ulong v = 0; v < PagesPerTask; v++)
            {
                ulong entry = Tables.Walk(t, SoftPageTables.VirtualAddress(v));
                var (err, f, r) = Lookup(t, v);
                if (err != OK)
                {
                    Assert.True(entry == 0, $"task {t} page {v}: page table maps what the database does not");
                    continue;
                }
                Assert.True(entry != 0, $"task {t} page {v}: mapped in the database, not in the page table");
                var (frame, rights) = Tables.Decode(entry);
                Assert.Equal(f, frame);
                Assert.Equal(r | 4, rights);  // x86 cannot express write- or execute-only: present implies read
            }
        }
    }
}
