// Mapping database: constants, error codes, access rights and the per-task page index.
//
// Rights are L4's three access bits (read 4, write 2, execute 1) held in a u8 in 0..7. Set operations are written
// with division and remainder by literal constants (no bit-vectors: their shifts drag the Dafny runtime into the
// generated C#), so they stay linear arithmetic for the verifier.
include "../NativeTypes.dfy"

module MappingTypes {
  import opened NativeTypes

  // ---- Error codes (returned to the kernel, which passes user values unchecked) ----
  const OK: u32 := 0
  const ErrInvalidTask: u32 := 1      // task id out of range
  const ErrInvalidPage: u32 := 2      // virtual page outside the task's window, or flexpage not aligned/too large
  const ErrNotMapped: u32 := 3        // the source page holds no mapping
  const ErrNoRights: u32 := 4         // the requested rights leave nothing (or a grant would cut rights under children)
  const ErrOccupied: u32 := 5         // receiver page holds a mapping that others derive from: demap it first
  const ErrNoMemory: u32 := 6         // no free mapping node
  const ErrBusy: u32 := 7             // a preempted demap is in progress: finish it first
  const ErrInvalidArgument: u32 := 8  // source and destination are the same page, or a sigma0 root would move
  const ErrTooDeep: u32 := 9          // derivation depth limit reached
  const ErrNoDemap: u32 := 10         // DemapContinue without a demap in progress

  // ---- Sizes ----
  // Each task's virtual window has 4096 pages (16 MiB). The per-task index `Slot(t, v) = t * 4096 + v` uses the
  // literal 4096 on purpose: multiplication by a literal is linear arithmetic for the verifier.
  const PagesPerTask: u64 := 4096
  const MaxTasks: u32 := 0x1_0000
  const MaxNodes: u32 := 0x100_0000
  const MaxDepth: u32 := 0x1000
  const Nil: u32 := 0xFFFF_FFFF      // "no node" in every link and slot
  const Sigma0: u32 := 0             // task 0 is sigma0, the root task owning all free physical memory

  // ---- Rights ----
  const RightsNone: u8 := 0
  const RightsX: u8 := 1
  const RightsW: u8 := 2
  const RightsR: u8 := 4
  const RightsAll: u8 := 7

  predicate IsRights(r: u8) { r <= RightsAll }

  function HasX(r: u8): bool { r % 2 == 1 }
  function HasW(r: u8): bool { (r / 2) % 2 == 1 }
  function HasR(r: u8): bool { (r / 4) % 2 == 1 }

  // Intersection of two rights sets, bit by bit.
  function RightsAnd(a: u8, b: u8): u8
    ensures RightsAnd(a, b) <= RightsAll
  {
    (if HasX(a) && HasX(b) then 1 else 0)
    + (if HasW(a) && HasW(b) then 2 else 0)
    + (if HasR(a) && HasR(b) then 4 else 0)
  }

  // a without the rights in m (L4's unmap rights mask).
  function RightsMinus(a: u8, m: u8): u8
    ensures RightsMinus(a, m) <= RightsAll
  {
    (if HasX(a) && !HasX(m) then 1 else 0)
    + (if HasW(a) && !HasW(m) then 2 else 0)
    + (if HasR(a) && !HasR(m) then 4 else 0)
  }

  // a is a subset of b: the "rights never grow" order.
  opaque ghost predicate RightsLe(a: u8, b: u8) {
    IsRights(a) && IsRights(b)
    && (HasX(a) ==> HasX(b)) && (HasW(a) ==> HasW(b)) && (HasR(a) ==> HasR(b))
  }

  lemma LemmaRightsAndLe(a: u8, b: u8)
    requires IsRights(a)
    ensures RightsLe(RightsAnd(a, b), a) && IsRights(RightsAnd(a, b))
  {
    reveal RightsLe();
  }

  lemma LemmaRightsLeTrans(a: u8, b: u8, c: u8)
    requires RightsLe(a, b) && RightsLe(b, c)
    ensures RightsLe(a, c)
  {
    reveal RightsLe();
  }

  lemma LemmaRightsAllTop(a: u8)
    requires IsRights(a)
    ensures RightsLe(a, RightsAll)
  {
    reveal RightsLe();
  }

  // ---- Per-task page index ----
  function Slot(t: u32, v: u64): u64
    requires t < MaxTasks && v < PagesPerTask
  {
    t as u64 * 4096 + v
  }

  lemma LemmaSlotInjective(t1: u32, v1: u64, t2: u32, v2: u64)
    requires t1 < MaxTasks && v1 < PagesPerTask && t2 < MaxTasks && v2 < PagesPerTask
    ensures Slot(t1, v1) == Slot(t2, v2) ==> t1 == t2 && v1 == v2
  {
  }
}
