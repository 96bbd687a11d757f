// The compiled core allocates nothing after its constructor: many operations, zero bytes.
using System;
using CapsSpace;
using Xunit;
using static Verified.Core.Tests.Caps.CapSpaces;
using C = CapsTypes.__default;

namespace Verified.Core.Tests.Caps;

public sealed class CapSpaceAllocationTests
{
    [Fact]
    public void OperationsAllocateNothing()
    {
        CapSpace space = New(4, 256, 64);
        Run(space, 1);   // warm up: JIT and static constructors allocate once
        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = Run(space, 20);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(checksum > 0);
        Assert.Equal(0, after - before);
    }

    // Build a tree per round (roots, chains, fan-outs, moves, transfers), then tear it down with revoke + delete.
    private static long Run(CapSpace s, int rounds)
    {
        long sum = 0;
        for (int r = 0; r < rounds; r++)
        {
            for (uint t = 0; t < 4; t++)
            {
                sum += s.CreateRoot(t, 0, t, C.TypeEndpoint, 7) == C.OK ? 1 : 0;
                for (uint i = 1; i < 200; i++)
                {
                    sum += s.Mint(t, i / 2, i, 3, i % 3 == 0 ? i : C.NoBadge) == C.OK ? 1 : 0;
                }
                sum += s.Move(t, 199, 250) == C.OK ? 1 : 0;
                sum += s.Transfer(t, 1, (t + 1) % 4, 251, C.TransferCopy) == C.OK ? 1 : 0;
            }
            for (uint t = 0; t < 4; t++)
            {
                bool done;
                do
                {
                    s.RevokeStep(t, 0, out _, out done, out uint removed);
                    sum += removed;
                }
                while (!done);
                s.Delete(t, 0, out uint err, out ulong obj, out byte type);
                sum += err == C.OK && type == C.TypeEndpoint ? (long)obj + 1 : 0;
            }
        }
        return sum;
    }
}
