// Random map/grant/demap/flush/rights-mask demap/lookup sequences with fixed seeds. After every step: the database answers exactly what an
// independent C# model of L4 map/demap says, the invariant recomputed from the node arrays holds, and the simulated
// page tables agree with the database. Demaps run with small random budgets, so they are preempted and resumed.
using System;
using System.Collections.Generic;
using Xunit;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

public sealed class MappingPropertyTests
{
    // The model: sigma plus, for each derived mapping, the key it was mapped from.
    private sealed class Model
    {
        public readonly Dictionary<(uint, ulong), (ulong Frame, byte Rights)> Sigma = new();
        public readonly Dictionary<(uint, ulong), (uint, ulong)> From = new();

        public Model(uint frames)
        {
            for (ulong f = 0; f < frames; f++)
            {
                Sigma[(0, f)] = (f, RightsAll);
            }
        }

        public uint Map(uint tasks, uint st, ulong sv, uint dt, ulong dv, byte mask)
        {
            if (st >= tasks || dt >= tasks) return ErrInvalidTask;
            if (sv >= PagesPerTask || dv >= PagesPerTask) return ErrInvalidPage;
            if (st == dt && sv == dv) return ErrInvalidArgument;
            if (!Sigma.TryGetValue((st, sv), out var src)) return ErrNotMapped;
            byte r = (byte)(src.Rights & mask & 7);
            if (r == 0) return ErrNoRights;
            if (Sigma.ContainsKey((dt, dv))) return ErrOccupied;
            Sigma[(dt, dv)] = (src.Frame, r);
            From[(dt, dv)] = (st, sv);
            return OK;
        }

        // L4 grant: the mapping moves; what was derived from it is now derived from the new place.
        public uint Grant(uint tasks, uint frames, uint st, ulong sv, uint dt, ulong dv, byte mask)
        {
            if (st >= tasks || dt >= tasks) return ErrInvalidTask;
            if (sv >= PagesPerTask || dv >= PagesPerTask) return ErrInvalidPage;
            if (st == dt && sv == dv) return ErrInvalidArgument;
            if (!Sigma.TryGetValue((st, sv), out var src)) return ErrNotMapped;
            if (st == 0 && sv < frames) return ErrInvalidArgument;
            byte r = (byte)(src.Rights & mask & 7);
            if (r == 0) return ErrNoRights;
            if (Sigma.ContainsKey((dt, dv))) return ErrOccupied;
            var children = new List<(uint, ulong)>();
            foreach (var (k, p) in From)
            {
                if (p == (st, sv)) children.Add(k);
            }
            if (r != src.Rights && children.Count > 0) return ErrNoRights;
            Sigma.Remove((st, sv));
            Sigma[(dt, dv)] = (src.Frame, r);
            From[(dt, dv)] = From[(st, sv)];
            From.Remove((st, sv));
            foreach (var k in children)
            {
                From[k] = (dt, dv);
            }
            return OK;
        }

        public bool DerivedFrom((uint, ulong) k, (uint, ulong) root)
        {
            while (From.TryGetValue(k, out var p))
            {
                if (p == root) return true;
                k = p;
            }
            return false;
        }

        public void Demap((uint, ulong) root)
        {
            var doomed = new List<(uint, ulong)>();
            foreach (var k in Sigma.Keys)
            {
                if (DerivedFrom(k, root)) doomed.Add(k);
            }
            foreach (var k in doomed)
            {
                Sigma.Remove(k);
                From.Remove(k);
            }
        }

        // L4 unmap with a rights mask: every derived mapping loses the rights in the mask; one left with none goes
        // (together with everything derived from it, which held no more rights).
        public void DemapRights((uint, ulong) root, byte mask)
        {
            var derived = new List<(uint, ulong)>();
            foreach (var k in Sigma.Keys)
            {
                if (DerivedFrom(k, root)) derived.Add(k);
            }
            foreach (var k in derived)
            {
                var (frame, rights) = Sigma[k];
                byte r = (byte)(rights & ~mask & 7);
                if (r == 0)
                {
                    Sigma.Remove(k);
                    From.Remove(k);
                }
                else
                {
                    Sigma[k] = (frame, r);
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 4u, 16u, 64u, 600)]
    [InlineData(2, 3u, 8u, 40u, 600)]
    [InlineData(3, 6u, 32u, 200u, 400)]
    [InlineData(4, 2u, 4u, 12u, 800)]
    public void RandomSequencesMatchTheModel(int seed, uint tasks, uint frames, uint nodes, int steps)
    {
        var random = new Random(seed);
        var m = new MappingFixture(tasks, frames, nodes);
        var model = new Model(frames);
        int maps = 0, demaps = 0, grants = 0, rightsDemaps = 0;
        for (int step = 0; step < steps; step++)
        {
            // pages drawn from a small range so that maps collide, chains grow and demaps hit something
            uint st = (uint)random.Next((int)tasks + 1), dt = (uint)random.Next((int)tasks + 1);
            ulong sv = (ulong)random.Next((int)frames + 2), dv = (ulong)random.Next((int)frames + 2);
            if (random.Next(20) == 0) dv = PagesPerTask + 1;
            if (random.Next(10) < 7)
            {
                // mostly from something mapped, so that derivation chains grow
                var keys = new List<(uint, ulong)>(model.Sigma.Keys);
                (st, sv) = keys[random.Next(keys.Count)];
            }
            int op = random.Next(10);
            if (op < 2)
            {
                // grants mostly of derived mappings (sigma0's roots cannot be granted)
                var derived = new List<(uint, ulong)>(model.From.Keys);
                if (derived.Count > 0 && random.Next(4) < 3)
                {
                    (st, sv) = derived[random.Next(derived.Count)];
                }
                byte mask = (byte)random.Next(9);
                uint expected = model.Grant(tasks, frames, st, sv, dt, dv, mask);
                uint actual = m.Grant(st, sv, dt, dv, mask);
                Assert.True(expected == actual, $"seed {seed} step {step}: grant {st}:{sv} -> {dt}:{dv} mask {mask} = {actual}, model {expected}");
                if (actual == OK) grants++;
            }
            else if (op < 6)
            {
                byte mask = (byte)random.Next(9);
                uint expected = model.Map(tasks, st, sv, dt, dv, mask);
                uint actual = m.Map(st, sv, dt, dv, mask);
                if (actual == ErrNoMemory && expected == OK)
                {
                    // resource limit of the database: the model must forget the map it just made
                    model.Sigma.Remove((dt, dv));
                    model.From.Remove((dt, dv));
                }
                else
                {
                    Assert.True(expected == actual, $"seed {seed} step {step}: map {st}:{sv} -> {dt}:{dv} mask {mask} = {actual}, model {expected}");
                }
                if (actual == OK) maps++;
            }
            else if (op >= 8)
            {
                // demap with a rights mask (0..8: empty, partial and full masks), preempted with small budgets
                uint budget = (uint)random.Next(1, 4);
                byte mask = (byte)random.Next(9);
                bool mapped = st < tasks && sv < PagesPerTask && model.Sigma.ContainsKey((st, sv));
                var (err, _) = m.DemapRightsAll(st, sv, mask, budget);
                Assert.True(mapped == (err == OK), $"seed {seed} step {step}: rights demap {st}:{sv} mask {mask} = {err}");
                if (mapped)
                {
                    model.DemapRights((st, sv), mask);
                    rightsDemaps++;
                }
            }
            else
            {
                uint budget = (uint)random.Next(1, 4);
                bool mapped = st < tasks && sv < PagesPerTask && model.Sigma.ContainsKey((st, sv));
                var (err, _) = m.DemapAll(st, sv, budget);
                Assert.Equal(mapped ? OK : err, err);
                Assert.Equal(mapped, err == OK);
                if (mapped)
                {
                    model.Demap((st, sv));
                    demaps++;
                    if (random.Next(3) == 0)
                    {
                        // the flush flag: the owner's own mapping goes too, unless it is one of sigma0's roots
                        bool root = st == 0 && sv < frames;
                        uint flushed = MappingFlush.__default.FlushOwn(m.Db, st, sv);
                        Assert.Equal(root ? ErrInvalidArgument : OK, flushed);
                        if (!root)
                        {
                            model.Sigma.Remove((st, sv));
                            model.From.Remove((st, sv));
                        }
                    }
                }
            }
            var sigma = m.Sigma();
            Assert.Equal(model.Sigma.Count, sigma.Count);
            foreach (var (k, value) in model.Sigma)
            {
                Assert.True(sigma.TryGetValue(k, out var got) && got == value, $"seed {seed} step {step}: {k} differs");
            }
            m.AssertInvariant();
            if (step % 25 == 0)
            {
                m.AssertPageTablesAgree();
            }
        }
        m.AssertPageTablesAgree();
        Assert.True(maps > steps / 20 && demaps > steps / 20 && grants > steps / 200 && rightsDemaps > steps / 40,
            $"too few successful operations: {maps} maps, {demaps} demaps, {grants} grants, {rightsDemaps} rights demaps");
    }
}
