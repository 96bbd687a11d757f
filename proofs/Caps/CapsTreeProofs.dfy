// Properties of the derivation tree itself (ghost only): it is acyclic, rights never grow and badges never change
// along a derivation path, and a revoke step works towards one fixed target: the state with exactly the revoked
// capability's descendants removed.
include "../../spec/Caps/CapsSteps.dfy"

module CapsTreeProofs {
  import opened NativeTypes
  import opened CapsTypes
  import opened CapsModel
  import opened CapsSteps

  // ---- Acyclic: derivation follows the order, so no capability descends from itself or from a descendant ----

  lemma LemmaDescOrdered(s: seq<Entry>, i: int, j: int)
    requires Desc(s, i, j)
    ensures i < j && Depth(s[j]) > Depth(s[i])
  {
  }

  lemma LemmaDescTransitive(s: seq<Entry>, i: int, j: int, k: int)
    requires Desc(s, i, j) && Desc(s, j, k)
    ensures Desc(s, i, k)
  {
    forall m | i < m <= k ensures Depth(s[m]) > Depth(s[i]) {
      if m > j { assert Depth(s[m]) > Depth(s[j]); }
    }
  }

  lemma LemmaAcyclic(s: seq<Entry>, i: int, j: int)
    ensures !Desc(s, i, i)
    ensures Desc(s, i, j) ==> !Desc(s, j, i)
  {
  }

  // ---- Along every derivation path: same object and type, rights only shrink, a set badge stays ----

  lemma LemmaDerivationPath(s: seq<Entry>, n: int, objects: int, i: int, j: int)
    requires Inv(s, n, objects) && Desc(s, i, j)
    ensures Obj(s[j]) == Obj(s[i]) && Type(s[j]) == Type(s[i])
    ensures RightsSubset(Rights(s[j]), Rights(s[i]))
    ensures Badge(s[i]) != NoBadge ==> Badge(s[j]) == Badge(s[i])
  {
  }

  // ---- Revoke ----

  // The end of the subtree of s[k]: the first later entry that is not deeper, or |s|.
  ghost function End(s: seq<Entry>, k: int, j: int): int
    requires 0 <= k < j <= |s|
    decreases |s| - j
  {
    if j == |s| || Depth(s[j]) <= Depth(s[k]) then j else End(s, k, j + 1)
  }

  lemma LemmaEnd(s: seq<Entry>, k: int, j: int)
    requires 0 <= k < j <= |s| && forall m :: k < m < j ==> Depth(s[m]) > Depth(s[k])
    ensures j <= End(s, k, j) <= |s|
    ensures forall m :: k < m < End(s, k, j) ==> Depth(s[m]) > Depth(s[k])
    ensures End(s, k, j) < |s| ==> Depth(s[End(s, k, j)]) <= Depth(s[k])
    decreases |s| - j
  {
    if j < |s| && Depth(s[j]) > Depth(s[k]) { LemmaEnd(s, k, j + 1); }
  }

  // The descendants of s[k] are exactly the entries strictly between k and its End.
  lemma LemmaSubtree(s: seq<Entry>, k: int)
    requires 0 <= k < |s|
    ensures forall m :: 0 <= m < |s| ==> (Desc(s, k, m) <==> k < m < End(s, k, k + 1))
  {
    LemmaEnd(s, k, k + 1);
    var e := End(s, k, k + 1);
    forall m | 0 <= m < |s| && Desc(s, k, m) ensures m < e {
      if m >= e { assert Depth(s[e]) > Depth(s[k]); }
    }
  }

  // What a completed revoke of s[k] leaves: everything but the descendants, in the same order.
  ghost function Revoked(s: seq<Entry>, k: int): seq<Entry>
    requires 0 <= k < |s|
  {
    LemmaEnd(s, k, k + 1);
    s[..k + 1] + s[End(s, k, k + 1)..]
  }

  // Each revoke step keeps the target fixed; when it reports done the target is reached. So a revoke run to
  // completion removes exactly the descendants the capability had when it started, and nothing else.
  lemma LemmaRevokeStepEnd(s: seq<Entry>, k: int, r: int)
    requires 0 <= k && 0 <= r && k + 1 + r <= |s|
    requires forall j :: k < j <= k + r ==> Depth(s[j]) > Depth(s[k])
    ensures End(s, k, k + 1) == End(s[..k + 1] + s[k + 1 + r..], k, k + 1) + r
  {
    var s' := s[..k + 1] + s[k + 1 + r..];
    LemmaStepShift(s, k, r);
    LemmaEnd(s', k, k + 1);
    var e' := End(s', k, k + 1);
    LemmaShiftDeeper(s, s', k, r, e');
    if e' < |s'| { assert Depth(s[e' + r]) <= Depth(s[k]); }
    LemmaEndUnique(s, k, e' + r);
  }

  // A revoke step's result as a shift of s: after position k, entry m of s' is entry m + r of s.
  lemma LemmaStepShift(s: seq<Entry>, k: int, r: int)
    requires 0 <= k && 0 <= r && k + 1 + r <= |s|
    ensures var s' := s[..k + 1] + s[k + 1 + r..];
            && |s'| == |s| - r && s'[k] == s[k] && forall m :: k < m < |s'| ==> s'[m] == s[m + r]
  {
  }

  // The run of deeper entries after k in s' ends at e'; in s it is r longer (the r removed entries were deeper).
  lemma LemmaShiftDeeper(s: seq<Entry>, s': seq<Entry>, k: int, r: int, e': int)
    requires 0 <= k && 0 <= r && k + 1 + r <= |s| && |s'| == |s| - r && k < e' <= |s'|
    requires s'[k] == s[k] && forall m :: k < m < |s'| ==> s'[m] == s[m + r]
    requires forall j :: k < j <= k + r ==> Depth(s[j]) > Depth(s[k])
    requires forall m :: k < m < e' ==> Depth(s'[m]) > Depth(s'[k])
    ensures forall m :: k < m < e' + r ==> Depth(s[m]) > Depth(s[k])
  {
    forall m | k < m < e' + r ensures Depth(s[m]) > Depth(s[k]) {
      if m > k + r { assert s'[m - r] == s[m]; }
    }
  }

  // Each revoke step keeps the target fixed; when it reports done the target is reached. So a revoke run to
  // completion removes exactly the descendants the capability had when it started, and nothing else.
  lemma LemmaRevokeStepKeepsTarget(s: seq<Entry>, k: int, r: int)
    requires 0 <= k && 0 <= r && k + 1 + r <= |s|
    requires forall j :: k < j <= k + r ==> Depth(s[j]) > Depth(s[k])
    ensures Revoked(s[..k + 1] + s[k + 1 + r..], k) == Revoked(s, k)
  {
    var s' := s[..k + 1] + s[k + 1 + r..];
    LemmaRevokeStepEnd(s, k, r);
    LemmaEnd(s', k, k + 1);
    var e' := End(s', k, k + 1);
    assert s'[..k + 1] == s[..k + 1];
    assert s'[e'..] == s[e' + r..];
  }

  lemma LemmaEndUnique(s: seq<Entry>, k: int, x: int)
    requires 0 <= k < x <= |s|
    requires forall m :: k < m < x ==> Depth(s[m]) > Depth(s[k])
    requires x < |s| ==> Depth(s[x]) <= Depth(s[k])
    ensures End(s, k, k + 1) == x
  {
    LemmaEndFrom(s, k, k + 1, x);
  }

  lemma LemmaEndFrom(s: seq<Entry>, k: int, j: int, x: int)
    requires 0 <= k < j <= x <= |s|
    requires forall m :: k < m < x ==> Depth(s[m]) > Depth(s[k])
    requires x < |s| ==> Depth(s[x]) <= Depth(s[k])
    ensures End(s, k, j) == x
    decreases x - j
  {
    if j < x { LemmaEndFrom(s, k, j + 1, x); }
  }

  lemma LemmaRevokeDone(s: seq<Entry>, k: int)
    requires 0 <= k < |s| && !HasChild(s, k)
    ensures Revoked(s, k) == s
    ensures forall m :: 0 <= m < |s| ==> !Desc(s, k, m)
  {
    LemmaEndUnique(s, k, k + 1);
    LemmaSubtree(s, k);
  }
}
