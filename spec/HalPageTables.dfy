// HAL contract for address-space page tables: the only trusted axioms of the mapping database.
//
// `PageTableState` stands for the machine's page tables of the address spaces the mapping database manages: a ghost
// map from (task, virtual page) to (physical frame, rights). Compiled code passes only a `space` number; each HAL
// (hal/Sim for hosted tests, hal/X64 in the booted kernel) binds that number to its real tables.
// The two extern methods below are the axioms: each is trusted to change the real page tables exactly as its
// `ensures` changes the ghost map. Everything else about page tables is proved in spec/Mapping.
include "NativeTypes.dfy"

module HalPageTables {
  import opened NativeTypes

  class PageTableState {
    // What the hardware translates: entries[(t, v)] == (f, r) means that task t's page table maps its window page v
    // to physical frame f with rights r (present; writable iff r has W; no-execute iff r lacks X).
    ghost var entries: map<(u32, u64), (u64, u8)>

    // Verified, not an axiom: a new state is empty. Ghost: the compiled kernel names its page tables by a `space`
    // number instead, which the HAL's C# side binds to real tables before first use.
    ghost constructor()
      ensures entries == map[]
    {
      entries := map[];
    }
  }

  // AXIOM 1. The HAL writes a present leaf entry for window page v of task t, pointing at frame f with rights r, and
  // changes no other leaf entry. It must not fail: the HAL allocates every intermediate table of each task's window
  // when the address space is created, so a leaf write needs no memory.
  method {:extern} {:axiom} HalMapPage(ghost pt: PageTableState, space: u32, t: u32, v: u64, f: u64, r: u8)
    requires 0 < r <= 7 && v < 4096
    modifies pt
    ensures pt.entries == old(pt.entries)[(t, v) := (f, r)]

  // AXIOM 2. The HAL clears the leaf entry of window page v of task t and invalidates its TLB entry before returning
  // (so no stale translation survives a demap), changing no other leaf entry.
  method {:extern} {:axiom} HalUnmapPage(ghost pt: PageTableState, space: u32, t: u32, v: u64)
    requires v < 4096
    modifies pt
    ensures pt.entries == old(pt.entries) - {(t, v)}
}
