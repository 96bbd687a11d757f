// Capability vocabulary shared by the abstract model and the implementation: object types, rights bits, error
// codes, limits, and the ghost shape of one capability in the derivation order.
// Compiled code sees only the integer constants (C# byte/uint/ulong), never the ghost `Entry` tuple.
include "../NativeTypes.dfy"

module CapsTypes {
  import opened NativeTypes

  // ---- Object types (the type field of a capability; TypeNull marks an empty slot) ----
  const TypeNull: u8 := 0
  const TypeEndpoint: u8 := 1
  const TypeThread: u8 := 2
  const TypeNotification: u8 := 3
  const TypeFrame: u8 := 4
  const TypeTask: u8 := 5
  const MaxType: u8 := 5

  // ---- Rights (bit set; a derived capability holds a subset of its parent's bits) ----
  const RightRead: bv8 := 1
  const RightWrite: bv8 := 2
  const RightGrant: bv8 := 4
  const AllRights: bv8 := 7

  // ---- Badges: NoBadge until a mint sets one; after that it never changes ----
  const NoBadge: u64 := 0

  // ---- IPC capability transfer modes (the capability item of a message says which) ----
  const TransferCopy: u8 := 0
  const TransferMove: u8 := 1

  // ---- Error codes ----
  const OK: u32 := 0
  const ErrInvalidTask: u32 := 1      // task id out of range
  const ErrInvalidSlot: u32 := 2      // slot index outside the task's capability space
  const ErrEmptySlot: u32 := 3        // the source slot holds no capability
  const ErrSlotOccupied: u32 := 4     // the destination slot already holds a capability
  const ErrHasChildren: u32 := 5      // delete of a capability with derived children: revoke it first
  const ErrBadgeSet: u32 := 6         // mint of a new badge from an already badged capability
  const ErrInvalidArgument: u32 := 7  // object id, type or transfer mode out of range
  const ErrObjectLive: u32 := 8       // creating a root capability for an object that capabilities still name
  const ErrLimit: u32 := 9            // a 64-bit counter (depth, references) would overflow: needs 2^64 operations

  // ---- Limits ----
  const Nil: u32 := 0xFFFF_FFFF        // "no node" in the derivation links; never a valid node
  const MaxNodes: u32 := 0x1000_0000   // upper bound on the total number of slots of all tasks
  const MaxCounter: u64 := 0xFFFF_FFFF_FFFF_FFFF
  // Work bound of one revoke step: at most this many capabilities are deleted before the step returns.
  const RevokeBatch: u32 := 16

  // ---- Ghost shape of one capability in the derivation order ----
  // (node, object, type, rights, badge, depth): node is the global slot index that holds the capability.
  type Entry = (int, u64, u8, bv8, u64, int)

  ghost function Node(e: Entry): int { e.0 }
  ghost function Obj(e: Entry): u64 { e.1 }
  ghost function Type(e: Entry): u8 { e.2 }
  ghost function Rights(e: Entry): bv8 { e.3 }
  ghost function Badge(e: Entry): u64 { e.4 }
  ghost function Depth(e: Entry): int { e.5 }

  // The same capability held in another slot (what move does).
  ghost function AtNode(e: Entry, x: int): Entry { (x, e.1, e.2, e.3, e.4, e.5) }

  ghost predicate RightsSubset(a: bv8, b: bv8) { a & b == a }

  lemma LemmaRightsSubsetTransitive(a: bv8, b: bv8, c: bv8)
    requires RightsSubset(a, b) && RightsSubset(b, c)
    ensures RightsSubset(a, c)
  {
  }

  // Rights a derived capability gets: a masked by b. Opaque, so that proofs about heap states never see
  // bit-vector arithmetic (which is expensive there); LemmaMaskRights opens it in small lemmas.
  opaque function MaskRights(a: bv8, b: bv8): bv8
    ensures RightsSubset(MaskRights(a, b), a)
  {
    a & b
  }

  lemma LemmaMaskRights(a: bv8, b: bv8)
    ensures MaskRights(a, b) == a & b
  {
    reveal MaskRights();
  }

  lemma LemmaMaskIsSubset(a: bv8, b: bv8)
    ensures RightsSubset(a & b, a)
  {
  }
}
