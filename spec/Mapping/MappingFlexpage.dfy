// Flexpages: 2^k-page regions aligned to their size, and where a map item lands in the receiver's window (L4).
//
// A send flexpage (base sb, 2^ks pages) with send base h meets a receive window (base rb, 2^kr pages):
//  - ks <= kr: the whole send flexpage is mapped, placed in the window at the 2^ks-aligned slot that contains the
//    hot spot h mod 2^kr;
//  - ks > kr: the window is filled from the 2^kr-aligned part of the send flexpage that contains h mod 2^ks.
// Sizes are powers of two computed by doubling (no shifts: they would pull the Dafny runtime into the C#).
include "../NativeTypes.dfy"
include "MappingTypes.dfy"
include "Arith/MappingArith.dfy"

module MappingFlexpage {
  import opened NativeTypes
  import opened MappingTypes
  import opened MappingArith

  const MaxOrder: u8 := 12   // 2^12 pages: a whole task window

  ghost function Pow2(k: nat): nat
    ensures Pow2(k) >= 1
  {
    if k == 0 then 1 else 2 * Pow2(k - 1)
  }

  lemma LemmaPow2Positive(k: nat)
    ensures Pow2(k) >= 1
  {
  }

  lemma LemmaPow2Monotone(a: nat, b: nat)
    requires a <= b
    ensures Pow2(a) <= Pow2(b)
    decreases b
  {
    if a < b {
      LemmaPow2Monotone(a, b - 1);
    }
  }

  // 2^k pages, for k <= MaxOrder.
  method Size(k: u8) returns (s: u64)
    requires k <= MaxOrder
    ensures s as nat == Pow2(k as nat) && 1 <= s <= 4096
  {
    s := 1;
    for i: u8 := 0 to k
      invariant s as nat == Pow2(i as nat) && s <= 4096
    {
      LemmaPow2Monotone(i as nat + 1, MaxOrder as nat);
      s := s * 2;
    }
    LemmaPow2Positive(k as nat);
  }

  // The L4 rule as a relation: (src, dst, count) is where the send flexpage lands.
  ghost predicate Placement(sb: int, ks: nat, h: int, rb: int, kr: nat, src: int, dst: int, count: int) {
    var S := Pow2(ks);
    var B := Pow2(kr);
    LemmaPow2Positive(ks);
    LemmaPow2Positive(kr);
    if ks <= kr then
      src == sb && count == S && dst == rb + (h % B - h % B % S)
    else
      dst == rb && count == B && src == sb + (h % S - h % S % B)
  }

  // Where a send flexpage lands; err != OK for a malformed flexpage or window (order too large, base misaligned).
  method Place(sb: u64, ks: u8, h: u64, rb: u64, kr: u8) returns (err: u32, src: u64, dst: u64, count: u64)
    ensures err == OK ==> ks <= MaxOrder && kr <= MaxOrder
    ensures err == OK ==> Placement(sb as int, ks as nat, h as int, rb as int, kr as nat, src as int, dst as int, count as int)
    // the hot spot lies in the placed part: in the destination when the send flexpage is the smaller one, in the
    // source when it is the larger one
    ensures err == OK && ks <= kr ==> dst as int <= rb as int + h as int % Pow2(kr as nat) < dst as int + count as int
    ensures err == OK && ks > kr ==> src as int <= sb as int + h as int % Pow2(ks as nat) < src as int + count as int
    ensures err == OK ==> 1 <= count <= 4096
    // the placed part is aligned to its size and lies inside the receive window and the send flexpage
    ensures err == OK ==> dst as int % count as int == 0 && src as int % count as int == 0
    ensures err == OK ==> rb as int <= dst as int && dst as int + count as int <= rb as int + Pow2(kr as nat)
    ensures err == OK ==> sb as int <= src as int && src as int + count as int <= sb as int + Pow2(ks as nat)
  {
    if ks > MaxOrder || kr > MaxOrder { return ErrInvalidPage, 0, 0, 0; }
    var S := Size(ks);
    var B := Size(kr);
    if sb % S != 0 || rb % B != 0 || sb > 0xFFFF_FFFF_FFFF || rb > 0xFFFF_FFFF_FFFF {
      return ErrInvalidPage, 0, 0, 0;
    }
    if ks <= kr {
      var o := h % B;
      // o % S <= o always holds; the check spares the verifier that nonlinear fact (never taken).
      if o % S > o { return ErrInvalidPage, 0, 0, 0; }
      src, dst, count := sb, rb + (o - o % S), S;
      LemmaPlacementAligned(sb as int, ks as nat, h as int, rb as int, kr as nat, src as int, dst as int, count as int);
      return OK, src, dst, count;
    } else {
      var o := h % S;
      if o % B > o { return ErrInvalidPage, 0, 0, 0; }
      src, dst, count := sb + (o - o % B), rb, B;
      LemmaPlacementAligned(sb as int, ks as nat, h as int, rb as int, kr as nat, src as int, dst as int, count as int);
      return OK, src, dst, count;
    }
  }

  // Smaller powers of two divide larger ones.
  lemma LemmaPow2Divides(a: nat, b: nat)
    requires a <= b
    ensures Pow2(b) % Pow2(a) == 0
    decreases b
  {
    if a == b {
      LemmaMulMod(1, Pow2(a));
    } else {
      LemmaPow2Divides(a, b - 1);
      LemmaAddAligned(Pow2(b - 1), Pow2(b - 1), Pow2(a));
    }
  }

  // The placed part (count pages from src in the send flexpage, landing at dst in the window) is aligned to its size,
  // lies inside the receive window and inside the send flexpage, and its size is the smaller of the two.
  lemma LemmaPlacementAligned(sb: int, ks: nat, h: int, rb: int, kr: nat, src: int, dst: int, count: int)
    requires Placement(sb, ks, h, rb, kr, src, dst, count)
    requires sb >= 0 && rb >= 0 && h >= 0 && sb % Pow2(ks) == 0 && rb % Pow2(kr) == 0
    ensures count == (if ks <= kr then Pow2(ks) else Pow2(kr))
    ensures dst % count == 0 && src % count == 0
    ensures rb <= dst && dst + count <= rb + Pow2(kr)
    ensures sb <= src && src + count <= sb + Pow2(ks)
  {
    var S := Pow2(ks);
    var B := Pow2(kr);
    if ks <= kr {
      LemmaPow2Divides(ks, kr);
      var o := h % B;
      LemmaModRange(h, B);
      LemmaModDown(o, S);
      LemmaBlockInside(o, S, B);
      LemmaAlignedDivides(rb, S, B);
      LemmaAddAligned(rb, o - o % S, S);
      assert dst == rb + (o - o % S);
    } else {
      LemmaPow2Divides(kr, ks);
      var o := h % S;
      LemmaModRange(h, S);
      LemmaModDown(o, B);
      LemmaBlockInside(o, B, S);
      LemmaAlignedDivides(sb, B, S);
      LemmaAddAligned(sb, o - o % B, B);
      assert src == sb + (o - o % B);
    }
  }
}
