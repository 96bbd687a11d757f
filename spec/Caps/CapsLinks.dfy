// How the implementation's arrays represent the abstract derivation order (ghost only):
// a doubly linked list in preorder (next/prev/head), a ghost index of each node's position (pos), and the
// capability fields per node (a view of the struct-of-arrays). Lemmas: each list update of the operations keeps
// the representation, for exactly the array writes the CapSpace methods make.
include "CapsModel.dfy"

module CapsLinks {
  import opened NativeTypes
  import opened CapsTypes
  import opened CapsModel

  // The node at position j, or Nil outside the sequence.
  ghost function NodeOr(s: seq<Entry>, j: int): int {
    if 0 <= j < |s| then Node(s[j]) else Nil as int
  }

  // next/prev link consecutive entries; head is the first.
  ghost predicate LinksOk(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32) {
    && |nx| == |pv| <= MaxNodes as int   // so no node is Nil
    && (forall i :: 0 <= i < |s| ==> 0 <= Node(s[i]) < |nx| && Node(s[i]) < |pv|)
    && (forall i :: 0 <= i < |s| ==> nx[Node(s[i])] as int == NodeOr(s, i + 1))
    && (forall i :: 0 <= i < |s| ==> pv[Node(s[i])] as int == NodeOr(s, i - 1))
    && head as int == NodeOr(s, 0)
  }

  // pos[x] is x's position, or -1 when x is empty.
  ghost predicate PosOk(s: seq<Entry>, pos: seq<int>) {
    && (forall i :: 0 <= i < |s| ==> 0 <= Node(s[i]) < |pos| && pos[Node(s[i])] == i)
    && (forall x :: 0 <= x < |pos| ==> -1 <= pos[x] < |s| && (pos[x] >= 0 ==> Node(s[pos[x]]) == x))
  }

  // view[x] is x's capability as the arrays hold it; a node is empty (type TypeNull) exactly when pos says so.
  ghost predicate ViewOk(s: seq<Entry>, view: seq<Entry>, pos: seq<int>) {
    && |view| == |pos|
    && (forall i :: 0 <= i < |s| ==> 0 <= Node(s[i]) < |view| && view[Node(s[i])] == s[i])
    && (forall x :: 0 <= x < |view| ==> (Type(view[x]) == TypeNull <==> pos[x] == -1))
  }

  lemma LemmaPresentIffPos(s: seq<Entry>, pos: seq<int>, x: int)
    requires PosOk(s, pos) && 0 <= x < |pos|
    ensures Present(s, x) <==> pos[x] >= 0
    ensures pos[x] >= 0 ==> IndexOf(s, x) == pos[x]
  {
    if Present(s, x) {
      var i := IndexOf(s, x);
      assert pos[Node(s[i])] == i;
    }
    if pos[x] >= 0 { assert Node(s[pos[x]]) == x; }
  }

  // ---- Insert e (node x, empty before) at position p ----

  ghost function PosInsert(pos: seq<int>, p: int, x: int): seq<int> {
    seq(|pos|, y requires 0 <= y < |pos| => if y == x then p else if pos[y] >= p then pos[y] + 1 else pos[y])
  }

  lemma LemmaPosInsert(s: seq<Entry>, pos: seq<int>, p: int, e: Entry)
    requires PosOk(s, pos) && 0 <= p <= |s| && 0 <= Node(e) < |pos| && pos[Node(e)] == -1
    ensures PosOk(InsertAt(s, p, e), PosInsert(pos, p, Node(e)))
  {
    var s' := InsertAt(s, p, e);
    var pos' := PosInsert(pos, p, Node(e));
    forall i | 0 <= i < |s'| ensures 0 <= Node(s'[i]) < |pos'| && pos'[Node(s'[i])] == i {
      if i < p { assert s'[i] == s[i]; } else if i > p { assert s'[i] == s[i - 1]; }
    }
    forall x | 0 <= x < |pos'| ensures -1 <= pos'[x] < |s'| && (pos'[x] >= 0 ==> Node(s'[pos'[x]]) == x) {
      if x != Node(e) && pos[x] >= p { assert s'[pos[x] + 1] == s[pos[x]]; }
      else if x != Node(e) && pos[x] >= 0 { assert s'[pos[x]] == s[pos[x]]; }
    }
  }

  lemma LemmaViewInsert(s: seq<Entry>, view: seq<Entry>, pos: seq<int>, p: int, e: Entry)
    requires PosOk(s, pos) && ViewOk(s, view, pos) && 0 <= p <= |s|
    requires 0 <= Node(e) < |pos| && pos[Node(e)] == -1 && Type(e) != TypeNull
    ensures ViewOk(InsertAt(s, p, e), view[Node(e) := e], PosInsert(pos, p, Node(e)))
  {
    var s' := InsertAt(s, p, e);
    forall i | 0 <= i < |s'| ensures 0 <= Node(s'[i]) < |view| && view[Node(e) := e][Node(s'[i])] == s'[i] {
      if i < p { assert s'[i] == s[i]; } else if i > p { assert s'[i] == s[i - 1]; }
    }
  }

  // Entry m of InsertAt(s, p, e) is entry m (before p), e (at p) or entry m - 1 (after p) of s.
  lemma LemmaInsertShift(s: seq<Entry>, p: int, e: Entry)
    requires 0 <= p <= |s|
    ensures |InsertAt(s, p, e)| == |s| + 1 && InsertAt(s, p, e)[p] == e
    ensures forall m :: 0 <= m < p ==> InsertAt(s, p, e)[m] == s[m]
    ensures forall m :: p < m < |s| + 1 ==> InsertAt(s, p, e)[m] == s[m - 1]
  {
  }

  lemma {:isolate_assertions} LemmaLinksInsertNext(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32, p: int, x: int,
                         nx': seq<u32>, pv': seq<u32>, head': u32, e: Entry)
    requires LinksOk(s, nx, pv, head) && Distinct(s) && 0 <= p <= |s| && Node(e) == x && !Present(s, x)
    requires 0 <= x < |nx| == |nx'| && x < |pv| == |pv'|
    requires forall y :: 0 <= y < |nx| && y != x && y != NodeOr(s, p - 1) ==> nx'[y] == nx[y]
    requires forall y :: 0 <= y < |pv| && y != x && y != NodeOr(s, p) ==> pv'[y] == pv[y]
    requires nx'[x] as int == NodeOr(s, p) && pv'[x] as int == NodeOr(s, p - 1)
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == x
    requires p < |s| ==> pv'[Node(s[p])] as int == x
    requires head' as int == (if p == 0 then x else head as int)
    ensures var s' := InsertAt(s, p, e); forall i :: 0 <= i < |s'| ==> nx'[Node(s'[i])] as int == NodeOr(s', i + 1)
  {
    var s' := InsertAt(s, p, e);
    LemmaInsertShift(s, p, e);
    forall i | 0 <= i < |s'| ensures nx'[Node(s'[i])] as int == NodeOr(s', i + 1) {
      if i < p - 1 {
        assert s'[i] == s[i] && Node(s[i]) != x && Node(s[i]) != Node(s[p - 1]);
        assert NodeOr(s', i + 1) == NodeOr(s, i + 1);
        assert nx'[Node(s[i])] == nx[Node(s[i])];
        assert nx[Node(s[i])] as int == NodeOr(s, i + 1);
      } else if i == p - 1 {
        assert s'[p] == e;
      } else if i == p {
        assert s'[p] == e;
        assert NodeOr(s', p + 1) == NodeOr(s, p);
      } else if i > p {
        assert s'[i] == s[i - 1] && Node(s[i - 1]) != x;
        if p > 0 { assert Node(s[i - 1]) != Node(s[p - 1]); }
        assert NodeOr(s', i + 1) == NodeOr(s, i);
        assert nx'[Node(s[i - 1])] == nx[Node(s[i - 1])];
        assert nx[Node(s[i - 1])] as int == NodeOr(s, i - 1 + 1);
      }
    }
  }

  lemma {:isolate_assertions} LemmaLinksInsertPrev(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32, p: int, x: int,
                         nx': seq<u32>, pv': seq<u32>, head': u32, e: Entry)
    requires LinksOk(s, nx, pv, head) && Distinct(s) && 0 <= p <= |s| && Node(e) == x && !Present(s, x)
    requires 0 <= x < |nx| == |nx'| && x < |pv| == |pv'|
    requires forall y :: 0 <= y < |nx| && y != x && y != NodeOr(s, p - 1) ==> nx'[y] == nx[y]
    requires forall y :: 0 <= y < |pv| && y != x && y != NodeOr(s, p) ==> pv'[y] == pv[y]
    requires nx'[x] as int == NodeOr(s, p) && pv'[x] as int == NodeOr(s, p - 1)
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == x
    requires p < |s| ==> pv'[Node(s[p])] as int == x
    requires head' as int == (if p == 0 then x else head as int)
    ensures var s' := InsertAt(s, p, e); forall i :: 0 <= i < |s'| ==> pv'[Node(s'[i])] as int == NodeOr(s', i - 1)
  {
    var s' := InsertAt(s, p, e);
    LemmaInsertShift(s, p, e);
    forall i | 0 <= i < |s'| ensures pv'[Node(s'[i])] as int == NodeOr(s', i - 1) {
      if i < p {
        assert s'[i] == s[i] && Node(s[i]) != x;
        if p < |s| { assert Node(s[i]) != Node(s[p]); }
        assert NodeOr(s', i - 1) == NodeOr(s, i - 1);
      } else if i == p {
        assert NodeOr(s', p - 1) == NodeOr(s, p - 1);
      } else if i == p + 1 {
        assert s'[i] == s[p];
      } else {
        assert s'[i] == s[i - 1] && Node(s[i - 1]) != x && Node(s[i - 1]) != Node(s[p]);
        assert NodeOr(s', i - 1) == NodeOr(s, i - 2);
      }
    }
  }

  lemma LemmaLinksInsert(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32, p: int, x: int,
                         nx': seq<u32>, pv': seq<u32>, head': u32, e: Entry)
    requires LinksOk(s, nx, pv, head) && Distinct(s) && 0 <= p <= |s| && Node(e) == x && !Present(s, x)
    requires 0 <= x < |nx| == |nx'| && x < |pv| == |pv'|
    requires forall y :: 0 <= y < |nx| && y != x && y != NodeOr(s, p - 1) ==> nx'[y] == nx[y]
    requires forall y :: 0 <= y < |pv| && y != x && y != NodeOr(s, p) ==> pv'[y] == pv[y]
    requires nx'[x] as int == NodeOr(s, p) && pv'[x] as int == NodeOr(s, p - 1)
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == x
    requires p < |s| ==> pv'[Node(s[p])] as int == x
    requires head' as int == (if p == 0 then x else head as int)
    ensures LinksOk(InsertAt(s, p, e), nx', pv', head')
  {
    LemmaLinksInsertNext(s, nx, pv, head, p, x, nx', pv', head', e);
    LemmaLinksInsertPrev(s, nx, pv, head, p, x, nx', pv', head', e);
    var s' := InsertAt(s, p, e);
    forall i | 0 <= i < |s'| ensures 0 <= Node(s'[i]) < |nx'| && Node(s'[i]) < |pv'| {
      if i < p { assert s'[i] == s[i]; } else if i > p { assert s'[i] == s[i - 1]; } else { assert s'[i] == e; }
    }
    if p == 0 { assert s'[0] == e; } else { assert s'[0] == s[0]; }
  }

  // ---- Remove the entry at position p (node x) ----

  ghost function PosRemove(pos: seq<int>, p: int, x: int): seq<int> {
    seq(|pos|, y requires 0 <= y < |pos| => if y == x then -1 else if pos[y] > p then pos[y] - 1 else pos[y])
  }

  // Entry m of RemoveAt(s, p) is entry m (before p) or m + 1 (from p on) of s.
  lemma LemmaRemoveShift(s: seq<Entry>, p: int)
    requires 0 <= p < |s|
    ensures |RemoveAt(s, p)| == |s| - 1
    ensures forall m :: 0 <= m < p ==> RemoveAt(s, p)[m] == s[m]
    ensures forall m :: p <= m < |s| - 1 ==> RemoveAt(s, p)[m] == s[m + 1]
  {
  }

  lemma LemmaPosRemove(s: seq<Entry>, pos: seq<int>, p: int)
    requires PosOk(s, pos) && Distinct(s) && 0 <= p < |s|
    ensures PosOk(RemoveAt(s, p), PosRemove(pos, p, Node(s[p])))
  {
    var s' := RemoveAt(s, p);
    var pos' := PosRemove(pos, p, Node(s[p]));
    forall i | 0 <= i < |s'| ensures 0 <= Node(s'[i]) < |pos'| && pos'[Node(s'[i])] == i {
      if i < p { assert s'[i] == s[i]; } else { assert s'[i] == s[i + 1]; }
    }
    forall x | 0 <= x < |pos'| ensures -1 <= pos'[x] < |s'| && (pos'[x] >= 0 ==> Node(s'[pos'[x]]) == x) {
      if x != Node(s[p]) && pos[x] > p { assert s'[pos[x] - 1] == s[pos[x]]; }
      else if x != Node(s[p]) && pos[x] >= 0 { assert pos[x] != p; assert s'[pos[x]] == s[pos[x]]; }
    }
  }

  lemma LemmaViewRemove(s: seq<Entry>, view: seq<Entry>, pos: seq<int>, p: int, cleared: Entry)
    requires PosOk(s, pos) && ViewOk(s, view, pos) && Distinct(s) && 0 <= p < |s| && Type(cleared) == TypeNull
    ensures ViewOk(RemoveAt(s, p), view[Node(s[p]) := cleared], PosRemove(pos, p, Node(s[p])))
  {
    var s' := RemoveAt(s, p);
    forall i | 0 <= i < |s'| ensures 0 <= Node(s'[i]) < |view| && view[Node(s[p]) := cleared][Node(s'[i])] == s'[i] {
      if i < p { assert s'[i] == s[i]; } else { assert s'[i] == s[i + 1]; }
    }
  }

  lemma {:isolate_assertions} LemmaLinksRemoveNext(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32, p: int,
                         nx': seq<u32>, pv': seq<u32>, head': u32)
    requires LinksOk(s, nx, pv, head) && Distinct(s) && 0 <= p < |s|
    requires |nx| == |nx'| && |pv| == |pv'|
    requires forall y :: 0 <= y < |nx| && y != NodeOr(s, p - 1) ==> nx'[y] == nx[y]
    requires forall y :: 0 <= y < |pv| && y != NodeOr(s, p + 1) ==> pv'[y] == pv[y]
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == NodeOr(s, p + 1)
    requires p + 1 < |s| ==> pv'[Node(s[p + 1])] as int == NodeOr(s, p - 1)
    requires head' as int == (if p == 0 then NodeOr(s, 1) else head as int)
    ensures var s' := RemoveAt(s, p); forall i :: 0 <= i < |s'| ==> nx'[Node(s'[i])] as int == NodeOr(s', i + 1)
  {
    var s' := RemoveAt(s, p);
    LemmaRemoveShift(s, p);
    forall i | 0 <= i < |s'| ensures nx'[Node(s'[i])] as int == NodeOr(s', i + 1) {
      if i < p - 1 {
        assert s'[i] == s[i] && Node(s[i]) != Node(s[p - 1]);
        assert NodeOr(s', i + 1) == NodeOr(s, i + 1);
      } else if i == p - 1 {
        assert NodeOr(s', p) == NodeOr(s, p + 1);
      } else {
        assert s'[i] == s[i + 1];
        if p > 0 { assert Node(s[i + 1]) != Node(s[p - 1]); }
        assert NodeOr(s', i + 1) == NodeOr(s, i + 2);
      }
    }
  }

  lemma {:isolate_assertions} LemmaLinksRemovePrev(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32, p: int,
                         nx': seq<u32>, pv': seq<u32>, head': u32)
    requires LinksOk(s, nx, pv, head) && Distinct(s) && 0 <= p < |s|
    requires |nx| == |nx'| && |pv| == |pv'|
    requires forall y :: 0 <= y < |nx| && y != NodeOr(s, p - 1) ==> nx'[y] == nx[y]
    requires forall y :: 0 <= y < |pv| && y != NodeOr(s, p + 1) ==> pv'[y] == pv[y]
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == NodeOr(s, p + 1)
    requires p + 1 < |s| ==> pv'[Node(s[p + 1])] as int == NodeOr(s, p - 1)
    requires head' as int == (if p == 0 then NodeOr(s, 1) else head as int)
    ensures var s' := RemoveAt(s, p); forall i :: 0 <= i < |s'| ==> pv'[Node(s'[i])] as int == NodeOr(s', i - 1)
  {
    var s' := RemoveAt(s, p);
    LemmaRemoveShift(s, p);
    forall i | 0 <= i < |s'| ensures pv'[Node(s'[i])] as int == NodeOr(s', i - 1) {
      if i < p {
        assert s'[i] == s[i];
        if p + 1 < |s| { assert Node(s[i]) != Node(s[p + 1]); }
        assert NodeOr(s', i - 1) == NodeOr(s, i - 1);
      } else if i == p {
        assert s'[i] == s[p + 1];
        assert NodeOr(s', p - 1) == NodeOr(s, p - 1);
      } else {
        assert s'[i] == s[i + 1] && Node(s[i + 1]) != Node(s[p + 1]);
        assert NodeOr(s', i - 1) == NodeOr(s, i);
      }
    }
  }

  lemma LemmaLinksRemove(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32, p: int,
                         nx': seq<u32>, pv': seq<u32>, head': u32)
    requires LinksOk(s, nx, pv, head) && Distinct(s) && 0 <= p < |s|
    requires |nx| == |nx'| && |pv| == |pv'|
    requires forall y :: 0 <= y < |nx| && y != NodeOr(s, p - 1) ==> nx'[y] == nx[y]
    requires forall y :: 0 <= y < |pv| && y != NodeOr(s, p + 1) ==> pv'[y] == pv[y]
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == NodeOr(s, p + 1)
    requires p + 1 < |s| ==> pv'[Node(s[p + 1])] as int == NodeOr(s, p - 1)
    requires head' as int == (if p == 0 then NodeOr(s, 1) else head as int)
    ensures LinksOk(RemoveAt(s, p), nx', pv', head')
  {
    LemmaLinksRemoveNext(s, nx, pv, head, p, nx', pv', head');
    LemmaLinksRemovePrev(s, nx, pv, head, p, nx', pv', head');
    LemmaLinksRemoveNodes(s, nx, pv, head, p, nx', pv', head');
  }

  // The nodes and the head of RemoveAt(s, p) for LinksOk.
  lemma LemmaLinksRemoveNodes(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32, p: int,
                              nx': seq<u32>, pv': seq<u32>, head': u32)
    requires LinksOk(s, nx, pv, head) && 0 <= p < |s| && |nx| == |nx'| && |pv| == |pv'|
    requires head' as int == (if p == 0 then NodeOr(s, 1) else head as int)
    ensures var s' := RemoveAt(s, p);
            && (forall i :: 0 <= i < |s'| ==> 0 <= Node(s'[i]) < |nx'| && Node(s'[i]) < |pv'|)
            && head' as int == NodeOr(s', 0)
  {
    var s' := RemoveAt(s, p);
    forall i | 0 <= i < |s'| ensures 0 <= Node(s'[i]) < |nx'| && Node(s'[i]) < |pv'| {
      if i < p { assert s'[i] == s[i]; } else { assert s'[i] == s[i + 1]; }
    }
    if |s'| > 0 {
      if p == 0 { assert s'[0] == s[1]; } else { assert s'[0] == s[0]; }
    }
  }

  // ---- Replace the node of the entry at position p by the empty node y (move) ----

  lemma LemmaPosReplace(s: seq<Entry>, pos: seq<int>, p: int, y: int)
    requires PosOk(s, pos) && 0 <= p < |s| && 0 <= y < |pos| && pos[y] == -1
    ensures PosOk(s[p := AtNode(s[p], y)], pos[Node(s[p]) := -1][y := p])
  {
  }

  lemma LemmaViewReplace(s: seq<Entry>, view: seq<Entry>, pos: seq<int>, p: int, y: int, cleared: Entry)
    requires PosOk(s, pos) && ViewOk(s, view, pos) && Distinct(s) && 0 <= p < |s| && 0 <= y < |pos| && pos[y] == -1
    requires Type(cleared) == TypeNull
    ensures ViewOk(s[p := AtNode(s[p], y)], view[Node(s[p]) := cleared][y := AtNode(s[p], y)],
                   pos[Node(s[p]) := -1][y := p])
  {
  }

  lemma LemmaLinksReplace(s: seq<Entry>, nx: seq<u32>, pv: seq<u32>, head: u32, p: int, y: int,
                          nx': seq<u32>, pv': seq<u32>, head': u32)
    requires LinksOk(s, nx, pv, head) && Distinct(s) && 0 <= p < |s| && !Present(s, y)
    requires 0 <= y < |nx| == |nx'| && y < |pv| == |pv'|
    requires forall z :: 0 <= z < |nx| && z != y && z != NodeOr(s, p - 1) ==> nx'[z] == nx[z]
    requires forall z :: 0 <= z < |pv| && z != y && z != NodeOr(s, p + 1) ==> pv'[z] == pv[z]
    requires nx'[y] as int == NodeOr(s, p + 1) && pv'[y] as int == NodeOr(s, p - 1)
    requires p > 0 ==> nx'[Node(s[p - 1])] as int == y
    requires p + 1 < |s| ==> pv'[Node(s[p + 1])] as int == y
    requires head' as int == (if p == 0 then y else head as int)
    ensures LinksOk(s[p := AtNode(s[p], y)], nx', pv', head')
  {
    var s' := s[p := AtNode(s[p], y)];
    forall i | 0 <= i < |s'| ensures nx'[Node(s'[i])] as int == NodeOr(s', i + 1) {
      if i != p {
        assert s'[i] == s[i] && Node(s[i]) != y;
        if i != p - 1 && p > 0 { assert Node(s[i]) != Node(s[p - 1]); }
      }
      if i + 1 != p { assert NodeOr(s', i + 1) == NodeOr(s, i + 1); }
    }
    forall i | 0 <= i < |s'| ensures pv'[Node(s'[i])] as int == NodeOr(s', i - 1) {
      if i != p {
        assert s'[i] == s[i] && Node(s[i]) != y;
        if i != p + 1 && p + 1 < |s| { assert Node(s[i]) != Node(s[p + 1]); }
      }
      if i - 1 != p { assert NodeOr(s', i - 1) == NodeOr(s, i - 1); }
    }
  }
}
