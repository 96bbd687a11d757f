// The representation invariant of CapSpace as one opaque predicate over sequence snapshots of its arrays, and
// one lemma per O(1) update (ghost only). Keeping it opaque keeps the methods' proof contexts small: a method
// sees only the facts the lemma it calls returns.
include "CapsModelLemmas.dfy"
include "CapsLinks.dfy"

module CapsRep {
  import opened NativeTypes
  import opened CapsTypes
  import opened CapsModel
  import opened CapsModelLemmas
  import opened CapsLinks

  ghost predicate CountsOk(s: seq<Entry>, rc: seq<u64>) {
    forall o: u64 :: o as int < |rc| ==> rc[o] as int == Count(s, o)
  }

  ghost predicate Shaped(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, n: int) {
    |pos| == n && |v| == n && |nx| == n && |pv| == n && forall i :: 0 <= i < |s| ==> 0 <= Node(s[i]) < n
  }

  // s: the abstract state; pos, v, nx, pv, h, rc: the ghost positions and the arrays' contents.
  opaque ghost predicate Rep(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32,
                             rc: seq<u64>, n: int, objects: int)
  {
    && Inv(s, n, objects) && |pos| == n && |rc| == objects
    && PosOk(s, pos) && ViewOk(s, v, pos) && LinksOk(s, nx, pv, h) && CountsOk(s, rc)
  }

  lemma LemmaRepEmpty(pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, rc: seq<u64>, n: int, objects: int)
    requires |pos| == n && |v| == n && |rc| == objects && |nx| == n && |pv| == n && n <= MaxNodes as int
    requires forall x :: 0 <= x < n ==> pos[x] == -1 && Type(v[x]) == TypeNull
    requires forall o :: 0 <= o < objects ==> rc[o] == 0
    ensures Rep([], pos, v, nx, pv, Nil, rc, n, objects)
  {
    reveal Rep();
  }

  lemma LemmaRepInv(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                    n: int, objects: int)
    requires Rep(s, pos, v, nx, pv, h, rc, n, objects)
    ensures Inv(s, n, objects) && CountsOk(s, rc) && |rc| == objects && |v| == |pos| == n
    ensures h as int == NodeOr(s, 0) && (h != Nil ==> 0 <= h as int < n && pos[h] == 0)
  {
    reveal Rep();
    if h != Nil { assert pos[Node(s[0])] == 0; }
  }

  lemma LemmaRepHead(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                     n: int, objects: int)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects)
    ensures h as int == NodeOr(s, 0) && (h != Nil ==> 0 <= h as int < n && pos[h] == 0)
  {
    reveal Rep();
  }

  lemma LemmaRepCount(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                      n: int, objects: int, o: u64)
    requires Rep(s, pos, v, nx, pv, h, rc, n, objects) && o as int < objects
    ensures |rc| == objects && rc[o] as int == Count(s, o)
  {
    reveal Rep();
  }

  lemma LemmaRepEntry(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                      n: int, objects: int, i: int)
    requires Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= i < |s|
    ensures EntryOk(s[i], n, objects)
  {
    reveal Rep();
  }

  // Node x: occupied exactly when its type is not TypeNull; then v[x] is its entry and nx/pv its neighbours.
  lemma LemmaRepNode(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                     n: int, objects: int, x: int)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= x < n
    ensures Present(s, x) <==> Type(v[x]) != TypeNull
    ensures Type(v[x]) != TypeNull ==>
      && 0 <= pos[x] < |s| && IndexOf(s, x) == pos[x] && s[pos[x]] == v[x]
      && nx[x] as int == NodeOr(s, pos[x] + 1) && pv[x] as int == NodeOr(s, pos[x] - 1)
    ensures Type(v[x]) == TypeNull ==> pos[x] == -1
  {
    reveal Rep();
    LemmaPresentIffPos(s, pos, x);
    if pos[x] >= 0 { assert Node(s[pos[x]]) == x; }
  }

  // The entry at position i sits at node Node(s[i]), which pos maps back to i.
  lemma LemmaRepIndex(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                      n: int, objects: int, i: int)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= i < |s|
    ensures pos[Node(s[i])] == i
  {
    reveal Rep();
  }

  lemma LemmaRepInsert(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                       n: int, objects: int, p: int, e: Entry,
                       v': seq<Entry>, nx': seq<u32>, pv': seq<u32>, h': u32, rc': seq<u64>)
    requires Shaped(s, pos, v, nx, pv, n)
    requires Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p <= |s|
    requires var x := Node(e); 0 <= x < n && pos[x] == -1 && EntryOk(e, n, objects)
    // the new entry is a root at the front, or a child of s[p - 1]
    requires p == 0 ==> Depth(e) == 0
    requires p > 0 ==> Depth(e) == ChildDepth(s, p - 1) && Derived(s[p - 1], e)
    // the writes: e's fields at x; x linked between positions p - 1 and p; one more reference to Obj(e)
    requires |v'| == |v| && v'[Node(e)] == e && forall y :: 0 <= y < |v| && y != Node(e) ==> v'[y] == v[y]
    requires |nx'| == |nx| && |pv'| == |pv|
    requires forall y :: 0 <= y < |nx| && y != Node(e) && y != NodeOr(s, p - 1) ==> nx'[y] == nx[y]
    requires forall y :: 0 <= y < |pv| && y != Node(e) && y != NodeOr(s, p) ==> pv'[y] == pv[y]
    requires nx'[Node(e)] as int == NodeOr(s, p) && pv'[Node(e)] as int == NodeOr(s, p - 1)
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == Node(e)
    requires p < |s| ==> pv'[Node(s[p])] as int == Node(e)
    requires h' as int == (if p == 0 then Node(e) else h as int)
    requires Obj(e) as int < |rc| && |rc'| == |rc| && rc'[Obj(e)] as int == rc[Obj(e)] as int + 1
    requires forall o :: 0 <= o < |rc| && o != Obj(e) as int ==> rc'[o] == rc[o]
    ensures Rep(InsertAt(s, p, e), PosInsert(pos, p, Node(e)), v', nx', pv', h', rc', n, objects)
  {
    reveal Rep();
    var x := Node(e);
    assert !Present(s, x) by { LemmaPresentIffPos(s, pos, x); }
    if p == 0 {
      LemmaInsertRoot(s, e, n, objects);
      assert InsertAt(s, p, e) == InsertAt(s, 0, e);
    } else {
      LemmaInsertChild(s, p - 1, e, n, objects);
    }
    LemmaPosInsert(s, pos, p, e);
    assert v' == v[x := e];
    LemmaViewInsert(s, v, pos, p, e);
    LemmaLinksInsert(s, nx, pv, h, p, x, nx', pv', h', e);
    forall o: u64 | o as int < |rc'| ensures rc'[o] as int == Count(InsertAt(s, p, e), o) {
      LemmaCountInsert(s, p, e, o);
    }
  }

  lemma LemmaRepRemove(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                       n: int, objects: int, p: int,
                       v': seq<Entry>, nx': seq<u32>, pv': seq<u32>, h': u32, rc': seq<u64>)
    requires Shaped(s, pos, v, nx, pv, n)
    requires Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p < |s| && Removable(s, p)
    requires var x := Node(s[p]); 0 <= x < |v|
    requires |v'| == |v| && v'[Node(s[p])] == Cleared(Node(s[p]))
    requires forall y :: 0 <= y < |v| && y != Node(s[p]) ==> v'[y] == v[y]
    requires |nx'| == |nx| && |pv'| == |pv|
    requires forall y :: 0 <= y < |nx| && y != NodeOr(s, p - 1) ==> nx'[y] == nx[y]
    requires forall y :: 0 <= y < |pv| && y != NodeOr(s, p + 1) ==> pv'[y] == pv[y]
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == NodeOr(s, p + 1)
    requires p + 1 < |s| ==> pv'[Node(s[p + 1])] as int == NodeOr(s, p - 1)
    requires h' as int == (if p == 0 then NodeOr(s, 1) else h as int)
    requires Obj(s[p]) as int < |rc| && |rc'| == |rc| && rc'[Obj(s[p])] as int == rc[Obj(s[p])] as int - 1
    requires forall o :: 0 <= o < |rc| && o != Obj(s[p]) as int ==> rc'[o] == rc[o]
    ensures Rep(RemoveAt(s, p), PosRemove(pos, p, Node(s[p])), v', nx', pv', h', rc', n, objects)
  {
    reveal Rep();
    LemmaRemove(s, p, n, objects);
    LemmaPosRemove(s, pos, p);
    assert v' == v[Node(s[p]) := Cleared(Node(s[p]))];
    LemmaViewRemove(s, v, pos, p, Cleared(Node(s[p])));
    LemmaLinksRemove(s, nx, pv, h, p, nx', pv', h');
    forall o: u64 | o as int < |rc'| ensures rc'[o] as int == Count(RemoveAt(s, p), o) {
      LemmaCountRemove(s, p, o);
    }
  }

  lemma LemmaRepReplace(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                        n: int, objects: int, p: int, y: int,
                        v': seq<Entry>, nx': seq<u32>, pv': seq<u32>, h': u32)
    requires Shaped(s, pos, v, nx, pv, n)
    requires Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p < |s| && 0 <= y < n && pos[y] == -1
    requires |v'| == |v| && v'[y] == AtNode(s[p], y) && v'[Node(s[p])] == Cleared(Node(s[p]))
    requires forall z :: 0 <= z < |v| && z != y && z != Node(s[p]) ==> v'[z] == v[z]
    requires |nx'| == |nx| && |pv'| == |pv|
    requires forall z :: 0 <= z < |nx| && z != y && z != NodeOr(s, p - 1) ==> nx'[z] == nx[z]
    requires forall z :: 0 <= z < |pv| && z != y && z != NodeOr(s, p + 1) ==> pv'[z] == pv[z]
    requires nx'[y] as int == NodeOr(s, p + 1) && pv'[y] as int == NodeOr(s, p - 1)
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == y
    requires p + 1 < |s| ==> pv'[Node(s[p + 1])] as int == y
    requires h' as int == (if p == 0 then y else h as int)
    ensures Rep(s[p := AtNode(s[p], y)], pos[Node(s[p]) := -1][y := p], v', nx', pv', h', rc, n, objects)
  {
    reveal Rep();
    assert !Present(s, y) by { LemmaPresentIffPos(s, pos, y); }
    LemmaReplaceNode(s, p, y, n, objects);
    LemmaPosReplace(s, pos, p, y);
    assert v' == v[Node(s[p]) := Cleared(Node(s[p]))][y := AtNode(s[p], y)];
    LemmaViewReplace(s, v, pos, p, y, Cleared(Node(s[p])));
    LemmaLinksReplace(s, nx, pv, h, p, y, nx', pv', h');
    forall o: u64 | o as int < |rc| ensures rc[o] as int == Count(s[p := AtNode(s[p], y)], o) {
      LemmaCountReplace(s, p, y, o);
    }
  }
}

// The same three updates with the arrays' new contents given as sequence updates, which is what a method's
// writes produce directly (a[..] after a[i] := v is old(a[..])[i := v]); the pointwise facts are proved here,
// away from the heap.
module CapsRepUpdates {
  import opened NativeTypes
  import opened CapsTypes
  import opened CapsModel
  import opened CapsModelLemmas
  import opened CapsLinks
  import opened CapsRep

  ghost function N32(s: seq<Entry>, j: int): u32 {
    if 0 <= j < |s| && 0 <= Node(s[j]) < Nil as int then Node(s[j]) as u32 else Nil
  }

  lemma LemmaN32(s: seq<Entry>, j: int, n: int)
    requires (forall i :: 0 <= i < |s| ==> 0 <= Node(s[i]) < n) && n <= MaxNodes as int
    ensures N32(s, j) as int == NodeOr(s, j)
  {
  }

  lemma LemmaInsertUpd(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                       n: int, objects: int, p: int, e: Entry, x: u32)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p <= |s|
    requires n <= MaxNodes as int && x as int == Node(e) && 0 <= Node(e) < n && pos[Node(e)] == -1 && EntryOk(e, n, objects)
    requires p == 0 ==> Depth(e) == 0
    requires p > 0 ==> Depth(e) == ChildDepth(s, p - 1) && Derived(s[p - 1], e)
    requires |rc| == objects && rc[Obj(e)] < MaxCounter
    ensures var nx1 := nx[x := N32(s, p)];
            var pv1 := pv[x := N32(s, p - 1)];
            var nx' := if p > 0 then nx1[Node(s[p - 1]) := x] else nx1;
            var pv' := if p < |s| then pv1[Node(s[p]) := x] else pv1;
            var h' := if p == 0 then x else h;
            var s' := InsertAt(s, p, e);
            && Shaped(s', PosInsert(pos, p, Node(e)), v[x := e], nx', pv', n)
            && Rep(s', PosInsert(pos, p, Node(e)), v[x := e], nx', pv', h', rc[Obj(e) := rc[Obj(e)] + 1], n, objects)
  {
    LemmaN32(s, p, n);
    LemmaN32(s, p - 1, n);
    if p > 0 { LemmaRepIndex(s, pos, v, nx, pv, h, rc, n, objects, p - 1); }
    if p < |s| { LemmaRepIndex(s, pos, v, nx, pv, h, rc, n, objects, p); }
    var s' := InsertAt(s, p, e);
    LemmaRepInsert(s, pos, v, nx, pv, h, rc, n, objects, p, e, v[x := e],
      if p > 0 then nx[x := N32(s, p)][Node(s[p - 1]) := x] else nx[x := N32(s, p)],
      if p < |s| then pv[x := N32(s, p - 1)][Node(s[p]) := x] else pv[x := N32(s, p - 1)],
      if p == 0 then x else h, rc[Obj(e) := rc[Obj(e)] + 1]);
    forall i | 0 <= i < |s'| ensures 0 <= Node(s'[i]) < n {
      if i < p { assert s'[i] == s[i]; } else if i > p { assert s'[i] == s[i - 1]; }
    }
  }

  lemma LemmaRemoveUpd(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                       n: int, objects: int, p: int)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p < |s| && Removable(s, p)
    requires n <= MaxNodes as int
    ensures Obj(s[p]) as int < |rc| && rc[Obj(s[p])] >= 1
    ensures var x := Node(s[p]);
            var nx' := if p > 0 then nx[Node(s[p - 1]) := N32(s, p + 1)] else nx;
            var pv' := if p + 1 < |s| then pv[Node(s[p + 1]) := N32(s, p - 1)] else pv;
            var h' := if p == 0 then N32(s, 1) else h;
            var s' := RemoveAt(s, p);
            && Shaped(s', PosRemove(pos, p, x), v[x := Cleared(x)], nx', pv', n)
            && Rep(s', PosRemove(pos, p, x), v[x := Cleared(x)], nx', pv', h', rc[Obj(s[p]) := rc[Obj(s[p])] - 1], n, objects)
  {
    LemmaRepInv(s, pos, v, nx, pv, h, rc, n, objects);
    LemmaN32(s, p + 1, n);
    LemmaN32(s, p - 1, n);
    LemmaN32(s, 1, n);
    assert EntryOk(s[p], n, objects);
    LemmaCountRemove(s, p, Obj(s[p]));
    var x := Node(s[p]);
    var s' := RemoveAt(s, p);
    LemmaRepRemove(s, pos, v, nx, pv, h, rc, n, objects, p, v[x := Cleared(x)],
      if p > 0 then nx[Node(s[p - 1]) := N32(s, p + 1)] else nx,
      if p + 1 < |s| then pv[Node(s[p + 1]) := N32(s, p - 1)] else pv,
      if p == 0 then N32(s, 1) else h, rc[Obj(s[p]) := rc[Obj(s[p])] - 1]);
    LemmaRemoveNodesIn(s, p, n);
  }

  lemma LemmaRemoveNodesIn(s: seq<Entry>, p: int, n: int)
    requires 0 <= p < |s| && forall i :: 0 <= i < |s| ==> 0 <= Node(s[i]) < n
    ensures forall i :: 0 <= i < |s| - 1 ==> 0 <= Node(RemoveAt(s, p)[i]) < n
  {
    var s' := RemoveAt(s, p);
    forall i | 0 <= i < |s'| ensures 0 <= Node(s'[i]) < n {
      if i < p { assert s'[i] == s[i]; } else { assert s'[i] == s[i + 1]; }
    }
  }

  lemma LemmaReplaceUpd(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                        n: int, objects: int, p: int, y: u32)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p < |s|
    requires n <= MaxNodes as int && y as int < n && pos[y] == -1
    ensures var x := Node(s[p]);
            var nx1 := nx[y := N32(s, p + 1)];
            var pv1 := pv[y := N32(s, p - 1)];
            var nx' := if p > 0 then nx1[Node(s[p - 1]) := y] else nx1;
            var pv' := if p + 1 < |s| then pv1[Node(s[p + 1]) := y] else pv1;
            var h' := if p == 0 then y else h;
            var s' := s[p := AtNode(s[p], y as int)];
            var v' := v[y := AtNode(s[p], y as int)][x := Cleared(x)];
            && Shaped(s', pos[x := -1][y := p], v', nx', pv', n)
            && Rep(s', pos[x := -1][y := p], v', nx', pv', h', rc, n, objects)
  {
    LemmaRepInv(s, pos, v, nx, pv, h, rc, n, objects);
    LemmaN32(s, p + 1, n);
    LemmaN32(s, p - 1, n);
    var x := Node(s[p]);
    LemmaRepIndex(s, pos, v, nx, pv, h, rc, n, objects, p);
    if p > 0 { LemmaRepIndex(s, pos, v, nx, pv, h, rc, n, objects, p - 1); }
    if p + 1 < |s| { LemmaRepIndex(s, pos, v, nx, pv, h, rc, n, objects, p + 1); }
    assert x != y as int;
    var v' := v[y := AtNode(s[p], y as int)][x := Cleared(x)];
    assert v' == v[x := Cleared(x)][y := AtNode(s[p], y as int)];
    LemmaRepReplace(s, pos, v, nx, pv, h, rc, n, objects, p, y as int, v',
      if p > 0 then nx[y := N32(s, p + 1)][Node(s[p - 1]) := y] else nx[y := N32(s, p + 1)],
      if p + 1 < |s| then pv[y := N32(s, p - 1)][Node(s[p + 1]) := y] else pv[y := N32(s, p - 1)],
      if p == 0 then y else h);
    assert pos[x := -1][y := p] == pos[Node(s[p]) := -1][y as int := p];
  }

  // The list writes of the updates as sequence updates: Splice puts node x between pr and sc (Link, Relocate);
  // Bypass makes pr and sc neighbours (Unlink). Nil for pr means x (or sc) becomes the head.
  ghost function SpliceNext(nx: seq<u32>, x: u32, pr: u32, sc: u32): seq<u32>
    requires x as int < |nx| && (pr == Nil || pr as int < |nx|)
  {
    if pr != Nil then nx[x := sc][pr := x] else nx[x := sc]
  }

  ghost function SplicePrev(pv: seq<u32>, x: u32, pr: u32, sc: u32): seq<u32>
    requires x as int < |pv| && (sc == Nil || sc as int < |pv|)
  {
    if sc != Nil then pv[x := pr][sc := x] else pv[x := pr]
  }

  ghost function BypassNext(nx: seq<u32>, pr: u32, sc: u32): seq<u32>
    requires pr == Nil || pr as int < |nx|
  {
    if pr != Nil then nx[pr := sc] else nx
  }

  ghost function BypassPrev(pv: seq<u32>, pr: u32, sc: u32): seq<u32>
    requires sc == Nil || sc as int < |pv|
  {
    if sc != Nil then pv[sc := pr] else pv
  }

  // LemmaInsertUpd with the list writes as Splice(x, pr, sc) makes them, pr and sc being x's new neighbours.
  lemma LemmaLinkUpd(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                     n: int, objects: int, p: int, e: Entry, x: u32, pr: u32, sc: u32)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p <= |s|
    requires n <= MaxNodes as int && x as int == Node(e) && 0 <= Node(e) < n && pos[Node(e)] == -1 && EntryOk(e, n, objects)
    requires p == 0 ==> Depth(e) == 0
    requires p > 0 ==> Depth(e) == ChildDepth(s, p - 1) && Derived(s[p - 1], e)
    requires |rc| == objects && rc[Obj(e)] < MaxCounter
    requires pr == N32(s, p - 1) && sc == N32(s, p)
    ensures (pr == Nil || pr as int < n) && (sc == Nil || sc as int < n)
    ensures var s' := InsertAt(s, p, e);
            var nx' := SpliceNext(nx, x, pr, sc);
            var pv' := SplicePrev(pv, x, pr, sc);
            var h' := if pr == Nil then x else h;
            && Shaped(s', PosInsert(pos, p, Node(e)), v[x := e], nx', pv', n)
            && Rep(s', PosInsert(pos, p, Node(e)), v[x := e], nx', pv', h', rc[Obj(e) := rc[Obj(e)] + 1], n, objects)
  {
    LemmaN32(s, p, n);
    LemmaN32(s, p - 1, n);
    LemmaInsertUpd(s, pos, v, nx, pv, h, rc, n, objects, p, e, x);
    assert (p > 0) == (pr != Nil) && (p < |s|) == (sc != Nil);
    assert p > 0 ==> Node(s[p - 1]) == pr as int;
    assert p < |s| ==> Node(s[p]) == sc as int;
  }

  // LemmaRemoveUpd with the list writes as Bypass(pr, sc) makes them, pr and sc being the removed node's neighbours.
  lemma LemmaUnlinkUpd(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                       n: int, objects: int, p: int, pr: u32, sc: u32)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p < |s| && Removable(s, p)
    requires n <= MaxNodes as int
    requires pr == N32(s, p - 1) && sc == N32(s, p + 1)
    ensures Obj(s[p]) as int < |rc| && rc[Obj(s[p])] >= 1
    ensures (pr == Nil || pr as int < n) && (sc == Nil || sc as int < n)
    ensures var x := Node(s[p]);
            var s' := RemoveAt(s, p);
            var nx' := BypassNext(nx, pr, sc);
            var pv' := BypassPrev(pv, pr, sc);
            var h' := if pr == Nil then sc else h;
            && Shaped(s', PosRemove(pos, p, x), v[x := Cleared(x)], nx', pv', n)
            && Rep(s', PosRemove(pos, p, x), v[x := Cleared(x)], nx', pv', h', rc[Obj(s[p]) := rc[Obj(s[p])] - 1], n, objects)
  {
    LemmaN32(s, p + 1, n);
    LemmaN32(s, p - 1, n);
    LemmaRemoveUpd(s, pos, v, nx, pv, h, rc, n, objects, p);
    assert (p > 0) == (pr != Nil) && (p + 1 < |s|) == (sc != Nil);
    assert p > 0 ==> Node(s[p - 1]) == pr as int;
    assert p + 1 < |s| ==> Node(s[p + 1]) == sc as int;
  }

  // LemmaReplaceUpd with the list writes as Splice(y, pr, sc) makes them, pr and sc being s[p]'s neighbours.
  lemma LemmaRelocateUpd(s: seq<Entry>, pos: seq<int>, v: seq<Entry>, nx: seq<u32>, pv: seq<u32>, h: u32, rc: seq<u64>,
                         n: int, objects: int, p: int, y: u32, pr: u32, sc: u32)
    requires Shaped(s, pos, v, nx, pv, n) && Rep(s, pos, v, nx, pv, h, rc, n, objects) && 0 <= p < |s|
    requires n <= MaxNodes as int && y as int < n && pos[y] == -1
    requires pr == N32(s, p - 1) && sc == N32(s, p + 1)
    ensures (pr == Nil || pr as int < n) && (sc == Nil || sc as int < n)
    ensures var x := Node(s[p]);
            var nx' := SpliceNext(nx, y, pr, sc);
            var pv' := SplicePrev(pv, y, pr, sc);
            var h' := if pr == Nil then y else h;
            var s' := s[p := AtNode(s[p], y as int)];
            var v' := v[y := AtNode(s[p], y as int)][x := Cleared(x)];
            && Shaped(s', pos[x := -1][y := p], v', nx', pv', n)
            && Rep(s', pos[x := -1][y := p], v', nx', pv', h', rc, n, objects)
  {
    LemmaN32(s, p + 1, n);
    LemmaN32(s, p - 1, n);
    LemmaReplaceUpd(s, pos, v, nx, pv, h, rc, n, objects, p, y);
    assert (p > 0) == (pr != Nil) && (p + 1 < |s|) == (sc != Nil);
    assert p > 0 ==> Node(s[p - 1]) == pr as int;
    assert p + 1 < |s| ==> Node(s[p + 1]) == sc as int;
  }
}
