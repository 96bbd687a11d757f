// Step relations: one per capability operation, over the abstract state of CapsModel (ghost only).
// Each relation fixes the error code and the successor state for every argument value: invalid arguments
// (user-controlled) give an error and leave the state unchanged. The executable CapSpace methods ensure them.
include "CapsModel.dfy"

module CapsSteps {
  import opened NativeTypes
  import opened CapsTypes
  import opened CapsModel

  // Insert a child of the capability at node xs into the empty node xd (copy, mint, IPC copy).
  ghost predicate DeriveResult(s: seq<Entry>, s': seq<Entry>, xs: int, xd: int, rights: bv8, badge: u64, err: u32)
    requires Present(s, xs)
  {
    var k := IndexOf(s, xs);
    if Present(s, xd) then err == ErrSlotOccupied && s' == s
    else if badge != NoBadge && Badge(s[k]) != NoBadge then err == ErrBadgeSet && s' == s
    else if ChildDepth(s, k) > MaxCounter as int || Count(s, Obj(s[k])) >= MaxCounter as int then
      err == ErrLimit && s' == s
    else err == OK && s' == InsertAt(s, k + 1, Minted(s[k], xd, rights, badge, ChildDepth(s, k)))
  }

  // The decode result DeriveResult names, as one value.
  opaque ghost function DeriveErr(s: seq<Entry>, xs: int, xd: int, badge: u64): u32
    requires Present(s, xs)
  {
    var k := IndexOf(s, xs);
    if Present(s, xd) then ErrSlotOccupied
    else if badge != NoBadge && Badge(s[k]) != NoBadge then ErrBadgeSet
    else if ChildDepth(s, k) > MaxCounter as int || Count(s, Obj(s[k])) >= MaxCounter as int then ErrLimit
    else OK
  }

  lemma LemmaDeriveFails(s: seq<Entry>, xs: int, xd: int, mask: bv8, badge: u64)
    requires Present(s, xs) && DeriveErr(s, xs, xd, badge) != OK
    ensures DeriveResult(s, s, xs, xd, mask, badge, DeriveErr(s, xs, xd, badge))
  {
    reveal DeriveErr();
  }

  lemma {:isolate_assertions} LemmaDeriveSucceeds(s: seq<Entry>, s': seq<Entry>, xs: int, xd: int, mask: bv8, badge: u64)
    requires Present(s, xs) && DeriveErr(s, xs, xd, badge) == OK
    requires var k := IndexOf(s, xs);
      s' == InsertAt(s, k + 1, (xd, Obj(s[k]), Type(s[k]), MaskRights(Rights(s[k]), mask),
                                if badge == NoBadge then Badge(s[k]) else badge, ChildDepth(s, k)))
    ensures DeriveResult(s, s', xs, xd, mask, badge, OK)
  {
    var k := IndexOf(s, xs);
    LemmaMaskRights(Rights(s[k]), mask);
    assert Minted(s[k], xd, mask, badge, ChildDepth(s, k)) == (xd, Obj(s[k]), Type(s[k]), MaskRights(Rights(s[k]), mask),
      if badge == NoBadge then Badge(s[k]) else badge, ChildDepth(s, k));
    assert DeriveErr(s, xs, xd, badge) == OK;
    reveal DeriveErr();
    assert !Present(s, xd);
  }

  // Put the capability of node xs into the empty node xd, keeping its place in the derivation order.
  ghost predicate MoveResult(s: seq<Entry>, s': seq<Entry>, xs: int, xd: int, err: u32)
    requires Present(s, xs)
  {
    var k := IndexOf(s, xs);
    if Present(s, xd) then err == ErrSlotOccupied && s' == s
    else err == OK && s' == s[k := AtNode(s[k], xd)]
  }

  // Both slots are checked before either is read.
  ghost function TwoSlotErr(g: Geometry, t1: u32, i1: u32, t2: u32, i2: u32): u32 {
    if SlotErr(g, t1, i1) != OK then SlotErr(g, t1, i1) else SlotErr(g, t2, i2)
  }

  // CreateRoot(t, i, obj, type, rights): the kernel made object `obj`; slot i of task t gets its first capability.
  ghost predicate CreateRootStep(g: Geometry, s: seq<Entry>, s': seq<Entry>, t: u32, i: u32, obj: u64, typ: u8,
                                 rights: bv8, err: u32)
  {
    if SlotErr(g, t, i) != OK then err == SlotErr(g, t, i) && s' == s
    else if typ == TypeNull || typ > MaxType || obj as int >= Objects(g) then err == ErrInvalidArgument && s' == s
    else if Present(s, NodeAt(g, t, i)) then err == ErrSlotOccupied && s' == s
    else if Count(s, obj) != 0 then err == ErrObjectLive && s' == s
    else err == OK && s' == InsertAt(s, 0, (NodeAt(g, t, i), obj, typ, rights, NoBadge, 0))
  }

  // Mint(t, src, dst, rights, badge): a child of src in dst with rights src & rights and, if src has no badge, `badge`.
  ghost predicate MintStep(g: Geometry, s: seq<Entry>, s': seq<Entry>, t: u32, src: u32, dst: u32, rights: bv8,
                           badge: u64, err: u32)
  {
    if TwoSlotErr(g, t, src, t, dst) != OK then err == TwoSlotErr(g, t, src, t, dst) && s' == s
    else if !Present(s, NodeAt(g, t, src)) then err == ErrEmptySlot && s' == s
    else DeriveResult(s, s', NodeAt(g, t, src), NodeAt(g, t, dst), rights, badge, err)
  }

  // Copy(t, src, dst): a child of src in dst with the same rights and badge.
  ghost predicate CopyStep(g: Geometry, s: seq<Entry>, s': seq<Entry>, t: u32, src: u32, dst: u32, err: u32) {
    MintStep(g, s, s', t, src, dst, 0xFF, NoBadge, err)
  }

  // Move(t, src, dst): the capability leaves src for dst; its place in the tree (parent, children) is unchanged.
  ghost predicate MoveStep(g: Geometry, s: seq<Entry>, s': seq<Entry>, t: u32, src: u32, dst: u32, err: u32) {
    if TwoSlotErr(g, t, src, t, dst) != OK then err == TwoSlotErr(g, t, src, t, dst) && s' == s
    else if !Present(s, NodeAt(g, t, src)) then err == ErrEmptySlot && s' == s
    else MoveResult(s, s', NodeAt(g, t, src), NodeAt(g, t, dst), err)
  }

  // Transfer(st, ss, rt, rs, mode): the capability item of an IPC message, from the sender's slot ss to the
  // receiver's slot rs, as a copy (a child of the sender's capability) or a move.
  ghost predicate TransferStep(g: Geometry, s: seq<Entry>, s': seq<Entry>, st: u32, ss: u32, rt: u32, rs: u32,
                               mode: u8, err: u32)
  {
    if TwoSlotErr(g, st, ss, rt, rs) != OK then err == TwoSlotErr(g, st, ss, rt, rs) && s' == s
    else if mode > TransferMove then err == ErrInvalidArgument && s' == s
    else if !Present(s, NodeAt(g, st, ss)) then err == ErrEmptySlot && s' == s
    else if mode == TransferCopy then DeriveResult(s, s', NodeAt(g, st, ss), NodeAt(g, rt, rs), 0xFF, NoBadge, err)
    else MoveResult(s, s', NodeAt(g, st, ss), NodeAt(g, rt, rs), err)
  }

  // Delete(t, i): removes one capability without children (a capability with children is revoked first, see
  // docs/caps.md). Reports (obj, type) exactly when it was the last capability naming its object.
  ghost predicate DeleteStep(g: Geometry, s: seq<Entry>, s': seq<Entry>, t: u32, i: u32, err: u32, tobj: u64,
                             ttype: u8)
  {
    if SlotErr(g, t, i) != OK then err == SlotErr(g, t, i) && s' == s && tobj == 0 && ttype == TypeNull
    else if !Present(s, NodeAt(g, t, i)) then err == ErrEmptySlot && s' == s && tobj == 0 && ttype == TypeNull
    else
      var k := IndexOf(s, NodeAt(g, t, i));
      if HasChild(s, k) then err == ErrHasChildren && s' == s && tobj == 0 && ttype == TypeNull
      else
        && err == OK && s' == RemoveAt(s, k)
        && (if Count(s, Obj(s[k])) == 1 then tobj == Obj(s[k]) && ttype == Type(s[k])
            else tobj == 0 && ttype == TypeNull)
  }

  // One preemptible step of Revoke(t, i): deletes the first `removed` (at most RevokeBatch) descendants that
  // follow the capability; `done` when none is left. The remaining work is the tree itself, so any operation may
  // run between steps and a repeated step continues where the tree now stands.
  ghost predicate RevokeStep(g: Geometry, s: seq<Entry>, s': seq<Entry>, t: u32, i: u32, err: u32, done: bool,
                             removed: u32)
  {
    if SlotErr(g, t, i) != OK then err == SlotErr(g, t, i) && s' == s && !done && removed == 0
    else if !Present(s, NodeAt(g, t, i)) then err == ErrEmptySlot && s' == s && !done && removed == 0
    else
      var k := IndexOf(s, NodeAt(g, t, i));
      && err == OK && removed <= RevokeBatch && k + 1 + removed as int <= |s|
      && s' == s[..k + 1] + s[k + 1 + removed as int..]
      && (forall j :: k < j <= k + removed as int ==> Depth(s[j]) > Depth(s[k]))
      && (done <==> !HasChild(s', k))
      && (!done ==> removed == RevokeBatch)
  }

  // One more deletion right after position k, in terms of the state before the revoke step began.
  lemma LemmaRevokeSlice(s: seq<Entry>, c: seq<Entry>, k: int, r: int)
    requires 0 <= k && 0 <= r && k + 1 + r <= |s| && c == s[..k + 1] + s[k + 1 + r..] && k + 1 < |c|
    ensures c[k + 1] == s[k + 1 + r] && c[k] == s[k] && k + 2 + r <= |s|
    ensures RemoveAt(c, k + 1) == s[..k + 1] + s[k + 2 + r..]
  {
  }
}
