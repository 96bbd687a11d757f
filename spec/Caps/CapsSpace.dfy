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

    ghost function Geo(): Geometry
      reads this, slotBase, slotCount
    {
      (slotBase[..], slotCount[..], objectCount as int)
    }

    ghost function View(): seq<Entry>
      reads this, capObj, capType, capRights, capBadge, capDepth
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

    ghost predicate Shapes()
      reads this
    {
      && slotBase.Length == taskCount as int && slotCount.Length == taskCount as int
      && 0 < nodeCount <= MaxNodes && 0 < objectCount
      && capObj.Length == nodeCount as int && capType.Length == nodeCount as int
      && capRights.Length == nodeCount as int && capBadge.Length == nodeCount as int
      && capDepth.Length == nodeCount as int && next.Length == nodeCount as int && prev.Length == nodeCount as int
      && refCount.Length == objectCount as int && |pos| == nodeCount as int
      // distinct arrays of the same element type, so writing one never changes another
      && capObj != capBadge && capObj != capDepth && capBadge != capDepth
      && refCount != capObj && refCount != capBadge && refCount != capDepth
      && next != prev && next != slotBase && next != slotCount && prev != slotBase && prev != slotCount
    }

    ghost predicate Valid()
      reads this, slotBase, slotCount, capObj, capType, capRights, capBadge, capDepth, next, prev, refCount
    {
      && Shapes()
      && GeometryOk(Geo(), nodeCount as int)
      && Shaped(cdt, pos, View(), next[..], prev[..], nodeCount as int)
      && Rep(cdt, pos, View(), next[..], prev[..], head, refCount[..], nodeCount as int, objectCount as int)
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
      var o := NewU64(n);
      var ty := NewU8(n);
      var r := NewBv8(n);
      var b := NewU64(n);
      var d := NewU64(n);
      var nx := NewNil(n);
      var pv := NewNil(n);
      var rc := NewU64(objects);
      capObj, capType, capRights, capBadge, capDepth := o, ty, r, b, d;
      next, prev, head, refCount := nx, pv, Nil, rc;
      cdt := [];
      pos := seq(n as int, x => -1);
      new;
      assert Base(Geo()) == Base((sb[..], sc[..], 1)) && Size(Geo()) == Size((sb[..], sc[..], 1));
      assert forall x :: 0 <= x < n as int ==> Type(View()[x]) == TypeNull;
      LemmaRepEmpty(pos, View(), next[..], prev[..], refCount[..], n as int, objects as int);
    }

    // ---- Reading the representation ----

    // The slot (t, i) as a node: SlotErr's checks, then slotBase[t] + i.
    method Lookup(t: u32, i: u32) returns (err: u32, x: u32)
      requires Valid()
      ensures err == SlotErr(Geo(), t, i)
      ensures err == OK ==> x as int == NodeAt(Geo(), t, i) && x < nodeCount
    {
      if t >= taskCount { return ErrInvalidTask, Nil; }
      if i >= slotCount[t] { return ErrInvalidSlot, Nil; }
      return OK, slotBase[t] + i;
    }

}
}
