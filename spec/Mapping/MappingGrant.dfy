// Grant: a mapping moves to another (task, page), with its rights cut by a mask (L4 grant item).
//
// The node itself moves: its key and rights change, its parent, depth and children do not, so everything derived
// from the granted mapping stays derived from it and the derivation tree keeps its shape. That makes grant O(1): one
// slot cleared, one slot set, one node rewritten, one leaf unmapped and one mapped.
// Refused: sigma0's identity mappings (permanent roots: ErrInvalidArgument), and cutting rights of a mapping others
// derive from (ErrNoRights: the derived mappings would hold more than their source; demap them first). Checking
// "has children" is one link read, so the refusal stays O(1).
// A separate module taking the database as a parameter keeps MappingDatabase.dfy (and its verification time) as is.
include "MappingDatabase.dfy"

module MappingGrant {
  import opened NativeTypes
  import opened MappingTypes
  import opened HalPageTables
  import opened MappingSteps
  import opened MappingDatabase

  method Grant(db: MappingDb, st: u32, sv: u64, dt: u32, dv: u64, mask: u8) returns (err: u32)
    requires db.Valid()
    modifies db, db.task, db.vpage, db.rights, db.slot, db.pt
    ensures db.Valid() && GrantStep(old(db.sigma), db.sigma, db.tasks, db.frames, st, sv, dt, dv, mask, err)
    ensures db.demap.root == old(db.demap.root) && db.kids == old(db.kids) && db.freeList == old(db.freeList)
    // the granted node moves: same node, now under the new key; parent, depth, frame and children unchanged
    ensures err == OK ==>
      && st < db.tasks && dt < db.tasks && sv < PagesPerTask && dv < PagesPerTask
      && var n := old(db.slot[Slot(st, sv)]);
      && n < db.capacity && db.slot[Slot(dt, dv)] == n && db.slot[Slot(st, sv)] == Nil
      && db.rights[n] == RightsAnd(old(db.rights[n]), mask)
      && (forall a: u32, b: u32 :: db.Derived(a, b) <==> old(db.Derived(a, b)))
    // rights are cut only where something is derived
    ensures (err == ErrNoRights && st < db.tasks && sv < PagesPerTask && (st, sv) in old(db.sigma)
             && RightsAnd(old(db.sigma)[(st, sv)].1, mask) != 0) ==>
        var n := old(db.slot[Slot(st, sv)]);
        n < db.capacity && old(db.firstChild[n]) != Nil
  {
    var n: u32, r: u8;
    err, n, r := GrantCheck(db, st, sv, dt, dv, mask);
    if err != OK { return; }
    GrantApply(db, n, st, sv, dt, dv, r);
  }

  // Grant's checks (changing nothing): an error exactly as GrantStep says, or the node to move and its new rights.
  method GrantCheck(db: MappingDb, st: u32, sv: u64, dt: u32, dv: u64, mask: u8)
    returns (err: u32, n: u32, r: u8)
    requires db.Valid()
    ensures err != OK ==> GrantStep(db.sigma, db.sigma, db.tasks, db.frames, st, sv, dt, dv, mask, err)
    ensures (err == ErrNoRights && st < db.tasks && sv < PagesPerTask && (st, sv) in db.sigma
             && RightsAnd(db.sigma[(st, sv)].1, mask) != 0) ==>
        var n := db.slot[Slot(st, sv)];
        n < db.capacity && db.firstChild[n] != Nil
    ensures err == OK ==>
      && st < db.tasks && dt < db.tasks && sv < PagesPerTask && dv < PagesPerTask && (st, sv) != (dt, dv)
      && (st, sv) in db.sigma && !(st == Sigma0 && sv < db.frames as u64) && (dt, dv) !in db.sigma
      && r == RightsAnd(db.sigma[(st, sv)].1, mask) && r != 0 && db.demap.root == Nil
      && db.slot[Slot(st, sv)] == n && db.frames <= n < db.capacity && db.rights[n] == db.sigma[(st, sv)].1
      && (r != db.rights[n] ==> db.firstChild[n] == Nil) && IsRights(r) && RightsLe(r, db.rights[n])
  {
    if st >= db.tasks || dt >= db.tasks { return ErrInvalidTask, 0, 0; }
    if sv >= PagesPerTask || dv >= PagesPerTask { return ErrInvalidPage, 0, 0; }
    if st == dt && sv == dv { return ErrInvalidArgument, 0, 0; }
    db.KeyFacts(st, sv);
    db.KeyFacts(dt, dv);
    n := db.slot[Slot(st, sv)];
    if n == Nil { return ErrNotMapped, n, 0; }
    if st == Sigma0 && sv < db.frames as u64 { return ErrInvalidArgument, n, 0; }
    r := RightsAnd(db.rights[n], mask);
    if r == 0 { return ErrNoRights, n, r; }
    if db.slot[Slot(dt, dv)] != Nil { return ErrOccupied, n, r; }
    if db.progress[RootAt] != Nil { return ErrBusy, n, r; }
    if r != db.rights[n] && db.firstChild[n] != Nil { return ErrNoRights, n, r; }
    NotRoot(db, n, st, sv);
    LemmaRightsAndLe(db.rights[n], mask);
    err := OK;
  }

  // Grant's effect: node n moves from (st, sv) to (dt, dv) with rights r.
  method GrantApply(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires db.Valid()
    requires st < db.tasks && dt < db.tasks && sv < PagesPerTask && dv < PagesPerTask && (st, sv) != (dt, dv)
    requires (st, sv) in db.sigma && (dt, dv) !in db.sigma && db.demap.root == Nil
    requires db.slot[Slot(st, sv)] == n && db.frames <= n < db.capacity
    requires 0 < r && IsRights(r) && RightsLe(r, db.rights[n]) && (r != db.rights[n] ==> db.firstChild[n] == Nil)
    modifies db, db.task, db.vpage, db.rights, db.slot, db.pt
    ensures db.Valid() && db.sigma == (old(db.sigma) - {(st, sv)})[(dt, dv) := (old(db.sigma)[(st, sv)].0, r)]
    ensures db.demap.root == old(db.demap.root) && db.kids == old(db.kids) && db.freeList == old(db.freeList)
    ensures db.slot[Slot(dt, dv)] == n && db.slot[Slot(st, sv)] == Nil && db.rights[n] == r
    ensures forall a: u32, b: u32 :: db.Derived(a, b) <==> old(db.Derived(a, b))
  {
    db.KeyFacts(st, sv);
    db.KeyFacts(dt, dv);
    db.FreeHeadFacts();
    db.FirstChildFacts(n);
    var f := db.frame[n];
    MoveNode(db, n, st, sv, dt, dv, r);
    HalUnmapPage(db.pt, db.space, st, sv);
    HalMapPage(db.pt, db.space, dt, dv, f, r);
    db.sigma := (db.sigma - {(st, sv)})[(dt, dv) := (f, r)];
    GrantValid(db, n, st, sv, dt, dv, r);
    DerivedUnchanged(db, n, r);
  }

  // The node arrays' part of a grant: key and rights of n, and the two slots.
  method MoveNode(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires db.Shapes() && n < db.capacity && st < db.tasks && dt < db.tasks && sv < PagesPerTask && dv < PagesPerTask
    modifies db.task, db.vpage, db.rights, db.slot
    ensures db.task[..] == old(db.task[..])[n := dt] && db.vpage[..] == old(db.vpage[..])[n := dv]
    ensures db.rights[..] == old(db.rights[..])[n := r]
    ensures db.slot[..] == old(db.slot[..])[Slot(st, sv) := Nil][Slot(dt, dv) := n]
  {
    db.task[n] := dt;
    db.vpage[n] := dv;
    db.rights[n] := r;
    db.slot[Slot(st, sv)] := Nil;
    db.slot[Slot(dt, dv)] := n;
  }

  // The node of a page other than sigma0's identity pages is not a root.
  lemma NotRoot(db: MappingDb, n: u32, st: u32, sv: u64)
    requires db.StructValid() && st < db.tasks && sv < PagesPerTask && db.slot[Slot(st, sv)] == n && n != Nil
    requires !(st == Sigma0 && sv < db.frames as u64)
    ensures db.frames <= n < db.capacity
  {
    reveal db.RootsOk(), db.SlotsOk();
  }

  // What Grant changed, as a two-state predicate so that each part of the invariant is its own lemma.
  twostate predicate GrantEffect(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    reads db, db.task, db.vpage, db.frame, db.rights, db.depth, db.parent, db.firstChild, db.nextSib, db.prevSib
    reads db.slot, db.pt, db.demap, db.progress
  {
    && old(db.Valid()) && db.Shapes() && old(db.Shapes()) && old(db.demap.root) == Nil
    && db.demap.root == Nil && db.progress[RootAt] == Nil && db.progress[CursorAt] == old(db.progress[CursorAt])
    && db.demap.cursor == old(db.demap.cursor)
    && st < db.tasks && dt < db.tasks && sv < PagesPerTask && dv < PagesPerTask && (st, sv) != (dt, dv)
    && db.frames <= n < db.capacity && old(db.slot[Slot(st, sv)]) == n && old(db.slot[Slot(dt, dv)]) == Nil
    && old(db.rights[n]) != 0 && 0 < r && IsRights(r) && RightsLe(r, old(db.rights[n]))
    && (r != old(db.rights[n]) ==> old(db.firstChild[n]) == Nil)
    && old(db.task[n]) == st && old(db.vpage[n]) == sv
    && db.task[..] == old(db.task[..])[n := dt] && db.vpage[..] == old(db.vpage[..])[n := dv]
    && db.rights[..] == old(db.rights[..])[n := r]
    && db.slot[..] == old(db.slot[..])[Slot(st, sv) := Nil][Slot(dt, dv) := n]
    && db.frame[..] == old(db.frame[..]) && db.depth[..] == old(db.depth[..]) && db.parent[..] == old(db.parent[..])
    && db.firstChild[..] == old(db.firstChild[..]) && db.nextSib[..] == old(db.nextSib[..])
    && db.prevSib[..] == old(db.prevSib[..])
    && db.kids == old(db.kids) && |db.kids| == db.capacity as int && db.freeList == old(db.freeList) && db.freeHead == old(db.freeHead)
    && db.sigma == (old(db.sigma) - {(st, sv)})[(dt, dv) := (old(db.frame[n]), r)] && db.pt.entries == db.sigma
  }

  twostate lemma GrantValid(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires GrantEffect(db, n, st, sv, dt, dv, r)
    ensures db.Valid()
  {
    GrantRoots(db, n, st, sv, dt, dv, r);
    GrantNodes(db, n, st, sv, dt, dv, r);
    GrantSlots(db, n, st, sv, dt, dv, r);
    GrantKids(db, n, st, sv, dt, dv, r);
    GrantFree(db, n, st, sv, dt, dv, r);
    GrantSigma(db, n, st, sv, dt, dv, r);
    assert db.DemapOk() by { reveal db.DemapOk(); }
  }

  twostate lemma GrantRoots(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires GrantEffect(db, n, st, sv, dt, dv, r)
    ensures db.RootsOk()
  {
    reveal db.RootsOk();
  }

  twostate lemma GrantNodes(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires GrantEffect(db, n, st, sv, dt, dv, r)
    ensures db.NodesOk()
  {
    reveal db.NodesOk();
    assert old(db.NodesOk());
    var p := db.parent[n];
    assert p < db.capacity && old(db.rights[p]) != 0 && RightsLe(old(db.rights[n]), old(db.rights[p]));
    assert old(db.depth[n]) as int == old(db.depth[p]) as int + 1;
    assert p != n;
    LemmaRightsLeTrans(r, old(db.rights[n]), old(db.rights[p]));
    forall m: u32 | db.frames <= m < db.capacity && db.rights[m] != 0 && m != n
      ensures db.parent[m] < db.capacity && db.rights[db.parent[m]] != 0
      ensures RightsLe(db.rights[m], db.rights[db.parent[m]])
    {
      assert old(db.rights[m]) != 0;
      if db.parent[m] == n && r != old(db.rights[n]) {
        ChildlessHasNoKids(db, n, m);
      }
    }
  }

  // n had no children before the grant, so no live node has parent n.
  twostate lemma ChildlessHasNoKids(db: MappingDb, n: u32, m: u32)
    requires old(db.StructValid()) && n < db.capacity && old(db.firstChild[n]) == Nil
    requires db.frames <= m < db.capacity && old(db.rights[m]) != 0
    ensures old(db.parent[m]) != n
  {
    reveal db.KidsOk();
    assert old(db.KidsOf(n));
    assert old(db.parent[m]) < db.capacity && m in old(db.kids[db.parent[m]]);
  }

  twostate lemma GrantSlots(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires GrantEffect(db, n, st, sv, dt, dv, r)
    ensures db.SlotsOk()
  {
    reveal db.SlotsOk();
    assert old(db.SlotsOk());
    LemmaSlotInjective(st, sv, dt, dv);
    forall t: u32, v: u64 | t < db.tasks && v < PagesPerTask && db.slot[Slot(t, v)] != Nil
      ensures db.slot[Slot(t, v)] < db.capacity && db.rights[db.slot[Slot(t, v)]] != 0
      ensures db.task[db.slot[Slot(t, v)]] == t && db.vpage[db.slot[Slot(t, v)]] == v
    {
      LemmaSlotInjective(st, sv, t, v);
      LemmaSlotInjective(dt, dv, t, v);
    }
    forall m: u32 | m < db.capacity && db.rights[m] != 0
      ensures db.task[m] < db.tasks && db.vpage[m] < PagesPerTask && db.slot[Slot(db.task[m], db.vpage[m])] == m
    {
      if m != n {
        assert old(db.rights[m]) != 0;
        LemmaSlotInjective(st, sv, db.task[m], db.vpage[m]);
        LemmaSlotInjective(dt, dv, db.task[m], db.vpage[m]);
      }
    }
  }

  twostate lemma GrantKids(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires GrantEffect(db, n, st, sv, dt, dv, r)
    ensures db.KidsOk()
  {
    forall m: u32 | m < db.capacity
      ensures db.KidsOf(m)
    {
      GrantKidsOf(db, n, st, sv, dt, dv, r, m);
    }
    forall c: u32 | db.frames <= c < db.capacity && db.rights[c] != 0
      ensures db.parent[c] < db.capacity && c in db.kids[db.parent[c]]
    {
      reveal db.KidsOk();
      assert old(db.rights[c]) != 0;
    }
    reveal db.KidsOk();
  }

  twostate lemma GrantKidsOf(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8, m: u32)
    requires GrantEffect(db, n, st, sv, dt, dv, r) && m < db.capacity
    ensures db.KidsOf(m)
  {
    assert old(db.KidsOf(m)) by { reveal db.KidsOk(); }
    KidsOfKept(db, n, r, m);
  }

  // A child list is kept when only the (nonzero) rights of one live node change.
  twostate lemma KidsOfKept(db: MappingDb, n: u32, r: u8, m: u32)
    requires db.Shapes() && old(db.Shapes()) && |db.kids| == db.capacity as int && db.kids == old(db.kids)
    requires n < db.capacity && m < db.capacity && old(db.rights[n]) != 0 && r != 0
    requires db.rights[..] == old(db.rights[..])[n := r]
    requires db.parent[..] == old(db.parent[..]) && db.firstChild[..] == old(db.firstChild[..])
    requires db.nextSib[..] == old(db.nextSib[..]) && db.prevSib[..] == old(db.prevSib[..])
    requires old(db.KidsOf(m))
    ensures db.KidsOf(m)
  {
    assert forall i: u32 :: i < db.capacity ==> (db.rights[i] != 0 <==> old(db.rights[i]) != 0);
  }

  twostate lemma GrantFree(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires GrantEffect(db, n, st, sv, dt, dv, r)
    ensures db.FreeOk()
  {
    reveal db.FreeOk();
    assert old(db.FreeOk());
  }

  twostate lemma GrantSigma(db: MappingDb, n: u32, st: u32, sv: u64, dt: u32, dv: u64, r: u8)
    requires GrantEffect(db, n, st, sv, dt, dv, r)
    ensures db.SigmaOk()
  {
    reveal db.SigmaOk();
    assert old(db.SigmaOk());
    LemmaSlotInjective(st, sv, dt, dv);
    forall k: (u32, u64) | k in db.sigma
      ensures k.0 < db.tasks && k.1 < PagesPerTask && db.slot[Slot(k.0, k.1)] != Nil
    {
      if k != (dt, dv) {
        LemmaSlotInjective(st, sv, k.0, k.1);
        LemmaSlotInjective(dt, dv, k.0, k.1);
      }
    }
    forall t: u32, v: u64 | t < db.tasks && v < PagesPerTask && db.slot[Slot(t, v)] != Nil
      ensures (t, v) in db.sigma && db.slot[Slot(t, v)] < db.capacity
      ensures db.sigma[(t, v)] == (db.frame[db.slot[Slot(t, v)]], db.rights[db.slot[Slot(t, v)]])
    {
      LemmaSlotInjective(st, sv, t, v);
      LemmaSlotInjective(dt, dv, t, v);
      if (t, v) != (dt, dv) {
        assert old(db.slot[Slot(t, v)]) != n by { reveal db.SlotsOk(); }
      }
    }
  }

  // Derivation reads only liveness, depth and parent: a grant keeps every live node live and moves no link.
  twostate lemma DerivedUnchanged(db: MappingDb, n: u32, r: u8)
    requires db.Shapes() && old(db.Shapes()) && n < db.capacity && r != 0
    requires old(db.rights[n]) != 0 && db.rights[..] == old(db.rights[..])[n := r]
    requires db.depth[..] == old(db.depth[..]) && db.parent[..] == old(db.parent[..])
    ensures forall a: u32, b: u32 :: db.Derived(a, b) <==> old(db.Derived(a, b))
  {
    forall a: u32, b: u32 | a < db.capacity && b < db.capacity
      ensures db.Derived(a, b) <==> old(db.Derived(a, b))
    {
      db.AncUnchanged(a, db.depth[a] as int - db.depth[b] as int);
    }
  }
}
