// Lemmas over all transitions of the capability core (ghost only): authority confinement, the exactness of the
// last-capability report of Delete, that revoke never deletes the last capability of an object, and that no
// capability is changed in place (badges and rights are fixed when a capability is created).
include "../../spec/Caps/CapsSteps.dfy"
include "../../spec/Caps/CapsModelLemmas.dfy"

module CapsSystemProofs {
  import opened NativeTypes
  import opened CapsTypes
  import opened CapsModel
  import opened CapsSteps
  import opened CapsModelLemmas

  // The capability operations with their (user-controlled) arguments.
  datatype Op =
    | OpCreateRoot(t: u32, i: u32, obj: u64, typ: u8, rights: bv8)
    | OpMint(t: u32, src: u32, dst: u32, mask: bv8, badge: u64)
    | OpCopy(t: u32, src: u32, dst: u32)
    | OpMove(t: u32, src: u32, dst: u32)
    | OpTransfer(st: u32, ss: u32, rt: u32, rs: u32, mode: u8)
    | OpDelete(t: u32, i: u32)
    | OpRevoke(t: u32, i: u32)

  // One step of the system: op returned err and took s to s'.
  ghost predicate NextOp(g: Geometry, s: seq<Entry>, s': seq<Entry>, op: Op, err: u32) {
    match op
    case OpCreateRoot(t, i, obj, typ, rights) => CreateRootStep(g, s, s', t, i, obj, typ, rights, err)
    case OpMint(t, src, dst, mask, badge) => MintStep(g, s, s', t, src, dst, mask, badge, err)
    case OpCopy(t, src, dst) => CopyStep(g, s, s', t, src, dst, err)
    case OpMove(t, src, dst) => MoveStep(g, s, s', t, src, dst, err)
    case OpTransfer(st, ss, rt, rs, mode) => TransferStep(g, s, s', st, ss, rt, rs, mode, err)
    case OpDelete(t, i) => exists tobj, ttype :: DeleteStep(g, s, s', t, i, err, tobj, ttype)
    case OpRevoke(t, i) => exists done, removed :: RevokeStep(g, s, s', t, i, err, done, removed)
  }

  // The only ways node x can come to hold a capability in one step: the kernel created a new object for task t
  // (CreateRoot, the object had no capability), task t derived or moved it from a slot of its own space, or an IPC
  // transfer delivered it into the receiver's space from a slot of the sender that held a capability.
  ghost predicate Gain(g: Geometry, s: seq<Entry>, op: Op, x: int) {
    match op
    case OpCreateRoot(t, i, obj, _, _) => InSpace(g, t as int, x) && Count(s, obj) == 0
    case OpMint(t, src, _, _, _) => FromOwnSpace(g, s, t, src, x)
    case OpCopy(t, src, _) => FromOwnSpace(g, s, t, src, x)
    case OpMove(t, src, _) => FromOwnSpace(g, s, t, src, x)
    case OpTransfer(st, ss, rt, _, _) =>
      InSpace(g, rt as int, x) && SlotErr(g, st, ss) == OK && InSpace(g, st as int, NodeAt(g, st, ss))
      && Present(s, NodeAt(g, st, ss))
    case OpDelete(_, _) => false
    case OpRevoke(_, _) => false
  }

  ghost predicate FromOwnSpace(g: Geometry, s: seq<Entry>, t: u32, src: u32, x: int) {
    InSpace(g, t as int, x) && SlotErr(g, t, src) == OK && InSpace(g, t as int, NodeAt(g, t, src))
    && Present(s, NodeAt(g, t, src))
  }

  // ---- Which nodes can appear by each sequence update ----

  lemma LemmaInsertPresent(s: seq<Entry>, p: int, e: Entry, x: int)
    requires 0 <= p <= |s| && Present(InsertAt(s, p, e), x)
    ensures Present(s, x) || x == Node(e)
  {
    var s' := InsertAt(s, p, e);
    var i :| 0 <= i < |s'| && Node(s'[i]) == x;
    if i < p { assert s'[i] == s[i]; } else if i > p { assert s'[i] == s[i - 1]; }
  }

  lemma LemmaDropPresent(s: seq<Entry>, a: int, b: int, x: int)
    requires 0 <= a <= b <= |s| && Present(s[..a] + s[b..], x)
    ensures Present(s, x)
  {
    var s' := s[..a] + s[b..];
    var i :| 0 <= i < |s'| && Node(s'[i]) == x;
    if i < a { assert s'[i] == s[i]; } else { assert s'[i] == s[i + b - a]; }
  }

  lemma LemmaReplacePresent(s: seq<Entry>, p: int, y: int, x: int)
    requires 0 <= p < |s| && Present(s[p := AtNode(s[p], y)], x)
    ensures Present(s, x) || x == y
  {
  }

  lemma LemmaSlotInSpace(g: Geometry, t: u32, i: u32)
    requires SlotErr(g, t, i) == OK
    ensures InSpace(g, t as int, NodeAt(g, t, i))
  {
  }

  lemma LemmaDeriveGain(s: seq<Entry>, s': seq<Entry>, xs: int, xd: int, mask: bv8, badge: u64, err: u32, x: int)
    requires Present(s, xs) && DeriveResult(s, s', xs, xd, mask, badge, err) && Present(s', x) && !Present(s, x)
    ensures x == xd
  {
    var k := IndexOf(s, xs);
    LemmaInsertPresent(s, k + 1, Minted(s[k], xd, mask, badge, ChildDepth(s, k)), x);
  }

  lemma LemmaMoveGain(s: seq<Entry>, s': seq<Entry>, xs: int, xd: int, err: u32, x: int)
    requires Present(s, xs) && MoveResult(s, s', xs, xd, err) && Present(s', x) && !Present(s, x)
    ensures x == xd
  {
    LemmaReplacePresent(s, IndexOf(s, xs), xd, x);
  }

  // Authority confinement, over every transition.
  lemma LemmaConfinement(g: Geometry, s: seq<Entry>, s': seq<Entry>, op: Op, err: u32, x: int)
    requires NextOp(g, s, s', op, err) && Present(s', x) && !Present(s, x)
    ensures Gain(g, s, op, x)
  {
    match op
    case OpCreateRoot(t, i, obj, typ, rights) =>
      LemmaSlotInSpace(g, t, i);
      LemmaInsertPresent(s, 0, (NodeAt(g, t, i), obj, typ, rights, NoBadge, 0), x);
    case OpMint(t, src, dst, mask, badge) =>
      LemmaSlotInSpace(g, t, src);
      LemmaSlotInSpace(g, t, dst);
      LemmaDeriveGain(s, s', NodeAt(g, t, src), NodeAt(g, t, dst), mask, badge, err, x);
    case OpCopy(t, src, dst) =>
      LemmaSlotInSpace(g, t, src);
      LemmaSlotInSpace(g, t, dst);
      LemmaDeriveGain(s, s', NodeAt(g, t, src), NodeAt(g, t, dst), 0xFF, NoBadge, err, x);
    case OpMove(t, src, dst) =>
      LemmaSlotInSpace(g, t, src);
      LemmaSlotInSpace(g, t, dst);
      LemmaMoveGain(s, s', NodeAt(g, t, src), NodeAt(g, t, dst), err, x);
    case OpTransfer(st, ss, rt, rs, mode) =>
      LemmaSlotInSpace(g, st, ss);
      LemmaSlotInSpace(g, rt, rs);
      if mode == TransferCopy {
        LemmaDeriveGain(s, s', NodeAt(g, st, ss), NodeAt(g, rt, rs), 0xFF, NoBadge, err, x);
      } else {
        LemmaMoveGain(s, s', NodeAt(g, st, ss), NodeAt(g, rt, rs), err, x);
      }
    case OpDelete(t, i) =>
      var tobj, ttype :| DeleteStep(g, s, s', t, i, err, tobj, ttype);
      if s' != s {
        var k := IndexOf(s, NodeAt(g, t, i));
        LemmaDropPresent(s, k, k + 1, x);
      }
    case OpRevoke(t, i) =>
      var done, removed :| RevokeStep(g, s, s', t, i, err, done, removed);
      if s' != s {
        var k := IndexOf(s, NodeAt(g, t, i));
        LemmaDropPresent(s, k + 1, k + 1 + removed as int, x);
      }
  }

  // ---- Teardown: the last-capability report of Delete is exact ----

  lemma LemmaDeleteReportExact(g: Geometry, s: seq<Entry>, s': seq<Entry>, t: u32, i: u32, tobj: u64, ttype: u8,
                                n: int, objects: int)
    requires Inv(s, n, objects) && DeleteStep(g, s, s', t, i, OK, tobj, ttype)
    ensures SlotErr(g, t, i) == OK && Present(s, NodeAt(g, t, i))
    ensures var o := Obj(s[IndexOf(s, NodeAt(g, t, i))]);
      && (ttype != TypeNull <==> forall j :: 0 <= j < |s'| ==> Obj(s'[j]) != o)
      && (ttype != TypeNull ==> tobj == o && ttype == Type(s[IndexOf(s, NodeAt(g, t, i))]))
  {
    assert SlotErr(g, t, i) == OK;
    assert Present(s, NodeAt(g, t, i));
    var k := IndexOf(s, NodeAt(g, t, i));
    var o := Obj(s[k]);
    assert EntryOk(s[k], n, objects);  // a capability's type is never TypeNull, so the report is never empty
    LemmaCountRemove(s, k, o);
    assert s' == RemoveAt(s, k);
    if Count(s, o) == 1 {
      LemmaCountZero(s', o);
    } else {
      LemmaCountPositive(s', o);
    }
  }

  // ---- Revoke never deletes the last capability to an object: every removed descendant names the object
  //      of the revoked capability, which stays. So revoke needs no teardown report. ----

  lemma LemmaRevokeKeepsObjects(g: Geometry, s: seq<Entry>, s': seq<Entry>, t: u32, i: u32, done: bool, removed: u32,
                                n: int, objects: int)
    requires Inv(s, n, objects) && RevokeStep(g, s, s', t, i, OK, done, removed)
    ensures forall j :: 0 <= j < |s| ==> exists m :: 0 <= m < |s'| && Obj(s'[m]) == Obj(s[j])
  {
    var k := IndexOf(s, NodeAt(g, t, i));
    var r := removed as int;
    assert s'[k] == s[k];
    forall j | 0 <= j < |s| ensures exists m :: 0 <= m < |s'| && Obj(s'[m]) == Obj(s[j]) {
      if k < j <= k + r {
        assert Desc(s, k, j);
        assert Obj(s'[k]) == Obj(s[j]);
      } else if j <= k {
        assert s'[j] == s[j];
      } else {
        assert s'[j - r] == s[j];
      }
    }
  }

  // ---- No capability is changed in place: badges and rights are set only when a capability is created ----

  // e' is e, perhaps held by another node (a move).
  ghost predicate SameCap(e: Entry, e': Entry) {
    Obj(e) == Obj(e') && Type(e) == Type(e') && Rights(e) == Rights(e') && Badge(e) == Badge(e') && Depth(e) == Depth(e')
  }

  // Every capability after the step was there before (possibly moved), or is the one the step created in the
  // node the operation names as its destination.
  ghost predicate OnlyNew(s: seq<Entry>, s': seq<Entry>, created: int) {
    forall j :: 0 <= j < |s'| ==> Node(s'[j]) == created || exists i :: 0 <= i < |s| && SameCap(s[i], s'[j])
  }

  ghost function Created(g: Geometry, op: Op): int {
    match op
    case OpCreateRoot(t, i, _, _, _) => if SlotErr(g, t, i) == OK then NodeAt(g, t, i) else -1
    case OpMint(t, _, dst, _, _) => if SlotErr(g, t, dst) == OK then NodeAt(g, t, dst) else -1
    case OpCopy(t, _, dst) => if SlotErr(g, t, dst) == OK then NodeAt(g, t, dst) else -1
    case OpTransfer(_, _, rt, rs, mode) => if SlotErr(g, rt, rs) == OK && mode == TransferCopy then NodeAt(g, rt, rs) else -1
    case _ => -1
  }

  lemma LemmaInsertOnlyNew(s: seq<Entry>, p: int, e: Entry)
    requires 0 <= p <= |s|
    ensures OnlyNew(s, InsertAt(s, p, e), Node(e))
  {
    var s' := InsertAt(s, p, e);
    forall j | 0 <= j < |s'| && Node(s'[j]) != Node(e) ensures exists i :: 0 <= i < |s| && SameCap(s[i], s'[j]) {
      if j < p { assert s'[j] == s[j]; } else { assert j != p; assert s'[j] == s[j - 1]; }
    }
  }

  lemma LemmaDropOnlyNew(s: seq<Entry>, a: int, b: int, created: int)
    requires 0 <= a <= b <= |s|
    ensures OnlyNew(s, s[..a] + s[b..], created)
  {
    var s' := s[..a] + s[b..];
    forall j | 0 <= j < |s'| ensures exists i :: 0 <= i < |s| && SameCap(s[i], s'[j]) {
      if j < a { assert s'[j] == s[j]; } else { assert s'[j] == s[j + b - a]; }
    }
  }

  lemma LemmaReplaceOnlyNew(s: seq<Entry>, p: int, y: int, created: int)
    requires 0 <= p < |s|
    ensures OnlyNew(s, s[p := AtNode(s[p], y)], created)
  {
    var s' := s[p := AtNode(s[p], y)];
    forall j | 0 <= j < |s'| ensures exists i :: 0 <= i < |s| && SameCap(s[i], s'[j]) {
      assert SameCap(s[j], s'[j]);
    }
  }

  lemma LemmaSameOnlyNew(s: seq<Entry>, created: int)
    ensures OnlyNew(s, s, created)
  {
    forall j | 0 <= j < |s| ensures exists i :: 0 <= i < |s| && SameCap(s[i], s[j]) { assert SameCap(s[j], s[j]); }
  }

  lemma LemmaDeriveOnlyNew(s: seq<Entry>, s': seq<Entry>, xs: int, xd: int, mask: bv8, badge: u64, err: u32)
    requires Present(s, xs) && DeriveResult(s, s', xs, xd, mask, badge, err)
    ensures OnlyNew(s, s', xd)
  {
    var k := IndexOf(s, xs);
    if s' == s { LemmaSameOnlyNew(s, xd); }
    else { LemmaInsertOnlyNew(s, k + 1, Minted(s[k], xd, mask, badge, ChildDepth(s, k))); }
  }

  lemma LemmaMoveOnlyNew(s: seq<Entry>, s': seq<Entry>, xs: int, xd: int, err: u32, created: int)
    requires Present(s, xs) && MoveResult(s, s', xs, xd, err)
    ensures OnlyNew(s, s', created)
  {
    if s' == s { LemmaSameOnlyNew(s, created); } else { LemmaReplaceOnlyNew(s, IndexOf(s, xs), xd, created); }
  }

  // Over every transition: no existing capability changes object, type, rights, badge or depth.
  lemma LemmaNoChangeInPlace(g: Geometry, s: seq<Entry>, s': seq<Entry>, op: Op, err: u32)
    requires NextOp(g, s, s', op, err)
    ensures OnlyNew(s, s', Created(g, op))
  {
    var c := Created(g, op);
    if s' == s {
      LemmaSameOnlyNew(s, c);
    } else {
      match op
      case OpCreateRoot(t, i, obj, typ, rights) =>
        LemmaInsertOnlyNew(s, 0, (NodeAt(g, t, i), obj, typ, rights, NoBadge, 0));
      case OpMint(t, src, dst, mask, badge) =>
        LemmaDeriveOnlyNew(s, s', NodeAt(g, t, src), NodeAt(g, t, dst), mask, badge, err);
      case OpCopy(t, src, dst) =>
        LemmaDeriveOnlyNew(s, s', NodeAt(g, t, src), NodeAt(g, t, dst), 0xFF, NoBadge, err);
      case OpMove(t, src, dst) =>
        LemmaMoveOnlyNew(s, s', NodeAt(g, t, src), NodeAt(g, t, dst), err, c);
      case OpTransfer(st, ss, rt, rs, mode) =>
        if mode == TransferCopy {
          LemmaDeriveOnlyNew(s, s', NodeAt(g, st, ss), NodeAt(g, rt, rs), 0xFF, NoBadge, err);
        } else {
          LemmaMoveOnlyNew(s, s', NodeAt(g, st, ss), NodeAt(g, rt, rs), err, c);
        }
      case OpDelete(t, i) =>
        var tobj, ttype :| DeleteStep(g, s, s', t, i, err, tobj, ttype);
        var k := IndexOf(s, NodeAt(g, t, i));
        LemmaDropOnlyNew(s, k, k + 1, c);
      case OpRevoke(t, i) =>
        var done, removed :| RevokeStep(g, s, s', t, i, err, done, removed);
        var k := IndexOf(s, NodeAt(g, t, i));
        LemmaDropOnlyNew(s, k + 1, k + 1 + removed as int, c);
    }
  }
}
