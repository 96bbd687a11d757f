// Mapping database: which task maps which physical frame where, and who derived it from whom (L4 map/grant/demap).
//
// Abstract model: `sigma`, a ghost map from (task, window page) to (frame, rights) — the union of the per-task
// partial functions sigma_i — refined by the node arrays below and mirrored exactly by the HAL page tables
// (`pt.entries == sigma`). Operations validate user arguments and return an error code; a failing operation changes
// nothing.
//
// Implementation: one mapping tree per physical frame, rooted in sigma0's identity mapping of that frame
// (node f for frame f). A node is (task, page, frame, rights, depth) with links parent / firstChild /
// nextSib / prevSib; `slot[Slot(t, v)]` finds a task's node for a page in O(1). Free nodes (rights 0) form a list
// through nextSib. Demap is preemptible like revoke: its progress (root, cursor) lives in the database, each call
// does at most `budget` units of work, and Map/Grant/Demap answer ErrBusy until it has finished.
include "../NativeTypes.dfy"
include "../HalPageTables.dfy"
include "MappingTypes.dfy"
include "MappingSteps.dfy"

module MappingDatabase {
  import opened NativeTypes
  import opened MappingTypes
  import opened HalPageTables
  import opened MappingSteps

  type Key = (u32, u64)
  const RootAt: u32 := 0     // progress[RootAt]: root of the running demap
  const CursorAt: u32 := 1   // progress[CursorAt]: its cursor
  type Entry = (u64, u8)

  class MappingDb {
    const tasks: u32       // task ids 0 .. tasks-1; task 0 is sigma0
    const frames: u32      // physical frames 0 .. frames-1; sigma0 maps its page f to frame f
    const capacity: u32    // mapping nodes; nodes 0 .. frames-1 are the sigma0 roots
    const space: u32       // which HAL page tables: passed to the HAL externs
    ghost const pt: PageTableState

    const task: array<u32>
    const vpage: array<u64>
    const frame: array<u64>
    const rights: array<u8>        // 0 marks a free node
    const depth: array<u32>        // roots 0, a child one more than its parent
    const parent: array<u32>
    const firstChild: array<u32>
    const nextSib: array<u32>      // next sibling of a live node; next free node of a free one
    const prevSib: array<u32>
    const slot: array<u32>         // slot[Slot(t, v)]: task t's node for page v, or Nil
    var freeHead: u32

    // A preempted demap: progress[RootAt] is its root (Nil when none runs), progress[CursorAt] its cursor. A separate array
    // (and a ghost object for the proof state), so that moving the cursor leaves the node invariants untouched.
    const progress: array<u32>
    ghost const demap: DemapProgress

    ghost var sigma: map<Key, Entry>
    ghost var kids: seq<seq<u32>>    // kids[n]: the children of n, in sibling order
    ghost var freeList: seq<u32>

    // ---- Representation predicates ----

    ghost predicate Shapes()
      reads this
    {
      && 0 < tasks <= MaxTasks && 0 < frames as u64 <= PagesPerTask && frames <= capacity < MaxNodes
      && vpage != frame
      && task.Length == vpage.Length == frame.Length == rights.Length == depth.Length == capacity as int
      && parent.Length == firstChild.Length == nextSib.Length == prevSib.Length == capacity as int
      && slot.Length == tasks as int * 4096
      // distinct u32 arrays, so writing one leaves the others alone
      && task != depth && task != parent && task != firstChild && task != nextSib && task != prevSib && task != slot
      && depth != parent && depth != firstChild && depth != nextSib && depth != prevSib && depth != slot
      && parent != firstChild && parent != nextSib && parent != prevSib && parent != slot
      && firstChild != nextSib && firstChild != prevSib && firstChild != slot
      && nextSib != prevSib && nextSib != slot && prevSib != slot
      && progress.Length == 2 && progress != task && progress != depth && progress != parent
      && progress != firstChild && progress != nextSib && progress != prevSib && progress != slot
    }

    ghost predicate IsLive(n: u32)
      reads this, rights
      requires Shapes()
    {
      n < capacity && rights[n] != 0
    }

    ghost function KeyOf(n: u32): Key
      reads this, task, vpage
      requires Shapes() && n < capacity
    {
      (task[n], vpage[n])
    }

    // Sigma0's identity mapping of every frame is a permanent root.
    opaque ghost predicate RootsOk()
      reads this, task, vpage, frame, rights, depth, parent, prevSib, nextSib
      requires Shapes()
    {
      forall f: u32 :: f < frames ==>
        && task[f] == Sigma0 && vpage[f] == f as u64 && frame[f] == f as u64 && rights[f] == RightsAll
        && depth[f] == 0 && parent[f] == Nil && prevSib[f] == Nil && nextSib[f] == Nil
    }

    // Every other live node: in a task's window, one level below a live parent with the same frame, and with no
    // more rights than the parent ("rights never grow").
    opaque ghost predicate NodesOk()
      reads this, task, vpage, frame, rights, depth, parent
      requires Shapes()
    {
      forall n: u32 :: frames <= n < capacity && rights[n] != 0 ==>
        && task[n] < tasks && vpage[n] < PagesPerTask && IsRights(rights[n])
        && parent[n] < capacity && rights[parent[n]] != 0
        && depth[n] as int == depth[parent[n]] as int + 1 && depth[n] <= MaxDepth
        && frame[n] == frame[parent[n]]
        && RightsLe(rights[n], rights[parent[n]])
    }

    // The page index: a slot names a live node holding exactly that key, and every live node is in its slot.
    opaque ghost predicate SlotsOk()
      reads this, task, vpage, rights, slot
      requires Shapes()
    {
      && (forall t: u32, v: u64 :: t < tasks && v < PagesPerTask && slot[Slot(t, v)] != Nil ==>
            slot[Slot(t, v)] < capacity && rights[slot[Slot(t, v)]] != 0
            && task[slot[Slot(t, v)]] == t && vpage[slot[Slot(t, v)]] == v)
      && (forall n: u32 :: n < capacity && rights[n] != 0 ==>
            task[n] < tasks && vpage[n] < PagesPerTask && slot[Slot(task[n], vpage[n])] == n)
    }

    ghost predicate KidsOf(n: u32)
      reads this, rights, parent, firstChild, nextSib, prevSib
      requires Shapes() && |kids| == capacity as int && n < capacity
    {
      var s := kids[n];
      && (rights[n] == 0 ==> s == [])
      && (forall i :: 0 <= i < |s| ==> frames <= s[i] < capacity && rights[s[i]] != 0 && parent[s[i]] == n)
      && (forall i, j :: 0 <= i < j < |s| ==> s[i] != s[j])
      && firstChild[n] == (if |s| == 0 then Nil else s[0])
      && (forall i :: 0 <= i < |s| ==> nextSib[s[i]] == (if i + 1 < |s| then s[i + 1] else Nil))
      && (forall i :: 0 <= i < |s| ==> prevSib[s[i]] == (if i > 0 then s[i - 1] else Nil))
    }

    opaque ghost predicate KidsOk()
      reads this, rights, parent, firstChild, nextSib, prevSib
      requires Shapes()
    {
      && |kids| == capacity as int
      && (forall n: u32 :: n < capacity ==> KidsOf(n))
      && (forall c: u32 :: frames <= c < capacity && rights[c] != 0 ==> parent[c] < capacity && c in kids[parent[c]])
    }

    opaque ghost predicate FreeOk()
      reads this, rights, nextSib
      requires Shapes()
    {
      && (forall i :: 0 <= i < |freeList| ==> frames <= freeList[i] < capacity && rights[freeList[i]] == 0)
      && (forall i, j :: 0 <= i < j < |freeList| ==> freeList[i] != freeList[j])
      && (forall i :: 0 <= i < |freeList| ==>
            nextSib[freeList[i]] == (if i + 1 < |freeList| then freeList[i + 1] else Nil))
      && freeHead == (if |freeList| == 0 then Nil else freeList[0])
    }

    // The abstract sigma is exactly what the slots say, and the HAL's page tables agree with it.
    opaque ghost predicate SigmaOk()
      reads this, task, vpage, frame, rights, slot, pt
      requires Shapes()
    {
      && (forall k: Key :: k in sigma ==> k.0 < tasks && k.1 < PagesPerTask && slot[Slot(k.0, k.1)] != Nil)
      && (forall t: u32, v: u64 :: t < tasks && v < PagesPerTask && slot[Slot(t, v)] != Nil ==>
            (t, v) in sigma && slot[Slot(t, v)] < capacity
            && sigma[(t, v)] == (frame[slot[Slot(t, v)]], rights[slot[Slot(t, v)]]))
      && pt.entries == sigma
    }

    ghost predicate StructValid()
      reads this, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
    {
      && Shapes() && RootsOk() && NodesOk() && SlotsOk() && KidsOk() && FreeOk() && SigmaOk()
    }

    // ---- Derivation ----

    // The k-th ancestor along parent links.
    ghost function Anc(n: u32, k: nat): u32
      reads this, parent
      requires Shapes()
      decreases k
    {
      if k == 0 then n else if n < capacity then Anc(parent[n], k - 1) else Nil
    }

    // n is derived from r (directly or not): r is n's ancestor. Not reflexive.
    ghost predicate Derived(n: u32, r: u32)
      reads this, rights, depth, parent
      requires Shapes()
    {
      && n < capacity && r < capacity && rights[n] != 0 && rights[r] != 0
      && depth[n] > depth[r] && Anc(n, (depth[n] - depth[r]) as nat) == r
    }

    // The keys demap(r) removes: those of every mapping derived from r.
    ghost function DerivedKeys(r: u32): set<Key>
      reads this, task, vpage, rights, depth, parent
      requires Shapes()
    {
      set m: u32 | m < capacity && Derived(m, r) :: KeyOf(m)
    }

    // A demap in progress: the cursor is the root or derived from it; sigma is the start's sigma minus some doomed
    // keys; every doomed key still mapped is held by a mapping derived from the root, and vice versa.
    opaque ghost predicate DemapOk()
      reads this, demap, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
      requires Shapes()
    {
      demap.root != Nil ==>
        && demap.root < capacity && rights[demap.root] != 0
        && demap.cursor < capacity && rights[demap.cursor] != 0
        && (demap.cursor == demap.root || Derived(demap.cursor, demap.root))
        && (forall k :: k in sigma ==> k in demap.startSigma && sigma[k] == demap.startSigma[k])
        && (forall k :: k in demap.startSigma && k !in demap.doomed ==> k in sigma)
        && (forall k :: k in demap.doomed && k in sigma && k.0 < tasks && k.1 < PagesPerTask ==>
              Derived(slot[Slot(k.0, k.1)], demap.root))
        && (forall n: u32 :: n < capacity && Derived(n, demap.root) ==> KeyOf(n) in demap.doomed)
    }

    // The outcome of a finished demap: exactly the doomed keys are gone, everything else is as it was.
    ghost predicate DemapDone()
      reads this, demap
    {
      && (forall k :: k in sigma <==> k in demap.startSigma && k !in demap.doomed)
      && (forall k :: k in sigma ==> sigma[k] == demap.startSigma[k])
    }

    ghost predicate Valid()
      reads this, demap, progress, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
    {
      StructValid() && DemapOk() && progress[RootAt] == demap.root && progress[CursorAt] == demap.cursor
    }
    // ---- Construction ----

    // sigma0 starts with the identity mapping of every frame (written to the HAL's page tables); all other nodes
    // are free. `pt` must be fresh page tables with nothing mapped.
    constructor {:isolate_assertions} (nTasks: u32, nFrames: u32, nNodes: u32, spaceId: u32, ghost pageTables: PageTableState)
      requires 0 < nTasks <= MaxTasks && 0 < nFrames as u64 <= PagesPerTask && nFrames <= nNodes < MaxNodes
      requires pageTables.entries == map[]
      modifies pageTables
      ensures Valid() && demap.root == Nil
      ensures tasks == nTasks && frames == nFrames && capacity == nNodes && pt == pageTables && space == spaceId
      ensures forall k: Key :: k in sigma <==> k.0 == Sigma0 && k.1 < nFrames as u64
      ensures forall k: Key :: k in sigma ==> sigma[k] == (k.1, RightsAll)
    {
      ghost var sg := MapRoots(pageTables, spaceId, nFrames);
      var ta, va, fa, ra, da, pa, fc, ns, ps := NewNodes(nFrames, nNodes);
      var sl := SlotTable(nTasks, nFrames);
      var pr := Filled32(2, Nil);
      tasks, frames, capacity, pt, space := nTasks, nFrames, nNodes, pageTables, spaceId;
      task, vpage, frame, rights, depth := ta, va, fa, ra, da;
      parent, firstChild, nextSib, prevSib, slot := pa, fc, ns, ps, sl;
      freeHead := if nFrames < nNodes then nFrames else Nil;
      demap := new DemapProgress();
      progress := pr;
      sigma := sg;
      kids := seq(nNodes as int, _ => []);
      freeList := seq(nNodes as int - nFrames as int, i requires 0 <= i < nNodes as int - nFrames as int => (nFrames as int + i) as u32);
      new;
      assert Shapes();
      assert RootsOk() by { reveal RootsOk(); }
      assert NodesOk() by { reveal NodesOk(); }
      InitSlotsOk();
      InitFreeOk();
      InitKidsOk();
      InitSigmaOk();
      assert DemapOk() by { reveal DemapOk(); }
    }

    // ---- Operations ----

    // What the page index says about key (t, v): the bridge from sigma to the node arrays.
    lemma KeyFacts(t: u32, v: u64)
      requires StructValid() && t < tasks && v < PagesPerTask
      ensures (t, v) in sigma <==> slot[Slot(t, v)] != Nil
      ensures slot[Slot(t, v)] != Nil ==>
        var n := slot[Slot(t, v)];
        && n < capacity && rights[n] != 0 && IsRights(rights[n]) && task[n] == t && vpage[n] == v
        && sigma[(t, v)] == (frame[n], rights[n])
    {
      reveal SigmaOk(), SlotsOk(), NodesOk(), RootsOk();
      var n := slot[Slot(t, v)];
      if n != Nil && n < frames {
        assert rights[n] == RightsAll;
      }
    }

    // Lookup: what task t's page v maps (the abstract sigma_t(v)), without scanning.
    method Lookup(t: u32, v: u64) returns (err: u32, f: u64, r: u8)
      requires Valid()
      ensures err == OK <==> t < tasks && v < PagesPerTask && (t, v) in sigma
      ensures err == OK ==> sigma[(t, v)] == (f, r)
    {
      if t >= tasks { return ErrInvalidTask, 0, 0; }
      if v >= PagesPerTask { return ErrInvalidPage, 0, 0; }
      KeyFacts(t, v);
      var n := slot[Slot(t, v)];
      if n == Nil { return ErrNotMapped, 0, 0; }
      return OK, frame[n], rights[n];
    }

    // Map: task dt's page dv gets what task st's page sv maps, with the source's rights cut by mask.
    method Map(st: u32, sv: u64, dt: u32, dv: u64, mask: u8) returns (err: u32)
      requires Valid()
      modifies this, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
      ensures Valid() && MapStep(old(sigma), sigma, tasks, st, sv, dt, dv, mask, err)
      ensures demap.root == old(demap.root)
    {
      if st >= tasks || dt >= tasks { return ErrInvalidTask; }
      if sv >= PagesPerTask || dv >= PagesPerTask { return ErrInvalidPage; }
      if st == dt && sv == dv { return ErrInvalidArgument; }
      KeyFacts(st, sv);
      KeyFacts(dt, dv);
      var s := slot[Slot(st, sv)];
      if s == Nil { return ErrNotMapped; }
      var r := RightsAnd(rights[s], mask);
      if r == 0 { return ErrNoRights; }
      if slot[Slot(dt, dv)] != Nil { return ErrOccupied; }
      if progress[RootAt] != Nil { return ErrBusy; }
      if freeHead == Nil { return ErrNoMemory; }
      if depth[s] >= MaxDepth { return ErrTooDeep; }
      LemmaRightsAndLe(rights[s], mask);
      var n := InsertChild(s, dt, dv, r);
      assert DemapOk() by { reveal DemapOk(); }
      return OK;
    }

    // Demap: removes every mapping derived from task t's page v (the page itself stays). Preemptible: does at most
    // `budget` units of work (one node visited or removed each); if not done, DemapContinue resumes it, and until
    // it is done Map and Demap answer ErrBusy.
    method Demap(t: u32, v: u64, budget: u32) returns (err: u32, done: bool)
      requires Valid()
      modifies this, demap, progress, rights, firstChild, nextSib, prevSib, slot, pt
      ensures Valid()
      ensures err != OK ==> sigma == old(sigma) && !done
      ensures err == OK <==> t < tasks && v < PagesPerTask && (t, v) in old(sigma) && old(demap.root) == Nil
      ensures err == OK ==> demap.startSigma == old(sigma) && demap.doomed == old(DerivedKeys(slot[Slot(t, v)]))
      ensures err == OK && done ==> DemapDone()
      ensures done <==> err == OK && demap.root == Nil
    {
      if t >= tasks { return ErrInvalidTask, false; }
      if v >= PagesPerTask { return ErrInvalidPage, false; }
      KeyFacts(t, v);
      var n := slot[Slot(t, v)];
      if n == Nil { return ErrNotMapped, false; }
      if progress[RootAt] != Nil { return ErrBusy, false; }
      demap.root := n;
      demap.cursor := n;
      progress[RootAt] := n;
      progress[CursorAt] := n;
      demap.startSigma := sigma;
      demap.doomed := DerivedKeys(n);
      DemapStartOk(n);
      err, done := DemapContinue(budget);
    }

    lemma DemapStartOk(n: u32)
      requires StructValid() && n < capacity && rights[n] != 0
      requires demap.root == n && demap.cursor == n && demap.startSigma == sigma && demap.doomed == DerivedKeys(n)
      ensures DemapOk()
    {
      reveal DemapOk();
      forall k | k in demap.doomed
        ensures k in demap.startSigma && (k.0 < tasks && k.1 < PagesPerTask ==> Derived(slot[Slot(k.0, k.1)], n))
      {
        var m: u32 :| m < capacity && Derived(m, n) && KeyOf(m) == k;
        SlotFacts(m);
      }
    }

    // Resumes the demap in progress for at most `budget` units of work.
    method DemapContinue(budget: u32) returns (err: u32, done: bool)
      requires Valid()
      modifies this, demap, progress, rights, firstChild, nextSib, prevSib, slot, pt
      ensures Valid() && demap.startSigma == old(demap.startSigma) && demap.doomed == old(demap.doomed)
      ensures err == OK <==> old(demap.root) != Nil
      ensures err != OK ==> sigma == old(sigma) && !done
      ensures done <==> err == OK && demap.root == Nil
      ensures done ==> DemapDone()
    {
      if progress[RootAt] == Nil { return ErrNoDemap, false; }
      var work: u32 := 0;
      while work < budget && progress[RootAt] != Nil
        invariant Valid() && demap.startSigma == old(demap.startSigma) && demap.doomed == old(demap.doomed)
        invariant demap.root == Nil ==> DemapDone()
        decreases budget as int - work as int
      {
        DemapStep();
        work := work + 1;
      }
      return OK, progress[RootAt] == Nil;
    }

    // One unit of demap work at the cursor c: remove c's first child if it is a leaf, else go down to it; with no
    // children left go back up to c's parent, or, at the root, finish.
    method DemapStep()
      requires Valid() && demap.root != Nil
      modifies this, demap, progress, rights, firstChild, nextSib, prevSib, slot, pt
      ensures Valid() && demap.startSigma == old(demap.startSigma) && demap.doomed == old(demap.doomed)
      ensures demap.root == Nil ==> DemapDone()
    {
      reveal DemapOk();
      var c := progress[CursorAt];
      var r := progress[RootAt];
      FirstChildFacts(c);
      var f := firstChild[c];
      if f == Nil {
        if c == r {
          NoDerivedLeft(r);
          DoomedGone(r);
          demap.root := Nil;
          progress[RootAt] := Nil;
        } else {
          DerivedParent(c, r);
          demap.cursor := parent[c];
          progress[CursorAt] := parent[c];
        }
      } else {
        DerivedChild(c, f, r);
        FirstChildFacts(f);
        if firstChild[f] == Nil {
          RemoveFirstLeaf(f);
          DemapAfterRemove(f, r);
        } else {
          demap.cursor := f;
          progress[CursorAt] := f;
        }
      }
    }

    // After removing the derived leaf f, the demap invariant still holds.
    twostate lemma DemapAfterRemove(f: u32, r: u32)
      requires old(StructValid()) && old(DemapOk()) && StructValid() && old(demap.root) == r && r != Nil
      requires f < capacity && old(Derived(f, r)) && old(demap.cursor) != f
      requires old(task[f]) < tasks && old(vpage[f]) < PagesPerTask
      requires demap.root == r && demap.cursor == old(demap.cursor)
      requires demap.startSigma == old(demap.startSigma) && demap.doomed == old(demap.doomed)
      requires sigma == old(sigma) - {old(KeyOf(f))}
      requires rights[..] == old(rights[..])[f := 0]
      requires slot[..] == old(slot[..])[Slot(old(task[f]), old(vpage[f])) := Nil]
      requires task[..] == old(task[..]) && vpage[..] == old(vpage[..])
      requires depth[..] == old(depth[..]) && parent[..] == old(parent[..])
      ensures DemapOk()
    {
      reveal DemapOk();
      assert old(KeyOf(f)) in demap.doomed;
      forall n: u32 | n < capacity && n != f
        ensures Derived(n, r) == old(Derived(n, r))
      {
        AncUnchanged(n, (depth[n] as int - depth[r] as int));
      }
      forall k | k in demap.doomed && k in sigma && k.0 < tasks && k.1 < PagesPerTask
        ensures Derived(slot[Slot(k.0, k.1)], r)
      {
        LemmaSlotInjective(k.0, k.1, old(task[f]), old(vpage[f]));
        assert slot[Slot(k.0, k.1)] == old(slot[Slot(k.0, k.1)]);
        SlotLive(k.0, k.1);
      }
    }

    // At the end of a demap (nothing derived from the root is left) the doomed keys are all gone.
    lemma DoomedGone(r: u32)
      requires StructValid() && DemapOk() && demap.root == r && r != Nil
      requires forall n: u32 :: !Derived(n, r)
      ensures DemapDone()
    {
      reveal DemapOk();
      forall k | k in sigma
        ensures k !in demap.doomed
      {
        reveal SigmaOk();
        if k in demap.doomed {
          assert Derived(slot[Slot(k.0, k.1)], r);
        }
      }
    }

    lemma SlotLive(t: u32, v: u64)
      requires StructValid() && t < tasks && v < PagesPerTask && slot[Slot(t, v)] != Nil
      ensures slot[Slot(t, v)] < capacity && rights[slot[Slot(t, v)]] != 0
    {
      reveal SlotsOk();
    }

    // Anc only reads parent: equal parent arrays give equal ancestors.
    twostate lemma AncUnchanged(n: u32, k: int)
      requires Shapes() && old(Shapes()) && parent[..] == old(parent[..])
      ensures k >= 0 ==> Anc(n, k) == old(Anc(n, k))
      decreases if k < 0 then 0 else k
    {
      if k > 0 && n < capacity {
        assert parent[n] == old(parent[n]);
        AncUnchanged(parent[n], k - 1);
      }
    }

    // ---- Derivation lemmas ----

    lemma DerivedChild(c: u32, f: u32, r: u32)
      requires StructValid() && r < capacity && rights[r] != 0 && c < capacity && rights[c] != 0
      requires c == r || Derived(c, r)
      requires f < capacity && rights[f] != 0 && frames <= f && parent[f] == c
      ensures Derived(f, r)
    {
      ChildFacts(f);
      assert Anc(f, (depth[f] - depth[r]) as nat) == Anc(c, (depth[c] - depth[r]) as nat);
    }

    lemma DerivedParent(c: u32, r: u32)
      requires StructValid() && Derived(c, r)
      ensures parent[c] < capacity && (parent[c] == r || Derived(parent[c], r))
    {
      reveal RootsOk();
      if c < frames {
        assert depth[c] == 0;
      }
      ChildFacts(c);
      var d := (depth[c] - depth[r]) as nat;
      assert Anc(c, d) == Anc(parent[c], d - 1);
    }

    // An ancestor k levels up is live, k levels shallower, and its parent is the next ancestor.
    lemma AncFacts(n: u32, k: nat)
      requires StructValid() && n < capacity && rights[n] != 0 && k <= depth[n] as nat
      ensures Anc(n, k) < capacity && rights[Anc(n, k)] != 0 && depth[Anc(n, k)] as int == depth[n] as int - k
      ensures k < depth[n] as nat ==> parent[Anc(n, k)] == Anc(n, k + 1)
      decreases k
    {
      reveal RootsOk();
      if k > 0 || k < depth[n] as nat {
        if n < frames {
          assert depth[n] == 0;
        }
        ChildFacts(n);
        if k > 0 {
          AncFacts(parent[n], k - 1);
        }
      }
    }

    // A node with no children has nothing derived from it.
    lemma NoDerivedLeft(r: u32)
      requires StructValid() && r < capacity && rights[r] != 0 && firstChild[r] == Nil
      ensures forall n: u32 :: !Derived(n, r)
    {
      forall n: u32 | Derived(n, r)
        ensures false
      {
        var d := (depth[n] - depth[r]) as nat;
        AncFacts(n, d - 1);
        AncFacts(n, d);
        var c := Anc(n, d - 1);
        reveal RootsOk();
        if c < frames {
          assert depth[c] == 0;
        }
        ChildFacts(c);
        reveal KidsOk();
        assert KidsOf(r);
      }
    }

    // ---- Node store: the two structural changes, shared by every operation ----

    // A new live node under p (first in p's child list), holding key (t, v) with rights r.
    method {:isolate_assertions} InsertChild(p: u32, t: u32, v: u64, r: u8) returns (n: u32)
      requires StructValid() && demap.root == Nil
      requires p < capacity && rights[p] != 0 && depth[p] < MaxDepth && 0 < r && IsRights(r) && RightsLe(r, rights[p])
      requires t < tasks && v < PagesPerTask && slot[Slot(t, v)] == Nil && freeHead != Nil
      modifies this, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
      ensures StructValid() && demap.root == old(demap.root) && demap.cursor == old(demap.cursor)
      ensures demap.startSigma == old(demap.startSigma) && demap.doomed == old(demap.doomed)
      ensures sigma == old(sigma)[(t, v) := (old(frame[p]), r)]
      ensures n < capacity && old(rights[n]) == 0 && rights[..] == old(rights[..])[n := r]
      ensures depth[..] == old(depth[..])[n := depth[n]] && parent[..] == old(parent[..])[n := p]
    {
      FreeHeadFacts();
      FirstChildFacts(p);
      n := freeHead;
      var f := frame[p];
      var first := firstChild[p];
      var nextFree := nextSib[n];
      ghost var kp := kids[p];
      WriteNode(n, t, v, f, r, depth[p] + 1, p, first);
      LinkFirst(p, n, first);
      freeHead := nextFree;
      freeList := freeList[1..];
      kids := kids[p := [n] + kp];
      WriteSlot(Slot(t, v), n);
      HalMapPage(pt, space, t, v, f, r);
      sigma := sigma[(t, v) := (f, r)];
      InsertChildValid(p, n, t, v, f, r);
    }

    // The fields of node n (as the new first child of p, before `first`); nothing else changes.
    method WriteNode(n: u32, t: u32, v: u64, f: u64, r: u8, d: u32, p: u32, first: u32)
      requires Shapes() && n < capacity
      modifies task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib
      ensures task[..] == old(task[..])[n := t] && vpage[..] == old(vpage[..])[n := v]
      ensures frame[..] == old(frame[..])[n := f] && rights[..] == old(rights[..])[n := r]
      ensures depth[..] == old(depth[..])[n := d] && parent[..] == old(parent[..])[n := p]
      ensures firstChild[..] == old(firstChild[..])[n := Nil] && nextSib[..] == old(nextSib[..])[n := first]
      ensures prevSib[..] == old(prevSib[..])[n := Nil]
    {
      task[n] := t;
      vpage[n] := v;
      frame[n] := f;
      rights[n] := r;
      depth[n] := d;
      parent[n] := p;
      firstChild[n] := Nil;
      nextSib[n] := first;
      prevSib[n] := Nil;
    }

    // n becomes p's first child, in front of `first`.
    method LinkFirst(p: u32, n: u32, first: u32)
      requires Shapes() && p < capacity && n < capacity && (first == Nil || first < capacity)
      modifies firstChild, prevSib
      ensures firstChild[..] == old(firstChild[..])[p := n]
      ensures first != Nil ==> prevSib[..] == old(prevSib[..])[first := n]
      ensures first == Nil ==> prevSib[..] == old(prevSib[..])
    {
      firstChild[p] := n;
      if first != Nil {
        prevSib[first] := n;
      }
    }

    method WriteSlot(i: u64, n: u32)
      requires Shapes() && i < slot.Length as u64
      modifies slot
      ensures slot[..] == old(slot[..])[i := n]
    {
      slot[i] := n;
    }

    // Facts about a non-root live node c and its parent's child list.
    lemma ChildFacts(c: u32)
      requires StructValid() && frames <= c < capacity && rights[c] != 0
      ensures parent[c] < capacity && rights[parent[c]] != 0 && |kids| == capacity as int
      ensures c in kids[parent[c]] && depth[c] as int == depth[parent[c]] as int + 1
      ensures firstChild[c] == Nil ==> kids[c] == []
      ensures nextSib[c] == Nil || nextSib[c] < capacity
      ensures firstChild[parent[c]] == c ==> |kids[parent[c]]| > 0 && kids[parent[c]][0] == c
      ensures firstChild[parent[c]] == c ==>
        nextSib[c] == (if |kids[parent[c]]| > 1 then kids[parent[c]][1] else Nil)
    {
      reveal KidsOk(), NodesOk();
      assert KidsOf(parent[c]) && KidsOf(c);
    }

    // Removes leaf c, the first child of its parent: unmaps it and returns the node to the free list.
    method {:isolate_assertions} RemoveFirstLeaf(c: u32)
      requires StructValid()
      requires frames <= c < capacity && rights[c] != 0 && firstChild[c] == Nil
      requires parent[c] < capacity && firstChild[parent[c]] == c
      modifies this, rights, firstChild, nextSib, prevSib, slot, pt
      ensures StructValid()
      ensures sigma == old(sigma) - {old(KeyOf(c))} && old(KeyOf(c)) in old(sigma)
      ensures rights[..] == old(rights[..])[c := 0]
      ensures old(task[c]) < tasks && old(vpage[c]) < PagesPerTask
      ensures slot[..] == old(slot[..])[Slot(old(task[c]), old(vpage[c])) := Nil]
      ensures demap.root == old(demap.root) && demap.cursor == old(demap.cursor)
      ensures demap.startSigma == old(demap.startSigma) && demap.doomed == old(demap.doomed)
      ensures |old(kids)| == capacity as int && |old(kids[parent[c]])| > 0 && old(kids[parent[c]])[0] == c
      ensures kids == old(kids)[old(parent[c]) := old(kids[parent[c]])[1..]]
    {
      ChildFacts(c);
      FreeHeadFacts();
      SlotFacts(c);
      var p := parent[c];
      var nx := nextSib[c];
      var t := task[c];
      var v := vpage[c];
      ghost var kp := kids[p];
      UnlinkFirst(p, nx);
      FreeNode(c, freeHead);
      freeHead := c;
      freeList := [c] + freeList;
      kids := kids[p := kp[1..]];
      WriteSlot(Slot(t, v), Nil);
      HalUnmapPage(pt, space, t, v);
      sigma := sigma - {(t, v)};
      RemoveValid(c, p, t, v);
    }

    // Where node c sits in the page index and in sigma.
    lemma SlotFacts(c: u32)
      requires StructValid() && c < capacity && rights[c] != 0
      ensures task[c] < tasks && vpage[c] < PagesPerTask && slot[Slot(task[c], vpage[c])] == c
      ensures KeyOf(c) in sigma && pt.entries == sigma
    {
      reveal SlotsOk(), SigmaOk();
    }

    method UnlinkFirst(p: u32, nx: u32)
      requires Shapes() && p < capacity && (nx == Nil || nx < capacity)
      modifies firstChild, prevSib
      ensures firstChild[..] == old(firstChild[..])[p := nx]
      ensures nx != Nil ==> prevSib[..] == old(prevSib[..])[nx := Nil]
      ensures nx == Nil ==> prevSib[..] == old(prevSib[..])
    {
      firstChild[p] := nx;
      if nx != Nil {
        prevSib[nx] := Nil;
      }
    }

    method FreeNode(c: u32, next: u32)
      requires Shapes() && c < capacity
      modifies rights, nextSib
      ensures rights[..] == old(rights[..])[c := 0] && nextSib[..] == old(nextSib[..])[c := next]
    {
      rights[c] := 0;
      nextSib[c] := next;
    }

    twostate predicate RemoveEffect(c: u32, p: u32, t: u32, v: u64)
      reads this, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
    {
      && old(StructValid()) && Shapes() && old(Shapes()) && |kids| == |old(kids)| == capacity as int
      && frames <= c < capacity && p < capacity && c != p
      && old(rights[c]) != 0 && old(rights[p]) != 0 && old(parent[c]) == p && old(kids[c]) == []
      && |old(kids[p])| > 0 && old(kids[p][0]) == c && old(firstChild[p]) == c
      && old(nextSib[c]) == (if |old(kids[p])| > 1 then old(kids[p][1]) else Nil)
      && t == old(task[c]) && v == old(vpage[c]) && t < tasks && v < PagesPerTask
      && old(slot[Slot(t, v)]) == c && (t, v) in old(sigma)
      && task[..] == old(task[..]) && vpage[..] == old(vpage[..]) && frame[..] == old(frame[..])
      && depth[..] == old(depth[..]) && parent[..] == old(parent[..])
      && rights[..] == old(rights[..])[c := 0]
      && firstChild[..] == old(firstChild[..])[p := old(nextSib[c])]
      && nextSib[..] == old(nextSib[..])[c := old(freeHead)]
      && (old(nextSib[c]) != Nil ==>
            old(nextSib[c]) < capacity && prevSib[..] == old(prevSib[..])[old(nextSib[c]) := Nil])
      && (old(nextSib[c]) == Nil ==> prevSib[..] == old(prevSib[..]))
      && kids == old(kids)[p := old(kids[p])[1..]]
      && freeHead == c && freeList == [c] + old(freeList)
      && slot[..] == old(slot[..])[Slot(t, v) := Nil]
      && sigma == old(sigma) - {(t, v)} && pt.entries == sigma
    }

    twostate lemma RemoveValid(c: u32, p: u32, t: u32, v: u64)
      requires RemoveEffect(c, p, t, v)
      ensures StructValid()
    {
      RemoveRoots(c, p, t, v);
      RemoveNodes(c, p, t, v);
      RemoveSlots(c, p, t, v);
      forall m: u32 | m < capacity
        ensures KidsOf(m)
      {
        RemoveKidsOf(c, p, t, v, m);
      }
      RemoveKidsMember(c, p, t, v);
      RemoveFree(c, p, t, v);
      RemoveSigma(c, p, t, v);
    }

    twostate lemma RemoveRoots(c: u32, p: u32, t: u32, v: u64)
      requires RemoveEffect(c, p, t, v)
      ensures RootsOk()
    {
      reveal RootsOk();
      NextSibNotRoot(c, p);
    }

    // The sibling after a first child is not a root (a small lemma: KidsOk revealed next to RemoveEffect costs ~1M).
    twostate lemma NextSibNotRoot(c: u32, p: u32)
      requires old(Shapes()) && old(KidsOk()) && p < capacity && c < capacity && |old(kids)| == capacity as int
      requires |old(kids[p])| > 0 && old(nextSib[c]) == (if |old(kids[p])| > 1 then old(kids[p][1]) else Nil)
      ensures old(nextSib[c]) == Nil || frames <= old(nextSib[c])
    {
      reveal KidsOk();
      assert old(KidsOf(p));
    }

    twostate lemma RemoveNodes(c: u32, p: u32, t: u32, v: u64)
      requires RemoveEffect(c, p, t, v)
      ensures NodesOk()
    {
      reveal NodesOk();
      forall m: u32 | frames <= m < capacity && rights[m] != 0
        ensures parent[m] != c
      {
        reveal KidsOk();
        assert old(rights[m]) != 0 && parent[m] == old(parent[m]) && parent[m] < capacity && m in old(kids)[parent[m]];
      }
    }

    twostate lemma RemoveSlots(c: u32, p: u32, t: u32, v: u64)
      requires RemoveEffect(c, p, t, v)
      ensures SlotsOk()
    {
      reveal SlotsOk();
      forall t': u32, v': u64 | t' < tasks && v' < PagesPerTask && (t', v') != (t, v)
        ensures slot[Slot(t', v')] == old(slot[Slot(t', v')])
      {
        LemmaSlotInjective(t, v, t', v');
      }
    }

    twostate lemma {:isolate_assertions} RemoveKidsOf(c: u32, p: u32, t: u32, v: u64, m: u32)
      requires RemoveEffect(c, p, t, v) && m < capacity
      ensures KidsOf(m)
    {
      reveal KidsOk();
      assert old(KidsOf(m)) && old(KidsOf(p)) && old(KidsOf(c));
      var s := kids[m];
      if m == p {
        var o := old(kids[p]);
        assert s == o[1..];
        assert forall i :: 0 <= i < |s| ==> s[i] == o[i + 1] && s[i] != c;
        forall i | 0 <= i < |s|
          ensures nextSib[s[i]] == (if i + 1 < |s| then s[i + 1] else Nil)
        {
          assert nextSib[s[i]] == old(nextSib[o[i + 1]]);
        }
        forall i | 1 <= i < |s|
          ensures prevSib[s[i]] == s[i - 1]
        {
          assert o[i + 1] != o[1];
          assert prevSib[s[i]] == old(prevSib[o[i + 1]]);
        }
      } else if m == c {
        assert s == [];
      } else {
        assert s == old(kids[m]);
        assert forall i :: 0 <= i < |s| ==> old(parent[s[i]]) == m && s[i] != c && s[i] != old(nextSib[c]);
      }
    }

    twostate lemma RemoveKidsMember(c: u32, p: u32, t: u32, v: u64)
      requires RemoveEffect(c, p, t, v)
      ensures forall x: u32 :: frames <= x < capacity && rights[x] != 0 ==> parent[x] < capacity && x in kids[parent[x]]
      ensures KidsOk() <== (forall m: u32 :: m < capacity ==> KidsOf(m))
    {
      reveal KidsOk();
      forall x: u32 | frames <= x < capacity && rights[x] != 0
        ensures parent[x] < capacity && x in kids[parent[x]]
      {
        assert x != c && old(rights[x]) != 0;
        assert x in old(kids[parent[x]]);
        if parent[x] == p {
          var o := old(kids[p]);
          var i :| 0 <= i < |o| && o[i] == x;
          assert i > 0;
          assert kids[p][i - 1] == x;
        }
      }
    }

    twostate lemma RemoveFree(c: u32, p: u32, t: u32, v: u64)
      requires RemoveEffect(c, p, t, v)
      ensures FreeOk()
    {
      reveal FreeOk();
      assert forall i :: 0 <= i < |old(freeList)| ==> old(freeList[i]) != c;
    }

    twostate lemma RemoveSigma(c: u32, p: u32, t: u32, v: u64)
      requires RemoveEffect(c, p, t, v)
      ensures SigmaOk()
    {
      reveal SigmaOk();
      assert old(SigmaOk());
      forall t': u32, v': u64 | t' < tasks && v' < PagesPerTask && (t', v') != (t, v)
        ensures slot[Slot(t', v')] == old(slot[Slot(t', v')])
      {
        LemmaSlotInjective(t, v, t', v');
      }
      assert forall k: Key :: k in sigma ==> k.0 < tasks && k.1 < PagesPerTask && slot[Slot(k.0, k.1)] != Nil;
      forall t': u32, v': u64 | t' < tasks && v' < PagesPerTask && slot[Slot(t', v')] != Nil
        ensures (t', v') in sigma && slot[Slot(t', v')] < capacity
        ensures sigma[(t', v')] == (frame[slot[Slot(t', v')]], rights[slot[Slot(t', v')]])
      {
        assert slot[Slot(t', v')] != c by { reveal SlotsOk(); LemmaSlotInjective(t, v, t', v'); }
      }
    }

    lemma FreeHeadFacts()
      requires StructValid()
      ensures freeHead != Nil ==> frames <= freeHead < capacity && rights[freeHead] == 0
      ensures freeHead != Nil ==> freeList != [] && freeList[0] == freeHead
      ensures pt.entries == sigma
    {
      reveal FreeOk(), SigmaOk();
    }

    lemma FirstChildFacts(p: u32)
      requires StructValid() && p < capacity
      ensures firstChild[p] != Nil ==> frames <= firstChild[p] < capacity && rights[firstChild[p]] != 0
      ensures firstChild[p] != Nil ==> parent[firstChild[p]] == p
      ensures |kids| == capacity as int
    {
      reveal KidsOk();
      assert KidsOf(p);
    }

    // What InsertChild changed, as a two-state predicate so that each part of the invariant is its own lemma.
    twostate predicate InsertEffect(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      reads this, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
    {
      && old(StructValid()) && Shapes() && old(Shapes()) && |kids| == |old(kids)| == capacity as int
      && p < capacity && n < capacity && n != p && frames <= n
      && old(rights[p]) != 0 && old(depth[p]) < MaxDepth && 0 < r && IsRights(r) && RightsLe(r, old(rights[p]))
      && t < tasks && v < PagesPerTask && old(slot[Slot(t, v)]) == Nil
      && old(freeList) != [] && n == old(freeList[0]) && freeList == old(freeList[1..]) && f == old(frame[p])
      && task[..] == old(task[..])[n := t] && vpage[..] == old(vpage[..])[n := v]
      && frame[..] == old(frame[..])[n := f] && rights[..] == old(rights[..])[n := r]
      && depth[..] == old(depth[..])[n := depth[n]] && parent[..] == old(parent[..])[n := p]
      && depth[n] as int == old(depth[p]) as int + 1
      && firstChild[..] == old(firstChild[..])[n := Nil][p := n]
      && nextSib[..] == old(nextSib[..])[n := old(firstChild[p])]
      && (old(firstChild[p]) != Nil ==>
            old(firstChild[p]) < capacity && prevSib[..] == old(prevSib[..])[n := Nil][old(firstChild[p]) := n])
      && (old(firstChild[p]) == Nil ==> prevSib[..] == old(prevSib[..])[n := Nil])
      && kids == old(kids)[p := [n] + old(kids[p])]
      && freeHead == old(nextSib[n])
      && slot[..] == old(slot[..])[Slot(t, v) := n]
      && sigma == old(sigma)[(t, v) := (f, r)] && pt.entries == sigma
    }

    twostate lemma InsertChildValid(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures StructValid()
    {
      InsertRootsNodes(p, n, t, v, f, r);
      InsertSlots(p, n, t, v, f, r);
      InsertKids(p, n, t, v, f, r);
      InsertFreeSigma(p, n, t, v, f, r);
    }

    twostate lemma InsertRootsNodes(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures RootsOk() && NodesOk()
    {
      InsertRoots(p, n, t, v, f, r);
      InsertNodes(p, n, t, v, f, r);
    }

    twostate lemma {:isolate_assertions} InsertRoots(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures RootsOk()
    {
      reveal RootsOk();
      assert frames <= n && (old(firstChild[p]) == Nil || frames <= old(firstChild[p])) by {
        reveal KidsOk();
        assert old(KidsOf(p));
      }
    }

    twostate lemma InsertNodes(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures NodesOk()
    {
      reveal NodesOk(), FreeOk();
      assert old(rights[n]) == 0;
      forall m: u32 | frames <= m < capacity && rights[m] != 0
        ensures parent[m] < capacity && rights[parent[m]] != 0 && depth[m] as int == depth[parent[m]] as int + 1
        ensures frame[m] == frame[parent[m]] && RightsLe(rights[m], rights[parent[m]])
      {
        if m != n {
          assert old(rights[m]) != 0;
          assert parent[m] != n;
        }
      }
    }

    twostate lemma InsertSlots(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures SlotsOk()
    {
      reveal SlotsOk(), FreeOk();
      forall t': u32, v': u64 | t' < tasks && v' < PagesPerTask && (t', v') != (t, v)
        ensures slot[Slot(t', v')] == old(slot[Slot(t', v')])
      {
        LemmaSlotInjective(t, v, t', v');
      }
    }

    twostate lemma InsertKids(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures KidsOk()
    {
      forall m: u32 | m < capacity
        ensures KidsOf(m)
      {
        InsertKidsOf(p, n, t, v, f, r, m);
      }
      forall c: u32 | frames <= c < capacity && rights[c] != 0
        ensures parent[c] < capacity && c in kids[parent[c]]
      {
        reveal KidsOk();
        if c != n {
          assert old(rights[c]) != 0 && parent[c] == old(parent[c]);
          assert c in old(kids[parent[c]]);
        }
      }
      reveal KidsOk();
    }

    twostate lemma InsertKidsOf(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8, m: u32)
      requires InsertEffect(p, n, t, v, f, r) && m < capacity
      ensures KidsOf(m)
    {
      if m == p {
        InsertKidsOfParent(p, n, t, v, f, r);
      } else if m == n {
        reveal KidsOk(), FreeOk();
        assert old(KidsOf(n));
      } else {
        InsertKidsOfOther(p, n, t, v, f, r, m);
      }
    }

    twostate lemma {:isolate_assertions} InsertKidsOfParent(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures KidsOf(p)
    {
      InsertParentOld(p, n, t, v, f, r);
      var s := kids[p];
      var o := old(kids[p]);
      assert s[0] == n && s[1..] == o;
      assert forall i :: 0 <= i < |s| ==> frames <= s[i] < capacity && rights[s[i]] != 0 && parent[s[i]] == p;
      assert forall i, j :: 0 <= i < j < |s| ==> s[i] != s[j];
      InsertNextLinks(p, n, t, v, f, r);
      InsertPrevLinks(p, n, t, v, f, r);
      InsertFirstLinks(p, n, t, v, f, r);
    }

    // What the parent lemmas need from before the insertion: p's old child list, and n was free.
    twostate lemma {:isolate_assertions} InsertParentOld(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures old(KidsOf(p)) && old(rights[n]) == 0
      ensures forall i :: 0 <= i < |old(kids[p])| ==> old(kids[p][i]) != n && old(rights[kids[p][i]]) != 0
    {
      reveal KidsOk(), FreeOk();
      assert old(KidsOf(n)) && old(KidsOf(p));
    }

    // The new first child n: its next link is the old first child, its previous link Nil, and the old first child's
    // previous link is n.
    twostate lemma {:isolate_assertions} InsertFirstLinks(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures |kids[p]| > 0 && kids[p][0] == n && firstChild[p] == n && prevSib[n] == Nil
      ensures nextSib[n] == (if 1 < |kids[p]| then kids[p][1] else Nil)
      ensures 1 < |kids[p]| ==> kids[p][1] as int < prevSib.Length && prevSib[kids[p][1]] == n
    {
      InsertParentOld(p, n, t, v, f, r);
    }

    // The parent's child list after the insertion, next links: n's is the old first child, the others' are kept.
    twostate lemma {:isolate_assertions} InsertNextLinks(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures forall i | 1 <= i < |kids[p]| ::
        kids[p][i] as int < nextSib.Length && nextSib[kids[p][i]] == (if i + 1 < |kids[p]| then kids[p][i + 1] else Nil)
    {
      reveal KidsOk(), FreeOk();
      assert old(KidsOf(n)) && old(KidsOf(p));
      var s := kids[p];
      var o := old(kids[p]);
      assert s[0] == n && s[1..] == o;
      forall i | 1 <= i < |s|
        ensures nextSib[s[i]] == (if i + 1 < |s| then s[i + 1] else Nil)
      {
        var x := o[i - 1];
        assert s[i] == x && x != n;
        assert nextSib[..] == old(nextSib[..])[n := old(firstChild[p])];
        assert nextSib[..][x] == old(nextSib[..])[x];
        assert old(nextSib[x]) == (if i < |o| then o[i] else Nil);
      }
    }

    // The parent's child list after the insertion, previous links: the old first child's is n, the others' are kept.
    twostate lemma {:isolate_assertions} InsertPrevLinks(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures forall i | 2 <= i < |kids[p]| :: kids[p][i] as int < prevSib.Length && prevSib[kids[p][i]] == kids[p][i - 1]
    {
      reveal KidsOk(), FreeOk();
      assert old(KidsOf(n)) && old(KidsOf(p));
      var s := kids[p];
      var o := old(kids[p]);
      assert s[0] == n && s[1..] == o;
      forall i | 2 <= i < |s|
        ensures prevSib[s[i]] == s[i - 1]
      {
        var x := o[i - 1];
        assert s[i] == x && x != n && x != o[0] && o[0] == old(firstChild[p]) && o[0] != Nil;
        assert prevSib[..] == old(prevSib[..])[n := Nil][o[0] := n];
        assert prevSib[..][x] == old(prevSib[..])[x];
        assert old(prevSib[x]) == o[i - 2];
      }
    }

    twostate lemma {:isolate_assertions} InsertKidsOfOther(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8, m: u32)
      requires InsertEffect(p, n, t, v, f, r) && m < capacity && m != p && m != n
      ensures KidsOf(m)
    {
      reveal KidsOk(), FreeOk();
      assert old(KidsOf(m));
      assert old(rights[n]) == 0;
      var s := kids[m];
      assert s == old(kids[m]);
      assert forall i :: 0 <= i < |s| ==> s[i] != n && s[i] != old(firstChild[p]) by {
        assert old(KidsOf(p));
      }
    }

    twostate lemma InsertFreeSigma(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures FreeOk() && SigmaOk()
    {
      InsertFree(p, n, t, v, f, r);
      InsertSigma(p, n, t, v, f, r);
    }

    twostate lemma InsertFree(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures FreeOk()
    {
      reveal FreeOk();
      forall i | 0 <= i < |freeList|
        ensures freeList[i] == old(freeList[i + 1]) && freeList[i] != n
      {
      }
    }

    twostate lemma InsertSigma(p: u32, n: u32, t: u32, v: u64, f: u64, r: u8)
      requires InsertEffect(p, n, t, v, f, r)
      ensures SigmaOk()
    {
      reveal SigmaOk();
      assert old(SigmaOk());
      assert old(rights[n]) == 0 by { reveal FreeOk(); }
      forall t': u32, v': u64 | t' < tasks && v' < PagesPerTask && (t', v') != (t, v)
        ensures slot[Slot(t', v')] == old(slot[Slot(t', v')])
      {
        LemmaSlotInjective(t, v, t', v');
      }
      assert forall k: Key :: k in sigma ==> k.0 < tasks && k.1 < PagesPerTask && slot[Slot(k.0, k.1)] != Nil;
      forall t': u32, v': u64 | t' < tasks && v' < PagesPerTask && slot[Slot(t', v')] != Nil
        ensures (t', v') in sigma && slot[Slot(t', v')] < capacity
        ensures sigma[(t', v')] == (frame[slot[Slot(t', v')]], rights[slot[Slot(t', v')]])
      {
        if (t', v') != (t, v) {
          assert old(slot[Slot(t', v')]) != n by { reveal SlotsOk(); }
        }
      }
    }

    // ---- The initial state is valid (one lemma per part keeps each proof small) ----

    ghost predicate InitialNodes()
      reads this, task, vpage, frame, rights, slot
      requires Shapes()
    {
      && (forall m: u32 :: m < capacity ==> task[m] == Sigma0)
      && (forall m: u32 :: m < capacity ==> vpage[m] == if m < frames then m as u64 else 0)
      && (forall m: u32 :: m < capacity ==> frame[m] == if m < frames then m as u64 else 0)
      && (forall m: u32 :: m < capacity ==> rights[m] == if m < frames then RightsAll else 0)
      && (forall j: u64 :: j < tasks as u64 * 4096 ==> slot[j] == (if j < frames as u64 then j as u32 else Nil))
    }

    lemma InitSlotsOk()
      requires Shapes() && InitialNodes()
      ensures SlotsOk()
    {
      reveal SlotsOk();
      forall t: u32, v: u64 | t < tasks && v < PagesPerTask && slot[Slot(t, v)] != Nil
        ensures slot[Slot(t, v)] < capacity && rights[slot[Slot(t, v)]] != 0
        ensures task[slot[Slot(t, v)]] == t && vpage[slot[Slot(t, v)]] == v
      {
        assert Slot(t, v) < frames as u64;
      }
      forall n: u32 | n < capacity && rights[n] != 0
        ensures task[n] < tasks && vpage[n] < PagesPerTask && slot[Slot(task[n], vpage[n])] == n
      {
        assert Slot(0, n as u64) == n as u64;
      }
    }

    lemma InitFreeOk()
      requires Shapes() && InitialNodes()
      requires freeList == seq(capacity as int - frames as int, i requires 0 <= i < capacity as int - frames as int =>
        (frames as int + i) as u32)
      requires forall m: u32 :: m < capacity ==> nextSib[m] == if frames <= m && m + 1 < capacity then m + 1 else Nil
      requires freeHead == if frames < capacity then frames else Nil
      ensures FreeOk()
    {
      reveal FreeOk();
    }

    lemma InitKidsOk()
      requires Shapes() && InitialNodes()
      requires |kids| == capacity as int && forall n :: 0 <= n < |kids| ==> kids[n] == []
      requires forall m: u32 :: m < capacity ==> firstChild[m] == Nil
      ensures KidsOk()
    {
      reveal KidsOk();
      forall n: u32 | n < capacity
        ensures KidsOf(n)
      {
        assert kids[n] == [];
      }
    }

    lemma InitSigmaOk()
      requires Shapes() && InitialNodes()
      requires forall k: Key :: k in sigma <==> k.0 == Sigma0 && k.1 < frames as u64
      requires forall k: Key :: k in sigma ==> sigma[k] == (k.1, RightsAll)
      requires pt.entries == sigma
      ensures SigmaOk()
    {
      reveal SigmaOk();
      forall t: u32, v: u64 | t < tasks && v < PagesPerTask && slot[Slot(t, v)] != Nil
        ensures (t, v) in sigma && sigma[(t, v)] == (frame[slot[Slot(t, v)]], rights[slot[Slot(t, v)]])
      {
        assert Slot(t, v) < frames as u64;
      }
    }

    // sigma0's identity mapping of every frame, written to the HAL's page tables.
    static method MapRoots(ghost pageTables: PageTableState, spaceId: u32, nFrames: u32) returns (ghost sg: map<Key, Entry>)
      requires pageTables.entries == map[] && nFrames as u64 <= PagesPerTask
      modifies pageTables
      ensures pageTables.entries == sg
      ensures forall k: Key :: k in sg <==> k.0 == Sigma0 && k.1 < nFrames as u64
      ensures forall k: Key :: k in sg ==> sg[k] == (k.1, RightsAll)
    {
      sg := map[];
      for f: u32 := 0 to nFrames
        invariant pageTables.entries == sg
        invariant forall k: Key :: k in sg <==> k.0 == Sigma0 && k.1 < f as u64
        invariant forall k: Key :: k in sg ==> sg[k] == (k.1, RightsAll)
      {
        HalMapPage(pageTables, spaceId, Sigma0, f as u64, f as u64, RightsAll);
        sg := sg[(Sigma0, f as u64) := (f as u64, RightsAll)];
      }
    }

    // Node arrays of a fresh database: nodes below nFrames are sigma0's roots, the rest free and chained in order.
    static method NewNodes(nFrames: u32, nNodes: u32)
      returns (ta: array<u32>, va: array<u64>, fa: array<u64>, ra: array<u8>, da: array<u32>,
               pa: array<u32>, fc: array<u32>, ns: array<u32>, ps: array<u32>)
      requires nFrames <= nNodes
      ensures fresh(ta) && fresh(va) && fresh(fa) && fresh(ra) && fresh(da) && fresh(pa) && fresh(fc) && fresh(ns)
      ensures fresh(ps)
      ensures ta.Length == va.Length == fa.Length == ra.Length == da.Length == nNodes as int
      ensures pa.Length == fc.Length == ns.Length == ps.Length == nNodes as int
      ensures ta != da && ta != pa && ta != fc && ta != ns && ta != ps && da != pa && da != fc && da != ns && da != ps
      ensures va != fa
      ensures pa != fc && pa != ns && pa != ps && fc != ns && fc != ps && ns != ps
      ensures forall m: u32 :: m < nFrames ==>
          ta[m] == Sigma0 && va[m] == m as u64 && fa[m] == m as u64 && ra[m] == RightsAll
          && da[m] == 0 && pa[m] == Nil && ps[m] == Nil && ns[m] == Nil
      ensures forall m: u32 :: nFrames <= m < nNodes ==> ra[m] == 0 && ns[m] == (if m + 1 < nNodes then m + 1 else Nil)
      ensures forall m: u32 :: m < nNodes ==> fc[m] == Nil && ta[m] == Sigma0
      ensures forall m: u32 :: m < nNodes ==> va[m] == fa[m] == if m < nFrames then m as u64 else 0
      ensures forall m: u32 :: m < nNodes ==> ra[m] == if m < nFrames then RightsAll else 0
    {
      ta := Filled32(nNodes, Sigma0);
      da := Filled32(nNodes, 0);
      va := Identity64(nFrames, nNodes);
      fa := Identity64(nFrames, nNodes);
      ra := RootRights(nFrames, nNodes);
      pa := Filled32(nNodes, Nil);
      fc := Filled32(nNodes, Nil);
      ps := Filled32(nNodes, Nil);
      ns := FreeChain(nFrames, nNodes);
    }

    // sigma0's page f (slot f) holds root f; every other slot is empty.
    static method SlotTable(nTasks: u32, nFrames: u32) returns (sl: array<u32>)
      requires nTasks <= MaxTasks
      ensures fresh(sl) && sl.Length == nTasks as int * 4096
      ensures forall j: u64 :: j < nTasks as u64 * 4096 ==> sl[j] == (if j < nFrames as u64 then j as u32 else Nil)
    {
      var slots: u32 := nTasks * 4096;
      sl := new u32[slots];
      for i: u64 := 0 to slots as u64
        invariant forall j: u64 :: j < i ==> sl[j] == (if j < nFrames as u64 then j as u32 else Nil)
      {
        sl[i] := if i < nFrames as u64 then i as u32 else Nil;
      }
    }

    static method Filled32(n: u32, x: u32) returns (a: array<u32>)
      ensures fresh(a) && a.Length == n as int && forall m: u32 :: m < n ==> a[m] == x
    {
      a := new u32[n];
      for i: u32 := 0 to n
        invariant forall m: u32 :: m < i ==> a[m] == x
      {
        a[i] := x;
      }
    }

    // a[m] == m for the roots, 0 for the rest.
    static method Identity64(nFrames: u32, n: u32) returns (a: array<u64>)
      ensures fresh(a) && a.Length == n as int
      ensures forall m: u32 :: m < n ==> a[m] == if m < nFrames then m as u64 else 0
    {
      a := new u64[n];
      for i: u32 := 0 to n
        invariant forall m: u32 :: m < i ==> a[m] == if m < nFrames then m as u64 else 0
      {
        a[i] := if i < nFrames then i as u64 else 0;
      }
    }

    static method RootRights(nFrames: u32, n: u32) returns (a: array<u8>)
      ensures fresh(a) && a.Length == n as int
      ensures forall m: u32 :: m < n ==> a[m] == if m < nFrames then RightsAll else 0
    {
      a := new u8[n];
      for i: u32 := 0 to n
        invariant forall m: u32 :: m < i ==> a[m] == if m < nFrames then RightsAll else 0
      {
        a[i] := if i < nFrames then RightsAll else 0;
      }
    }

    // The free list links nFrames, nFrames+1, ..., n-1.
    static method FreeChain(nFrames: u32, n: u32) returns (a: array<u32>)
      ensures fresh(a) && a.Length == n as int
      ensures forall m: u32 :: m < n ==> a[m] == if nFrames <= m && m + 1 < n then m + 1 else Nil
    {
      a := new u32[n];
      for i: u32 := 0 to n
        invariant forall m: u32 :: m < i ==> a[m] == if nFrames <= m && m + 1 < n then m + 1 else Nil
      {
        a[i] := if nFrames <= i && i + 1 < n then i + 1 else Nil;
      }
    }
  }

  // Progress of a preempted demap (kernel state, so the operation resumes where it stopped).
  class DemapProgress {
    ghost var root: u32       // the mapping whose derived mappings are being removed; Nil when no demap runs
    ghost var cursor: u32     // where the walk stands
    ghost var startSigma: map<Key, Entry>   // sigma when the running demap started
    ghost var doomed: set<Key>              // the keys it removes

    ghost constructor()
      ensures root == Nil && cursor == Nil
    {
      root, cursor := Nil, Nil;
      startSigma, doomed := map[], {};
    }
  }
}
