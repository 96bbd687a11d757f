// Demap with the flush flag: the owner's own mapping goes too. The kernel runs the (preemptible) demap of the page's
// derived mappings first (MappingDb.Demap / DemapContinue), then FlushOwn removes the now childless mapping itself
// in O(1). sigma0's identity mappings are permanent roots: flushing one removes what was derived, never the root.
//
// FlushOwn removes a leaf from anywhere in its parent's child list (MappingDb.RemoveFirstLeaf handles only the first
// child, which is all the demap walk needs): the previous sibling is linked to the next one.
include "MappingDatabase.dfy"

module MappingFlush {
  import opened NativeTypes
  import opened MappingTypes
  import opened HalPageTables
  import opened MappingSteps
  import opened MappingDatabase

  method FlushOwn(db: MappingDb, t: u32, v: u64) returns (err: u32)
    requires db.Valid()
    modifies db, db.rights, db.firstChild, db.nextSib, db.prevSib, db.slot, db.pt
    ensures db.Valid() && FlushOwnStep(old(db.sigma), db.sigma, db.tasks, db.frames, t, v, err)
    ensures db.demap.root == old(db.demap.root)
    // ErrBusy exactly when a demap runs or something is still derived from the mapping
    ensures err == ErrBusy ==>
      old(db.demap.root) != Nil || (t < db.tasks && v < PagesPerTask && old(db.slot[Slot(t, v)]) < db.capacity
        && old(db.firstChild[db.slot[Slot(t, v)]]) != Nil)
    ensures err == OK ==> t < db.tasks && v < PagesPerTask && forall m: u32 :: !old(db.Derived(m, db.slot[Slot(t, v)]))
  {
    if t >= db.tasks { return ErrInvalidTask; }
    if v >= PagesPerTask { return ErrInvalidPage; }
    db.KeyFacts(t, v);
    var c := db.slot[Slot(t, v)];
    if c == Nil { return ErrNotMapped; }
    if t == Sigma0 && v < db.frames as u64 { return ErrInvalidArgument; }
    if db.progress[RootAt] != Nil { return ErrBusy; }
    if db.firstChild[c] != Nil { return ErrBusy; }
    NotRoot(db, c, t, v);
    db.NoDerivedLeft(c);
    db.ChildFacts(c);
    db.SlotFacts(c);
    assert db.slot[Slot(t, v)] == c;
    ghost var s0 := db.sigma;
    if db.prevSib[c] == Nil {
      FirstWhenNoPrev(db, c);
      db.RemoveFirstLeaf(c);
    } else {
      ghost var i := RemoveLaterLeaf(db, c);
    }
    assert db.sigma == s0 - {(t, v)};
    assert db.DemapOk() by { reveal db.DemapOk(); }
    return OK;
  }

  lemma NotRoot(db: MappingDb, n: u32, st: u32, sv: u64)
    requires db.StructValid() && st < db.tasks && sv < PagesPerTask && db.slot[Slot(st, sv)] == n && n != Nil
    requires !(st == Sigma0 && sv < db.frames as u64)
    ensures db.frames <= n < db.capacity
  {
    reveal db.RootsOk(), db.SlotsOk();
  }

  // A child without a previous sibling is its parent's first child.
  lemma FirstWhenNoPrev(db: MappingDb, c: u32)
    requires db.StructValid() && db.frames <= c < db.capacity && db.rights[c] != 0 && db.prevSib[c] == Nil
    ensures db.parent[c] < db.capacity && db.firstChild[db.parent[c]] == c
  {
    reveal db.KidsOk();
    var p := db.parent[c];
    assert db.KidsOf(p);
    var s := db.kids[p];
    var i :| 0 <= i < |s| && s[i] == c;
    if i > 0 {
      assert db.prevSib[s[i]] == s[i - 1] && s[i - 1] < db.capacity;
    }
  }

  // Where a later child sits: index i > 0 of its parent's list, after prevSib[c].
  lemma LaterFacts(db: MappingDb, c: u32) returns (i: int)
    requires db.StructValid() && db.frames <= c < db.capacity && db.rights[c] != 0 && db.prevSib[c] != Nil
    ensures db.parent[c] < db.capacity && |db.kids| == db.capacity as int
    ensures var s := db.kids[db.parent[c]]; 0 < i < |s| && s[i] == c && s[i - 1] == db.prevSib[c]
    ensures db.prevSib[c] < db.capacity && db.frames <= db.prevSib[c] && db.rights[db.prevSib[c]] != 0
    ensures db.prevSib[c] != c
    ensures db.nextSib[c] == Nil || (db.nextSib[c] < db.capacity && db.frames <= db.nextSib[c])
    ensures var s := db.kids[db.parent[c]]; db.nextSib[c] == (if i + 1 < |s| then s[i + 1] else Nil)
  {
    reveal db.KidsOk();
    var p := db.parent[c];
    assert db.KidsOf(p);
    var s := db.kids[p];
    i :| 0 <= i < |s| && s[i] == c;
  }

  // Removes leaf c, not the first child of its parent: its previous sibling now leads to its next one.
  // (Also used by the rights-mask demap walk, which holds the demap lock: only StructValid is required.)
  method RemoveLaterLeaf(db: MappingDb, c: u32) returns (ghost i: int)
    requires db.StructValid()
    requires db.frames <= c < db.capacity && db.rights[c] != 0 && db.firstChild[c] == Nil && db.prevSib[c] != Nil
    modifies db, db.rights, db.nextSib, db.prevSib, db.slot, db.pt
    ensures db.StructValid() && db.demap.root == old(db.demap.root)
    ensures db.sigma == old(db.sigma) - {old(db.KeyOf(c))}
    ensures old(db.parent[c]) < db.capacity && |old(db.kids)| == db.capacity as int
    ensures 0 < i < |old(db.kids[db.parent[c]])| && old(db.kids[db.parent[c]][i]) == c
    ensures db.kids == old(db.kids)[old(db.parent[c]) := old(db.kids[db.parent[c]])[..i] + old(db.kids[db.parent[c]])[i + 1..]]
    ensures db.rights[..] == old(db.rights[..])[c := 0]
    ensures old(db.task[c]) < db.tasks && old(db.vpage[c]) < PagesPerTask
    ensures db.slot[..] == old(db.slot[..])[Slot(old(db.task[c]), old(db.vpage[c])) := Nil]
  {
    db.ChildFacts(c);
    db.FreeHeadFacts();
    db.SlotFacts(c);
    i := LaterFacts(db, c);
    var p := db.parent[c];
    var pr := db.prevSib[c];
    var nx := db.nextSib[c];
    var t := db.task[c];
    var v := db.vpage[c];
    ghost var o := db.kids[p];
    var fh := db.freeHead;
    db.freeHead := c;
    db.freeList := [c] + db.freeList;
    db.kids := db.kids[p := o[..i] + o[i + 1..]];
    db.sigma := db.sigma - {(t, v)};
    Unlink(db, c, pr, nx, fh, t, v);
    LaterValid(db, c, p, i, t, v);
  }

  // Every write to the arrays and the page tables of the removal, so that their effects are stated in one place.
  method Unlink(db: MappingDb, c: u32, pr: u32, nx: u32, fh: u32, t: u32, v: u64)
    requires db.Shapes() && c < db.capacity && pr < db.capacity && pr != c && (nx == Nil || nx < db.capacity)
    requires t < db.tasks && v < PagesPerTask
    modifies db.rights, db.nextSib, db.prevSib, db.slot, db.pt
    ensures db.rights[..] == old(db.rights[..])[c := 0]
    ensures db.nextSib[..] == old(db.nextSib[..])[pr := nx][c := fh]
    ensures nx != Nil ==> db.prevSib[..] == old(db.prevSib[..])[nx := pr]
    ensures nx == Nil ==> db.prevSib[..] == old(db.prevSib[..])
    ensures db.slot[..] == old(db.slot[..])[Slot(t, v) := Nil]
    ensures db.pt.entries == old(db.pt.entries) - {(t, v)}
  {
    db.nextSib[pr] := nx;
    if nx != Nil {
      db.prevSib[nx] := pr;
    }
    db.rights[c] := 0;
    db.nextSib[c] := fh;
    db.slot[Slot(t, v)] := Nil;
    HalUnmapPage(db.pt, db.space, t, v);
  }

  twostate predicate LaterEffect(db: MappingDb, c: u32, p: u32, i: int, t: u32, v: u64)
    reads db, db.task, db.vpage, db.frame, db.rights, db.depth, db.parent, db.firstChild, db.nextSib, db.prevSib
    reads db.slot, db.pt
  {
    && old(db.StructValid()) && db.Shapes() && old(db.Shapes()) && |db.kids| == |old(db.kids)| == db.capacity as int
    && db.frames <= c < db.capacity && p < db.capacity && c != p
    && old(db.rights[c]) != 0 && old(db.rights[p]) != 0 && old(db.parent[c]) == p && old(db.kids[c]) == []
    && 0 < i < |old(db.kids[p])| && old(db.kids[p][i]) == c && old(db.prevSib[c]) == old(db.kids[p][i - 1])
    && old(db.prevSib[c]) < db.capacity && old(db.prevSib[c]) != c && db.frames <= old(db.prevSib[c])
    && old(db.rights[db.prevSib[c]]) != 0
    && (old(db.nextSib[c]) == Nil || db.frames <= old(db.nextSib[c]))
    && old(db.nextSib[c]) == (if i + 1 < |old(db.kids[p])| then old(db.kids[p][i + 1]) else Nil)
    && t == old(db.task[c]) && v == old(db.vpage[c]) && t < db.tasks && v < PagesPerTask
    && old(db.slot[Slot(t, v)]) == c && (t, v) in old(db.sigma)
    && db.task[..] == old(db.task[..]) && db.vpage[..] == old(db.vpage[..]) && db.frame[..] == old(db.frame[..])
    && db.depth[..] == old(db.depth[..]) && db.parent[..] == old(db.parent[..])
    && db.firstChild[..] == old(db.firstChild[..])
    && db.rights[..] == old(db.rights[..])[c := 0]
    && db.nextSib[..] == old(db.nextSib[..])[old(db.prevSib[c]) := old(db.nextSib[c])][c := old(db.freeHead)]
    && (old(db.nextSib[c]) != Nil ==>
          old(db.nextSib[c]) < db.capacity
          && db.prevSib[..] == old(db.prevSib[..])[old(db.nextSib[c]) := old(db.prevSib[c])])
    && (old(db.nextSib[c]) == Nil ==> db.prevSib[..] == old(db.prevSib[..]))
    && db.kids == old(db.kids)[p := old(db.kids[p])[..i] + old(db.kids[p])[i + 1..]]
    && db.freeHead == c && db.freeList == [c] + old(db.freeList)
    && db.slot[..] == old(db.slot[..])[Slot(t, v) := Nil]
    && db.sigma == old(db.sigma) - {(t, v)} && db.pt.entries == db.sigma
  }

  twostate lemma LaterValid(db: MappingDb, c: u32, p: u32, i: int, t: u32, v: u64)
    requires LaterEffect(db, c, p, i, t, v)
    ensures db.StructValid()
  {
    LaterRoots(db, c, p, i, t, v);
    LaterNodes(db, c, p, i, t, v);
    LaterSlots(db, c, p, i, t, v);
    forall m: u32 | m < db.capacity
      ensures db.KidsOf(m)
    {
      LaterKidsOf(db, c, p, i, t, v, m);
    }
    LaterKidsMember(db, c, p, i, t, v);
    LaterPointwise(db, c, old(db.prevSib[c]), old(db.nextSib[c]), old(db.freeHead));
    LaterFree(db, c, old(db.prevSib[c]));
    LaterSigma(db, c, p, i, t, v);
  }

  twostate lemma LaterRoots(db: MappingDb, c: u32, p: u32, i: int, t: u32, v: u64)
    requires LaterEffect(db, c, p, i, t, v)
    ensures db.RootsOk()
  {
    reveal db.RootsOk();
  }

  twostate lemma LaterNodes(db: MappingDb, c: u32, p: u32, i: int, t: u32, v: u64)
    requires LaterEffect(db, c, p, i, t, v)
    ensures db.NodesOk()
  {
    LaterPointwise(db, c, old(db.prevSib[c]), old(db.nextSib[c]), old(db.freeHead));
    OldKidsOf(db, c);
    assert old(db.NodesOk());
    LaterNodesOk(db, c);
  }

  // Removing leaf c (now free): no live node has c as its parent, and no other node changed.
  twostate lemma LaterNodesOk(db: MappingDb, c: u32)
    requires db.Shapes() && old(db.Shapes()) && old(db.NodesOk()) && old(db.KidsOk()) && |old(db.kids)| == db.capacity as int
    requires db.frames <= c < db.capacity && old(db.kids[c]) == [] && db.rights[c] == 0
    requires forall x: u32 :: x < db.capacity && x != c ==> db.rights[x] == old(db.rights[x])
    requires db.parent[..] == old(db.parent[..]) && db.depth[..] == old(db.depth[..])
    requires db.task[..] == old(db.task[..]) && db.vpage[..] == old(db.vpage[..]) && db.frame[..] == old(db.frame[..])
    ensures db.NodesOk()
  {
    reveal db.NodesOk();
    forall m: u32 | db.frames <= m < db.capacity && db.rights[m] != 0
      ensures db.task[m] < db.tasks && db.vpage[m] < PagesPerTask && IsRights(db.rights[m])
      ensures db.parent[m] < db.capacity && db.rights[db.parent[m]] != 0
      ensures db.depth[m] as int == db.depth[db.parent[m]] as int + 1 && db.depth[m] <= MaxDepth
      ensures db.frame[m] == db.frame[db.parent[m]] && RightsLe(db.rights[m], db.rights[db.parent[m]])
    {
      assert m != c && old(db.rights[m]) != 0;
      OldMember(db, m);
      var q := old(db.parent[m]);
      assert q != c;
      assert db.parent[m] == q && db.rights[q] == old(db.rights[q]);
      assert db.depth[m] == old(db.depth[m]) && db.depth[q] == old(db.depth[q]);
      assert db.frame[m] == old(db.frame[m]) && db.frame[q] == old(db.frame[q]);
      assert db.task[m] == old(db.task[m]) && db.vpage[m] == old(db.vpage[m]);
    }
  }

  twostate lemma OldMember(db: MappingDb, m: u32)
    requires old(db.Shapes()) && old(db.KidsOk()) && db.frames <= m < db.capacity && old(db.rights[m]) != 0
    ensures |old(db.kids)| == db.capacity as int && old(db.parent[m]) < db.capacity && m in old(db.kids[db.parent[m]])
  {
    reveal db.KidsOk();
  }

  twostate lemma LaterSlots(db: MappingDb, c: u32, p: u32, i: int, t: u32, v: u64)
    requires LaterEffect(db, c, p, i, t, v)
    ensures db.SlotsOk()
  {
    reveal db.SlotsOk();
    forall t': u32, v': u64 | t' < db.tasks && v' < PagesPerTask && (t', v') != (t, v)
      ensures db.slot[Slot(t', v')] == old(db.slot[Slot(t', v')])
    {
      LemmaSlotInjective(t, v, t', v');
    }
  }

  twostate lemma LaterKidsOf(db: MappingDb, c: u32, p: u32, i: int, t: u32, v: u64, m: u32)
    requires LaterEffect(db, c, p, i, t, v) && m < db.capacity
    ensures db.KidsOf(m)
  {
    if m == p {
      var pr, nx := old(db.prevSib[c]), old(db.nextSib[c]);
      LaterPointwise(db, c, pr, nx, old(db.freeHead));
      LaterKidsOfParent(db, c, p, i, pr, nx);
    } else if m == c {
      OldKidsOf(db, c);
      assert db.kids[m] == [];
    } else {
      var pr, nx := old(db.prevSib[c]), old(db.nextSib[c]);
      OldKidsOf(db, p);
      assert old(db.kids[p][i - 1]) == pr && (nx != Nil ==> old(db.kids[p][i + 1]) == nx);
      LaterPointwise(db, c, pr, nx, old(db.freeHead));
      LaterKidsOfOther(db, c, p, pr, nx, m);
    }
  }

  // Another node's child list: its members have parent m, so none of them is c, pr or nx, whose fields changed.
  twostate lemma LaterKidsOfOther(db: MappingDb, c: u32, p: u32, pr: u32, nx: u32, m: u32)
    requires db.Shapes() && old(db.Shapes()) && old(db.KidsOk()) && |db.kids| == |old(db.kids)| == db.capacity as int
    requires m < db.capacity && p < db.capacity && m != p && m != c && db.kids[m] == old(db.kids[m])
    requires c < db.capacity && pr < db.capacity && old(db.parent[c]) == p && old(db.parent[pr]) == p
    requires nx != Nil ==> nx < db.capacity && old(db.parent[nx]) == p
    requires forall x: u32 :: x < db.capacity && x != c ==> db.rights[x] == old(db.rights[x])
    requires forall x: u32 :: x < db.capacity && x != c && x != pr ==> db.nextSib[x] == old(db.nextSib[x])
    requires forall x: u32 :: x < db.capacity && x != nx ==> db.prevSib[x] == old(db.prevSib[x])
    requires db.parent[..] == old(db.parent[..]) && db.firstChild[..] == old(db.firstChild[..])
    ensures db.KidsOf(m)
  {
    OldKidsOf(db, m);
    var s := db.kids[m];
    forall j | 0 <= j < |s|
      ensures db.rights[s[j]] == old(db.rights[s[j]]) && db.parent[s[j]] == old(db.parent[s[j]])
      ensures db.nextSib[s[j]] == old(db.nextSib[s[j]]) && db.prevSib[s[j]] == old(db.prevSib[s[j]])
    {
      var x := s[j];
      assert old(db.parent[x]) == m && x < db.capacity;
      assert x != c && x != pr && x != nx;
    }
    KidsOfFrame(db, m);
  }

  // Pointwise forms of the unlink's array updates (cheap to use where the sequence equalities are not).
  twostate lemma LaterPointwise(db: MappingDb, c: u32, pr: u32, nx: u32, fh: u32)
    requires db.Shapes() && old(db.Shapes()) && c < db.capacity && pr < db.capacity
    requires db.rights[..] == old(db.rights[..])[c := 0]
    requires db.nextSib[..] == old(db.nextSib[..])[pr := nx][c := fh]
    requires nx != Nil ==> nx < db.capacity && db.prevSib[..] == old(db.prevSib[..])[nx := pr]
    requires nx == Nil ==> db.prevSib[..] == old(db.prevSib[..])
    ensures forall x: u32 :: x < db.capacity && x != c ==> db.rights[x] == old(db.rights[x])
    ensures forall x: u32 :: x < db.capacity && x != c && x != pr ==> db.nextSib[x] == old(db.nextSib[x])
    ensures forall x: u32 :: x < db.capacity && x != nx ==> db.prevSib[x] == old(db.prevSib[x])
  {
    forall x: u32 | x < db.capacity
      ensures x != c ==> db.rights[x] == old(db.rights[x])
      ensures x != c && x != pr ==> db.nextSib[x] == old(db.nextSib[x])
      ensures x != nx ==> db.prevSib[x] == old(db.prevSib[x])
    {
      assert db.rights[..][x] == db.rights[x] && db.nextSib[..][x] == db.nextSib[x] && db.prevSib[..][x] == db.prevSib[x];
    }
  }

  // One child list of the state before, without revealing all of them in a large context.
  twostate lemma OldKidsOf(db: MappingDb, m: u32)
    requires old(db.Shapes()) && old(db.KidsOk()) && m < db.capacity
    ensures |old(db.kids)| == db.capacity as int && old(db.KidsOf(m))
  {
    reveal db.KidsOk();
  }

  // A child list whose owner and members kept their fields still satisfies KidsOf.
  twostate lemma KidsOfFrame(db: MappingDb, m: u32)
    requires db.Shapes() && old(db.Shapes()) && |db.kids| == |old(db.kids)| == db.capacity as int && m < db.capacity
    requires old(db.KidsOf(m)) && db.kids[m] == old(db.kids[m]) && db.rights[m] == old(db.rights[m])
    requires db.firstChild[m] == old(db.firstChild[m])
    requires forall j :: 0 <= j < |db.kids[m]| ==>
      var x := db.kids[m][j];
      db.rights[x] == old(db.rights[x]) && db.parent[x] == old(db.parent[x])
      && db.nextSib[x] == old(db.nextSib[x]) && db.prevSib[x] == old(db.prevSib[x])
    ensures db.KidsOf(m)
  {
  }

  // The parent's list loses c at index i: its neighbours pr = o[i - 1] and nx = o[i + 1] (or Nil) are linked.
  twostate lemma {:isolate_assertions} LaterKidsOfParent(db: MappingDb, c: u32, p: u32, i: int, pr: u32, nx: u32)
    requires db.Shapes() && old(db.Shapes()) && old(db.KidsOk()) && |db.kids| == |old(db.kids)| == db.capacity as int
    requires p < db.capacity && c < db.capacity && c != p && db.rights[p] == old(db.rights[p])
    requires 0 < i < |old(db.kids[p])| && old(db.kids[p][i]) == c && old(db.kids[p][i - 1]) == pr
    requires nx == (if i + 1 < |old(db.kids[p])| then old(db.kids[p][i + 1]) else Nil)
    requires db.kids[p] == old(db.kids[p])[..i] + old(db.kids[p])[i + 1..]
    requires forall x: u32 :: x < db.capacity && x != c ==> db.rights[x] == old(db.rights[x])
    requires forall x: u32 :: x < db.capacity && x != c && x != pr ==> db.nextSib[x] == old(db.nextSib[x])
    requires forall x: u32 :: x < db.capacity && x != nx ==> db.prevSib[x] == old(db.prevSib[x])
    requires pr < db.capacity && db.nextSib[pr] == nx && (nx != Nil ==> nx < db.capacity && db.prevSib[nx] == pr)
    requires db.parent[..] == old(db.parent[..]) && db.firstChild[..] == old(db.firstChild[..])
    ensures db.KidsOf(p)
  {
    OldKidsOf(db, p);
    var o := old(db.kids[p]);
    var s := db.kids[p];
    ListRemoveMembers(o, i, s);
    forall j | 0 <= j < |s|
      ensures db.frames <= s[j] < db.capacity && db.rights[s[j]] != 0 && db.parent[s[j]] == p
    {
      var k := if j < i then j else j + 1;
      assert s[j] == o[k] && o[k] != c;
    }
    forall j | 0 <= j < |s|
      ensures db.nextSib[s[j]] == (if j + 1 < |s| then s[j + 1] else Nil)
    {
      if j < i - 1 {
        assert s[j] == o[j] && o[j] != pr && o[j] != c && s[j + 1] == o[j + 1];
      } else if j == i - 1 {
        assert s[j] == pr;
        assert j + 1 < |s| ==> s[j + 1] == o[i + 1];
      } else {
        assert s[j] == o[j + 1] && o[j + 1] != pr && o[j + 1] != c;
        assert j + 1 < |s| ==> s[j + 1] == o[j + 2];
      }
    }
    forall j | 0 <= j < |s|
      ensures db.prevSib[s[j]] == (if j > 0 then s[j - 1] else Nil)
    {
      if j < i {
        assert s[j] == o[j] && o[j] != nx && (j > 0 ==> s[j - 1] == o[j - 1]);
      } else if j == i {
        assert s[j] == o[i + 1] && s[j] == nx && s[j - 1] == pr;
      } else {
        assert s[j] == o[j + 1] && o[j + 1] != nx && s[j - 1] == o[j];
      }
    }
    assert db.firstChild[p] == s[0];
  }

  // The list o without its i-th element: what stays, in order, and still without repetition.
  lemma ListRemoveMembers(o: seq<u32>, i: int, s: seq<u32>)
    requires 0 < i < |o| && (forall j, k :: 0 <= j < k < |o| ==> o[j] != o[k]) && s == o[..i] + o[i + 1..]
    ensures |s| == |o| - 1 && s[0] == o[0]
    ensures forall j :: 0 <= j < |s| ==> s[j] == (if j < i then o[j] else o[j + 1]) && s[j] != o[i]
    ensures forall j, k :: 0 <= j < k < |s| ==> s[j] != s[k]
  {
  }

  // nextSib after unlinking o[i] (i > 0): o[i - 1] now leads to o[i + 1]; o[i] itself joins the free list.
  lemma ListRemoveNext(o: seq<u32>, i: int, s: seq<u32>, ons: seq<u32>, ns: seq<u32>, fh: u32)
    requires 0 < i < |o| && (forall j, k :: 0 <= j < k < |o| ==> o[j] != o[k]) && s == o[..i] + o[i + 1..]
    requires forall k :: 0 <= k < |o| ==> o[k] as int < |ons|
    requires forall k :: 0 <= k < |o| ==> ons[o[k]] == (if k + 1 < |o| then o[k + 1] else Nil)
    requires ns == ons[o[i - 1] := ons[o[i]]][o[i] := fh]
    ensures forall j :: 0 <= j < |s| ==> ns[s[j]] == (if j + 1 < |s| then s[j + 1] else Nil)
  {
    ListRemoveMembers(o, i, s);
  }

  // prevSib after unlinking o[i] (i > 0): o[i + 1], if any, now follows o[i - 1].
  lemma ListRemovePrev(o: seq<u32>, i: int, s: seq<u32>, ops: seq<u32>, ps: seq<u32>)
    requires 0 < i < |o| && (forall j, k :: 0 <= j < k < |o| ==> o[j] != o[k]) && s == o[..i] + o[i + 1..]
    requires forall k :: 0 <= k < |o| ==> o[k] as int < |ops|
    requires forall k :: 0 <= k < |o| ==> ops[o[k]] == (if k > 0 then o[k - 1] else Nil)
    requires i + 1 < |o| ==> ps == ops[o[i + 1] := o[i - 1]]
    requires i + 1 == |o| ==> ps == ops
    ensures forall j :: 0 <= j < |s| ==> ps[s[j]] == (if j > 0 then s[j - 1] else Nil)
  {
    ListRemoveMembers(o, i, s);
    forall j | 0 <= j < |s|
      ensures ps[s[j]] == (if j > 0 then s[j - 1] else Nil)
    {
      if j < i {
        assert s[j] == o[j] && (i + 1 < |o| ==> o[j] != o[i + 1]);
      } else if j == i {
        assert s[j] == o[i + 1];
      } else {
        assert s[j] == o[j + 1] && o[j + 1] != o[i + 1] && s[j - 1] == o[j];
      }
    }
  }

  twostate lemma LaterKidsMember(db: MappingDb, c: u32, p: u32, i: int, t: u32, v: u64)
    requires LaterEffect(db, c, p, i, t, v)
    ensures forall x: u32 :: db.frames <= x < db.capacity && db.rights[x] != 0 ==>
      db.parent[x] < db.capacity && x in db.kids[db.parent[x]]
    ensures db.KidsOk() <== (forall m: u32 :: m < db.capacity ==> db.KidsOf(m))
  {
    reveal db.KidsOk();
    forall x: u32 | db.frames <= x < db.capacity && db.rights[x] != 0
      ensures db.parent[x] < db.capacity && x in db.kids[db.parent[x]]
    {
      assert x != c && old(db.rights[x]) != 0;
      assert x in old(db.kids[db.parent[x]]);
      if db.parent[x] == p {
        var o := old(db.kids[p]);
        var j :| 0 <= j < |o| && o[j] == x;
        assert j != i;
        if j < i {
          assert db.kids[p][j] == x;
        } else {
          assert db.kids[p][j - 1] == x;
        }
      }
    }
  }

  // c heads the free list; the live neighbour pr is not on it.
  twostate lemma LaterFree(db: MappingDb, c: u32, pr: u32)
    requires db.Shapes() && old(db.Shapes()) && old(db.FreeOk()) && db.frames <= c < db.capacity && pr < db.capacity
    requires old(db.rights[c]) != 0 && old(db.rights[pr]) != 0 && db.rights[c] == 0
    requires db.freeList == [c] + old(db.freeList) && db.freeHead == c && db.nextSib[c] == old(db.freeHead)
    requires forall x: u32 :: x < db.capacity && x != c ==> db.rights[x] == old(db.rights[x])
    requires forall x: u32 :: x < db.capacity && x != c && x != pr ==> db.nextSib[x] == old(db.nextSib[x])
    ensures db.FreeOk()
  {
    reveal db.FreeOk();
    assert forall j :: 0 <= j < |old(db.freeList)| ==> old(db.freeList[j]) != c && old(db.freeList[j]) != pr;
  }

  twostate lemma LaterSigma(db: MappingDb, c: u32, p: u32, i: int, t: u32, v: u64)
    requires LaterEffect(db, c, p, i, t, v)
    ensures db.SigmaOk()
  {
    reveal db.SigmaOk();
    assert old(db.SigmaOk());
    forall t': u32, v': u64 | t' < db.tasks && v' < PagesPerTask && (t', v') != (t, v)
      ensures db.slot[Slot(t', v')] == old(db.slot[Slot(t', v')])
    {
      LemmaSlotInjective(t, v, t', v');
    }
    assert forall k: Key :: k in db.sigma ==> k.0 < db.tasks && k.1 < PagesPerTask && db.slot[Slot(k.0, k.1)] != Nil;
    forall t': u32, v': u64 | t' < db.tasks && v' < PagesPerTask && db.slot[Slot(t', v')] != Nil
      ensures (t', v') in db.sigma && db.slot[Slot(t', v')] < db.capacity
      ensures db.sigma[(t', v')] == (db.frame[db.slot[Slot(t', v')]], db.rights[db.slot[Slot(t', v')]])
    {
      assert db.slot[Slot(t', v')] != c by { reveal db.SlotsOk(); LemmaSlotInjective(t, v, t', v'); }
    }
  }
}
