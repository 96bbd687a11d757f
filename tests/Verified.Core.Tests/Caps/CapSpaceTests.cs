// Every operation of the compiled capability core and every error code it can return.
using CapsSpace;
using Xunit;
using static Verified.Core.Tests.Caps.CapSpaces;
using C = CapsTypes.__default;

namespace Verified.Core.Tests.Caps;

public sealed class CapSpaceTests
{
    private const byte Rwg = 7;

    private static CapSpace WithRoot(out uint root)
    {
        CapSpace s = New(3, 8, 16);
        Assert.Equal(C.OK, s.CreateRoot(0, 0, 5, C.TypeEndpoint, Rwg));
        root = Node(s, 0, 0);
        return s;
    }

    [Fact]
    public void ConstructorLaysOutDisjointTaskRangesAllEmpty()
    {
        CapSpace s = New(3, 8, 16);
        Assert.Equal(24u, s.nodeCount);
        Assert.Equal(new uint[] { 0, 8, 16 }, s.slotBase);
        Assert.Equal(C.Nil, s.head);
        Assert.Empty(AssertInvariant(s));
    }

    [Fact]
    public void CreateRootInstallsAnUnbadgedDepthZeroCapability()
    {
        CapSpace s = WithRoot(out uint root);
        Assert.Equal(5ul, s.capObj[root]);
        Assert.Equal(C.TypeEndpoint, s.capType[root]);
        Assert.Equal(Rwg, s.capRights[root]);
        Assert.Equal(C.NoBadge, s.capBadge[root]);
        Assert.Equal(1ul, s.refCount[5]);
        Assert.Equal(new[] { root }, AssertInvariant(s));
    }

    [Fact]
    public void CreateRootErrors()
    {
        CapSpace s = WithRoot(out _);
        Assert.Equal(C.ErrInvalidTask, s.CreateRoot(3, 0, 1, C.TypeThread, Rwg));
        Assert.Equal(C.ErrInvalidSlot, s.CreateRoot(0, 8, 1, C.TypeThread, Rwg));
        Assert.Equal(C.ErrInvalidArgument, s.CreateRoot(0, 1, 1, C.TypeNull, Rwg));
        Assert.Equal(C.ErrInvalidArgument, s.CreateRoot(0, 1, 1, (byte)(C.MaxType + 1), Rwg));
        Assert.Equal(C.ErrInvalidArgument, s.CreateRoot(0, 1, 16, C.TypeThread, Rwg));
        Assert.Equal(C.ErrSlotOccupied, s.CreateRoot(0, 0, 1, C.TypeThread, Rwg));
        Assert.Equal(C.ErrObjectLive, s.CreateRoot(0, 1, 5, C.TypeEndpoint, Rwg));
        Assert.Single(AssertInvariant(s));
    }

    [Fact]
    public void CopyMakesAChildWithTheSameCapability()
    {
        CapSpace s = WithRoot(out uint root);
        Assert.Equal(C.OK, s.Copy(0, 0, 1));
        uint child = Node(s, 0, 1);
        Assert.Equal(new[] { root, child }, AssertInvariant(s));
        Assert.Equal(1ul, s.capDepth[child]);
        Assert.Equal(Rwg, s.capRights[child]);
        Assert.Equal(2ul, s.refCount[5]);
        Assert.True(HasDescendant(s, root));
    }

    [Fact]
    public void MintMasksRightsAndSetsTheBadgeOnce()
    {
        CapSpace s = WithRoot(out _);
        Assert.Equal(C.OK, s.Mint(0, 0, 1, 1 | 4, 42));
        uint minted = Node(s, 0, 1);
        Assert.Equal((byte)(1 | 4), s.capRights[minted]);
        Assert.Equal(42ul, s.capBadge[minted]);
        Assert.Equal(C.ErrBadgeSet, s.Mint(0, 1, 2, Rwg, 43));
        Assert.Equal(C.OK, s.Mint(0, 1, 2, Rwg, C.NoBadge));   // keeps badge 42, cannot regain Write
        uint grandchild = Node(s, 0, 2);
        Assert.Equal(42ul, s.capBadge[grandchild]);
        Assert.Equal((byte)(1 | 4), s.capRights[grandchild]);
        Assert.Equal(2ul, s.capDepth[grandchild]);
        AssertInvariant(s);
    }

    [Fact]
    public void DerivationErrors()
    {
        CapSpace s = WithRoot(out _);
        Assert.Equal(C.ErrInvalidTask, s.Mint(7, 0, 1, Rwg, 0));
        Assert.Equal(C.ErrInvalidSlot, s.Mint(0, 9, 1, Rwg, 0));
        Assert.Equal(C.ErrInvalidSlot, s.Copy(0, 0, 8));
        Assert.Equal(C.ErrEmptySlot, s.Copy(0, 3, 1));
        Assert.Equal(C.ErrSlotOccupied, s.Copy(0, 0, 0));
        Assert.Single(AssertInvariant(s));
    }

    [Fact]
    public void ASecondChildBecomesTheFirstAndBothStayDescendants()
    {
        CapSpace s = WithRoot(out uint root);
        Assert.Equal(C.OK, s.Copy(0, 0, 1));
        Assert.Equal(C.OK, s.Copy(0, 1, 2));     // grandchild under slot 1
        Assert.Equal(C.OK, s.Copy(0, 0, 3));     // second child of the root: inserted right after it
        uint c1 = Node(s, 0, 1), g = Node(s, 0, 2), c2 = Node(s, 0, 3);
        Assert.Equal(new[] { root, c2, c1, g }, AssertInvariant(s));
        Assert.Equal(s.capDepth[c1], s.capDepth[c2]);
        Assert.False(HasDescendant(s, c2));       // c2 did not adopt c1
    }

    [Fact]
    public void MoveKeepsThePlaceInTheTree()
    {
        CapSpace s = WithRoot(out uint root);
        Assert.Equal(C.OK, s.Copy(0, 0, 1));
        Assert.Equal(C.OK, s.Copy(0, 1, 2));
        Assert.Equal(C.OK, s.Move(0, 1, 5));
        uint moved = Node(s, 0, 5);
        Assert.Equal(C.TypeNull, s.capType[Node(s, 0, 1)]);
        Assert.Equal(new[] { root, moved, Node(s, 0, 2) }, AssertInvariant(s));
        Assert.Equal(1ul, s.capDepth[moved]);
        Assert.Equal(C.ErrEmptySlot, s.Move(0, 1, 6));
        Assert.Equal(C.ErrSlotOccupied, s.Move(0, 5, 2));
        Assert.Equal(C.ErrInvalidSlot, s.Move(0, 5, 8));
        Assert.Equal(C.ErrInvalidTask, s.Move(3, 5, 1));
        Assert.Equal(3ul, s.refCount[5]);
    }

    [Fact]
    public void TransferCopiesOrMovesIntoTheReceiversSpace()
    {
        CapSpace s = WithRoot(out uint root);
        Assert.Equal(C.OK, s.Transfer(0, 0, 1, 4, C.TransferCopy));
        uint received = Node(s, 1, 4);
        Assert.Equal(new[] { root, received }, AssertInvariant(s));
        Assert.Equal(C.OK, s.Transfer(1, 4, 2, 0, C.TransferMove));
        Assert.Equal(new[] { root, Node(s, 2, 0) }, AssertInvariant(s));
        Assert.Equal(C.ErrInvalidArgument, s.Transfer(0, 0, 1, 5, 2));
        Assert.Equal(C.ErrEmptySlot, s.Transfer(1, 4, 2, 1, C.TransferCopy));
        Assert.Equal(C.ErrSlotOccupied, s.Transfer(0, 0, 2, 0, C.TransferMove));
        Assert.Equal(C.ErrInvalidTask, s.Transfer(0, 0, 9, 0, C.TransferCopy));
        Assert.Equal(C.ErrInvalidSlot, s.Transfer(0, 0, 1, 8, C.TransferCopy));
    }

    [Fact]
    public void DeleteReportsExactlyTheLastCapability()
    {
        CapSpace s = WithRoot(out _);
        Assert.Equal(C.OK, s.Copy(0, 0, 1));
        s.Delete(0, 1, out uint err, out ulong obj, out byte type);
        Assert.Equal(C.OK, err);
        Assert.Equal(C.TypeNull, type);            // the root still names object 5
        Assert.Equal(0ul, obj);
        s.Delete(0, 0, out err, out obj, out type);
        Assert.Equal(C.OK, err);
        Assert.Equal(5ul, obj);                    // last one: the kernel tears the endpoint down
        Assert.Equal(C.TypeEndpoint, type);
        Assert.Empty(AssertInvariant(s));
        Assert.Equal(0ul, s.refCount[5]);
        Assert.Equal(C.OK, s.CreateRoot(0, 0, 5, C.TypeEndpoint, Rwg));  // the object id can be reused
    }

    [Fact]
    public void DeleteErrors()
    {
        CapSpace s = WithRoot(out _);
        Assert.Equal(C.OK, s.Copy(0, 0, 1));
        s.Delete(0, 0, out uint err, out _, out byte type);
        Assert.Equal(C.ErrHasChildren, err);
        Assert.Equal(C.TypeNull, type);
        s.Delete(0, 2, out err, out _, out _);
        Assert.Equal(C.ErrEmptySlot, err);
        s.Delete(0, 8, out err, out _, out _);
        Assert.Equal(C.ErrInvalidSlot, err);
        s.Delete(3, 0, out err, out _, out _);
        Assert.Equal(C.ErrInvalidTask, err);
        Assert.Equal(2, AssertInvariant(s).Count);
    }

    [Fact]
    public void RevokeDeletesEveryDescendantInBoundedStepsAndNothingElse()
    {
        CapSpace s = New(2, 64, 4);
        Assert.Equal(C.OK, s.CreateRoot(0, 0, 1, C.TypeFrame, Rwg));
        Assert.Equal(C.OK, s.CreateRoot(1, 0, 2, C.TypeFrame, Rwg));   // another tree: must survive
        for (uint i = 1; i < 40; i++)
        {
            Assert.Equal(C.OK, s.Copy(0, i - 1, i));                      // a chain of 39 descendants
        }
        Assert.Equal(C.OK, s.Copy(1, 0, 1));
        int steps = 0;
        bool done;
        uint removed;
        do
        {
            s.RevokeStep(0, 0, out uint err, out done, out removed);
            Assert.Equal(C.OK, err);
            Assert.InRange(removed, 0u, C.RevokeBatch);
            steps++;
            AssertInvariant(s);
        }
        while (!done);
        Assert.Equal(3, steps);                                           // 16 + 16 + 7
        Assert.Equal(new[] { Node(s, 1, 0), Node(s, 1, 1), Node(s, 0, 0) }, AssertInvariant(s));
        Assert.Equal(1ul, s.refCount[1]);
        s.RevokeStep(0, 0, out _, out done, out removed);
        Assert.True(done);
        Assert.Equal(0u, removed);
    }

    [Fact]
    public void RevokeResumesAfterOtherOperationsInBetween()
    {
        CapSpace s = New(1, 64, 2);
        Assert.Equal(C.OK, s.CreateRoot(0, 0, 0, C.TypeThread, Rwg));
        for (uint i = 1; i < 30; i++)
        {
            Assert.Equal(C.OK, s.Copy(0, 0, i));                          // fan-out of 29 children
        }
        s.RevokeStep(0, 0, out _, out bool done, out _);
        Assert.False(done);
        Assert.Equal(C.OK, s.Copy(0, 0, 40));                             // new children after the preemption
        Assert.Equal(C.TypeNull, s.capType[Node(s, 0, 29)]);              // newest children go first
        Assert.Equal(C.OK, s.Move(0, 1, 41));
        s.RevokeStep(0, 0, out _, out done, out _);
        Assert.True(done);
        Assert.Equal(new[] { Node(s, 0, 0) }, AssertInvariant(s));
    }

    [Fact]
    public void RevokeErrors()
    {
        CapSpace s = WithRoot(out _);
        s.RevokeStep(0, 1, out uint err, out bool done, out uint removed);
        Assert.Equal(C.ErrEmptySlot, err);
        Assert.False(done);
        Assert.Equal(0u, removed);
        s.RevokeStep(5, 0, out err, out _, out _);
        Assert.Equal(C.ErrInvalidTask, err);
        s.RevokeStep(0, 99, out err, out _, out _);
        Assert.Equal(C.ErrInvalidSlot, err);
    }
}
