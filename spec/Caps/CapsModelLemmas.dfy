// Lemmas that the sequence updates of the operations keep the model invariant (ghost only).
// Each is stated for exactly the update one operation makes, so the CapSpace methods call them directly.
include "CapsModel.dfy"

module CapsModelLemmas {
  import opened NativeTypes
  import opened CapsTypes
  import opened CapsModel

  lemma LemmaDerivedTransitive(a: Entry, b: Entry, c: Entry)
    requires Derived(a, b) && Derived(b, c)
    ensures Derived(a, c)
  {
    LemmaRightsSubsetTransitive(Rights(c), Rights(b), Rights(a));
  }

  // A new root at the front has no ancestors (depth 0) and no descendants (the old first entry has depth 0).
  lemma LemmaInsertRoot(s: seq<Entry>, e: Entry, n: int, objects: int)
    requires Inv(s, n, objects) && EntryOk(e, n, objects) && Depth(e) == 0 && !Present(s, Node(e))
    ensures Inv(InsertAt(s, 0, e), n, objects)
  {
    var s' := InsertAt(s, 0, e);
    assert s' == [e] + s;
    forall i, j | Desc(s', i, j) ensures Derived(s'[i], s'[j]) {
      if i == 0 {
        assert Depth(s'[1]) > Depth(s'[0]);  // from Desc; but s'[1] = s[0] has depth 0
        assert false;
      }
      assert Desc(s, i - 1, j - 1) by {
        forall m | i - 1 < m <= j - 1 ensures Depth(s[m]) > Depth(s[i - 1]) { assert s'[m + 1] == s[m]; }
      }
    }
  }

  // Entry m of InsertAt(s, p, e) is entry m (before p), e (at p) or entry m - 1 (after p) of s.
  lemma LemmaInsertAtShift(s: seq<Entry>, p: int, e: Entry)
    requires 0 <= p <= |s|
    ensures |InsertAt(s, p, e)| == |s| + 1 && InsertAt(s, p, e)[p] == e
    ensures forall m :: 0 <= m < p ==> InsertAt(s, p, e)[m] == s[m]
    ensures forall m :: p < m < |s| + 1 ==> InsertAt(s, p, e)[m] == s[m - 1]
  {
  }

  // A new child e of s[k] right after it: its ancestors are s[k] and s[k]'s ancestors; it has no descendants.
  // One descendant pair of the new sequence at a time.
  lemma LemmaInsertChildPair(s: seq<Entry>, k: int, e: Entry, n: int, objects: int, i: int, j: int)
    requires Inv(s, n, objects) && 0 <= k < |s|
    requires Depth(e) == ChildDepth(s, k) && Derived(s[k], e)
    requires Desc(InsertAt(s, k + 1, e), i, j)
    ensures Derived(InsertAt(s, k + 1, e)[i], InsertAt(s, k + 1, e)[j])
  {
    var s' := InsertAt(s, k + 1, e);
    LemmaInsertAtShift(s, k + 1, e);
    if j == k + 1 {
      if i < k {
        assert Desc(s, i, k);
        LemmaDerivedTransitive(s[i], s[k], e);
      }
    } else if i == k + 1 {
      assert Depth(s'[k + 2]) > Depth(e);
      assert false;
    } else if j <= k {
      assert Desc(s, i, j);
    } else if i <= k {
      LemmaInsertDescAcross(s, k + 1, e, i, j);
    } else {
      LemmaInsertDescAfter(s, k + 1, e, i, j);
    }
  }

  // A descendant pair of InsertAt(s, p, e) across position p (p strictly between i and j) is one of s.
  lemma LemmaInsertDescAcross(s: seq<Entry>, p: int, e: Entry, i: int, j: int)
    requires 0 <= i < p < j <= |s| && Desc(InsertAt(s, p, e), i, j)
    ensures Desc(s, i, j - 1) && InsertAt(s, p, e)[i] == s[i] && InsertAt(s, p, e)[j] == s[j - 1]
  {
    var s' := InsertAt(s, p, e);
    LemmaInsertAtShift(s, p, e);
    forall m | i < m <= j - 1 ensures Depth(s[m]) > Depth(s[i]) {
      if m < p { assert s'[m] == s[m]; } else { assert s'[m + 1] == s[m]; }
    }
  }

  // A descendant pair of InsertAt(s, p, e) after position p is one of s.
  lemma LemmaInsertDescAfter(s: seq<Entry>, p: int, e: Entry, i: int, j: int)
    requires 0 <= p < i < j <= |s| && Desc(InsertAt(s, p, e), i, j)
    ensures Desc(s, i - 1, j - 1) && InsertAt(s, p, e)[i] == s[i - 1] && InsertAt(s, p, e)[j] == s[j - 1]
  {
    var s' := InsertAt(s, p, e);
    LemmaInsertAtShift(s, p, e);
    forall m | i - 1 < m <= j - 1 ensures Depth(s[m]) > Depth(s[i - 1]) {
      assert s'[m + 1] == s[m];
    }
  }

  lemma LemmaInsertChild(s: seq<Entry>, k: int, e: Entry, n: int, objects: int)
    requires Inv(s, n, objects) && 0 <= k < |s| && EntryOk(e, n, objects) && !Present(s, Node(e))
    requires Depth(e) == ChildDepth(s, k) && Derived(s[k], e)
    ensures Inv(InsertAt(s, k + 1, e), n, objects)
  {
    var s' := InsertAt(s, k + 1, e);
    assert forall m :: 0 <= m <= k ==> s'[m] == s[m];
    assert s'[k + 1] == e;
    assert forall m :: k + 1 < m < |s'| ==> s'[m] == s[m - 1];
    forall i, j | Desc(s', i, j) ensures Derived(s'[i], s'[j]) {
      LemmaInsertChildPair(s, k, e, n, objects, i, j);
    }
    forall i, j | 0 <= i < j < |s'| ensures Node(s'[i]) != Node(s'[j]) {
      if i != k + 1 && j != k + 1 {
        var i0 := if i <= k then i else i - 1;
        var j0 := if j <= k then j else j - 1;
        assert s'[i] == s[i0] && s'[j] == s[j0] && i0 < j0;
      }
    }
  }

  // The removal condition: a leaf, or a first child (whose children then belong to its parent).
  ghost predicate Removable(s: seq<Entry>, p: int)
    requires 0 <= p < |s|
  {
    !HasChild(s, p) || (p > 0 && Depth(s[p]) > Depth(s[p - 1]))
  }

  // Every descendant relation after the removal held before it: an entry removed from between i and j was
  // deeper than s[i].
  lemma LemmaRemoveDesc(s: seq<Entry>, p: int, i: int, j: int)
    requires 0 <= p < |s| && Removable(s, p) && Desc(RemoveAt(s, p), i, j)
    ensures Desc(s, if i < p then i else i + 1, if j < p then j else j + 1)
  {
    var s' := RemoveAt(s, p);
    var i0 := if i < p then i else i + 1;
    var j0 := if j < p then j else j + 1;
    assert s'[i] == s[i0];
    forall m | i0 < m <= j0 ensures Depth(s[m]) > Depth(s[i0]) {
      if m < p {
        assert s'[m] == s[m];
      } else if m > p {
        assert s'[m - 1] == s[m];
      } else {
        // m == p lies strictly between i0 and j0, so s[p + 1] = s'[p] is deeper than s[i0].
        assert s'[p] == s[p + 1];
        assert Depth(s'[p]) > Depth(s'[i]);
        if HasChild(s, p) && i0 < p - 1 {
          assert s'[p - 1] == s[p - 1];
          assert Depth(s'[p - 1]) > Depth(s'[i]);
        }
      }
    }
  }

  lemma LemmaRemovePair(s: seq<Entry>, p: int, n: int, objects: int, i: int, j: int)
    requires Inv(s, n, objects) && 0 <= p < |s| && Removable(s, p) && Desc(RemoveAt(s, p), i, j)
    ensures Derived(RemoveAt(s, p)[i], RemoveAt(s, p)[j])
  {
    var s' := RemoveAt(s, p);
    LemmaRemoveDesc(s, p, i, j);
    assert s'[i] == s[if i < p then i else i + 1] && s'[j] == s[if j < p then j else j + 1];
  }

  lemma LemmaRemoveDistinct(s: seq<Entry>, p: int)
    requires Distinct(s) && 0 <= p < |s|
    ensures Distinct(RemoveAt(s, p))
  {
    var s' := RemoveAt(s, p);
    forall i, j | 0 <= i < j < |s'| ensures Node(s'[i]) != Node(s'[j]) {
      assert s'[i] == s[if i < p then i else i + 1] && s'[j] == s[if j < p then j else j + 1];
    }
  }

  lemma LemmaRemove(s: seq<Entry>, p: int, n: int, objects: int)
    requires Inv(s, n, objects) && 0 <= p < |s| && Removable(s, p)
    ensures Inv(RemoveAt(s, p), n, objects)
  {
    var s' := RemoveAt(s, p);
    forall i | 0 <= i < |s'| ensures EntryOk(s'[i], n, objects) {
      assert s'[i] == s[if i < p then i else i + 1];
    }
    forall i, j | Desc(s', i, j) ensures Derived(s'[i], s'[j]) {
      LemmaRemovePair(s, p, n, objects, i, j);
    }
    if p == 0 && |s'| > 0 {
      assert !HasChild(s, 0);
      assert s'[0] == s[1];
    } else if |s'| > 0 {
      assert s'[0] == s[0];
    }
    LemmaRemoveDistinct(s, p);
  }

  // What a removed node's arrays hold afterwards: nothing (type TypeNull).
  ghost function Cleared(x: int): Entry { (x, 0, TypeNull, 0, 0, 0) }

  // Move: the same capability at the same place in the order, held by another (empty) node.
  lemma LemmaReplaceNode(s: seq<Entry>, p: int, x: int, n: int, objects: int)
    requires Inv(s, n, objects) && 0 <= p < |s| && 0 <= x < n && !Present(s, x)
    ensures Inv(s[p := AtNode(s[p], x)], n, objects)
  {
    var s' := s[p := AtNode(s[p], x)];
    forall i, j | Desc(s', i, j) ensures Derived(s'[i], s'[j]) {
      assert Desc(s, i, j) by {
        forall m | i < m <= j ensures Depth(s[m]) > Depth(s[i]) { assert Depth(s'[m]) > Depth(s'[i]); }
      }
    }
  }

  // ---- Counting the capabilities that name an object ----

  lemma LemmaCountAppend(a: seq<Entry>, b: seq<Entry>, o: u64)
    ensures Count(a + b, o) == Count(a, o) + Count(b, o)
    decreases |b|
  {
    if |b| == 0 {
      assert a + b == a;
    } else {
      assert (a + b)[..|a + b| - 1] == a + b[..|b| - 1];
      LemmaCountAppend(a, b[..|b| - 1], o);
    }
  }

  lemma LemmaCountSingle(e: Entry, o: u64)
    ensures Count([e], o) == (if Obj(e) == o then 1 else 0)
  {
    assert [e][..0] == [];
  }

  lemma LemmaCountInsert(s: seq<Entry>, p: int, e: Entry, o: u64)
    requires 0 <= p <= |s|
    ensures Count(InsertAt(s, p, e), o) == Count(s, o) + (if Obj(e) == o then 1 else 0)
  {
    assert s == s[..p] + s[p..];
    LemmaCountAppend(s[..p], s[p..], o);
    LemmaCountAppend(s[..p] + [e], s[p..], o);
    LemmaCountAppend(s[..p], [e], o);
    LemmaCountSingle(e, o);
  }

  lemma LemmaCountRemove(s: seq<Entry>, p: int, o: u64)
    requires 0 <= p < |s|
    ensures Count(s, o) == Count(RemoveAt(s, p), o) + (if Obj(s[p]) == o then 1 else 0)
  {
    assert s == InsertAt(RemoveAt(s, p), p, s[p]);
    LemmaCountInsert(RemoveAt(s, p), p, s[p], o);
  }

  lemma LemmaCountReplace(s: seq<Entry>, p: int, x: int, o: u64)
    requires 0 <= p < |s|
    ensures Count(s[p := AtNode(s[p], x)], o) == Count(s, o)
  {
    var s' := s[p := AtNode(s[p], x)];
    assert RemoveAt(s', p) == RemoveAt(s, p);
    LemmaCountRemove(s, p, o);
    LemmaCountRemove(s', p, o);
  }

  lemma LemmaCountZero(s: seq<Entry>, o: u64)
    requires Count(s, o) == 0
    ensures forall j :: 0 <= j < |s| ==> Obj(s[j]) != o
    decreases |s|
  {
    if |s| > 0 {
      LemmaCountZero(s[..|s| - 1], o);
      assert forall j :: 0 <= j < |s| - 1 ==> s[j] == s[..|s| - 1][j];
    }
  }

  lemma LemmaCountPositive(s: seq<Entry>, o: u64)
    requires Count(s, o) > 0
    ensures exists j :: 0 <= j < |s| && Obj(s[j]) == o
    decreases |s|
  {
    if Obj(s[|s| - 1]) != o {
      LemmaCountPositive(s[..|s| - 1], o);
      var j :| 0 <= j < |s| - 1 && Obj(s[..|s| - 1][j]) == o;
      assert s[j] == s[..|s| - 1][j];
    }
  }

  lemma LemmaCountBound(s: seq<Entry>, o: u64)
    ensures Count(s, o) <= |s|
    decreases |s|
  {
    if |s| > 0 { LemmaCountBound(s[..|s| - 1], o); }
  }

  // The last-capability report is exact: with one capability naming o, no other entry names o; with more than
  // one, another entry names o.
  lemma LemmaLastCapability(s: seq<Entry>, p: int)
    requires 0 <= p < |s|
    ensures Count(s, Obj(s[p])) == 1 <==> forall j :: 0 <= j < |s| && j != p ==> Obj(s[j]) != Obj(s[p])
  {
    if Count(s, Obj(s[p])) == 1 {
      LemmaLastCapabilityOnly(s, p);
    } else {
      LemmaLastCapabilityOther(s, p);
    }
  }

  // Entry j of RemoveAt(s, p) is entry j (before p) or j + 1 (from p on) of s.
  lemma LemmaRemoveAtShift(s: seq<Entry>, p: int)
    requires 0 <= p < |s|
    ensures |RemoveAt(s, p)| == |s| - 1
    ensures forall j :: 0 <= j < |s| - 1 ==> RemoveAt(s, p)[j] == s[if j < p then j else j + 1]
  {
  }

  lemma LemmaLastCapabilityOnly(s: seq<Entry>, p: int)
    requires 0 <= p < |s| && Count(s, Obj(s[p])) == 1
    ensures forall j :: 0 <= j < |s| && j != p ==> Obj(s[j]) != Obj(s[p])
  {
    var o := Obj(s[p]);
    var r := RemoveAt(s, p);
    LemmaCountRemove(s, p, o);
    LemmaRemoveAtShift(s, p);
    LemmaCountZero(r, o);
    forall j | 0 <= j < |s| && j != p ensures Obj(s[j]) != o {
      assert s[j] == r[if j < p then j else j - 1];
    }
  }

  lemma LemmaLastCapabilityOther(s: seq<Entry>, p: int)
    requires 0 <= p < |s| && Count(s, Obj(s[p])) != 1
    ensures exists j :: 0 <= j < |s| && j != p && Obj(s[j]) == Obj(s[p])
  {
    var o := Obj(s[p]);
    var r := RemoveAt(s, p);
    LemmaCountRemove(s, p, o);
    LemmaRemoveAtShift(s, p);
    LemmaCountPositive(r, o);
    var j :| 0 <= j < |r| && Obj(r[j]) == o;
    var i := if j < p then j else j + 1;
    assert s[i] == r[j] && i != p;
  }
}
