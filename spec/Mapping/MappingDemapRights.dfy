// Demap with a rights mask (L4's unmap with a partial rights mask): every mapping derived from task t's page v loses
// the rights in the mask; a mapping left with no rights is removed. The page's own mapping and every unrelated
// mapping are unchanged (MappingSteps.DemapRightsStep). With all rights in the mask it has the effect of Demap.
//
// The walk is post-order (a node's children before the node), so "rights never grow" holds at every preemption
// point: a node is reduced only when all its children are clean (hold no right of the mask), so their rights stay
// within the node's reduced rights; a node reduced to nothing has no children left and is removed as a leaf.
// A node is clean when RightsMinus(rights, mask) == rights; a clean node's whole subtree is clean (children hold no
// more rights than their parent), so the walk skips clean children without entering them.
//
// State (RightsWalk, kept by the kernel with the thread's other syscall state while the walk is preempted): the root,
// the cursor (the node whose children are being scanned) and the scan position (the next child to look at; Nil when
// all of the cursor's children are clean). One unit of work: skip a clean child, enter a dirty one, or reduce (or
// remove) the cursor and return to its parent, continuing with its next sibling.
//
// While a walk runs it holds the database's demap lock (progress[RootAt] is the root), so Map, Grant, FlushOwn and
// Demap answer ErrBusy exactly as during a preempted demap. The database's own demap record then describes a demap
// that has not started yet (cursor at the root, the current sigma, the currently derived keys); the kernel resumes a
// walk with DemapRightsContinue, never with MappingDb.DemapContinue.
include "MappingDatabase.dfy"
include "MappingFlush.dfy"

module MappingDemapRights {
  import opened NativeTypes
  import opened MappingTypes
  import opened HalPageTables
  import opened MappingSteps
  import opened MappingDatabase
  import MappingFlush

  class RightsWalk {
    var root: u32      // the demapped mapping's node; Nil when no walk runs
    var cursor: u32    // the node whose children are being scanned
    var scan: u32      // the next child of the cursor to look at; Nil: all of them are clean
    var mask: u8       // the rights to take away
    ghost var startSigma: map<Key, Entry>   // sigma when the walk started
    ghost var derived: set<Key>             // the keys derived from the root when it started

    constructor()
      ensures root == Nil
    {
      root, cursor, scan, mask := Nil, Nil, Nil, 0;
      startSigma, derived := map[], {};
    }
  }

  // ---- Rights facts ----

  predicate Clean(r: u8, m: u8) {
    RightsMinus(r, m) == r
  }

  lemma RightsCases(a: u8)
    requires a <= 7
    ensures a == 0 || a == 1 || a == 2 || a == 3 || a == 4 || a == 5 || a == 6 || a == 7
  {
  }

  lemma MinusBits(b: u8, m: u8)
    ensures HasX(RightsMinus(b, m)) == (HasX(b) && !HasX(m))
    ensures HasW(RightsMinus(b, m)) == (HasW(b) && !HasW(m))
    ensures HasR(RightsMinus(b, m)) == (HasR(b) && !HasR(m))
    ensures IsRights(RightsMinus(b, m))
  {
  }

  lemma CleanIff(a: u8, m: u8)
    requires IsRights(a)
    ensures Clean(a, m) <==> (HasX(a) ==> !HasX(m)) && (HasW(a) ==> !HasW(m)) && (HasR(a) ==> !HasR(m))
  {
    RightsCases(a);
  }

  // A subset of a clean rights set is clean.
  lemma CleanLe(a: u8, b: u8, m: u8)
    requires RightsLe(a, b) && Clean(b, m)
    ensures Clean(a, m)
  {
    reveal RightsLe();
    CleanIff(a, m);
    CleanIff(b, m);
  }

  // A clean subset of b stays a subset of b without the mask.
  lemma LeMinus(a: u8, b: u8, m: u8)
    requires RightsLe(a, b) && Clean(a, m)
    ensures RightsLe(a, RightsMinus(b, m))
  {
    reveal RightsLe();
    CleanIff(a, m);
    MinusBits(b, m);
  }

  lemma MinusLe(b: u8, m: u8)
    requires IsRights(b)
    ensures RightsLe(RightsMinus(b, m), b) && Clean(RightsMinus(b, m), m)
  {
    reveal RightsLe();
    MinusBits(b, m);
    LemmaRightsMinusIdem(b, m);
  }

  lemma LeNone(a: u8)
    requires RightsLe(a, 0)
    ensures a == 0
  {
    reveal RightsLe();
    RightsCases(a);
  }

  lemma LeRefl(a: u8)
    requires IsRights(a)
    ensures RightsLe(a, a)
  {
    reveal RightsLe();
  }

  // ---- Walk invariant ----

  ghost predicate CleanAt(db: MappingDb, m: u8, n: u32)
    reads db, db.rights
    requires db.Shapes()
  {
    n < db.capacity && Clean(db.rights[n], m)
  }

  // The children of p before s are clean (all of them when s is not one of p's children).
  ghost predicate PrefixClean(db: MappingDb, m: u8, p: u32, s: u32)
    reads db, db.rights
    requires db.Shapes() && |db.kids| == db.capacity as int && p < db.capacity
  {
    var q := db.kids[p];
    && (forall i, j :: 0 <= i < j < |q| && q[j] == s ==> CleanAt(db, m, q[i]))
    && (s !in q ==> forall i :: 0 <= i < |q| ==> CleanAt(db, m, q[i]))
  }

  // The cursor is the root or derived from it; the scan position is one of its children or Nil, and the children
  // before it are clean.
  opaque ghost predicate CursorOk(db: MappingDb, r: u32, c: u32, s: u32, m: u8)
    reads db, db.rights, db.depth, db.parent
    requires db.Shapes()
  {
    && |db.kids| == db.capacity as int
    && r < db.capacity && db.rights[r] != 0
    && c < db.capacity && db.rights[c] != 0 && (c == r || db.Derived(c, r))
    && (s != Nil ==> s in db.kids[c])
    && PrefixClean(db, m, c, s)
  }

  // Every node from the cursor up to (not including) the root has only clean siblings before it: the walk has
  // finished them.
  opaque ghost predicate PathOk(db: MappingDb, r: u32, c: u32, m: u8)
    reads db, db.rights, db.depth, db.parent
    requires db.Shapes()
  {
    && |db.kids| == db.capacity as int
    && forall x: u32 :: x < db.capacity && (x == c || db.Derived(c, x)) && db.Derived(x, r) ==>
         db.parent[x] < db.capacity && PrefixClean(db, m, db.parent[x], x)
  }

  // sigma against the start: unrelated keys unchanged; a derived key keeps its frame and has its start rights or the
  // reduced ones; a key is gone only if it is derived and its reduced rights are empty.
  opaque ghost predicate SigmaWalkOk(s0: map<Key, Entry>, s: map<Key, Entry>, d: set<Key>, m: u8) {
    && (forall k :: k in s ==> k in s0 && s[k].0 == s0[k].0)
    && (forall k :: k in s && k !in d ==> s[k] == s0[k])
    && (forall k :: k in s && k in d ==> s[k].1 == s0[k].1 || s[k].1 == RightsMinus(s0[k].1, m))
    && (forall k :: k in s0 && k !in s ==> k in d && RightsMinus(s0[k].1, m) == 0)
  }

  // The derived keys are exactly those of the mappings still derived from the root.
  opaque ghost predicate KeysOk(db: MappingDb, r: u32, d: set<Key>)
    reads db, db.task, db.vpage, db.rights, db.depth, db.parent, db.slot
    requires db.Shapes()
  {
    && (forall n: u32 :: n < db.capacity && db.Derived(n, r) ==> db.KeyOf(n) in d)
    && (forall k :: k in d && k in db.sigma && k.0 < db.tasks && k.1 < PagesPerTask ==>
          db.Derived(db.slot[Slot(k.0, k.1)], r))
  }

  ghost predicate WalkOk(db: MappingDb, w: RightsWalk)
    reads db, db.demap, db.progress, db.task, db.vpage, db.frame, db.rights, db.depth, db.parent, db.firstChild
    reads db.nextSib, db.prevSib, db.slot, db.pt, w
  {
    && db.Valid()
    && (w.root != Nil ==>
          && db.demap.root == w.root && db.demap.cursor == w.root
          && CursorOk(db, w.root, w.cursor, w.scan, w.mask) && PathOk(db, w.root, w.cursor, w.mask)
          && SigmaWalkOk(w.startSigma, db.sigma, w.derived, w.mask) && KeysOk(db, w.root, w.derived))
  }

  // ---- Entry points ----

  // Starts the walk for task t's page v and runs it for at most `budget` units.
  method DemapRights(db: MappingDb, w: RightsWalk, t: u32, v: u64, mask: u8, budget: u32) returns (err: u32, done: bool)
    requires WalkOk(db, w)
    modifies db, db.demap, db.progress, db.rights, db.firstChild, db.nextSib, db.prevSib, db.slot, db.pt, w
    ensures WalkOk(db, w)
    ensures err != OK ==> db.sigma == old(db.sigma) && !done && w.root == old(w.root)
    ensures err == OK <==> t < db.tasks && v < PagesPerTask && (t, v) in old(db.sigma) && old(db.demap.root) == Nil
    ensures err == OK ==> w.startSigma == old(db.sigma) && w.mask == mask
    ensures err == OK ==> w.derived == old(db.DerivedKeys(db.slot[Slot(t, v)]))
    ensures err == OK && done ==> DemapRightsStep(w.startSigma, db.sigma, w.derived, w.mask)
    ensures done <==> err == OK && w.root == Nil
  {
    if t >= db.tasks { return ErrInvalidTask, false; }
    if v >= PagesPerTask { return ErrInvalidPage, false; }
    db.KeyFacts(t, v);
    var n := db.slot[Slot(t, v)];
    if n == Nil { return ErrNotMapped, false; }
    if db.progress[RootAt] != Nil { return ErrBusy, false; }
    StartWalk(db, w, n, mask);
    err, done := DemapRightsContinue(db, w, budget);
  }

  // Takes the demap lock and sets the walk up at n (nothing is reduced yet).
  method StartWalk(db: MappingDb, w: RightsWalk, n: u32, mask: u8)
    requires db.Valid() && db.demap.root == Nil && n < db.capacity && db.rights[n] != 0
    modifies db.demap, db.progress, w
    ensures WalkOk(db, w) && w.root == n && w.mask == mask
    ensures w.startSigma == db.sigma && w.derived == old(db.DerivedKeys(n))
  {
    StartOk(db, n, mask);
    ghost var dk := db.DerivedKeys(n);
    Lock(db, n, dk);
    SetWalk(w, n, db.firstChild[n], mask, db.sigma, dk);
  }

  // All of the walk's fields in one heap update (keeps the frame reasoning of the callers small).
  method SetWalk(w: RightsWalk, n: u32, s: u32, mask: u8, ghost s0: map<Key, Entry>, ghost d: set<Key>)
    modifies w
    ensures w.root == n && w.cursor == n && w.scan == s && w.mask == mask && w.startSigma == s0 && w.derived == d
  {
    w.root := n;
    w.cursor := n;
    w.scan := s;
    w.mask := mask;
    w.startSigma := s0;
    w.derived := d;
  }

  method SetCursor(w: RightsWalk, c: u32, s: u32)
    modifies w
    ensures w.cursor == c && w.scan == s && w.root == old(w.root) && w.mask == old(w.mask)
    ensures w.startSigma == old(w.startSigma) && w.derived == old(w.derived)
  {
    w.cursor := c;
    w.scan := s;
  }

  // The walk at n holds the database's demap lock; the demap record describes a demap from n not yet begun.
  method Lock(db: MappingDb, n: u32, ghost dk: set<Key>)
    requires db.StructValid() && n < db.capacity && db.rights[n] != 0 && dk == db.DerivedKeys(n)
    modifies db.demap, db.progress
    ensures db.Valid() && db.demap.root == n && db.demap.cursor == n
  {
    db.demap.root := n;
    db.demap.cursor := n;
    db.progress[RootAt] := n;
    db.progress[CursorAt] := n;
    Relock(db, n);
  }

  // After a step: the demap record is renewed (sigma and the derived keys of now).
  method Relock(db: MappingDb, r: u32)
    requires db.StructValid() && r < db.capacity && db.rights[r] != 0
    requires db.demap.root == r && db.demap.cursor == r && db.progress[RootAt] == r && db.progress[CursorAt] == r
    modifies db.demap
    ensures db.Valid() && db.demap.root == r && db.demap.cursor == r
  {
    db.demap.startSigma := db.sigma;
    db.demap.doomed := db.DerivedKeys(r);
    db.DemapStartOk(r);
  }

  // Resumes the walk in progress for at most `budget` units.
  method DemapRightsContinue(db: MappingDb, w: RightsWalk, budget: u32) returns (err: u32, done: bool)
    requires WalkOk(db, w)
    modifies db, db.demap, db.progress, db.rights, db.firstChild, db.nextSib, db.prevSib, db.slot, db.pt, w
    ensures WalkOk(db, w)
    ensures w.startSigma == old(w.startSigma) && w.derived == old(w.derived) && w.mask == old(w.mask)
    ensures err == OK <==> old(w.root) != Nil
    ensures err != OK ==> db.sigma == old(db.sigma) && !done
    ensures done <==> err == OK && w.root == Nil
    ensures done ==> DemapRightsStep(w.startSigma, db.sigma, w.derived, w.mask)
  {
    if w.root == Nil { return ErrNoDemap, false; }
    var work: u32 := 0;
    while work < budget && w.root != Nil
      invariant WalkOk(db, w)
      invariant w.startSigma == old(w.startSigma) && w.derived == old(w.derived) && w.mask == old(w.mask)
      invariant w.root == Nil ==> DemapRightsStep(w.startSigma, db.sigma, w.derived, w.mask)
      decreases budget as int - work as int
    {
      WalkStep(db, w);
      work := work + 1;
    }
    return OK, w.root == Nil;
  }

  // One unit of work: skip a clean child or enter a dirty one; with all children clean, finish at the root or
  // reduce (remove) the cursor and go up.
  method WalkStep(db: MappingDb, w: RightsWalk)
    requires WalkOk(db, w) && w.root != Nil
    modifies db, db.demap, db.progress, db.rights, db.firstChild, db.nextSib, db.prevSib, db.slot, db.pt, w
    ensures WalkOk(db, w) && w.startSigma == old(w.startSigma) && w.derived == old(w.derived) && w.mask == old(w.mask)
    ensures w.root == Nil ==> DemapRightsStep(w.startSigma, db.sigma, w.derived, w.mask)
  {
    if w.scan != Nil {
      ScanStep(db, w);
    } else if w.cursor == w.root {
      FinishStep(db, w);
    } else {
      UpStep(db, w);
    }
  }

  method ScanStep(db: MappingDb, w: RightsWalk)
    requires WalkOk(db, w) && w.root != Nil && w.scan != Nil
    modifies w
    ensures WalkOk(db, w) && w.root == old(w.root)
    ensures w.startSigma == old(w.startSigma) && w.derived == old(w.derived) && w.mask == old(w.mask)
  {
    var r := w.root;
    var c := w.cursor;
    var s := w.scan;
    var m := w.mask;
    ScanFacts(db, r, c, s, m);
    if RightsMinus(db.rights[s], m) == db.rights[s] {
      SkipOk(db, r, c, s, m);
      w.scan := db.nextSib[s];
    } else {
      DescendOk(db, r, c, s, m);
      w.cursor := s;
      w.scan := db.firstChild[s];
    }
  }

  method FinishStep(db: MappingDb, w: RightsWalk)
    requires WalkOk(db, w) && w.root != Nil && w.scan == Nil && w.cursor == w.root
    modifies db.demap, db.progress, w
    ensures WalkOk(db, w) && w.root == Nil
    ensures w.startSigma == old(w.startSigma) && w.derived == old(w.derived) && w.mask == old(w.mask)
    ensures DemapRightsStep(w.startSigma, db.sigma, w.derived, w.mask)
  {
    FinishOk(db, w.root, w.mask, w.startSigma, w.derived);
    w.root := Nil;
    db.demap.root := Nil;
    db.progress[RootAt] := Nil;
    assert db.DemapOk() by { reveal db.DemapOk(); }
  }

  method UpStep(db: MappingDb, w: RightsWalk)
    requires WalkOk(db, w) && w.root != Nil && w.scan == Nil && w.cursor != w.root
    modifies db, db.demap, db.rights, db.firstChild, db.nextSib, db.prevSib, db.slot, db.pt, w
    ensures WalkOk(db, w) && w.root == old(w.root)
    ensures w.startSigma == old(w.startSigma) && w.derived == old(w.derived) && w.mask == old(w.mask)
  {
    var r := w.root;
    var p, nx := UpMove(db, r, w.cursor, w.mask, w.startSigma, w.derived);
    Relock(db, r);
    SetCursor(w, p, nx);
  }

  // The cursor c (all children clean, not the root) is reduced, or removed when nothing is left; the walk goes up
  // to its parent p, scanning from c's next sibling nx.
  method UpMove(db: MappingDb, r: u32, c: u32, m: u8, ghost s0: map<Key, Entry>, ghost d: set<Key>)
    returns (p: u32, nx: u32)
    requires db.StructValid() && c != r && CursorOk(db, r, c, Nil, m) && PathOk(db, r, c, m)
    requires SigmaWalkOk(s0, db.sigma, d, m) && KeysOk(db, r, d)
    modifies db, db.rights, db.firstChild, db.nextSib, db.prevSib, db.slot, db.pt
    ensures db.StructValid() && r < db.capacity && db.rights[r] != 0
    ensures CursorOk(db, r, p, nx, m) && PathOk(db, r, p, m) && SigmaWalkOk(s0, db.sigma, d, m) && KeysOk(db, r, d)
  {
    ghost var i := UpFacts(db, r, c, m, d);
    if RightsMinus(db.rights[c], m) == 0 {
      p, nx := RemoveUp(db, r, c, m, s0, d);
    } else {
      p, nx := ReduceUp(db, r, c, m, s0, d);
    }
  }

  method RemoveUp(db: MappingDb, r: u32, c: u32, m: u8, ghost s0: map<Key, Entry>, ghost d: set<Key>)
    returns (p: u32, nx: u32)
    requires db.StructValid() && c != r && CursorOk(db, r, c, Nil, m) && PathOk(db, r, c, m)
    requires SigmaWalkOk(s0, db.sigma, d, m) && KeysOk(db, r, d)
    requires c < db.capacity && RightsMinus(db.rights[c], m) == 0
    modifies db, db.rights, db.firstChild, db.nextSib, db.prevSib, db.slot, db.pt
    ensures db.StructValid() && r < db.capacity && db.rights[r] != 0
    ensures CursorOk(db, r, p, nx, m) && PathOk(db, r, p, m) && SigmaWalkOk(s0, db.sigma, d, m) && KeysOk(db, r, d)
  {
    ghost var i := UpFacts(db, r, c, m, d);
    p := db.parent[c];
    nx := db.nextSib[c];
    ghost var k := db.KeyOf(c);
    ghost var rc := db.rights[c];
    ghost var s1 := db.sigma;
    LeafWhenEmpty(db, c, m);
    RemoveCursor(db, c, p, i);
    UpCursor(db, r, c, p, i, nx, m, true);
    UpPath(db, r, c, p, m);
    UpKeys(db, r, c, d, true);
    UpSigma(s0, s1, db.sigma, d, m, k, rc, 0);
  }

  // Removes the leaf c, wherever it sits in its parent's child list.
  method RemoveCursor(db: MappingDb, c: u32, ghost p: u32, ghost i: int)
    requires db.StructValid() && db.frames <= c < db.capacity && db.rights[c] != 0 && db.firstChild[c] == Nil
    requires p == db.parent[c] && p < db.capacity && |db.kids| == db.capacity as int
    requires 0 <= i < |db.kids[p]| && db.kids[p][i] == c
    requires forall a, b :: 0 <= a < b < |db.kids[p]| ==> db.kids[p][a] != db.kids[p][b]
    requires db.prevSib[c] == Nil <==> i == 0
    modifies db, db.rights, db.firstChild, db.nextSib, db.prevSib, db.slot, db.pt
    ensures db.StructValid()
    ensures db.kids == old(db.kids)[p := old(db.kids[p])[..i] + old(db.kids[p])[i + 1..]]
    ensures db.rights[..] == old(db.rights[..])[c := 0]
    ensures old(db.task[c]) < db.tasks && old(db.vpage[c]) < PagesPerTask
    ensures db.slot[..] == old(db.slot[..])[Slot(old(db.task[c]), old(db.vpage[c])) := Nil]
    ensures db.sigma == old(db.sigma) - {old(db.KeyOf(c))}
  {
    if db.prevSib[c] == Nil {
      MappingFlush.FirstWhenNoPrev(db, c);
      db.RemoveFirstLeaf(c);
      assert old(db.kids[p])[..0] + old(db.kids[p])[1..] == old(db.kids[p])[1..];
    } else {
      ghost var i' := MappingFlush.RemoveLaterLeaf(db, c);
      assert i' == i;
    }
  }

  method ReduceUp(db: MappingDb, r: u32, c: u32, m: u8, ghost s0: map<Key, Entry>, ghost d: set<Key>)
    returns (p: u32, nx: u32)
    requires db.StructValid() && c != r && CursorOk(db, r, c, Nil, m) && PathOk(db, r, c, m)
    requires SigmaWalkOk(s0, db.sigma, d, m) && KeysOk(db, r, d)
    requires c < db.capacity && RightsMinus(db.rights[c], m) != 0
    modifies db, db.rights, db.pt
    ensures db.StructValid() && r < db.capacity && db.rights[r] != 0
    ensures CursorOk(db, r, p, nx, m) && PathOk(db, r, p, m) && SigmaWalkOk(s0, db.sigma, d, m) && KeysOk(db, r, d)
  {
    ghost var i := UpFacts(db, r, c, m, d);
    p := db.parent[c];
    nx := db.nextSib[c];
    var nr := RightsMinus(db.rights[c], m);
    ghost var k := db.KeyOf(c);
    ghost var rc := db.rights[c];
    ghost var s1 := db.sigma;
    MinusLe(db.rights[c], m);
    ReducePre(db, c, m);
    ReduceRights(db, c, nr);
    UpCursor(db, r, c, p, i, nx, m, false);
    UpPath(db, r, c, p, m);
    UpKeys(db, r, c, d, false);
    UpSigma(s0, s1, db.sigma, d, m, k, rc, nr);
  }

  // ---- Reducing a node's rights ----

  // c's rights become r (a subset, nonzero, still a superset of every child's): node, sigma and page tables.
  method ReduceRights(db: MappingDb, c: u32, r: u8)
    requires db.StructValid() && db.frames <= c < db.capacity && db.rights[c] != 0
    requires 0 < r && RightsLe(r, db.rights[c])
    requires forall x: u32 :: db.frames <= x < db.capacity && db.rights[x] != 0 && db.parent[x] == c ==>
      RightsLe(db.rights[x], r)
    modifies db, db.rights, db.pt
    ensures db.StructValid()
    ensures db.rights[..] == old(db.rights[..])[c := r]
    ensures old(db.KeyOf(c)) in old(db.sigma) && db.sigma == old(db.sigma)[old(db.KeyOf(c)) := (old(db.frame[c]), r)]
    ensures db.kids == old(db.kids) && db.freeList == old(db.freeList) && db.freeHead == old(db.freeHead)
  {
    db.SlotFacts(c);
    db.FirstChildFacts(c);
    assert r <= 7 by { reveal RightsLe(); }
    var t := db.task[c];
    var v := db.vpage[c];
    var f := db.frame[c];
    db.rights[c] := r;
    HalUnmapPage(db.pt, db.space, t, v);
    HalMapPage(db.pt, db.space, t, v, f, r);
    db.sigma := db.sigma[(t, v) := (f, r)];
    ReduceValid(db, c, r, t, v, f);
  }

  twostate predicate ReduceEffect(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64)
    reads db, db.task, db.vpage, db.frame, db.rights, db.depth, db.parent, db.firstChild, db.nextSib, db.prevSib
    reads db.slot, db.pt
  {
    && old(db.StructValid()) && db.Shapes() && old(db.Shapes()) && |db.kids| == db.capacity as int
    && db.frames <= c < db.capacity && old(db.rights[c]) != 0 && 0 < r && RightsLe(r, old(db.rights[c]))
    && (forall x: u32 :: db.frames <= x < db.capacity && old(db.rights[x]) != 0 && old(db.parent[x]) == c ==>
          RightsLe(old(db.rights[x]), r))
    && t == old(db.task[c]) && v == old(db.vpage[c]) && f == old(db.frame[c]) && t < db.tasks && v < PagesPerTask
    && old(db.slot[Slot(t, v)]) == c
    && db.task[..] == old(db.task[..]) && db.vpage[..] == old(db.vpage[..]) && db.frame[..] == old(db.frame[..])
    && db.depth[..] == old(db.depth[..]) && db.parent[..] == old(db.parent[..])
    && db.firstChild[..] == old(db.firstChild[..]) && db.nextSib[..] == old(db.nextSib[..])
    && db.prevSib[..] == old(db.prevSib[..]) && db.slot[..] == old(db.slot[..])
    && db.rights[..] == old(db.rights[..])[c := r]
    && db.kids == old(db.kids) && db.freeList == old(db.freeList) && db.freeHead == old(db.freeHead)
    && db.sigma == old(db.sigma)[(t, v) := (f, r)] && db.pt.entries == db.sigma
  }

  twostate lemma ReduceValid(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64)
    requires ReduceEffect(db, c, r, t, v, f)
    ensures db.StructValid()
  {
    ReduceRoots(db, c, r, t, v, f);
    ReduceNodes(db, c, r, t, v, f);
    ReduceSlots(db, c, r, t, v, f);
    ReduceKids(db, c, r, t, v, f);
    ReduceFree(db, c, r, t, v, f);
    ReduceSigma(db, c, r, t, v, f);
  }

  twostate lemma ReduceRoots(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64)
    requires ReduceEffect(db, c, r, t, v, f)
    ensures db.RootsOk()
  {
    reveal db.RootsOk();
    assert forall x: u32 :: x < db.frames ==> db.rights[x] == old(db.rights[x]);
  }

  twostate lemma ReduceNodes(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64)
    requires ReduceEffect(db, c, r, t, v, f)
    ensures db.NodesOk()
  {
    reveal db.NodesOk();
    assert old(db.NodesOk());
    forall n: u32 | db.frames <= n < db.capacity && db.rights[n] != 0
      ensures db.task[n] < db.tasks && db.vpage[n] < PagesPerTask && IsRights(db.rights[n])
      ensures db.parent[n] < db.capacity && db.rights[db.parent[n]] != 0
      ensures db.depth[n] as int == db.depth[db.parent[n]] as int + 1 && db.depth[n] <= MaxDepth
      ensures db.frame[n] == db.frame[db.parent[n]] && RightsLe(db.rights[n], db.rights[db.parent[n]])
    {
      assert old(db.rights[n]) != 0;
      var p := db.parent[n];
      assert p == old(db.parent[n]) && p < db.capacity;
      if n == c {
        LemmaRightsLeTrans(r, old(db.rights[c]), old(db.rights[p]));
        reveal RightsLe();
      } else if p == c {
        assert RightsLe(old(db.rights[n]), r);
      }
    }
  }

  twostate lemma ReduceSlots(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64)
    requires ReduceEffect(db, c, r, t, v, f)
    ensures db.SlotsOk()
  {
    reveal db.SlotsOk();
    assert old(db.SlotsOk());
    assert forall x: u32 :: x < db.capacity ==> (db.rights[x] != 0 <==> old(db.rights[x]) != 0);
  }

  twostate lemma ReduceKids(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64)
    requires ReduceEffect(db, c, r, t, v, f)
    ensures db.KidsOk()
  {
    forall n: u32 | n < db.capacity
      ensures db.KidsOf(n)
    {
      ReduceKidsOf(db, c, r, t, v, f, n);
    }
    reveal db.KidsOk();
    assert old(db.KidsOk());
    assert forall x: u32 :: x < db.capacity ==> (db.rights[x] != 0 <==> old(db.rights[x]) != 0);
  }

  twostate lemma {:isolate_assertions} ReduceKidsOf(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64, n: u32)
    requires ReduceEffect(db, c, r, t, v, f) && n < db.capacity
    ensures db.KidsOf(n)
  {
    reveal db.KidsOk();
    assert old(db.KidsOf(n));
    assert forall x: u32 :: x < db.capacity ==> (db.rights[x] != 0 <==> old(db.rights[x]) != 0);
  }

  twostate lemma ReduceFree(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64)
    requires ReduceEffect(db, c, r, t, v, f)
    ensures db.FreeOk()
  {
    reveal db.FreeOk();
    assert old(db.FreeOk());
    assert forall i :: 0 <= i < |db.freeList| ==> db.freeList[i] != c;
  }

  twostate lemma ReduceSigma(db: MappingDb, c: u32, r: u8, t: u32, v: u64, f: u64)
    requires ReduceEffect(db, c, r, t, v, f)
    ensures db.SigmaOk()
  {
    reveal db.SigmaOk();
    assert old(db.SigmaOk());
    forall t': u32, v': u64 | t' < db.tasks && v' < PagesPerTask && db.slot[Slot(t', v')] != Nil
      ensures (t', v') in db.sigma && db.slot[Slot(t', v')] < db.capacity
      ensures db.sigma[(t', v')] == (db.frame[db.slot[Slot(t', v')]], db.rights[db.slot[Slot(t', v')]])
    {
      LemmaSlotInjective(t, v, t', v');
      if (t', v') != (t, v) {
        assert db.slot[Slot(t', v')] != c by { reveal db.SlotsOk(); }
      }
    }
  }

  // ---- Step lemmas ----

  lemma StartOk(db: MappingDb, n: u32, m: u8)
    requires db.StructValid() && n < db.capacity && db.rights[n] != 0
    ensures CursorOk(db, n, n, db.firstChild[n], m) && PathOk(db, n, n, m)
    ensures SigmaWalkOk(db.sigma, db.sigma, db.DerivedKeys(n), m) && KeysOk(db, n, db.DerivedKeys(n))
  {
    reveal CursorOk(), PathOk(), SigmaWalkOk(), KeysOk();
    db.FirstChildFacts(n);
    reveal db.KidsOk();
    assert db.KidsOf(n);
    forall k | k in db.DerivedKeys(n) && k in db.sigma && k.0 < db.tasks && k.1 < PagesPerTask
      ensures db.Derived(db.slot[Slot(k.0, k.1)], n)
    {
      var x: u32 :| x < db.capacity && db.Derived(x, n) && db.KeyOf(x) == k;
      db.SlotFacts(x);
    }
  }

  lemma ScanFacts(db: MappingDb, r: u32, c: u32, s: u32, m: u8)
    requires db.StructValid() && CursorOk(db, r, c, s, m) && s != Nil
    ensures c < db.capacity && db.frames <= s < db.capacity && db.rights[s] != 0 && db.parent[s] == c
  {
    reveal CursorOk(), db.KidsOk();
    assert db.KidsOf(c);
  }

  // A clean child is skipped: the scan moves to its next sibling.
  // Where s sits in c's child list.
  lemma SkipIndex(db: MappingDb, c: u32, s: u32) returns (i: int)
    requires db.StructValid() && c < db.capacity && s < db.capacity && |db.kids| == db.capacity as int
    requires s in db.kids[c]
    ensures 0 <= i < |db.kids[c]| && db.kids[c][i] == s
    ensures db.nextSib[s] == (if i + 1 < |db.kids[c]| then db.kids[c][i + 1] else Nil)
    ensures forall a, b :: 0 <= a < b < |db.kids[c]| ==> db.kids[c][a] != db.kids[c][b]
    ensures forall a :: 0 <= a < |db.kids[c]| ==> db.kids[c][a] < db.capacity && db.parent[db.kids[c][a]] == c
  {
    reveal db.KidsOk();
    assert db.KidsOf(c);
    var q := db.kids[c];
    i :| 0 <= i < |q| && q[i] == s;
  }

  lemma SkipOk(db: MappingDb, r: u32, c: u32, s: u32, m: u8)
    requires db.StructValid() && CursorOk(db, r, c, s, m) && s != Nil && s < db.capacity && Clean(db.rights[s], m)
    ensures CursorOk(db, r, c, db.nextSib[s], m)
  {
    reveal CursorOk();
    var q := db.kids[c];
    var i := SkipIndex(db, c, s);
    var nx := db.nextSib[s];
    forall a, b | 0 <= a < b < |q| && q[b] == nx
      ensures CleanAt(db, m, q[a])
    {
      assert b == i + 1;
      if a < i {
        assert q[i] == s;
      }
    }
    if nx !in q {
      assert i + 1 == |q|;
      forall a | 0 <= a < |q|
        ensures CleanAt(db, m, q[a])
      {
        if a < i {
          assert q[i] == s;
        }
      }
    }
  }

  // A dirty child is entered: it becomes the cursor, scanning from its first child.
  lemma DescendOk(db: MappingDb, r: u32, c: u32, s: u32, m: u8)
    requires db.StructValid() && CursorOk(db, r, c, s, m) && PathOk(db, r, c, m) && s != Nil
    requires db.frames <= s < db.capacity && db.rights[s] != 0 && db.parent[s] == c
    ensures CursorOk(db, r, s, db.firstChild[s], m) && PathOk(db, r, s, m)
  {
    reveal CursorOk(), PathOk();
    db.DerivedChild(c, s, r);
    db.FirstChildFacts(s);
    assert db.KidsOf(s) by { reveal db.KidsOk(); }
    forall x: u32 | x < db.capacity && (x == s || db.Derived(s, x)) && db.Derived(x, r)
      ensures db.parent[x] < db.capacity && PrefixClean(db, m, db.parent[x], x)
    {
      if x != s {
        db.DerivedParent(s, x);
      }
    }
  }

  // With all of the cursor's children clean at the root, every derived mapping is clean: the walk has done its job.
  lemma FinishOk(db: MappingDb, r: u32, m: u8, s0: map<Key, Entry>, d: set<Key>)
    requires db.StructValid() && CursorOk(db, r, r, Nil, m) && SigmaWalkOk(s0, db.sigma, d, m) && KeysOk(db, r, d)
    ensures DemapRightsStep(s0, db.sigma, d, m)
  {
    reveal CursorOk();
    AllClean(db, r, m);
    FinishSigma(db, r, m, s0, d);
  }

  lemma FinishSigma(db: MappingDb, r: u32, m: u8, s0: map<Key, Entry>, d: set<Key>)
    requires db.StructValid() && SigmaWalkOk(s0, db.sigma, d, m) && KeysOk(db, r, d)
    requires forall n: u32 :: n < db.capacity && db.Derived(n, r) ==> Clean(db.rights[n], m)
    ensures DemapRightsStep(s0, db.sigma, d, m)
  {
    reveal SigmaWalkOk(), KeysOk();
    forall k | k in db.sigma && k in d
      ensures db.sigma[k] == (s0[k].0, RightsMinus(s0[k].1, m)) && RightsMinus(s0[k].1, m) != 0
    {
      assert k.0 < db.tasks && k.1 < PagesPerTask by { reveal db.SigmaOk(); }
      db.KeyFacts(k.0, k.1);
      var n := db.slot[Slot(k.0, k.1)];
      assert Clean(db.rights[n], m);
      LemmaRightsMinusIdem(s0[k].1, m);
    }
  }

  lemma AllClean(db: MappingDb, r: u32, m: u8)
    requires db.StructValid() && r < db.capacity && db.rights[r] != 0 && |db.kids| == db.capacity as int
    requires PrefixClean(db, m, r, Nil)
    ensures forall n: u32 :: n < db.capacity && db.Derived(n, r) ==> Clean(db.rights[n], m)
  {
    forall n: u32 | n < db.capacity && db.Derived(n, r)
      ensures Clean(db.rights[n], m)
    {
      var d := (db.depth[n] - db.depth[r]) as nat;
      db.AncFacts(n, d - 1);
      db.AncFacts(n, d);
      var a := db.Anc(n, d - 1);
      NotRootBelow(db, a);
      db.ChildFacts(a);
      assert a in db.kids[r];
      assert Nil !in db.kids[r] by { reveal db.KidsOk(); assert db.KidsOf(r); }
      AncRightsLe(db, n, d - 1);
      CleanLe(db.rights[n], db.rights[a], m);
    }
  }

  lemma NotRootBelow(db: MappingDb, a: u32)
    requires db.StructValid() && a < db.capacity && db.depth[a] > 0
    ensures db.frames <= a
  {
    reveal db.RootsOk();
  }

  // Rights never grow along the parent chain.
  lemma AncRightsLe(db: MappingDb, n: u32, k: nat)
    requires db.StructValid() && n < db.capacity && db.rights[n] != 0 && k <= db.depth[n] as nat
    ensures db.Anc(n, k) < db.capacity && RightsLe(db.rights[n], db.rights[db.Anc(n, k)])
    decreases k
  {
    db.AncFacts(n, k);
    reveal db.NodesOk(), db.RootsOk();
    if k == 0 {
      if n < db.frames {
        LeRefl(db.rights[n]);
      } else {
        LeRefl(db.rights[n]);
      }
    } else {
      NotRootBelow(db, n);
      var p := db.parent[n];
      AncRightsLe(db, p, k - 1);
      LemmaRightsLeTrans(db.rights[n], db.rights[p], db.rights[db.Anc(p, k - 1)]);
    }
  }

  // Facts at the start of the up step (cursor c finished, not the root), in the state before it.
  lemma UpFacts(db: MappingDb, r: u32, c: u32, m: u8, d: set<Key>) returns (i: int)
    requires db.StructValid() && CursorOk(db, r, c, Nil, m) && KeysOk(db, r, d) && c != r
    ensures db.frames <= c < db.capacity && db.rights[c] != 0 && db.Derived(c, r) && db.KeyOf(c) in d
    ensures r < db.capacity && db.rights[r] != 0
    ensures db.parent[c] < db.capacity && db.parent[c] != c && r != c && db.rights[db.parent[c]] != 0
    ensures db.parent[c] == r || db.Derived(db.parent[c], r)
    ensures |db.kids| == db.capacity as int
    ensures 0 <= i < |db.kids[db.parent[c]]| && db.kids[db.parent[c]][i] == c
    ensures forall a, b :: 0 <= a < b < |db.kids[db.parent[c]]| ==> db.kids[db.parent[c]][a] != db.kids[db.parent[c]][b]
    ensures db.nextSib[c] == (if i + 1 < |db.kids[db.parent[c]]| then db.kids[db.parent[c]][i + 1] else Nil)
    ensures forall j :: 0 <= j < |db.kids[db.parent[c]]| ==>
      db.kids[db.parent[c]][j] < db.capacity && db.rights[db.kids[db.parent[c]][j]] != 0
    ensures PrefixClean(db, m, c, Nil)
    ensures db.task[c] < db.tasks && db.vpage[c] < PagesPerTask
    ensures db.KeyOf(c) in db.sigma && db.sigma[db.KeyOf(c)] == (db.frame[c], db.rights[c])
    ensures db.prevSib[c] == Nil <==> i == 0
    ensures IsRights(db.rights[c]) && IsRights(db.rights[r])
  {
    reveal CursorOk(), KeysOk();
    db.DerivedParent(c, r);
    NotRootBelow(db, c);
    db.ChildFacts(c);
    reveal db.KidsOk(), db.NodesOk(), db.RootsOk();
    var p := db.parent[c];
    assert db.KidsOf(p);
    var q := db.kids[p];
    i :| 0 <= i < |q| && q[i] == c;
    if r < db.frames {
      assert db.rights[r] == RightsAll;
    }
    db.SlotFacts(c);
    db.KeyFacts(db.task[c], db.vpage[c]);
  }

  // A cursor whose reduced rights are empty has no children left (they are clean and within its rights).
  lemma LeafWhenEmpty(db: MappingDb, c: u32, m: u8)
    requires db.StructValid() && c < db.capacity && db.rights[c] != 0 && |db.kids| == db.capacity as int
    requires PrefixClean(db, m, c, Nil) && RightsMinus(db.rights[c], m) == 0
    ensures db.firstChild[c] == Nil
  {
    db.FirstChildFacts(c);
    var f := db.firstChild[c];
    if f != Nil {
      reveal db.KidsOk();
      assert db.KidsOf(c);
      assert f in db.kids[c] && Nil !in db.kids[c];
      db.ChildFacts(f);
      assert RightsLe(db.rights[f], db.rights[c]) by { reveal db.NodesOk(); }
      LeMinus(db.rights[f], db.rights[c], m);
      LeNone(db.rights[f]);
    }
  }

  // Before a reduction: every child's rights lie within the cursor's reduced rights.
  lemma ReducePre(db: MappingDb, c: u32, m: u8)
    requires db.StructValid() && c < db.capacity && db.rights[c] != 0 && |db.kids| == db.capacity as int
    requires PrefixClean(db, m, c, Nil)
    ensures forall x: u32 :: db.frames <= x < db.capacity && db.rights[x] != 0 && db.parent[x] == c ==>
      RightsLe(db.rights[x], RightsMinus(db.rights[c], m))
  {
    reveal db.KidsOk();
    assert db.KidsOf(c);
    assert Nil !in db.kids[c];
    forall x: u32 | db.frames <= x < db.capacity && db.rights[x] != 0 && db.parent[x] == c
      ensures RightsLe(db.rights[x], RightsMinus(db.rights[c], m))
    {
      assert x in db.kids[c];
      assert RightsLe(db.rights[x], db.rights[c]) by { reveal db.NodesOk(); }
      LeMinus(db.rights[x], db.rights[c], m);
    }
  }

  // Derivation with unchanged parent and depth arrays: it holds after the step if it held before and both nodes
  // are still live, and it held before if it holds after and both nodes were live.
  twostate lemma DerivedOldNew(db: MappingDb, a: u32, b: u32)
    requires db.Shapes() && old(db.Shapes()) && db.parent[..] == old(db.parent[..]) && db.depth[..] == old(db.depth[..])
    requires a < db.capacity && b < db.capacity && db.rights[a] != 0 && db.rights[b] != 0
    ensures old(db.Derived(a, b)) ==> db.Derived(a, b)
  {
    if db.depth[a] > db.depth[b] {
      db.AncUnchanged(a, (db.depth[a] - db.depth[b]) as int);
    }
  }

  twostate lemma DerivedNewOld(db: MappingDb, a: u32, b: u32)
    requires db.Shapes() && old(db.Shapes()) && db.parent[..] == old(db.parent[..]) && db.depth[..] == old(db.depth[..])
    requires a < db.capacity && b < db.capacity && old(db.rights[a]) != 0 && old(db.rights[b]) != 0
    ensures db.Derived(a, b) ==> old(db.Derived(a, b))
  {
    if db.depth[a] > db.depth[b] {
      db.AncUnchanged(a, (db.depth[a] - db.depth[b]) as int);
    }
  }

  // The cursor moves up to p = parent(c), scanning from c's next sibling nx. `removed`: c was removed (its index i in
  // p's old child list is gone), otherwise reduced to clean rights.
  twostate lemma UpCursor(db: MappingDb, r: u32, c: u32, p: u32, i: int, nx: u32, m: u8, removed: bool)
    requires old(db.Shapes()) && db.Shapes() && old(PathOk(db, r, c, m)) && old(db.Derived(c, r))
    requires db.parent[..] == old(db.parent[..]) && db.depth[..] == old(db.depth[..])
    requires |old(db.kids)| == |db.kids| == db.capacity as int
    requires p == old(db.parent[c]) && p < db.capacity && c < db.capacity && r < db.capacity && p != c && r != c
    requires old(db.rights[p]) != 0 && old(db.rights[r]) != 0 && (p == r || old(db.Derived(p, r)))
    requires 0 <= i < |old(db.kids[p])| && old(db.kids[p][i]) == c
    requires forall a, b :: 0 <= a < b < |old(db.kids[p])| ==> old(db.kids[p][a]) != old(db.kids[p][b])
    requires forall j :: 0 <= j < |old(db.kids[p])| ==> old(db.kids[p][j] < db.capacity && db.rights[db.kids[p][j]] != 0)
    requires nx == (if i + 1 < |old(db.kids[p])| then old(db.kids[p][i + 1]) else Nil)
    requires removed ==> db.kids[p] == old(db.kids[p])[..i] + old(db.kids[p])[i + 1..]
    requires !removed ==> db.kids[p] == old(db.kids[p])
    requires forall e: u32 :: e < db.capacity && e != c ==> db.rights[e] == old(db.rights[e])
    requires Clean(db.rights[c], m) && (removed <==> db.rights[c] == 0)
    ensures CursorOk(db, r, p, nx, m)
  {
    reveal CursorOk(), PathOk();
    assert old(PrefixClean(db, m, p, c));
    if p != r {
      DerivedOldNew(db, p, r);
    }
    UpPrefix(db, r, c, p, i, nx, m, removed);
  }

  twostate lemma UpPrefix(db: MappingDb, r: u32, c: u32, p: u32, i: int, nx: u32, m: u8,
                                                removed: bool)
    requires old(db.Shapes()) && db.Shapes() && |old(db.kids)| == |db.kids| == db.capacity as int
    requires p < db.capacity && c < db.capacity && old(PrefixClean(db, m, p, c))
    requires p != c
    requires 0 <= i < |old(db.kids[p])| && old(db.kids[p][i]) == c
    requires forall a, b :: 0 <= a < b < |old(db.kids[p])| ==> old(db.kids[p][a]) != old(db.kids[p][b])
    requires forall j :: 0 <= j < |old(db.kids[p])| ==> old(db.kids[p][j] < db.capacity && db.rights[db.kids[p][j]] != 0)
    requires nx == (if i + 1 < |old(db.kids[p])| then old(db.kids[p][i + 1]) else Nil)
    requires removed ==> db.kids[p] == old(db.kids[p])[..i] + old(db.kids[p])[i + 1..]
    requires !removed ==> db.kids[p] == old(db.kids[p])
    requires forall e: u32 :: e < db.capacity && e != c ==> db.rights[e] == old(db.rights[e])
    requires Clean(db.rights[c], m) && (removed <==> db.rights[c] == 0)
    ensures PrefixClean(db, m, p, nx) && (nx != Nil ==> nx in db.kids[p])
  {
    var o := old(db.kids[p]);
    var q := db.kids[p];
    assert forall a :: 0 <= a < i ==> o[a] != c && old(CleanAt(db, m, o[a])) && CleanAt(db, m, o[a]);
    if removed {
      assert forall a :: 0 <= a < |q| ==> q[a] == (if a < i then o[a] else o[a + 1]);
      forall a, b | 0 <= a < b < |q| && q[b] == nx
        ensures CleanAt(db, m, q[a])
      {
        assert nx == o[i + 1] && q[i] == nx;
        assert b == i;
      }
      if nx != Nil {
        assert q[i] == nx;
      } else {
        assert |q| == i;
      }
    } else {
      forall a, b | 0 <= a < b < |q| && q[b] == nx
        ensures CleanAt(db, m, q[a])
      {
        assert b == i + 1;
      }
    }
  }

  twostate lemma UpPath(db: MappingDb, r: u32, c: u32, p: u32, m: u8)
    requires old(db.StructValid()) && db.StructValid() && old(PathOk(db, r, c, m)) && old(db.Derived(c, r))
    requires db.parent[..] == old(db.parent[..]) && db.depth[..] == old(db.depth[..])
    requires |old(db.kids)| == |db.kids| == db.capacity as int
    requires p == old(db.parent[c]) && p < db.capacity && c < db.capacity && db.frames <= c && p != c && r != c
    requires forall q: u32 :: q < db.capacity && q != p ==> db.kids[q] == old(db.kids[q])
    requires forall e: u32 :: e < db.capacity && e != c ==> db.rights[e] == old(db.rights[e])
    requires Clean(db.rights[c], m) && old(db.rights[c]) != 0 && old(db.rights[r]) != 0 && old(db.rights[p]) != 0
    ensures PathOk(db, r, p, m)
  {
    reveal PathOk();
    forall x: u32 | x < db.capacity && (x == p || db.Derived(p, x)) && db.Derived(x, r)
      ensures db.parent[x] < db.capacity && PrefixClean(db, m, db.parent[x], x)
    {
      assert old(db.rights[x]) != 0 by {
        if x != c {
          assert db.rights[x] == old(db.rights[x]);
        }
      }
      DerivedNewOld(db, x, r);
      if x != p {
        DerivedNewOld(db, p, x);
        DerivedViaParent(db, c, x);
      } else {
        ParentDerived(db, c);
      }
      assert old(db.parent[x] < db.capacity && PrefixClean(db, m, db.parent[x], x));
      NotChildOfDesc(db, r, p, x);
      PrefixMono(db, c, db.parent[x], x, m);
    }
  }

  // c is derived from its parent (in the state before the step).
  twostate lemma ParentDerived(db: MappingDb, c: u32)
    requires old(db.StructValid()) && c < db.capacity && old(db.rights[c]) != 0 && db.frames <= c
    ensures old(db.Derived(c, db.parent[c]))
  {
    reveal db.NodesOk();
    assert old(db.Anc(c, 1)) == old(db.Anc(db.parent[c], 0));
  }

  twostate lemma DerivedViaParent(db: MappingDb, c: u32, x: u32)
    requires old(db.StructValid()) && c < db.capacity && old(db.rights[c]) != 0 && db.frames <= c
    requires old(db.parent[c]) < db.capacity && old(db.Derived(db.parent[c], x))
    ensures old(db.Derived(c, x))
  {
    reveal db.NodesOk();
    var p := old(db.parent[c]);
    var k := old(db.depth[p] - db.depth[x]) as nat;
    assert old(db.Anc(c, k + 1)) == old(db.Anc(p, k));
  }

  lemma NotChildOfDesc(db: MappingDb, r: u32, p: u32, x: u32)
    requires db.StructValid() && x < db.capacity && p < db.capacity && db.Derived(x, r)
    requires x == p || db.Derived(p, x)
    ensures db.parent[x] != p
  {
    NotRootBelow(db, x);
    reveal db.NodesOk();
  }

  // Cleaning c (and changing only p's child list, p not this list's owner) keeps a prefix clean.
  twostate lemma PrefixMono(db: MappingDb, c: u32, q: u32, s: u32, m: u8)
    requires old(db.Shapes()) && db.Shapes() && |old(db.kids)| == |db.kids| == db.capacity as int && q < db.capacity
    requires db.kids[q] == old(db.kids[q]) && c < db.capacity && Clean(db.rights[c], m)
    requires forall e: u32 :: e < db.capacity && e != c ==> db.rights[e] == old(db.rights[e])
    requires old(PrefixClean(db, m, q, s))
    ensures PrefixClean(db, m, q, s)
  {
    var l := db.kids[q];
    assert forall a :: 0 <= a < |l| && old(CleanAt(db, m, l[a])) ==> CleanAt(db, m, l[a]);
  }

  twostate lemma UpKeys(db: MappingDb, r: u32, c: u32, d: set<Key>, removed: bool)
    requires old(db.StructValid()) && db.StructValid() && old(KeysOk(db, r, d))
    requires db.parent[..] == old(db.parent[..]) && db.depth[..] == old(db.depth[..])
    requires db.task[..] == old(db.task[..]) && db.vpage[..] == old(db.vpage[..])
    requires c < db.capacity && r < db.capacity && r != c && old(db.rights[c]) != 0 && old(db.rights[r]) != 0
    requires old(db.task[c]) < db.tasks && old(db.vpage[c]) < PagesPerTask
    requires forall e: u32 :: e < db.capacity && e != c ==> db.rights[e] == old(db.rights[e])
    requires removed <==> db.rights[c] == 0
    requires removed ==> db.slot[..] == old(db.slot[..])[Slot(old(db.task[c]), old(db.vpage[c])) := Nil]
    requires removed ==> db.sigma == old(db.sigma) - {old(db.KeyOf(c))}
    requires !removed ==> db.slot[..] == old(db.slot[..])
    requires !removed ==> db.sigma.Keys == old(db.sigma).Keys
    ensures KeysOk(db, r, d)
  {
    reveal KeysOk();
    forall n: u32 | n < db.capacity && db.Derived(n, r)
      ensures db.KeyOf(n) in d
    {
      assert old(db.rights[n]) != 0 by {
        if n != c {
          assert db.rights[n] == old(db.rights[n]);
        }
      }
      DerivedNewOld(db, n, r);
      assert db.KeyOf(n) == old(db.KeyOf(n));
    }
    forall k | k in d && k in db.sigma && k.0 < db.tasks && k.1 < PagesPerTask
      ensures db.Derived(db.slot[Slot(k.0, k.1)], r)
    {
      db.KeyFacts(k.0, k.1);
      var n := db.slot[Slot(k.0, k.1)];
      assert k in old(db.sigma);
      LemmaSlotInjective(k.0, k.1, old(db.task[c]), old(db.vpage[c]));
      assert n == old(db.slot[Slot(k.0, k.1)]);
      DerivedOldNew(db, n, r);
    }
  }

  // The abstract side of the up step: c's key k had rights rc and now has RightsMinus(rc, m) (or is gone when that
  // is empty).
  lemma UpSigma(s0: map<Key, Entry>, s1: map<Key, Entry>, s2: map<Key, Entry>, d: set<Key>, m: u8, k: Key, rc: u8,
                nr: u8)
    requires SigmaWalkOk(s0, s1, d, m) && k in d && k in s1 && s1[k].1 == rc && nr == RightsMinus(rc, m)
    requires nr == 0 ==> s2 == s1 - {k}
    requires nr != 0 ==> s2 == s1[k := (s1[k].0, nr)]
    ensures SigmaWalkOk(s0, s2, d, m)
  {
    reveal SigmaWalkOk();
    LemmaRightsMinusIdem(s0[k].1, m);
  }
}
