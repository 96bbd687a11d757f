// HAL contract for the CPU's bit scan: the only trusted fact about it, used by the IPC core's priority bitmaps.
//
// Each bitmap word of spec/Ipc/IpcQueues.dfy sums 2^p over its non-empty queues p (bit p set exactly when queue p is
// not empty). Finding the highest non-empty queue is finding the word's highest set bit. The core once did it with a
// verified binary search over the word's value (five levels of comparisons, about fifteen instructions and a large
// body that the code generator would not always inline); the CPU does it with one instruction.
// The extern method below is the axiom: each HAL implements it with that instruction (hal/X64: BSR, checked at boot
// against a plain scan by kernel/SelfTest) or the runtime's equivalent (hal/Sim: BitOperations.Log2, checked by
// tests/Verified.Core.Tests against a plain scan).
include "NativeTypes.dfy"

module HalBits {
  import opened NativeTypes

  // 2^p.
  ghost function Pow2(p: nat): nat {
    if p == 0 then 1 else 2 * Pow2(p - 1)
  }

  // AXIOM. The index of the highest set bit of a non-zero word.
  method {:extern} {:axiom} HalHighestBit(w: u32) returns (p: u32)
    requires w != 0
    ensures p < 32 && Pow2(p as nat) <= w as int < Pow2(p as nat + 1)
}
