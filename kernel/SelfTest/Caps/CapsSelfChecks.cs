// Boot self-checks of the verified capability core (spec/Caps): derivation, revoke and delete on the compiled core.
// Each check drives the Dafny-compiled CapSpace through its public operations and compares the results with what
// the spec's step relations (spec/Caps/CapsSteps.dfy) name.
using CapsSpace;
using C = CapsTypes.__default;

namespace Verified.Kernel.SelfTest
{
    internal static class CapsSelfChecks
    {
        public static SelfCheck[] All() => new SelfCheck[]
        {
            new CapsDeriveCheck(),
            new CapsRevokeCheck(),
            new CapsDeleteCheck(),
            new CapsErrorsCheck(),
        };

        internal static CapSpace NewSpace()
        {
            CapSpace space = new CapSpace();
            space.__ctor(2, 64, 8);
            return space;
        }

        internal static string? Expect(string step, uint err, uint expected) =>
            err == expected ? null : string.Concat(step, ": error ", err.ToString(), ", expected ", expected.ToString());

        internal static string? ExpectValue(string what, ulong actual, ulong expected) =>
            actual == expected ? null : string.Concat(what, " is ", actual.ToString(), ", expected ", expected.ToString());
    }

    internal sealed class CapsDeriveCheck : SelfCheck
    {
        public override string Name => "capabilities: create, copy, mint, move, transfer (Dafny)";

        public override string? Run()
        {
            CapSpace s = CapsSelfChecks.NewSpace();
            uint minted = s.slotBase[0] + 2;
            uint moved = s.slotBase[1] + 5;
            return CapsSelfChecks.Expect("CreateRoot", s.CreateRoot(0, 0, 3, C.TypeEndpoint, 7), C.OK)
                ?? CapsSelfChecks.Expect("Copy", s.Copy(0, 0, 1), C.OK)
                ?? CapsSelfChecks.Expect("Mint read-only badge 9", s.Mint(0, 1, 2, 1, 9), C.OK)
                ?? CapsSelfChecks.ExpectValue("minted rights", s.capRights[minted], 1)
                ?? CapsSelfChecks.ExpectValue("minted badge", s.capBadge[minted], 9)
                ?? CapsSelfChecks.ExpectValue("minted depth", s.capDepth[minted], 2)
                ?? CapsSelfChecks.Expect("Transfer (move) to task 1", s.Transfer(0, 2, 1, 5, C.TransferMove), C.OK)
                ?? CapsSelfChecks.ExpectValue("moved badge", s.capBadge[moved], 9)
                ?? CapsSelfChecks.ExpectValue("source emptied", s.capType[minted], C.TypeNull)
                ?? CapsSelfChecks.Expect("Move within task 1", s.Move(1, 5, 6), C.OK)
                ?? CapsSelfChecks.ExpectValue("references to object 3", s.refCount[3], 3);
        }
    }

    internal sealed class CapsRevokeCheck : SelfCheck
    {
        public override string Name => "capabilities: preemptible revoke removes every descendant (Dafny)";

        public override string? Run()
        {
            CapSpace s = CapsSelfChecks.NewSpace();
            string? failed = CapsSelfChecks.Expect("CreateRoot", s.CreateRoot(0, 0, 1, C.TypeFrame, 7), C.OK)
                ?? CapsSelfChecks.Expect("CreateRoot other", s.CreateRoot(1, 0, 2, C.TypeFrame, 7), C.OK);
            for (uint i = 1; failed == null && i < 50; i++)
            {
                failed = CapsSelfChecks.Expect("Copy", s.Copy(0, i / 2, i), C.OK);   // a binary tree of 49
            }
            if (failed != null)
            {
                return failed;
            }
            uint steps = 0;
            bool done = false;
            while (!done && steps < 100)
            {
                s.RevokeStep(0, 0, out uint err, out done, out uint removed);
                if (err != C.OK || removed > C.RevokeBatch)
                {
                    return string.Concat("revoke step: error ", err.ToString(), ", removed ", removed.ToString());
                }
                steps++;
            }
            return CapsSelfChecks.ExpectValue("revoke steps", steps, 4)
                ?? CapsSelfChecks.ExpectValue("references to object 1", s.refCount[1], 1)
                ?? CapsSelfChecks.ExpectValue("other tree untouched", s.refCount[2], 1)
                ?? CapsSelfChecks.ExpectValue("a former descendant", s.capType[s.slotBase[0] + 49], C.TypeNull);
        }
    }

    internal sealed class CapsDeleteCheck : SelfCheck
    {
        public override string Name => "capabilities: delete reports the last capability exactly (Dafny)";

        public override string? Run()
        {
            CapSpace s = CapsSelfChecks.NewSpace();
            string? failed = CapsSelfChecks.Expect("CreateRoot", s.CreateRoot(0, 0, 4, C.TypeThread, 7), C.OK)
                ?? CapsSelfChecks.Expect("Copy", s.Copy(0, 0, 1), C.OK);
            if (failed != null)
            {
                return failed;
            }
            s.Delete(0, 0, out uint err, out ulong obj, out byte type);
            failed = CapsSelfChecks.Expect("Delete with a child", err, C.ErrHasChildren);
            if (failed != null)
            {
                return failed;
            }
            s.Delete(0, 1, out err, out obj, out type);
            failed = CapsSelfChecks.Expect("Delete child", err, C.OK) ?? CapsSelfChecks.ExpectValue("child report", type, C.TypeNull);
            if (failed != null)
            {
                return failed;
            }
            s.Delete(0, 0, out err, out obj, out type);
            return CapsSelfChecks.Expect("Delete last", err, C.OK)
                ?? CapsSelfChecks.ExpectValue("reported type", type, C.TypeThread)
                ?? CapsSelfChecks.ExpectValue("reported object", obj, 4)
                ?? CapsSelfChecks.ExpectValue("list head", s.head, C.Nil);
        }
    }

    internal sealed class CapsErrorsCheck : SelfCheck
    {
        public override string Name => "capabilities: invalid operations return spec errors (Dafny)";

        public override string? Run()
        {
            CapSpace s = CapsSelfChecks.NewSpace();
            string? failed = CapsSelfChecks.Expect("CreateRoot", s.CreateRoot(0, 0, 1, C.TypeEndpoint, 7), C.OK)
                ?? CapsSelfChecks.Expect("Mint badge", s.Mint(0, 0, 1, 7, 5), C.OK)
                ?? CapsSelfChecks.Expect("bad task", s.Copy(2, 0, 1), C.ErrInvalidTask)
                ?? CapsSelfChecks.Expect("bad slot", s.Copy(0, 64, 1), C.ErrInvalidSlot)
                ?? CapsSelfChecks.Expect("empty source", s.Copy(0, 3, 4), C.ErrEmptySlot)
                ?? CapsSelfChecks.Expect("occupied target", s.Copy(0, 0, 1), C.ErrSlotOccupied)
                ?? CapsSelfChecks.Expect("rebadge", s.Mint(0, 1, 2, 7, 6), C.ErrBadgeSet)
                ?? CapsSelfChecks.Expect("bad type", s.CreateRoot(0, 5, 2, 0, 7), C.ErrInvalidArgument)
                ?? CapsSelfChecks.Expect("live object", s.CreateRoot(0, 5, 1, C.TypeEndpoint, 7), C.ErrObjectLive)
                ?? CapsSelfChecks.Expect("bad mode", s.Transfer(0, 0, 1, 0, 9), C.ErrInvalidArgument);
            return failed ?? CapsSelfChecks.ExpectValue("references after failures", s.refCount[1], 2);
        }
    }
}
