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

module MappingDatabase {
  import opened NativeTypes
  import opened MappingTypes
  import opened HalPageTables

  type Key = (u32, u64)
  type Entry = (u64, u8)

  class MappingDb {
    const tasks: u32       // task ids 0 .. tasks-1; task 0 is sigma0
    const frames: u32      // physical frames 0 .. frames-1; sigma0 maps its page f to frame f
    const capacity: u32    // mapping nodes; nodes 0 .. frames-1 are the sigma0 roots
    const pt: PageTableState

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

    // A preempted demap: Nil when none. The cursor walks down first children and deletes leaves on the way up.
    var demapRoot: u32
    var demapCursor: u32
    var demapFlush: bool

    ghost var sigma: map<Key, Entry>
    ghost var kids: seq<seq<u32>>    // kids[n]: the children of n, in sibling order
    ghost var freeList: seq<u32>
    ghost var demapSigma: map<Key, Entry>   // sigma when the running demap started
    ghost var demapDoomed: set<Key>         // the keys it removes

    // ---- Representation predicates ----

    ghost predicate Shapes()
      reads this
    {
      && 0 < tasks <= MaxTasks && 0 < frames as u64 <= PagesPerTask && frames <= capacity < MaxNodes
      && task.Length == vpage.Length == frame.Length == rights.Length == depth.Length == capacity as int
      && parent.Length == firstChild.Length == nextSib.Length == prevSib.Length == capacity as int
      && slot.Length == tasks as int * 4096
      // distinct u32 arrays, so writing one leaves the others alone
      && task != depth && task != parent && task != firstChild && task != nextSib && task != prevSib && task != slot
      && depth != parent && depth != firstChild && depth != nextSib && depth != prevSib && depth != slot
      && parent != firstChild && parent != nextSib && parent != prevSib && parent != slot
      && firstChild != nextSib && firstChild != prevSib && firstChild != slot
      && nextSib != prevSib && nextSib != slot && prevSib != slot
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

    // The mappings demap(r, flush) removes.
    ghost predicate Doomed(n: u32, r: u32, flush: bool)
      reads this, rights, depth, parent
      requires Shapes()
    {
      Derived(n, r) || (flush && n == r && r >= frames && r < capacity && rights[r] != 0)
    }

    ghost predicate DemapOk()
      reads this, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
      requires StructValid()
    {
      demapRoot != Nil ==>
        && demapRoot < capacity && rights[demapRoot] != 0
        && demapCursor < capacity && rights[demapCursor] != 0
        && (demapCursor == demapRoot || Derived(demapCursor, demapRoot))
        && (forall k :: k in sigma ==> k in demapSigma && sigma[k] == demapSigma[k])
        && (forall k :: k in demapSigma && k !in demapDoomed ==> k in sigma)
        && (forall k :: k in demapDoomed ==> k in demapSigma)
        // a doomed key still mapped is held by a node the walk will still remove
        && (forall k :: k in demapDoomed && k in sigma && k.0 < tasks && k.1 < PagesPerTask ==>
              Doomed(slot[Slot(k.0, k.1)], demapRoot, demapFlush))
        // every node the walk will remove holds a doomed key
        && (forall n: u32 :: n < capacity && Doomed(n, demapRoot, demapFlush) ==> KeyOf(n) in demapDoomed)
    }

    ghost predicate Valid()
      reads this, task, vpage, frame, rights, depth, parent, firstChild, nextSib, prevSib, slot, pt
    {
      StructValid() && DemapOk()
    }
    // ---- Construction ----

    // sigma0 starts with the identity mapping of every frame (written to the HAL's page tables); all other nodes
    // are free. `pt` must be fresh page tables with nothing mapped.
    constructor(nTasks: u32, nFrames: u32, nNodes: u32, pageTables: PageTableState)
      requires 0 < nTasks <= MaxTasks && 0 < nFrames as u64 <= PagesPerTask && nFrames <= nNodes < MaxNodes
      requires pageTables.entries == map[]
      modifies pageTables
      ensures Valid() && demapRoot == Nil
      ensures tasks == nTasks && frames == nFrames && capacity == nNodes && pt == pageTables
      ensures forall k: Key :: k in sigma <==> k.0 == Sigma0 && k.1 < nFrames as u64
      ensures forall k: Key :: k in sigma ==> sigma[k] == (k.1, RightsAll)
    {
      ghost var sg: map<Key, Entry> := map[];
      for f: u32 := 0 to nFrames
        invariant pageTables.entries == sg
        invariant forall k: Key :: k in sg <==> k.0 == Sigma0 && k.1 < f as u64
        invariant forall k: Key :: k in sg ==> sg[k] == (k.1, RightsAll)
      {
        HalMapPage(pageTables, Sigma0, f as u64, f as u64, RightsAll);
        sg := sg[(Sigma0, f as u64) := (f as u64, RightsAll)];
      }
      var ta, va, fa, ra, da, pa, fc, ns, ps := NewNodes(nFrames, nNodes);
      var sl := SlotTable(nTasks, nFrames);
      tasks, frames, capacity, pt := nTasks, nFrames, nNodes, pageTables;
      task, vpage, frame, rights, depth := ta, va, fa, ra, da;
      parent, firstChild, nextSib, prevSib, slot := pa, fc, ns, ps, sl;
      freeHead := if nFrames < nNodes then nFrames else Nil;
      demapRoot, demapCursor, demapFlush := Nil, Nil, false;
      sigma := sg;
      kids := seq(nNodes as int, _ => []);
      freeList := seq(nNodes as int - nFrames as int, i requires 0 <= i < nNodes as int - nFrames as int => (nFrames as int + i) as u32);
      demapSigma, demapDoomed := map[], {};
      new;
      assert Shapes();
      assert RootsOk() by { reveal RootsOk(); }
      assert NodesOk() by { reveal NodesOk(); }
      InitSlotsOk();
      assert FreeOk() by { reveal FreeOk(); }
      InitKidsOk();
      InitSigmaOk();
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
      var slots: u64 := nTasks as u64 * 4096;
      sl := new u32[slots];
      for i: u64 := 0 to slots
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
}
