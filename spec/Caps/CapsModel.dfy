// Abstract model of capability spaces and the derivation tree (ghost only).
//
// The state is seL4's mapping database as a sequence: every capability of every task in preorder of the derivation
// tree, each with a depth. s[j] is a descendant of s[i] exactly when i < j and every entry after s[i] up to s[j] is
// deeper than s[i] (Desc); the parent of s[j] is the nearest earlier entry that is shallower. Depths may skip
// values (revoke removes inner nodes first): only their order matters, which is what keeps every update O(1).
// Slots: task t owns the global nodes base[t] .. base[t] + size[t] - 1; a node is occupied iff an entry names it.
include "CapsTypes.dfy"

module CapsModel {
  import opened NativeTypes
  import opened CapsTypes

  // ---- Geometry: per-task slot ranges and the number of objects (fixed at initialisation) ----
  type Geometry = (seq<u32>, seq<u32>, int)   // (base, size, object count)

  ghost function Base(g: Geometry): seq<u32> { g.0 }
  ghost function Size(g: Geometry): seq<u32> { g.1 }
  ghost function Objects(g: Geometry): int { g.2 }

  // Task ranges lie inside [0, n) and do not overlap (each node belongs to at most one task).
  ghost predicate GeometryOk(g: Geometry, n: int) {
    && |Base(g)| == |Size(g)|
    && 0 < Objects(g)
    && (forall t :: 0 <= t < |Base(g)| ==> Base(g)[t] as int + Size(g)[t] as int <= n)
    && (forall t, u :: 0 <= t < u < |Base(g)| ==> Base(g)[t] as int + Size(g)[t] as int <= Base(g)[u] as int)
  }

  ghost function SlotErr(g: Geometry, t: u32, i: u32): u32 {
    if t as int >= |Base(g)| then ErrInvalidTask
    else if t as int >= |Size(g)| || i >= Size(g)[t] then ErrInvalidSlot
    else OK
  }

  ghost function NodeAt(g: Geometry, t: u32, i: u32): int
    requires SlotErr(g, t, i) == OK
  {
    Base(g)[t] as int + i as int
  }

  // Node x is one of task t's slots.
  ghost predicate InSpace(g: Geometry, t: int, x: int) {
    0 <= t < |Base(g)| && t < |Size(g)| && Base(g)[t] as int <= x < Base(g)[t] as int + Size(g)[t] as int
  }

  // ---- The derivation order ----

  ghost predicate Desc(s: seq<Entry>, i: int, j: int) {
    0 <= i < j < |s| && forall m {:trigger Depth(s[m])} :: i < m <= j ==> Depth(s[m]) > Depth(s[i])
  }

  ghost predicate HasChild(s: seq<Entry>, k: int)
    requires 0 <= k < |s|
  {
    k + 1 < |s| && Depth(s[k + 1]) > Depth(s[k])
  }

  // What a derived capability may be, relative to its ancestor: same object and type, no new rights, and the
  // ancestor's badge if it had one.
  ghost predicate Derived(a: Entry, c: Entry) {
    && Obj(c) == Obj(a)
    && Type(c) == Type(a)
    && RightsSubset(Rights(c), Rights(a))
    && (Badge(a) == NoBadge || Badge(c) == Badge(a))
  }

  ghost predicate EntryOk(e: Entry, n: int, objects: int) {
    0 <= Node(e) < n && TypeNull < Type(e) <= MaxType && 0 <= Depth(e) <= MaxCounter as int && Obj(e) as int < objects
  }

  ghost predicate Distinct(s: seq<Entry>) {
    forall i, j :: 0 <= i < j < |s| ==> Node(s[i]) != Node(s[j])
  }

  ghost predicate DerivedPairs(s: seq<Entry>) {
    forall i, j :: Desc(s, i, j) ==> Derived(s[i], s[j])
  }

  // The invariant of the abstract state (n nodes in all).
  ghost predicate Inv(s: seq<Entry>, n: int, objects: int) {
    && (forall i :: 0 <= i < |s| ==> EntryOk(s[i], n, objects))
    && Distinct(s)
    && (|s| > 0 ==> Depth(s[0]) == 0)
    && DerivedPairs(s)
  }

  ghost predicate Present(s: seq<Entry>, x: int) {
    exists i :: 0 <= i < |s| && Node(s[i]) == x
  }

  ghost function IndexOf(s: seq<Entry>, x: int): int
    requires Present(s, x)
    ensures 0 <= IndexOf(s, x) < |s| && Node(s[IndexOf(s, x)]) == x
  {
    var i :| 0 <= i < |s| && Node(s[i]) == x; i
  }

  // Capabilities naming object o.
  ghost function Count(s: seq<Entry>, o: u64): nat {
    if |s| == 0 then 0 else Count(s[..|s| - 1], o) + (if Obj(s[|s| - 1]) == o then 1 else 0)
  }

  // ---- Sequence updates the operations use ----

  ghost function InsertAt(s: seq<Entry>, p: int, e: Entry): seq<Entry>
    requires 0 <= p <= |s|
  {
    s[..p] + [e] + s[p..]
  }

  ghost function RemoveAt(s: seq<Entry>, p: int): seq<Entry>
    requires 0 <= p < |s|
  {
    s[..p] + s[p + 1..]
  }

  // Depth of a new child of s[k]: one below s[k], or level with s[k]'s current first child so that the new child
  // becomes its sibling rather than its parent.
  ghost function ChildDepth(s: seq<Entry>, k: int): int
    requires 0 <= k < |s|
  {
    if HasChild(s, k) then Depth(s[k + 1]) else Depth(s[k]) + 1
  }

  // The capability minted from e into node x: rights masked, badge set only if e had none.
  ghost function Minted(e: Entry, x: int, rights: bv8, badge: u64, depth: int): Entry {
    (x, Obj(e), Type(e), Rights(e) & rights, if badge == NoBadge then Badge(e) else badge, depth)
  }
}
