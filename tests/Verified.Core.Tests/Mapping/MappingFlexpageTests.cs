// L4 flexpage placement (spec/Mapping/MappingFlexpage.dfy): table-driven over send smaller than, equal to and larger
// than the receive window with several send bases, plus an exhaustive comparison with an independent C# rule.
using Xunit;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

public sealed class MappingFlexpageTests
{
    // sb, ks, h (send base), rb, kr -> src, dst, count
    [Theory]
    // send (1 page) smaller than the window (4 pages): placed by the send base modulo the window
    [InlineData(7, 0, 0, 16, 2, 7, 16, 1)]
    [InlineData(7, 0, 1, 16, 2, 7, 17, 1)]
    [InlineData(7, 0, 3, 16, 2, 7, 19, 1)]
    [InlineData(7, 0, 5, 16, 2, 7, 17, 1)]
    // send (2 pages) smaller than the window (8): the 2-aligned slot containing the send base
    [InlineData(4, 1, 0, 32, 3, 4, 32, 2)]
    [InlineData(4, 1, 3, 32, 3, 4, 34, 2)]
    [InlineData(4, 1, 6, 32, 3, 4, 38, 2)]
    [InlineData(4, 1, 7, 32, 3, 4, 38, 2)]
    // equal sizes: whole to whole, whatever the send base
    [InlineData(8, 2, 0, 64, 2, 8, 64, 4)]
    [InlineData(8, 2, 3, 64, 2, 8, 64, 4)]
    [InlineData(8, 2, 1234, 64, 2, 8, 64, 4)]
    // send (8 pages) larger than the window (2): the window is filled from the part chosen by the send base
    [InlineData(16, 3, 0, 2, 1, 16, 2, 2)]
    [InlineData(16, 3, 3, 2, 1, 18, 2, 2)]
    [InlineData(16, 3, 5, 2, 1, 20, 2, 2)]
    [InlineData(16, 3, 7, 2, 1, 22, 2, 2)]
    [InlineData(16, 3, 9, 2, 1, 16, 2, 2)]
    // whole window of a task (4096 pages) into a 1-page window
    [InlineData(0, 12, 4095, 9, 0, 4095, 9, 1)]
    public void PlacesAsL4Defines(ulong sb, byte ks, ulong h, ulong rb, byte kr, ulong src, ulong dst, ulong count)
    {
        MappingFlexpage.__default.Place(sb, ks, h, rb, kr, out uint err, out ulong s, out ulong d, out ulong c);
        Assert.Equal(OK, err);
        Assert.Equal((src, dst, count), (s, d, c));
    }

    [Theory]
    [InlineData(1, 1, 0, 0, 2)]    // send base not aligned to its size
    [InlineData(0, 1, 0, 2, 2)]    // window not aligned
    [InlineData(0, 13, 0, 0, 2)]   // larger than a task window
    [InlineData(0, 0, 0, 0, 13)]
    public void RejectsMalformedFlexpages(ulong sb, byte ks, ulong h, ulong rb, byte kr)
    {
        MappingFlexpage.__default.Place(sb, ks, h, rb, kr, out uint err, out _, out _, out _);
        Assert.Equal(ErrInvalidPage, err);
    }

    // The rule restated independently: the smaller region is placed at the aligned block of the larger one that
    // contains the hot spot (send base modulo the larger size).
    [Fact]
    public void AgreesWithAnIndependentRuleExhaustively()
    {
        for (byte ks = 0; ks <= 5; ks++)
        {
            for (byte kr = 0; kr <= 5; kr++)
            {
                ulong sSize = 1UL << ks, rSize = 1UL << kr;
                ulong sb = 3 * sSize, rb = 5 * rSize;
                for (ulong h = 0; h < 80; h++)
                {
                    MappingFlexpage.__default.Place(sb, ks, h, rb, kr, out uint err, out ulong src, out ulong dst, out ulong count);
                    Assert.Equal(OK, err);
                    ulong small = System.Math.Min(sSize, rSize);
                    Assert.Equal(small, count);
                    ulong hot = ks <= kr ? rb + h % rSize : sb + h % sSize;
                    ulong placed = ks <= kr ? dst : src;
                    Assert.True(placed <= hot && hot < placed + small, "hot spot outside the placed part");
                    Assert.Equal(0UL, placed % small);
                    Assert.True(src >= sb && src + count <= sb + sSize, "source outside the send flexpage");
                    Assert.True(dst >= rb && dst + count <= rb + rSize, "destination outside the window");
                }
            }
        }
    }
}
