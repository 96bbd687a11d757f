// Capability spaces and the derivation tree, executable (compiled to C#, runtime-free).
//
// Struct-of-arrays over global nodes (slots): task t's slot i is node slotBase[t] + i (O(1) lookup). The
// derivation tree is the abstract model's preorder sequence kept as a doubly linked list (next/prev/head) with a
// depth per node, as seL4's mapping database: a capability's descendants are the run of deeper nodes after it.
// Every update is O(1); revoke deletes at most RevokeBatch descendants per step. refCount[o] counts the
// capabilities naming object o, which makes the "last capability" report of Delete exact and O(1).
// No method allocates; the constructor allocates everything once.
include "CapsSteps.dfy"
include "CapsModelLemmas.dfy"
include "CapsLinks.dfy"
include "CapsRep.dfy"

module CapsSpace {
  import opened NativeTypes
  import opened CapsTypes
  import opened CapsModel
  import opened CapsSteps
  import opened CapsModelLemmas
  import opened CapsLinks
  import opened CapsRep
  import opened CapsRepUpdates

  const MaxTasks: u32 := 0x1000
  const MaxSlotsPerTask: u32 := 0x1_0000
  const MaxObjects: u32 := 0x100_0000

  ghost function ViewOf(o: seq<u64>, ty: seq<u8>, r: seq<bv8>, b: seq<u64>, d: seq<u64>): seq<Entry>
    requires |ty| == |o| && |r| == |o| && |b| == |o| && |d| == |o|
  {
    seq(|o|, x requires 0 <= x < |o| => (x, o[x], ty[x], r[x], b[x], d[x] as int))
  }

  // Task t's slots are nodes base[t] .. base[t] + slotsPerTask - 1, one range after the other.
  method NewGeometry(tasks: u32, slotsPerTask: u32) returns (sb: array<u32>, sc: array<u32>, n: u32)
    requires 0 < tasks <= MaxTasks && 0 < slotsPerTask <= MaxSlotsPerTask
    ensures fresh(sb) && fresh(sc) && sb != sc && sb.Length == tasks as int && sc.Length == tasks as int
    ensures 0 < n <= MaxNodes
    ensures GeometryOk((sb[..], sc[..], 1), n as int)
    ensures forall t :: 0 <= t < tasks as int ==> sc[t] == slotsPerTask
  {
    sb := new u32[tasks];
    sc := new u32[tasks];
    n := 0;
    for t: u32 := 0 to tasks
      invariant n as int <= t as int * MaxSlotsPerTask as int
      invariant t > 0 ==> n > 0
      invariant forall u :: 0 <= u < t as int ==> sc[u] == slotsPerTask
      invariant forall u :: 0 <= u < t as int ==> sb[u] as int + sc[u] as int <= n as int
      invariant forall u, v :: 0 <= u < v < t as int ==> sb[u] as int + sc[u] as int <= sb[v] as int
    {
      sb[t] := n;
      sc[t] := slotsPerTask;
      n := n + slotsPerTask;
    }
  }

  method NewU64(n: u32) returns (a: array<u64>)
    ensures fresh(a) && a.Length == n as int && forall i :: 0 <= i < n as int ==> a[i] == 0
  {
    a := new u64[n];
    for i: u32 := 0 to n invariant forall j :: 0 <= j < i as int ==> a[j] == 0 { a[i] := 0; }
  }

  method NewU8(n: u32) returns (a: array<u8>)
    ensures fresh(a) && a.Length == n as int && forall i :: 0 <= i < n as int ==> a[i] == 0
  {
    a := new u8[n];
    for i: u32 := 0 to n invariant forall j :: 0 <= j < i as int ==> a[j] == 0 { a[i] := 0; }
  }

  method NewBv8(n: u32) returns (a: array<bv8>)
    ensures fresh(a) && a.Length == n as int && forall i :: 0 <= i < n as int ==> a[i] == 0
  {
    a := new bv8[n];
    for i: u32 := 0 to n invariant forall j :: 0 <= j < i as int ==> a[j] == 0 { a[i] := 0; }
  }

  method NewNil(n: u32) returns (a: array<u32>)
    ensures fresh(a) && a.Length == n as int && forall i :: 0 <= i < n as int ==> a[i] == Nil
  {
    a := new u32[n];
    for i: u32 := 0 to n invariant forall j :: 0 <= j < i as int ==> a[j] == Nil { a[i] := Nil; }
  }

  // The per-node arrays of a CapSpace: every node empty, no links.
  method NewNodeArrays(n: u32)
    returns (o: array<u64>, ty: array<u8>, r: array<bv8>, b: array<u64>, d: array<u64>, nx: array<u32>, pv: array<u32>)
    ensures fresh(o) && fresh(ty) && fresh(r) && fresh(b) && fresh(d) && fresh(nx) && fresh(pv)
    ensures o.Length == n as int && ty.Length == n as int && r.Length == n as int && b.Length == n as int
    ensures d.Length == n as int && nx.Length == n as int && pv.Length == n as int
    ensures o as object != ty as object && o as object != r as object && o as object != b as object
    ensures o as object != d as object && o as object != nx as object && o as object != pv as object
    ensures ty as object != r as object && ty as object != b as object && ty as object != d as object
    ensures ty as object != nx as object && ty as object != pv as object && r as object != b as object
    ensures r as object != d as object && r as object != nx as object && r as object != pv as object
    ensures b as object != d as object && b as object != nx as object && b as object != pv as object
    ensures d as object != nx as object && d as object != pv as object && nx as object != pv as object
    ensures forall i :: 0 <= i < n as int ==> ty[i] == TypeNull
  {
    o := NewU64(n);
    ty := NewU8(n);
    r := NewBv8(n);
    b := NewU64(n);
    d := NewU64(n);
    nx := NewNil(n);
    pv := NewNil(n);
  }

  class CapSpace {
    const nodeCount: u32
    const taskCount: u32
    const objectCount: u32
    const slotBase: array<u32>    // slotBase[t]: node of task t's slot 0
    const slotCount: array<u32>   // slotCount[t]: number of slots of task t
    const capObj: array<u64>      // per node: the capability's object, type, rights, badge, depth
    const capType: array<u8>      // TypeNull: the slot is empty
    const capRights: array<bv8>
    const capBadge: array<u64>
    const capDepth: array<u64>
    const next: array<u32>        // preorder derivation list; Nil at the ends
    const prev: array<u32>
    var head: u32
    const refCount: array<u64>    // per object: number of capabilities naming it

    ghost var cdt: seq<Entry>     // the abstract state: all capabilities in derivation preorder
    ghost var pos: seq<int>       // pos[x]: index of node x in cdt, or -1

    // Const fields need no reads clause: these functions depend on the arrays' contents only, so writing a
    // ghost field or another array leaves them unchanged without proof.
    ghost function Geo(): Geometry
      reads slotBase, slotCount
    {
      (slotBase[..], slotCount[..], objectCount as int)
    }

    ghost function View(): seq<Entry>
      reads capObj, capType, capRights, capBadge, capDepth
      requires capType.Length == capObj.Length && capRights.Length == capObj.Length
      requires capBadge.Length == capObj.Length && capDepth.Length == capObj.Length
    {
      ViewOf(capObj[..], capType[..], capRights[..], capBadge[..], capDepth[..])
    }

    ghost function Abs(): seq<Entry>
      reads this
    {
      cdt
    }

    ghost predicate Shapes() {
      && slotBase.Length == taskCount as int && slotCount.Length == taskCount as int
      && 0 < nodeCount <= MaxNodes && 0 < objectCount
      && capObj.Length == nodeCount as int && capType.Length == nodeCount as int
      && capRights.Length == nodeCount as int && capBadge.Length == nodeCount as int
      && capDepth.Length == nodeCount as int && next.Length == nodeCount as int && prev.Length == nodeCount as int
      && refCount.Length == objectCount as int
      // pairwise distinct arrays (newtype arrays share one representation, so the verifier needs this)
      && capObj as object != capType as object && capObj as object != capRights as object
      && capObj as object != capBadge as object && capObj as object != capDepth as object
      && capObj as object != next as object && capObj as object != prev as object
      && capObj as object != refCount as object && capObj as object != slotBase as object
      && capObj as object != slotCount as object && capType as object != capRights as object
      && capType as object != capBadge as object && capType as object != capDepth as object
      && capType as object != next as object && capType as object != prev as object
      && capType as object != refCount as object && capType as object != slotBase as object
      && capType as object != slotCount as object && capRights as object != capBadge as object
      && capRights as object != capDepth as object && capRights as object != next as object
      && capRights as object != prev as object && capRights as object != refCount as object
      && capRights as object != slotBase as object && capRights as object != slotCount as object
      && capBadge as object != capDepth as object && capBadge as object != next as object
      && capBadge as object != prev as object && capBadge as object != refCount as object
      && capBadge as object != slotBase as object && capBadge as object != slotCount as object
      && capDepth as object != next as object && capDepth as object != prev as object
      && capDepth as object != refCount as object && capDepth as object != slotBase as object
      && capDepth as object != slotCount as object && next as object != prev as object
      && next as object != refCount as object && next as object != slotBase as object
      && next as object != slotCount as object && prev as object != refCount as object
      && prev as object != slotBase as object && prev as object != slotCount as object
      && refCount as object != slotBase as object && refCount as object != slotCount as object
      && slotBase != slotCount
    }

    ghost predicate Valid()
      reads this, slotBase, slotCount, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
    {
      Shapes() && |pos| == nodeCount as int && Deep()
    }

    // The quantified part of Valid(), opaque so that methods that write the arrays carry no quantifiers about
    // them; LemmaDeep and LemmaMakeDeep open and close it.
    opaque ghost predicate Deep()
      reads this, slotBase, slotCount, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      requires Shapes()
    {
      && GeometryOk(Geo(), nodeCount as int)
      && Shaped(cdt, pos, View(), next[..], prev[..], nodeCount as int)
      && Rep(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int)
    }

    lemma LemmaDeep()
      requires Valid()
      ensures GeometryOk(Geo(), nodeCount as int)
      ensures Shaped(cdt, pos, View(), next[..], prev[..], nodeCount as int)
      ensures Rep(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int)
    {
      reveal Deep();
    }

    lemma LemmaMakeDeep()
      requires Shapes() && GeometryOk(Geo(), nodeCount as int)
      requires Shaped(cdt, pos, View(), next[..], prev[..], nodeCount as int)
      requires Rep(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int)
      ensures Valid()
    {
      reveal Deep();
    }

    constructor(tasks: u32, slotsPerTask: u32, objects: u32)
      requires 0 < tasks <= MaxTasks && 0 < slotsPerTask <= MaxSlotsPerTask && 0 < objects <= MaxObjects
      ensures Valid() && Abs() == [] && taskCount == tasks && objectCount == objects
      ensures forall t :: 0 <= t < tasks as int ==> slotCount[t] == slotsPerTask
    {
      var sb, sc, n := NewGeometry(tasks, slotsPerTask);
      taskCount := tasks;
      objectCount := objects;
      nodeCount := n;
      slotBase := sb;
      slotCount := sc;
      var o, ty, r, b, d, nx, pv := NewNodeArrays(n);
      var rc := NewU64(objects);
      capObj, capType, capRights, capBadge, capDepth := o, ty, r, b, d;
      next, prev, head, refCount := nx, pv, Nil, rc;
      cdt := [];
      pos := seq(n as int, x => -1);
      new;
      LemmaEmpty();
    }

    // The constructor's state is valid: no capability, every node empty.
    lemma LemmaEmpty()
      requires Shapes() && GeometryOk((slotBase[..], slotCount[..], 1), nodeCount as int)
      requires cdt == [] && pos == seq(nodeCount as int, x => -1) && head == Nil
      requires forall x :: 0 <= x < nodeCount as int ==> capType[x] == TypeNull
      requires forall o :: 0 <= o < objectCount as int ==> refCount[o] == 0
      ensures Valid()
    {
      assert Base(Geo()) == Base((slotBase[..], slotCount[..], 1)) && Size(Geo()) == Size((slotBase[..], slotCount[..], 1));
      assert forall x :: 0 <= x < nodeCount as int ==> Type(View()[x]) == TypeNull;
      LemmaRepEmpty(pos, View(), next[..], prev[..], refCount[..], nodeCount as int, objectCount as int);
      LemmaMakeDeep();
    }

    // ---- Reading the representation ----

    // The slot (t, i) as a node: SlotErr's checks, then slotBase[t] + i.
    method Lookup(t: u32, i: u32) returns (err: u32, x: u32)
      requires Valid()
      ensures err == SlotErr(Geo(), t, i)
      ensures err == OK ==> x as int == NodeAt(Geo(), t, i) && x < nodeCount
    {
      LemmaDeep();
      if t >= taskCount { return ErrInvalidTask, Nil; }
      if i >= slotCount[t] { return ErrInvalidSlot, Nil; }
      return OK, slotBase[t] + i;
    }

    // The node of slot (t, i) when it holds a capability of type ty with every right of `rights`: Lookup and the
    // checks of a syscall's fast path in one call, each array read proved in range. Nil otherwise: an invalid slot,
    // or another capability (the caller's general path finds out which). CapAt reads the node found. (A node
    // rather than the capability's fields: the caller branches on one result, and the code generator moves no
    // zeroed fields to where the paths meet.)
    method LookupTyped(t: u32, i: u32, ty: u8, rights: bv8) returns (x: u32)
      requires Valid()
      ensures x != Nil ==> SlotErr(Geo(), t, i) == OK && x as int == NodeAt(Geo(), t, i) && x < nodeCount
      ensures x != Nil ==> capType[x] == ty && capRights[x] & rights == rights
      ensures x == Nil ==> (SlotErr(Geo(), t, i) != OK || (0 <= NodeAt(Geo(), t, i) < nodeCount as int
                             && (capType[NodeAt(Geo(), t, i)] != ty || capRights[NodeAt(Geo(), t, i)] & rights != rights)))
    {
      LemmaDeep();
      x := Nil;
      if t < taskCount && i < slotCount[t] {
        var y := slotBase[t] + i;
        if capType[y] == ty && capRights[y] & rights == rights {
          x := y;
        }
      }
    }

    // The object and badge of the capability in node x (LookupTyped's answer).
    method CapAt(x: u32) returns (obj: u64, badge: u64)
      requires Valid() && x < nodeCount
      ensures obj == capObj[x] && badge == capBadge[x]
    {
      obj, badge := capObj[x], capBadge[x];
    }

    // The object alone, for a caller that has no use for the badge (a receive, a notification).
    method ObjAt(x: u32) returns (obj: u64)
      requires Valid() && x < nodeCount
      ensures obj == capObj[x]
    {
      obj := capObj[x];
    }

    // ---- The representation, one node at a time ----

    // Node x's capability as the arrays hold it.
    ghost function EntryAt(x: int): Entry
      reads capObj, capType, capRights, capBadge, capDepth
      requires Shapes() && 0 <= x < nodeCount as int
    {
      (x, capObj[x], capType[x], capRights[x], capBadge[x], capDepth[x] as int)
    }

    // A node holds a capability exactly when its type is not TypeNull; then the arrays hold its entry.
    lemma LemmaNode(x: int)
      requires Valid() && 0 <= x < nodeCount as int
      ensures Present(cdt, x) <==> capType[x] != TypeNull
      ensures capType[x] != TypeNull ==>
        && 0 <= pos[x] < |cdt| && IndexOf(cdt, x) == pos[x] && cdt[pos[x]] == EntryAt(x)
        && next[x] as int == NodeOr(cdt, pos[x] + 1) && prev[x] as int == NodeOr(cdt, pos[x] - 1)
      ensures capType[x] == TypeNull ==> pos[x] == -1
    {
      LemmaDeep();
      assert View()[x] == EntryAt(x);
      LemmaRepNode(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int, x);
    }

    // The position of an occupied node in the derivation order.
    ghost function Idx(x: int): int
      reads this, slotBase, slotCount, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      requires Valid() && 0 <= x < nodeCount as int && capType[x] != TypeNull
      ensures 0 <= Idx(x) < |cdt| && cdt[Idx(x)] == EntryAt(x) && Idx(x) == IndexOf(cdt, x) && Idx(x) == pos[x]
    {
      LemmaNode(x); pos[x]
    }

    // The successor of an occupied node in the order is the next entry.
    lemma LemmaSucc(x: int)
      requires Valid() && 0 <= x < nodeCount as int && capType[x] != TypeNull
      ensures next[x] != Nil ==> next[x] < nodeCount && capType[next[x]] != TypeNull && Idx(next[x] as int) == Idx(x) + 1
      ensures next[x] == Nil <==> Idx(x) + 1 == |cdt|
    {
      LemmaNode(x);
      var k := pos[x];
      if k + 1 < |cdt| {
        var y := Node(cdt[k + 1]);
        LemmaDeep();
        LemmaRepIndex(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int, k + 1);
        LemmaNode(y);
      }
    }

    lemma LemmaRefCount(o: u64)
      requires Valid() && o < objectCount as u64
      ensures refCount[o] as int == Count(cdt, o)
    {
      LemmaDeep();
      LemmaRepInv(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int);
    }

    lemma LemmaInv()
      requires Valid()
      ensures Inv(cdt, nodeCount as int, objectCount as int)
    {
      LemmaDeep();
      LemmaRepInv(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int);
    }

    lemma LemmaEntryOk(x: int)
      requires Valid() && 0 <= x < nodeCount as int && capType[x] != TypeNull
      ensures EntryOk(EntryAt(x), nodeCount as int, objectCount as int)
    {
      LemmaNode(x);
      LemmaDeep();
      LemmaRepEntry(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int, pos[x]);
    }

    // Whether the capability at node x has a child (its successor is deeper), in O(1).
    method HasChildAt(x: u32) returns (b: bool)
      requires Valid() && x < nodeCount && capType[x] != TypeNull
      ensures b == HasChild(cdt, Idx(x as int))
    {
      LemmaSucc(x as int);
      var nx := next[x];
      if nx == Nil { return false; }
      return capDepth[nx] > capDepth[x];
    }

    // Writes node x's five fields; nothing else changes.
    method SetFields(x: u32, o: u64, ty: u8, r: bv8, b: u64, d: u64)
      requires Shapes() && x < nodeCount
      modifies capObj, capType, capRights, capBadge, capDepth
      ensures View() == old(View())[x as int := (x as int, o, ty, r, b, d as int)]
    {
      capObj[x] := o;
      capType[x] := ty;
      capRights[x] := r;
      capBadge[x] := b;
      capDepth[x] := d;
      forall y | 0 <= y < nodeCount as int
        ensures View()[y] == old(View())[x as int := (x as int, o, ty, r, b, d as int)][y]
      {
        assert View()[y] == (y, capObj[y], capType[y], capRights[y], capBadge[y], capDepth[y] as int);
        assert old(View())[y] == (y, old(capObj[y]), old(capType[y]), old(capRights[y]), old(capBadge[y]), old(capDepth[y]) as int);
      }
    }

    // The list writes of Link and Relocate: node x goes between pr and sc (Nil: x becomes the head, or the last).
    method Splice(x: u32, pr: u32, sc: u32)
      requires Shapes() && x < nodeCount && (pr == Nil || pr < nodeCount) && (sc == Nil || sc < nodeCount)
      modifies this`head, next, prev
      ensures next[..] == SpliceNext(old(next[..]), x, pr, sc)
      ensures prev[..] == SplicePrev(old(prev[..]), x, pr, sc)
      ensures head == if pr == Nil then x else old(head)
    {
      next[x] := sc;
      prev[x] := pr;
      if pr == Nil { head := x; } else { next[pr] := x; }
      if sc != Nil { prev[sc] := x; }
    }

    // The list writes of Unlink: pr and sc become neighbours (pr Nil: sc becomes the head).
    method Bypass(pr: u32, sc: u32)
      requires Shapes() && (pr == Nil || pr < nodeCount) && (sc == Nil || sc < nodeCount)
      modifies this`head, next, prev
      ensures next[..] == BypassNext(old(next[..]), pr, sc)
      ensures prev[..] == BypassPrev(old(prev[..]), pr, sc)
      ensures head == if pr == Nil then sc else old(head)
    {
      if pr != Nil { next[pr] := sc; } else { head := sc; }
      if sc != Nil { prev[sc] := pr; }
    }

    // The writes of Link, Relocate and Unlink, each given the representation its writes produce (proved by the
    // CapsRepUpdates lemma of the update): the new abstract state and positions are s' and pos'.
    method LinkWrites(x: u32, pr: u32, sc: u32, o: u64, ty: u8, r: bv8, b: u64, d: u64,
                      ghost s': seq<Entry>, ghost pos': seq<int>)
      requires Shapes() && GeometryOk(Geo(), nodeCount as int) && x < nodeCount && o < objectCount as u64
      requires (pr == Nil || pr < nodeCount) && (sc == Nil || sc < nodeCount) && refCount[o] < MaxCounter
      requires Shaped(s', pos', View()[x as int := (x as int, o, ty, r, b, d as int)],
                      SpliceNext(next[..], x, pr, sc), SplicePrev(prev[..], x, pr, sc), nodeCount as int)
      requires Rep(s', pos', View()[x as int := (x as int, o, ty, r, b, d as int)],
                   SpliceNext(next[..], x, pr, sc), SplicePrev(prev[..], x, pr, sc), if pr == Nil then x else head,
                   refCount[..][o := refCount[o] + 1], nodeCount as int, objectCount as int)
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && cdt == s' && pos == pos'
    {
      Splice(x, pr, sc);
      SetFields(x, o, ty, r, b, d);
      refCount[o] := refCount[o] + 1;
      cdt, pos := s', pos';
      LemmaMakeDeep();
    }

    method UnlinkWrites(x: u32, pr: u32, sc: u32, ghost s': seq<Entry>, ghost pos': seq<int>)
      requires Shapes() && GeometryOk(Geo(), nodeCount as int) && x < nodeCount && capObj[x] < objectCount as u64
      requires (pr == Nil || pr < nodeCount) && (sc == Nil || sc < nodeCount) && refCount[capObj[x]] >= 1
      requires Shaped(s', pos', View()[x as int := Cleared(x as int)],
                      BypassNext(next[..], pr, sc), BypassPrev(prev[..], pr, sc), nodeCount as int)
      requires Rep(s', pos', View()[x as int := Cleared(x as int)],
                   BypassNext(next[..], pr, sc), BypassPrev(prev[..], pr, sc), if pr == Nil then sc else head,
                   refCount[..][capObj[x] := refCount[capObj[x]] - 1], nodeCount as int, objectCount as int)
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && cdt == s' && pos == pos'
    {
      Bypass(pr, sc);
      var o := capObj[x];
      SetFields(x, 0, TypeNull, 0, 0, 0);
      refCount[o] := refCount[o] - 1;
      cdt, pos := s', pos';
      LemmaMakeDeep();
    }

    method RelocateWrites(x: u32, y: u32, pr: u32, sc: u32, ghost s': seq<Entry>, ghost pos': seq<int>)
      requires Shapes() && GeometryOk(Geo(), nodeCount as int) && x < nodeCount && y < nodeCount
      requires (pr == Nil || pr < nodeCount) && (sc == Nil || sc < nodeCount)
      requires Shaped(s', pos', View()[y as int := AtNode(EntryAt(x as int), y as int)][x as int := Cleared(x as int)],
                      SpliceNext(next[..], y, pr, sc), SplicePrev(prev[..], y, pr, sc), nodeCount as int)
      requires Rep(s', pos', View()[y as int := AtNode(EntryAt(x as int), y as int)][x as int := Cleared(x as int)],
                   SpliceNext(next[..], y, pr, sc), SplicePrev(prev[..], y, pr, sc), if pr == Nil then y else head,
                   refCount[..], nodeCount as int, objectCount as int)
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev
      ensures Valid() && cdt == s' && pos == pos'
    {
      Splice(y, pr, sc);
      MoveFields(x, y);
      cdt, pos := s', pos';
      LemmaMakeDeep();
    }

    // The field writes of Relocate: node x's capability goes to node y; x is emptied.
    method MoveFields(x: u32, y: u32)
      requires Shapes() && x < nodeCount && y < nodeCount
      modifies capObj, capType, capRights, capBadge, capDepth
      ensures View() == old(View())[y as int := AtNode(old(EntryAt(x as int)), y as int)][x as int := Cleared(x as int)]
    {
      var o, ty, r, b, d := capObj[x], capType[x], capRights[x], capBadge[x], capDepth[x];
      SetFields(y, o, ty, r, b, d);
      SetFields(x, 0, TypeNull, 0, 0, 0);
    }

    // ---- The three O(1) updates of the derivation order (every operation is made of these) ----

    // Puts the capability e = (x, o, ty, r, b, d) into the empty node x: at the front as a new root
    // (after == Nil, d == 0) or right after node `after` as its new child.
    method Link(after: u32, x: u32, o: u64, ty: u8, r: bv8, b: u64, d: u64)
      requires Valid() && x < nodeCount && capType[x] == TypeNull && o < objectCount as u64
      requires TypeNull < ty <= MaxType && refCount[o] < MaxCounter
      requires after == Nil ==> d == 0
      requires after != Nil ==> after < nodeCount && capType[after] != TypeNull
      requires after != Nil ==>
        d as int == ChildDepth(cdt, Idx(after as int)) && Derived(EntryAt(after as int), (x as int, o, ty, r, b, d as int))
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid()
      ensures cdt == InsertAt(old(cdt), if after == Nil then 0 else old(Idx(after as int)) + 1, (x as int, o, ty, r, b, d as int))
    {
      LemmaDeep();
      ghost var s, v0, nx0, pv0, h0, rc0, pos0 := cdt, View(), next[..], prev[..], head, refCount[..], pos;
      ghost var e: Entry := (x as int, o, ty, r, b, d as int);
      ghost var p := if after == Nil then 0 else Idx(after as int) + 1;
      LemmaNode(x as int);
      LemmaRepHead(s, pos0, v0, nx0, pv0, h0, rc0, nodeCount as int, objectCount as int);
      var succ := head;
      if after != Nil {
        LemmaNode(after as int);
        succ := next[after];
      }
      LemmaN32(s, p, nodeCount as int);
      LemmaN32(s, p - 1, nodeCount as int);
      LemmaLinkUpd(s, pos0, v0, nx0, pv0, h0, rc0, nodeCount as int, objectCount as int, p, e, x, after, succ);
      LinkWrites(x, after, succ, o, ty, r, b, d, InsertAt(s, p, e), PosInsert(pos0, p, x as int));
    }

    // Removes the capability at node x from the order (a leaf, or a first child whose children then belong to
    // its parent) and empties the node.
    method Unlink(x: u32)
      requires Valid() && x < nodeCount && capType[x] != TypeNull && Removable(cdt, Idx(x as int))
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid()
      ensures cdt == RemoveAt(old(cdt), old(Idx(x as int)))
      ensures pos == PosRemove(old(pos), old(Idx(x as int)), x as int)
    {
      LemmaDeep();
      ghost var s, v0, nx0, pv0, h0, rc0, pos0 := cdt, View(), next[..], prev[..], head, refCount[..], pos;
      ghost var p := Idx(x as int);
      LemmaNode(x as int);
      LemmaN32(s, p + 1, nodeCount as int);
      LemmaN32(s, p - 1, nodeCount as int);
      var pr := prev[x];
      var nx := next[x];
      LemmaUnlinkUpd(s, pos0, v0, nx0, pv0, h0, rc0, nodeCount as int, objectCount as int, p, pr, nx);
      UnlinkWrites(x, pr, nx, RemoveAt(s, p), PosRemove(pos0, p, x as int));
    }

    // Moves the capability at node x into the empty node y, at the same place in the order.
    method Relocate(x: u32, y: u32)
      requires Valid() && x < nodeCount && y < nodeCount && capType[x] != TypeNull && capType[y] == TypeNull
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev
      ensures Valid()
      ensures cdt == old(cdt)[old(Idx(x as int)) := AtNode(old(cdt)[old(Idx(x as int))], y as int)]
    {
      LemmaDeep();
      ghost var s, v0, nx0, pv0, h0, rc0, pos0 := cdt, View(), next[..], prev[..], head, refCount[..], pos;
      ghost var p := Idx(x as int);
      LemmaNode(x as int);
      LemmaNode(y as int);
      LemmaN32(s, p + 1, nodeCount as int);
      LemmaN32(s, p - 1, nodeCount as int);
      var pr := prev[x];
      var nx := next[x];
      LemmaRelocateUpd(s, pos0, v0, nx0, pv0, h0, rc0, nodeCount as int, objectCount as int, p, y, pr, nx);
      RelocateWrites(x, y, pr, nx, s[p := AtNode(s[p], y as int)], pos0[x := -1][y := p]);
    }

    // ---- Operations (decode: validate every user value; then act through the O(1) updates) ----

    method CreateRoot(t: u32, i: u32, obj: u64, typ: u8, rights: bv8) returns (err: u32)
      requires Valid()
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && CreateRootStep(Geo(), old(cdt), cdt, t, i, obj, typ, rights, err)
    {
      var x;
      err, x := Lookup(t, i);
      if err != OK { return; }
      if typ == TypeNull || typ > MaxType || obj >= objectCount as u64 { return ErrInvalidArgument; }
      LemmaNode(x as int);
      if capType[x] != TypeNull { return ErrSlotOccupied; }
      LemmaRefCount(obj);
      if refCount[obj] != 0 { return ErrObjectLive; }
      Link(Nil, x, obj, typ, rights, NoBadge, 0);
      return OK;
    }

    // Decode half of Derive: every check, in the order DeriveResult names them, and the child's depth.
    method DeriveCheck(xs: u32, xd: u32, badge: u64) returns (err: u32, d: u64)
      requires Valid() && xs < nodeCount && xd < nodeCount && capType[xs] != TypeNull
      ensures Present(cdt, xs as int) && err == DeriveErr(cdt, xs as int, xd as int, badge)
      ensures err == OK ==> capObj[xs] < objectCount as u64 && TypeNull < capType[xs] <= MaxType
      ensures err == OK ==> capType[xd] == TypeNull && (badge == NoBadge || capBadge[xs] == NoBadge)
      ensures err == OK ==> d as int == ChildDepth(cdt, Idx(xs as int)) && refCount[capObj[xs]] < MaxCounter
    {
      reveal DeriveErr();
      LemmaNode(xs as int);
      LemmaNode(xd as int);
      d := 0;
      if capType[xd] != TypeNull { return ErrSlotOccupied, 0; }
      if badge != NoBadge && capBadge[xs] != NoBadge { return ErrBadgeSet, 0; }
      var o := capObj[xs];
      LemmaEntryOk(xs as int);
      LemmaRefCount(o);
      var child := HasChildAt(xs);
      if child {
        LemmaSucc(xs as int);
        d := capDepth[next[xs]];
      } else if capDepth[xs] == MaxCounter {
        return ErrLimit, 0;
      } else {
        d := capDepth[xs] + 1;
      }
      if refCount[o] == MaxCounter { return ErrLimit, 0; }
      return OK, d;
    }

    // The shared body of Copy, Mint and an IPC copy: a child of node xs in node xd.
    method Derive(xs: u32, xd: u32, mask: bv8, badge: u64) returns (err: u32)
      requires Valid() && xs < nodeCount && xd < nodeCount && capType[xs] != TypeNull
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && Present(old(cdt), xs as int)
      ensures DeriveResult(old(cdt), cdt, xs as int, xd as int, mask, badge, err)
    {
      LemmaNode(xs as int);
      var d;
      err, d := DeriveCheck(xs, xd, badge);
      if err != OK {
        LemmaDeriveFails(cdt, xs as int, xd as int, mask, badge);
        return;
      }
      LemmaNode(xd as int);
      ghost var s, k := cdt, Idx(xs as int);
      var nb := if badge == NoBadge then capBadge[xs] else badge;
      var r := MaskRights(capRights[xs], mask);
      Link(xs, xd, capObj[xs], capType[xs], r, nb, d);
      LemmaDeriveSucceeds(s, cdt, xs as int, xd as int, mask, badge);
    }

    method Mint(t: u32, src: u32, dst: u32, mask: bv8, badge: u64) returns (err: u32)
      requires Valid()
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && MintStep(Geo(), old(cdt), cdt, t, src, dst, mask, badge, err)
    {
      var xs, xd;
      err, xs := Lookup(t, src);
      if err != OK { return; }
      err, xd := Lookup(t, dst);
      if err != OK { return; }
      LemmaNode(xs as int);
      if capType[xs] == TypeNull { return ErrEmptySlot; }
      err := Derive(xs, xd, mask, badge);
    }

    method Copy(t: u32, src: u32, dst: u32) returns (err: u32)
      requires Valid()
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && CopyStep(Geo(), old(cdt), cdt, t, src, dst, err)
    {
      err := Mint(t, src, dst, 0xFF, NoBadge);
    }

    // The shared body of Move and an IPC move.
    method MoveNode(xs: u32, xd: u32) returns (err: u32)
      requires Valid() && xs < nodeCount && xd < nodeCount && capType[xs] != TypeNull
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev
      ensures Valid() && Present(old(cdt), xs as int) && MoveResult(old(cdt), cdt, xs as int, xd as int, err)
    {
      LemmaNode(xs as int);
      LemmaNode(xd as int);
      if capType[xd] != TypeNull { return ErrSlotOccupied; }
      Relocate(xs, xd);
      return OK;
    }

    method Move(t: u32, src: u32, dst: u32) returns (err: u32)
      requires Valid()
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev
      ensures Valid() && MoveStep(Geo(), old(cdt), cdt, t, src, dst, err)
    {
      var xs, xd;
      err, xs := Lookup(t, src);
      if err != OK { return; }
      err, xd := Lookup(t, dst);
      if err != OK { return; }
      LemmaNode(xs as int);
      if capType[xs] == TypeNull { return ErrEmptySlot; }
      err := MoveNode(xs, xd);
    }

    // The capability item of an IPC message: called by the IPC core with the sender's and receiver's slots.
    method Transfer(st: u32, ss: u32, rt: u32, rs: u32, mode: u8) returns (err: u32)
      requires Valid()
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && TransferStep(Geo(), old(cdt), cdt, st, ss, rt, rs, mode, err)
    {
      var xs, xd;
      err, xs := Lookup(st, ss);
      if err != OK { return; }
      err, xd := Lookup(rt, rs);
      if err != OK { return; }
      if mode > TransferMove { return ErrInvalidArgument; }
      LemmaNode(xs as int);
      if capType[xs] == TypeNull { return ErrEmptySlot; }
      err := TransferNodes(xs, xd, mode);
    }

    // The body of Transfer once both slots are found and the source is occupied.
    method TransferNodes(xs: u32, xd: u32, mode: u8) returns (err: u32)
      requires Valid() && xs < nodeCount && xd < nodeCount && capType[xs] != TypeNull && mode <= TransferMove
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && Present(old(cdt), xs as int)
      ensures mode == TransferCopy ==> DeriveResult(old(cdt), cdt, xs as int, xd as int, 0xFF, NoBadge, err)
      ensures mode != TransferCopy ==> MoveResult(old(cdt), cdt, xs as int, xd as int, err)
    {
      if mode == TransferCopy {
        err := Derive(xs, xd, 0xFF, NoBadge);
      } else {
        err := MoveNode(xs, xd);
      }
    }

    // Deletes a capability without children. (tobj, ttype) names the object when this was its last capability
    // (the kernel then runs the object's teardown); otherwise ttype is TypeNull.
    method Delete(t: u32, i: u32) returns (err: u32, tobj: u64, ttype: u8)
      requires Valid()
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && DeleteStep(Geo(), old(cdt), cdt, t, i, err, tobj, ttype)
    {
      tobj, ttype := 0, TypeNull;
      var x;
      err, x := Lookup(t, i);
      if err != OK { return; }
      LemmaNode(x as int);
      if capType[x] == TypeNull { return ErrEmptySlot, 0, TypeNull; }
      err, tobj, ttype := DeleteNode(x);
    }

    // The body of Delete once the slot is found and occupied.
    method DeleteNode(x: u32) returns (err: u32, tobj: u64, ttype: u8)
      requires Valid() && x < nodeCount && capType[x] != TypeNull
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid()
      ensures HasChild(old(cdt), old(Idx(x as int))) ==>
        err == ErrHasChildren && cdt == old(cdt) && tobj == 0 && ttype == TypeNull
      ensures !HasChild(old(cdt), old(Idx(x as int))) ==>
        && err == OK && cdt == RemoveAt(old(cdt), old(Idx(x as int)))
        && (if Count(old(cdt), Obj(old(cdt)[old(Idx(x as int))])) == 1
            then tobj == Obj(old(cdt)[old(Idx(x as int))]) && ttype == Type(old(cdt)[old(Idx(x as int))])
            else tobj == 0 && ttype == TypeNull)
    {
      tobj, ttype := 0, TypeNull;
      var child := HasChildAt(x);
      if child { return ErrHasChildren, 0, TypeNull; }
      var o := capObj[x];
      LemmaEntryOk(x as int);
      LemmaRefCount(o);
      if refCount[o] == 1 {
        tobj, ttype := o, capType[x];
      }
      Unlink(x);
      return OK, tobj, ttype;
    }

    // Deletes the first child of node x (the entry right after it); x keeps its position.
    method RemoveFirstChild(x: u32)
      requires Valid() && x < nodeCount && capType[x] != TypeNull && HasChild(cdt, Idx(x as int))
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && capType[x] != TypeNull && Idx(x as int) == old(Idx(x as int))
      ensures cdt == RemoveAt(old(cdt), old(Idx(x as int)) + 1)
    {
      LemmaSucc(x as int);
      var y := next[x];
      ghost var k := Idx(x as int);
      assert Removable(cdt, Idx(y as int));
      Unlink(y);
      assert pos[x] == k;
      assert cdt[k] == old(cdt)[k];
      LemmaNode(x as int);
    }

    // One iteration of RevokeLoop: the first child of x, the (removed + 1)-th entry after x in s, goes.
    method RevokeOne(x: u32, ghost s: seq<Entry>, ghost k: int, removed: u32)
      requires Valid() && x < nodeCount && capType[x] != TypeNull && Idx(x as int) == k && HasChild(cdt, k)
      requires k + 1 + removed as int <= |s| && cdt == s[..k + 1] + s[k + 1 + removed as int..]
      requires forall j :: k < j <= k + removed as int ==> Depth(s[j]) > Depth(s[k])
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && capType[x] != TypeNull && Idx(x as int) == k
      ensures k + 2 + removed as int <= |s| && cdt == s[..k + 1] + s[k + 2 + removed as int..]
      ensures forall j :: k < j <= k + removed as int + 1 ==> Depth(s[j]) > Depth(s[k])
    {
      LemmaRevokeSlice(s, cdt, k, removed as int);
      RemoveFirstChild(x);
    }

    // The loop of a revoke step: at most RevokeBatch first-child deletions.
    method RevokeLoop(x: u32) returns (done: bool, removed: u32)
      requires Valid() && x < nodeCount && capType[x] != TypeNull
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && capType[x] != TypeNull && Idx(x as int) == old(Idx(x as int))
      ensures removed <= RevokeBatch && old(Idx(x as int)) + 1 + removed as int <= |old(cdt)|
      ensures cdt == old(cdt)[..old(Idx(x as int)) + 1] + old(cdt)[old(Idx(x as int)) + 1 + removed as int..]
      ensures forall j :: old(Idx(x as int)) < j <= old(Idx(x as int)) + removed as int ==>
        Depth(old(cdt)[j]) > Depth(old(cdt)[old(Idx(x as int))])
      ensures done <==> !HasChild(cdt, Idx(x as int))
      ensures !done ==> removed == RevokeBatch
    {
      done, removed := RevokeLoopFrom(x, cdt, Idx(x as int));
    }

    // RevokeLoop's loop invariant (opaque, so that the loop's proof carries it as one fact): from the starting
    // state s, x (at position k) has lost its first `removed` descendants.
    opaque ghost predicate RevokeInv(x: u32, s: seq<Entry>, k: int, removed: u32)
      reads this, slotBase, slotCount, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
    {
      && Valid() && x < nodeCount && capType[x] != TypeNull && Idx(x as int) == k && removed <= RevokeBatch
      && k + 1 + removed as int <= |s| && cdt == s[..k + 1] + s[k + 1 + removed as int..]
      && forall j :: k < j <= k + removed as int ==> Depth(s[j]) > Depth(s[k])
    }

    lemma LemmaRevokeInv(x: u32, s: seq<Entry>, k: int, removed: u32)
      requires RevokeInv(x, s, k, removed)
      ensures Valid() && x < nodeCount && capType[x] != TypeNull && Idx(x as int) == k && removed <= RevokeBatch
      ensures k + 1 + removed as int <= |s| && cdt == s[..k + 1] + s[k + 1 + removed as int..]
      ensures forall j :: k < j <= k + removed as int ==> Depth(s[j]) > Depth(s[k])
    {
      reveal RevokeInv();
    }

    // One iteration of RevokeLoopFrom: removes x's first child if it has one.
    method RevokeIter(x: u32, ghost s: seq<Entry>, ghost k: int, removed: u32) returns (child: bool)
      requires RevokeInv(x, s, k, removed) && removed < RevokeBatch
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures child ==> RevokeInv(x, s, k, removed + 1)
      ensures !child ==> RevokeInv(x, s, k, removed) && 0 <= k < |cdt| && !HasChild(cdt, k)
    {
      LemmaRevokeInv(x, s, k, removed);
      child := HasChildAt(x);
      if child {
        RevokeOne(x, s, k, removed);
      }
      reveal RevokeInv();
    }

    // RevokeLoop with the starting state s and x's position k named.
    method RevokeLoopFrom(x: u32, ghost s: seq<Entry>, ghost k: int) returns (done: bool, removed: u32)
      requires Valid() && x < nodeCount && capType[x] != TypeNull && Idx(x as int) == k && cdt == s
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && capType[x] != TypeNull && Idx(x as int) == k
      ensures removed <= RevokeBatch && k + 1 + removed as int <= |s|
      ensures cdt == s[..k + 1] + s[k + 1 + removed as int..]
      ensures forall j :: k < j <= k + removed as int ==> Depth(s[j]) > Depth(s[k])
      ensures done <==> !HasChild(cdt, k)
      ensures !done ==> removed == RevokeBatch
    {
      removed := 0;
      assert cdt == s[..k + 1] + s[k + 1..];
      reveal RevokeInv();
      while removed < RevokeBatch
        invariant RevokeInv(x, s, k, removed)
        decreases RevokeBatch - removed
      {
        var child := RevokeIter(x, s, k, removed);
        if !child {
          LemmaRevokeInv(x, s, k, removed);
          return true, removed;
        }
        removed := removed + 1;
      }
      LemmaRevokeInv(x, s, k, removed);
      var child := HasChildAt(x);
      done := !child;
    }

    // One preemptible step of Revoke(t, i): deletes the capability's first descendants, at most RevokeBatch of
    // them (each the first child of the capability, so its own children move up to the capability and stay
    // descendants). Nothing but the tree is kept between steps, so any operation may run in between and calling
    // again continues; `done` says no descendant is left.
    method RevokeStep(t: u32, i: u32) returns (err: u32, done: bool, removed: u32)
      requires Valid()
      modifies this, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
      ensures Valid() && CapsSteps.RevokeStep(Geo(), old(cdt), cdt, t, i, err, done, removed)
    {
      done, removed := false, 0;
      var x;
      err, x := Lookup(t, i);
      if err != OK { return; }
      LemmaNode(x as int);
      if capType[x] == TypeNull { return ErrEmptySlot, false, 0; }
      done, removed := RevokeLoop(x);
    }
  }
}
