// Boot self-checks of the verified mapping database (spec/Mapping): map and preemptible demap on the compiled core
// in the booted kernel, writing real 4-level page tables through the X64 HAL, checked by walking them.
using MappingDatabase;
using Verified.Hal.X64;
using Spec = MappingTypes.__default;

namespace Verified.Kernel.SelfTest
{
    internal static class MappingSelfChecks
    {
        public static SelfCheck[] All() => new SelfCheck[]
        {
            new MappingMapDemapCheck(),
            new MappingGrantCheck(),
            new MappingFlushCheck(),
            new MappingDemapRightsCheck(),
            new MappingFlexpageCheck(),
        };
    }

    internal sealed unsafe class MappingMapDemapCheck : SelfCheck
    {
        private const uint Sigma0 = 0, Server = 1, Client = 2;

        public override string Name => "mapping: map and demap write and clear page-table entries (Dafny)";

        public override string? Run()
        {
            MappingDb db = MappingMapDemapCheck.NewDatabase(out MappingAddressSpaces spaces, out ulong frameBase);

            return Expect("sigma0 identity", spaces, Sigma0, 7, frameBase + 7 * 4096, true)
                ?? Ok("map sigma0:3 -> server:10", db.Map(Sigma0, 3, Server, 10, Spec.RightsAll))
                ?? Ok("map server:10 -> client:20 read-only", db.Map(Server, 10, Client, 20, Spec.RightsR))
                ?? Ok("map client:20 -> server:30", db.Map(Client, 20, Server, 30, Spec.RightsAll))
                ?? Expect("server:10", spaces, Server, 10, frameBase + 3 * 4096, true)
                ?? Expect("client:20", spaces, Client, 20, frameBase + 3 * 4096, false)
                ?? Expect("server:30 (rights cut to the source's)", spaces, Server, 30, frameBase + 3 * 4096, false)
                ?? Error("map over an occupied page", db.Map(Sigma0, 4, Client, 20, Spec.RightsAll), Spec.ErrOccupied)
                ?? Demap(db, Server, 10)
                ?? Absent("client:20 after demap", spaces, Client, 20)
                ?? Absent("server:30 after demap", spaces, Server, 30)
                ?? Expect("server:10 survives its own demap", spaces, Server, 10, frameBase + 3 * 4096, true)
                ?? Expect("sigma0:3 untouched", spaces, Sigma0, 3, frameBase + 3 * 4096, true);
        }

        // Runs a demap in budget-1 steps, as the kernel would across preemption points.
        internal static string? Demap(MappingDb db, uint t, ulong v)
        {
            db.Demap(t, v, 1, out uint err, out bool done);
            int steps = 1;
            while (err == Spec.OK && !done)
            {
                db.DemapContinue(1, out err, out done);
                steps++;
            }
            if (err != Spec.OK)
            {
                return string.Concat("demap: error ", err.ToString());
            }
            return steps > 2 ? null : string.Concat("demap was not preempted: ", steps.ToString(), " steps");
        }

        internal static string? Ok(string step, uint err) =>
            err == Spec.OK ? null : string.Concat(step, ": error ", err.ToString());

        internal static string? Error(string step, uint err, uint expected) =>
            err == expected ? null : string.Concat(step, ": error ", err.ToString(), ", expected ", expected.ToString());

        internal static string? Expect(string what, MappingAddressSpaces spaces, uint t, ulong v, ulong address, bool writable)
        {
            ulong entry = spaces.Walk(t, MappingAddressSpaces.VirtualAddress(v));
            if (entry == 0)
            {
                return string.Concat(what, ": not present");
            }
            if ((entry & MappingAddressSpaces.AddressMask) != address)
            {
                return string.Concat(what, ": wrong frame");
            }
            bool w = (entry & MappingAddressSpaces.Writable) != 0;
            return w == writable ? null : string.Concat(what, ": wrong write permission");
        }

        /// <summary>A database over 3 tasks and 16 fresh frames, its page tables written into real 4-level tables.</summary>
        internal static MappingDb NewDatabase(out MappingAddressSpaces spaces, out ulong frameBase)
        {
            const uint frames = 16;
            frameBase = (ulong)PhysicalMemory.AllocateZeroed(frames * MappingAddressSpaces.PageSize, MappingAddressSpaces.PageSize);
            spaces = new MappingAddressSpaces(3, frameBase);
            var db = new MappingDb();
            db.__ctor(3, frames, 64, HalPageTables.__default.Attach(spaces));
            return db;
        }

        internal static string? Absent(string what, MappingAddressSpaces spaces, uint t, ulong v) =>
            spaces.Walk(t, MappingAddressSpaces.VirtualAddress(v)) == 0 ? null : string.Concat(what, ": still present");
    }

    internal sealed unsafe class MappingGrantCheck : SelfCheck
    {
        private const uint Sigma0 = 0, Pager = 1, Client = 2;

        public override string Name => "mapping: grant moves a page-table entry, derived mappings follow it (Dafny)";

        public override string? Run()
        {
            MappingDb db = MappingMapDemapCheck.NewDatabase(out MappingAddressSpaces spaces, out ulong frameBase);
            ulong frame5 = frameBase + 5 * 4096;

            return MappingMapDemapCheck.Ok("map sigma0:5 -> pager:40", db.Map(Sigma0, 5, Pager, 40, Spec.RightsAll))
                ?? MappingMapDemapCheck.Ok("map pager:40 -> sigma0:50", db.Map(Pager, 40, Sigma0, 50, Spec.RightsR))
                ?? MappingMapDemapCheck.Ok("map sigma0:50 -> client:13", db.Map(Sigma0, 50, Client, 13, Spec.RightsR))
                ?? MappingMapDemapCheck.Error("grant of a sigma0 root", MappingGrant.__default.Grant(db, Sigma0, 5, Client, 1, Spec.RightsAll), Spec.ErrInvalidArgument)
                ?? MappingMapDemapCheck.Error("grant cutting rights under a derived mapping", MappingGrant.__default.Grant(db, Pager, 40, Client, 12, Spec.RightsR), Spec.ErrNoRights)
                ?? MappingMapDemapCheck.Ok("grant pager:40 -> client:12", MappingGrant.__default.Grant(db, Pager, 40, Client, 12, Spec.RightsAll))
                ?? MappingMapDemapCheck.Absent("pager:40 after grant", spaces, Pager, 40)
                ?? MappingMapDemapCheck.Expect("client:12 after grant", spaces, Client, 12, frame5, true)
                ?? MappingMapDemapCheck.Demap(db, Client, 12)
                ?? MappingMapDemapCheck.Absent("sigma0:50, derived before the grant, after demap of client:12", spaces, Sigma0, 50)
                ?? MappingMapDemapCheck.Absent("client:13 after demap of client:12", spaces, Client, 13)
                ?? MappingMapDemapCheck.Expect("client:12 survives its own demap", spaces, Client, 12, frame5, true);
        }
    }

    internal sealed unsafe class MappingFlushCheck : SelfCheck
    {
        private const uint Sigma0 = 0, Pager = 1, Client = 2;

        public override string Name => "mapping: demap with the flush flag clears the owner's entry too (Dafny)";

        public override string? Run()
        {
            MappingDb db = MappingMapDemapCheck.NewDatabase(out MappingAddressSpaces spaces, out ulong frameBase);
            ulong frame6 = frameBase + 6 * 4096;

            // pager:21 sits between two siblings in sigma0:6's child list, so the flush unlinks a middle node
            return MappingMapDemapCheck.Ok("map sigma0:6 -> pager:20", db.Map(Sigma0, 6, Pager, 20, Spec.RightsAll))
                ?? MappingMapDemapCheck.Ok("map sigma0:6 -> pager:21", db.Map(Sigma0, 6, Pager, 21, Spec.RightsAll))
                ?? MappingMapDemapCheck.Ok("map sigma0:6 -> pager:22", db.Map(Sigma0, 6, Pager, 22, Spec.RightsAll))
                ?? MappingMapDemapCheck.Ok("map pager:21 -> client:3", db.Map(Pager, 21, Client, 3, Spec.RightsR))
                ?? MappingMapDemapCheck.Ok("map client:3 -> pager:23", db.Map(Client, 3, Pager, 23, Spec.RightsR))
                ?? MappingMapDemapCheck.Error("flush before the demap", MappingFlush.__default.FlushOwn(db, Pager, 21), Spec.ErrBusy)
                ?? MappingMapDemapCheck.Demap(db, Pager, 21)
                ?? MappingMapDemapCheck.Ok("flush pager:21", MappingFlush.__default.FlushOwn(db, Pager, 21))
                ?? MappingMapDemapCheck.Absent("pager:21 after flush", spaces, Pager, 21)
                ?? MappingMapDemapCheck.Absent("client:3 after flush", spaces, Client, 3)
                ?? MappingMapDemapCheck.Absent("pager:23 after flush", spaces, Pager, 23)
                ?? MappingMapDemapCheck.Expect("pager:20, a sibling", spaces, Pager, 20, frame6, true)
                ?? MappingMapDemapCheck.Expect("pager:22, a sibling", spaces, Pager, 22, frame6, true)
                ?? MappingMapDemapCheck.Error("flush of a sigma0 root", MappingFlush.__default.FlushOwn(db, Sigma0, 6), Spec.ErrInvalidArgument)
                ?? MappingMapDemapCheck.Expect("sigma0:6 is permanent", spaces, Sigma0, 6, frame6, true);
        }
    }

    internal sealed unsafe class MappingDemapRightsCheck : SelfCheck
    {
        private const uint Sigma0 = 0, Pager = 1, Client = 2;

        public override string Name => "mapping: demap with a rights mask reduces page-table entries, removes emptied ones (Dafny)";

        public override string? Run()
        {
            MappingDb db = MappingMapDemapCheck.NewDatabase(out MappingAddressSpaces spaces, out ulong frameBase);
            var walk = new MappingDemapRights.RightsWalk();
            walk.__ctor();
            ulong frame7 = frameBase + 7 * 4096;

            return MappingMapDemapCheck.Ok("map sigma0:7 -> pager:30", db.Map(Sigma0, 7, Pager, 30, Spec.RightsAll))
                ?? MappingMapDemapCheck.Ok("map pager:30 -> client:4 read-write", db.Map(Pager, 30, Client, 4, (byte)(Spec.RightsR + Spec.RightsW)))
                ?? MappingMapDemapCheck.Ok("map client:4 -> pager:31 read-only", db.Map(Client, 4, Pager, 31, Spec.RightsR))
                ?? MappingMapDemapCheck.Expect("client:4 before", spaces, Client, 4, frame7, true)
                ?? DemapRights(db, walk, Pager, 30, Spec.RightsW)
                ?? MappingMapDemapCheck.Expect("client:4 without write", spaces, Client, 4, frame7, false)
                ?? MappingMapDemapCheck.Expect("pager:31 without write", spaces, Pager, 31, frame7, false)
                ?? MappingMapDemapCheck.Expect("pager:30 keeps its rights", spaces, Pager, 30, frame7, true)
                ?? DemapRights(db, walk, Pager, 30, Spec.RightsR)
                ?? MappingMapDemapCheck.Absent("client:4 left with no rights", spaces, Client, 4)
                ?? MappingMapDemapCheck.Absent("pager:31 left with no rights", spaces, Pager, 31)
                ?? MappingMapDemapCheck.Expect("pager:30 survives", spaces, Pager, 30, frame7, true);
        }

        // Runs a rights-mask demap in budget-1 steps, as the kernel would across preemption points.
        private static string? DemapRights(MappingDb db, MappingDemapRights.RightsWalk walk, uint t, ulong v, byte mask)
        {
            MappingDemapRights.__default.DemapRights(db, walk, t, v, mask, 1, out uint err, out bool done);
            int steps = 1;
            while (err == Spec.OK && !done)
            {
                if (db.Map(Sigma0, 8, Client, 9, Spec.RightsAll) != Spec.ErrBusy)
                {
                    return "map during a rights-mask demap was not refused";
                }
                MappingDemapRights.__default.DemapRightsContinue(db, walk, 1, out err, out done);
                steps++;
            }
            if (err != Spec.OK)
            {
                return string.Concat("rights-mask demap: error ", err.ToString());
            }
            return steps > 2 ? null : string.Concat("rights-mask demap was not preempted: ", steps.ToString(), " steps");
        }
    }

    internal sealed class MappingFlexpageCheck : SelfCheck
    {
        public override string Name => "mapping: flexpage placement in the receive window (Dafny)";

        public override string? Run()
        {
            // 2-page send flexpage, 8-page window, send base 3: lands at window + 2
            MappingFlexpage.__default.Place(4, 1, 3, 32, 3, out uint err, out ulong src, out ulong dst, out ulong count);
            if (err != Spec.OK || src != 4 || dst != 34 || count != 2)
            {
                return "smaller send flexpage misplaced";
            }
            // 8-page send flexpage, 2-page window, send base 5: the part at +4 fills the window
            MappingFlexpage.__default.Place(16, 3, 5, 2, 1, out err, out src, out dst, out count);
            return err == Spec.OK && src == 20 && dst == 2 && count == 2 ? null : "larger send flexpage misplaced";
        }
    }
}
