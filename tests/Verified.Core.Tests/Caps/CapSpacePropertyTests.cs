// Long random operation sequences with fixed seeds (interleaved partial revokes included): after every step the
// compiled core agrees with the independent model (CapsModel.cs) and the invariant recomputed from the arrays holds.
using System;
using System.Collections.Generic;
using CapsSpace;
using Xunit;
using static Verified.Core.Tests.Caps.CapSpaces;
using C = CapsTypes.__default;

namespace Verified.Core.Tests.Caps;

public sealed class CapSpacePropertyTests
{
    private const int Steps = 6_000;

    [Theory]
    [InlineData(1, 2u, 8u, 4u)]
    [InlineData(2, 3u, 16u, 8u)]
    [InlineData(3, 4u, 32u, 6u)]
    [InlineData(4, 1u, 64u, 3u)]
    [InlineData(5, 5u, 12u, 16u)]
    public void RandomSequencesMatchTheModelAndKeepTheInvariant(int seed, uint tasks, uint slots, uint objects)
    {
        var random = new Random(seed);
        CapSpace space = New(tasks, slots, objects);
        var model = new CapsModel(tasks, slots, objects);
        var succeeded = new int[7];
        for (int step = 0; step < Steps; step++)
        {
            int op = random.Next(7);
            uint t = Id(random, tasks), t2 = Id(random, tasks), a = Id(random, slots), b = Id(random, slots);
            byte mask = (byte)random.Next(256);
            ulong badge = random.Next(3) == 0 ? C.NoBadge : (ulong)random.Next(1, 5);
            string what = $"seed {seed} step {step} op {op} ({t},{a})->({t2},{b})";
            uint actual, expected;
            switch (op)
            {
                case 0:
                    ulong obj = (ulong)random.Next((int)objects + 1);
                    byte type = (byte)random.Next(C.MaxType + 2);
                    actual = space.CreateRoot(t, a, obj, type, mask);
                    expected = model.CreateRoot(t, a, obj, type, mask);
                    break;
                case 1:
                    actual = space.Mint(t, a, b, mask, badge);
                    expected = model.Mint(t, a, b, mask, badge);
                    break;
                case 2:
                    actual = space.Copy(t, a, b);
                    expected = model.Copy(t, a, b);
                    break;
                case 3:
                    actual = space.Move(t, a, b);
                    expected = model.Move(t, a, b);
                    break;
                case 4:
                    byte mode = (byte)random.Next(3);
                    actual = space.Transfer(t, a, t2, b, mode);
                    expected = model.Transfer(t, a, t2, b, mode);
                    break;
                case 5:
                    space.Delete(t, a, out actual, out ulong tobj, out byte ttype);
                    expected = model.Delete(t, a, out ulong mobj, out byte mtype);
                    Assert.True(tobj == mobj && ttype == mtype, $"{what}: teardown report ({tobj},{ttype}) vs model ({mobj},{mtype})");
                    break;
                default:
                    space.RevokeStep(t, a, out actual, out bool done, out uint removed);
                    expected = model.RevokeStep(t, a, out bool mdone, out uint mremoved);
                    Assert.True(done == mdone && removed == mremoved, $"{what}: revoke step ({done},{removed}) vs model ({mdone},{mremoved})");
                    break;
            }
            Assert.True(actual == expected, $"{what}: returned {actual}, model {expected}");
            if (actual == C.OK)
            {
                succeeded[op]++;
            }
            AssertSameAsModel(space, model, what);
        }
        Assert.All(succeeded, n => Assert.True(n > 0, "every operation succeeded at least once"));
    }

    /// <summary>Mostly valid indices, sometimes just out of range.</summary>
    private static uint Id(Random random, uint bound) => random.Next(12) == 0 ? bound + (uint)random.Next(2) : (uint)random.Next((int)bound);

    private static void AssertSameAsModel(CapSpace space, CapsModel model, string what)
    {
        List<uint> order = AssertInvariant(space);
        Assert.True(order.Count == model.Order.Count, $"{what}: {order.Count} capabilities, model {model.Order.Count}");
        for (int i = 0; i < order.Count; i++)
        {
            uint x = order[i];
            var actual = new CapsModel.Entry(x, space.capObj[x], space.capType[x], space.capRights[x], space.capBadge[x], space.capDepth[x]);
            Assert.True(actual == model.Order[i], $"{what}: position {i} is {actual}, model {model.Order[i]}");
        }
    }
}
