// Intrusive doubly-linked queues over a fixed set of nodes (struct-of-arrays): O(1) push-back, pop and removal
// of any node. One LinkedQueues object holds `nq` queues over `n` nodes; a node is in at most one queue.
//
// Abstract model (ghost): `lists[q]` is queue q front to back; `owner[t]` is the queue holding node t (or Nil) and
// `pos[t]` its index there. Valid() ties the arrays (head, tail, next, prev, owner) to that model, so clients
// reason about sequences and the compiled code touches only native integers. The link invariant is stated over
// sequences (`Links`), so each operation's proof is a lemma about sequence updates, cheap for the solver.
//
// Priority groups: runs of 32 queues (one per priority) whose non-empty members are summed up in one word each
// (bit p set exactly when queue p of the group is not empty; LinkedQueues.Summary). PushBack and Remove keep the
// words when a queue turns non-empty or empty, so a client finds the highest non-empty queue of a group from one
// word (HighBit) instead of looking at 32 heads.
include "../NativeTypes.dfy"
include "../HalBits.dfy"

module IpcQueues {
  import opened NativeTypes
  import HalBits

  const Nil: u32 := 0xFFFF_FFFF   // no node / no queue; never a valid index

  // What a caller of PushBack or Remove knows of the queue's priority bit: nothing (Mark tests the queue number),
  // that it has none (LinkedQueues.Unmarked: Mark is not called), that it is an endpoint group's (Grouped: Mark
  // computes the bit without testing which kind of queue it is), or that, and the group's word and the bit too
  // (KnownGroup, PushBackAt and RemoveAt: a caller that knows the endpoint and the priority has them from those,
  // cheaper than Mark's division of the queue number).
  const AnyQueue: u8 := 0
  const UnmarkedQueue: u8 := 1
  const GroupQueue: u8 := 2
  const KnownGroup: u8 := 3

  // The sequence without its element at index i.
  ghost function Without(s: seq<u32>, i: int): seq<u32>
    requires 0 <= i < |s|
  {
    s[..i] + s[i + 1..]
  }

  // Queue q's links (head h, tail tl, next, prev) agree with its list l; every member names q at its position.
  ghost predicate ListOk(l: seq<u32>, q: int, n: int, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                         prev: seq<u32>, h: u32, tl: u32)
    requires |owner| == n && |pos| == n && |next| == n && |prev| == n
  {
    && h == (if |l| == 0 then Nil else l[0])
    && tl == (if |l| == 0 then Nil else l[|l| - 1])
    && forall i {:trigger l[i]} :: 0 <= i < |l| ==>
         && (l[i] as int) < n && owner[l[i]] as int == q && pos[l[i]] == i
         && next[l[i]] == (if i + 1 < |l| then l[i + 1] else Nil)
         && prev[l[i]] == (if i > 0 then l[i - 1] else Nil)
  }

  // Node t's links are in range; its owner and position point back at it.
  ghost predicate NodeOk(t: int, n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                         prev: seq<u32>)
    requires |owner| == n && |pos| == n && |next| == n && |prev| == n && 0 <= t < n < Nil as int
  {
    && (next[t] as int < n || next[t] == Nil)
    && (prev[t] as int < n || prev[t] == Nil)
    && (owner[t] == Nil || (owner[t] as int < |lists| && 0 <= pos[t] < |lists[owner[t]]|
                            && lists[owner[t]][pos[t]] == t as u32))
  }

  ghost predicate AllNodesOk(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                             prev: seq<u32>)
    requires |owner| == n && |pos| == n && |next| == n && |prev| == n && n < Nil as int
  {
    forall t :: 0 <= t < n ==> NodeOk(t, n, lists, owner, pos, next, prev)
  }

  ghost predicate Links(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                        prev: seq<u32>, head: seq<u32>, tail: seq<u32>)
  {
    && 0 <= n < Nil as int && |lists| < Nil as int
    && |owner| == n && |pos| == n && |next| == n && |prev| == n
    && |head| >= |lists| && |tail| == |lists|   // head[|lists|..]: the groups' words (LinkedQueues.Summary)
    && (forall q :: 0 <= q < |lists| ==> ListOk(lists[q], q, n, owner, pos, next, prev, head[q], tail[q]))
    && (forall t :: 0 <= t < n ==> NodeOk(t, n, lists, owner, pos, next, prev))
  }

  lemma LemmaPushBack(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                      prev: seq<u32>, head: seq<u32>, tail: seq<u32>, q: int, t: u32)
    requires Links(n, lists, owner, pos, next, prev, head, tail) && n < Nil as int
    requires 0 <= q < |lists| && (t as int) < n && owner[t] == Nil
    ensures var last := tail[q];
      Links(n, lists[q := lists[q] + [t]], owner[t := q as u32], pos[t := |lists[q]|],
            if last == Nil then next[t := Nil] else next[t := Nil][last := t], prev[t := last],
            if last == Nil then head[q := t] else head, tail[q := t])
  {
    var last := tail[q];
    var l := lists[q];
    var lists', owner', pos' := lists[q := l + [t]], owner[t := q as u32], pos[t := |l|];
    var next' := if last == Nil then next[t := Nil] else next[t := Nil][last := t];
    var prev', head', tail' := prev[t := last], if last == Nil then head[q := t] else head, tail[q := t];
    assert ListOk(l, q, n, owner, pos, next, prev, head[q], tail[q]);
    forall q' | 0 <= q' < |lists| ensures ListOk(lists'[q'], q', n, owner', pos', next', prev', head'[q'], tail'[q']) {
      assert ListOk(lists[q'], q', n, owner, pos, next, prev, head[q'], tail[q']);
      if q' != q {
        forall i | 0 <= i < |lists[q']| ensures lists[q'][i] != t && lists[q'][i] != last {}
      } else {
        forall i | 0 <= i < |l| ensures l[i] != t {}
      }
    }
    forall u | 0 <= u < n ensures NodeOk(u, n, lists', owner', pos', next', prev') {
      assert NodeOk(u, n, lists, owner, pos, next, prev);
    }
  }

  // The positions after removing node t (at index i of queue q): later members of q move one forward.
  ghost function RemovedPos(n: int, owner: seq<u32>, pos: seq<int>, t: u32, q: u32, i: int): seq<int>
    requires |owner| == n && |pos| == n
  {
    seq(n, j requires 0 <= j < n => if owner[j] == q && j != t as int && pos[j] > i then pos[j] - 1 else pos[j])
  }

  // The links after a removal: the neighbour `at` (if any) now links to v. The removed node's own links are left as
  // they were: they name nodes or Nil, which is all NodeOk asks of a node in no queue, and nothing reads them
  // before a queue takes the node again and writes both.
  ghost function Relink(a: seq<u32>, at: u32, v: u32): seq<u32>
    requires at == Nil || (at as int) < |a|
  {
    if at == Nil then a else a[at := v]
  }

  lemma LemmaRemove(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                    prev: seq<u32>, head: seq<u32>, tail: seq<u32>, t: u32)
    requires Links(n, lists, owner, pos, next, prev, head, tail)
    requires (t as int) < n && owner[t] != Nil
    ensures var q, i, p, x := owner[t], pos[t], prev[t], next[t];
      && (q as int) < |lists| && 0 <= i < |lists[q]| && (p == Nil || (p as int) < n) && (x == Nil || (x as int) < n)
      && Links(n, lists[q := Without(lists[q], i)], owner[t := Nil], RemovedPos(n, owner, pos, t, q, i),
               Relink(next, p, x), Relink(prev, x, p),
               if p == Nil then head[q := x] else head,
               if x == Nil then tail[q := p] else tail)
  {
    assert NodeOk(t as int, n, lists, owner, pos, next, prev);
    var q, i, p, x := owner[t], pos[t], prev[t], next[t];
    var l := lists[q];
    assert ListOk(l, q as int, n, owner, pos, next, prev, head[q], tail[q]);
    assert p == (if i > 0 then l[i - 1] else Nil);
    assert x == (if i + 1 < |l| then l[i + 1] else Nil);
    LemmaRemoveLists(n, lists, owner, pos, next, prev, head, tail, t);
    assert l[i] == t;
    LemmaRemoveNodes(n, lists, owner, pos, next, prev, head, tail, t);
  }

  lemma LemmaRemoveLists(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                         prev: seq<u32>, head: seq<u32>, tail: seq<u32>, t: u32)
    requires Links(n, lists, owner, pos, next, prev, head, tail)
    requires (t as int) < n && owner[t] != Nil
    requires (owner[t] as int) < |lists| && 0 <= pos[t] < |lists[owner[t]]|
    requires (prev[t] == Nil || (prev[t] as int) < n) && (next[t] == Nil || (next[t] as int) < n)
    requires prev[t] == (if pos[t] > 0 then lists[owner[t]][pos[t] - 1] else Nil)
    requires next[t] == (if pos[t] + 1 < |lists[owner[t]]| then lists[owner[t]][pos[t] + 1] else Nil)
    ensures var q, i, p, x := owner[t], pos[t], prev[t], next[t];
      var lists', head', tail' := lists[q := Without(lists[q], i)], (if p == Nil then head[q := x] else head),
                                  (if x == Nil then tail[q := p] else tail);
      forall q' :: 0 <= q' < |lists| ==> ListOk(lists'[q'], q', n, owner[t := Nil], RemovedPos(n, owner, pos, t, q, i),
                                               Relink(next, p, x), Relink(prev, x, p), head'[q'], tail'[q'])
  {
    var q, i, p, x := owner[t], pos[t], prev[t], next[t];
    var head' := if p == Nil then head[q := x] else head;
    var tail' := if x == Nil then tail[q := p] else tail;
    forall q' | 0 <= q' < |lists|
      ensures ListOk(lists[q := Without(lists[q], i)][q'], q', n, owner[t := Nil], RemovedPos(n, owner, pos, t, q, i),
                     Relink(next, p, x), Relink(prev, x, p), head'[q'], tail'[q'])
    {
      if q' == q as int {
        LemmaRemoveOwnList(n, lists, owner, pos, next, prev, head, tail, t);
      } else {
        LemmaRemoveOtherList(n, lists, owner, pos, next, prev, head, tail, t, q');
      }
    }
  }

  lemma LemmaRemoveOtherList(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                             prev: seq<u32>, head: seq<u32>, tail: seq<u32>, t: u32, q': int)
    requires Links(n, lists, owner, pos, next, prev, head, tail)
    requires (t as int) < n && owner[t] != Nil
    requires (owner[t] as int) < |lists| && 0 <= pos[t] < |lists[owner[t]]|
    requires (prev[t] == Nil || (prev[t] as int) < n) && (next[t] == Nil || (next[t] as int) < n)
    requires prev[t] == (if pos[t] > 0 then lists[owner[t]][pos[t] - 1] else Nil)
    requires next[t] == (if pos[t] + 1 < |lists[owner[t]]| then lists[owner[t]][pos[t] + 1] else Nil)
    requires 0 <= q' < |lists| && q' != owner[t] as int
    ensures var q, i, p, x := owner[t], pos[t], prev[t], next[t];
      ListOk(lists[q'], q', n, owner[t := Nil], RemovedPos(n, owner, pos, t, q, i),
             Relink(next, p, x), Relink(prev, x, p), head[q'], tail[q'])
  {
    var q, p, x := owner[t], prev[t], next[t];
    assert ListOk(lists[q'], q', n, owner, pos, next, prev, head[q'], tail[q']);
    assert ListOk(lists[q], q as int, n, owner, pos, next, prev, head[q], tail[q]);
    forall k | 0 <= k < |lists[q']| ensures lists[q'][k] != t && lists[q'][k] != p && lists[q'][k] != x {}
  }

  lemma {:isolate_assertions} LemmaRemoveOwnList(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                           prev: seq<u32>, head: seq<u32>, tail: seq<u32>, t: u32)
    requires Links(n, lists, owner, pos, next, prev, head, tail)
    requires (t as int) < n && owner[t] != Nil
    requires (owner[t] as int) < |lists| && 0 <= pos[t] < |lists[owner[t]]|
    requires (prev[t] == Nil || (prev[t] as int) < n) && (next[t] == Nil || (next[t] as int) < n)
    requires prev[t] == (if pos[t] > 0 then lists[owner[t]][pos[t] - 1] else Nil)
    requires next[t] == (if pos[t] + 1 < |lists[owner[t]]| then lists[owner[t]][pos[t] + 1] else Nil)
    ensures var q, i, p, x := owner[t], pos[t], prev[t], next[t];
      ListOk(Without(lists[q], i), q as int, n, owner[t := Nil], RemovedPos(n, owner, pos, t, q, i),
             Relink(next, p, x), Relink(prev, x, p),
             if p == Nil then x else head[q], if x == Nil then p else tail[q])
  {
    var q, i, p, x := owner[t], pos[t], prev[t], next[t];
    var l := lists[q];
    var l' := Without(l, i);
    assert ListOk(l, q as int, n, owner, pos, next, prev, head[q], tail[q]);
    var owner', pos' := owner[t := Nil], RemovedPos(n, owner, pos, t, q, i);
    var next', prev' := Relink(next, p, x), Relink(prev, x, p);
    forall k | 0 <= k < |l'|
      ensures && (l'[k] as int) < n && owner'[l'[k]] == q && pos'[l'[k]] == k
              && next'[l'[k]] == (if k + 1 < |l'| then l'[k + 1] else Nil)
              && prev'[l'[k]] == (if k > 0 then l'[k - 1] else Nil)
    {
      LemmaRemoveOwnAt(n, lists, owner, pos, next, prev, head, tail, t, k);
    }
    if |l'| > 0 {
      assert l'[0] == if i == 0 then l[1] else l[0];
      assert l'[|l'| - 1] == if i == |l| - 1 then l[i - 1] else l[|l| - 1];
    }
  }

  // Position k of LemmaRemoveOwnList's list after the removal (its own procedure, to keep each proof small).
  lemma {:isolate_assertions} LemmaRemoveOwnAt(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>,
                           next: seq<u32>, prev: seq<u32>, head: seq<u32>, tail: seq<u32>, t: u32, k: int)
    requires Links(n, lists, owner, pos, next, prev, head, tail)
    requires (t as int) < n && owner[t] != Nil
    requires (owner[t] as int) < |lists| && 0 <= pos[t] < |lists[owner[t]]|
    requires (prev[t] == Nil || (prev[t] as int) < n) && (next[t] == Nil || (next[t] as int) < n)
    requires prev[t] == (if pos[t] > 0 then lists[owner[t]][pos[t] - 1] else Nil)
    requires next[t] == (if pos[t] + 1 < |lists[owner[t]]| then lists[owner[t]][pos[t] + 1] else Nil)
    requires 0 <= k < |lists[owner[t]]| - 1
    ensures var q, i, p, x := owner[t], pos[t], prev[t], next[t];
      var l' := Without(lists[q], i);
      var owner', pos' := owner[t := Nil], RemovedPos(n, owner, pos, t, q, i);
      var next', prev' := Relink(next, p, x), Relink(prev, x, p);
      && (l'[k] as int) < n && owner'[l'[k]] == q && pos'[l'[k]] == k
      && next'[l'[k]] == (if k + 1 < |l'| then l'[k + 1] else Nil)
      && prev'[l'[k]] == (if k > 0 then l'[k - 1] else Nil)
  {
    var q, i, p, x := owner[t], pos[t], prev[t], next[t];
    var l := lists[q];
    var l' := Without(l, i);
    assert ListOk(l, q as int, n, owner, pos, next, prev, head[q], tail[q]);
    var next' := Relink(next, p, x);
    var prev' := Relink(prev, x, p);
    if k < i {
      assert l'[k] == l[k] && pos[l[k]] == k && l[k] != t;
      assert x == Nil || pos[x] == i + 1;
      assert l[k] != x;
      assert prev'[l[k]] == prev[l[k]];
      if k == i - 1 {
        assert l[k] == p;
        assert next'[l[k]] == x;
      } else {
        assert pos[p] == i - 1 || p == Nil;
        assert l[k] != p;
        assert next'[l[k]] == next[l[k]];
      }
      if k + 1 < i { assert l'[k + 1] == l[k + 1]; } else if k + 1 < |l'| { assert l'[k + 1] == l[k + 2]; }
      if k > 0 { assert l'[k - 1] == l[k - 1]; }
    } else {
      assert l'[k] == l[k + 1] && pos[l[k + 1]] == k + 1 && l[k + 1] != t;
      assert p == Nil || pos[p] == i - 1;
      assert l[k + 1] != p;
      assert next'[l[k + 1]] == next[l[k + 1]];
      if k == i {
        assert l[k + 1] == x;
        assert prev'[x] == p;
      } else {
        assert x == Nil || pos[x] == i + 1;
        assert l[k + 1] != x;
        assert prev'[l[k + 1]] == prev[l[k + 1]];
      }
      if k + 1 < |l'| { assert l'[k + 1] == l[k + 2]; }
      if k > i { assert l'[k - 1] == l[k]; } else if k > 0 { assert l'[k - 1] == l[k - 1]; }
    }
    // The postcondition's conjuncts one by one (each its own batch: together they were one costly batch).
    var owner', pos' := owner[t := Nil], RemovedPos(n, owner, pos, t, q, i);
    assert (l'[k] as int) < n && owner'[l'[k]] == q;
    assert pos'[l'[k]] == k;
    assert next'[l'[k]] == (if k + 1 < |l'| then l'[k + 1] else Nil);
    assert prev'[l'[k]] == (if k > 0 then l'[k - 1] else Nil);
  }

  lemma {:isolate_assertions} LemmaRemoveNodes(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                         prev: seq<u32>, head: seq<u32>, tail: seq<u32>, t: u32)
    requires Links(n, lists, owner, pos, next, prev, head, tail)
    requires (t as int) < n && owner[t] != Nil
    requires (owner[t] as int) < |lists| && 0 <= pos[t] < |lists[owner[t]]|
    requires (prev[t] == Nil || (prev[t] as int) < n) && (next[t] == Nil || (next[t] as int) < n)
    requires lists[owner[t]][pos[t]] == t
    ensures var q, i, p, x := owner[t], pos[t], prev[t], next[t];
      AllNodesOk(n, lists[q := Without(lists[q], i)], owner[t := Nil], RemovedPos(n, owner, pos, t, q, i),
                 Relink(next, p, x), Relink(prev, x, p))
  {
    var q, i, p, x := owner[t], pos[t], prev[t], next[t];
    var lists', owner', pos' := lists[q := Without(lists[q], i)], owner[t := Nil], RemovedPos(n, owner, pos, t, q, i);
    var next', prev' := Relink(next, p, x), Relink(prev, x, p);
    forall u | 0 <= u < n ensures NodeOk(u, n, lists', owner', pos', next', prev') {
      LemmaRemoveNode(n, lists, owner, pos, next, prev, head, tail, t, u);
    }
  }

  // One node of LemmaRemoveNodes (its own procedure: the quantified version was the costliest batch here).
  lemma {:isolate_assertions} LemmaRemoveNode(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>,
                         next: seq<u32>, prev: seq<u32>, head: seq<u32>, tail: seq<u32>, t: u32, u: int)
    requires Links(n, lists, owner, pos, next, prev, head, tail)
    requires (t as int) < n && owner[t] != Nil
    requires (owner[t] as int) < |lists| && 0 <= pos[t] < |lists[owner[t]]|
    requires (prev[t] == Nil || (prev[t] as int) < n) && (next[t] == Nil || (next[t] as int) < n)
    requires lists[owner[t]][pos[t]] == t
    requires 0 <= u < n
    ensures var q, i, p, x := owner[t], pos[t], prev[t], next[t];
      NodeOk(u, n, lists[q := Without(lists[q], i)], owner[t := Nil], RemovedPos(n, owner, pos, t, q, i),
             Relink(next, p, x), Relink(prev, x, p))
  {
    var q, i, p, x := owner[t], pos[t], prev[t], next[t];
    var l := lists[q];
    var l' := Without(l, i);
    assert NodeOk(u, n, lists, owner, pos, next, prev);
    if u != t as int && owner[u] == q {
      var k := pos[u];
      assert l[k] == u as u32;
      if k > i { assert l'[k - 1] == u as u32; } else { assert k != i; assert l'[k] == u as u32; }
    }
  }

  // ---- Priority bitmaps: which queues of a group of 32 (one per priority) are non-empty ----
  // The word of a group is the sum of 2^p over its non-empty queues p (an arithmetic bitmap: bit p is set exactly
  // when queue p is not empty). It lives in a u32 of the compiled state, updated by additions and subtractions of
  // powers of two, and read by the CPU's bit scan (HighBit, spec/HalBits.dfy); no bit-vector types (their
  // conversions to and from integers are beyond the solver's budget) and no shifts (the freestanding build has no
  // shift helpers).

  ghost function Pow2(p: nat): nat {
    if p == 0 then 1 else 2 * Pow2(p - 1)
  }

  lemma Pow2Values()
    ensures Pow2(0) == 0x1 && Pow2(1) == 0x2 && Pow2(2) == 0x4 && Pow2(3) == 0x8
    ensures Pow2(4) == 0x10 && Pow2(5) == 0x20 && Pow2(6) == 0x40 && Pow2(7) == 0x80
    ensures Pow2(8) == 0x100 && Pow2(9) == 0x200 && Pow2(10) == 0x400 && Pow2(11) == 0x800
    ensures Pow2(12) == 0x1000 && Pow2(13) == 0x2000 && Pow2(14) == 0x4000 && Pow2(15) == 0x8000
    ensures Pow2(16) == 0x10000 && Pow2(17) == 0x20000 && Pow2(18) == 0x40000 && Pow2(19) == 0x80000
    ensures Pow2(20) == 0x100000 && Pow2(21) == 0x200000 && Pow2(22) == 0x400000 && Pow2(23) == 0x800000
    ensures Pow2(24) == 0x1000000 && Pow2(25) == 0x2000000 && Pow2(26) == 0x4000000 && Pow2(27) == 0x8000000
    ensures Pow2(28) == 0x10000000 && Pow2(29) == 0x20000000 && Pow2(30) == 0x40000000 && Pow2(31) == 0x80000000
    ensures Pow2(32) == 0x100000000
  {
  }

  lemma Pow2Mono(a: nat, b: nat)
    requires a <= b
    ensures 1 <= Pow2(a) <= Pow2(b)
    decreases b
  {
    if a < b { Pow2Mono(a, b - 1); } else if a > 0 { Pow2Mono(a - 1, a - 1); }
  }

  // The word of the 32 queues from b on, over queues b .. b+k-1.
  ghost function Weight(lists: seq<seq<u32>>, b: int, k: nat): nat
    requires 0 <= b && b + k <= |lists|
  {
    if k == 0 then 0 else Weight(lists, b, k - 1) + (if |lists[b + k - 1]| > 0 then Pow2(k - 1) else 0)
  }

  // Change of queue q's bit, from a list of length a to one of length c, at bit position p.
  ghost function Delta(a: int, c: int, p: nat): int {
    (if c > 0 then Pow2(p) else 0) - (if a > 0 then Pow2(p) else 0)
  }

  lemma WeightBound(lists: seq<seq<u32>>, b: int, k: nat)
    requires 0 <= b && b + k <= |lists|
    ensures Weight(lists, b, k) < Pow2(k)
  {
    if k > 0 { WeightBound(lists, b, k - 1); }
  }

  lemma WeightLower(lists: seq<seq<u32>>, b: int, k: nat, j: nat)
    requires 0 <= b && b + k <= |lists| && j < k && |lists[b + j]| > 0
    ensures Weight(lists, b, k) >= Pow2(j)
  {
    if j < k - 1 { WeightLower(lists, b, k - 1, j); }
  }

  lemma WeightTail(lists: seq<seq<u32>>, b: int, k0: nat, k: nat)
    requires 0 <= b && b + k <= |lists| && k0 <= k
    requires forall i :: b + k0 <= i < b + k ==> |lists[i]| == 0
    ensures Weight(lists, b, k) == Weight(lists, b, k0)
  {
    if k > k0 { WeightTail(lists, b, k0, k - 1); }
  }

  lemma WeightUpdate(lists: seq<seq<u32>>, q: int, l: seq<u32>, b: int, k: nat)
    requires 0 <= q < |lists| && 0 <= b && b + k <= |lists|
    ensures Weight(lists[q := l], b, k)
            == Weight(lists, b, k) + (if b <= q < b + k then Delta(|lists[q]|, |l|, q - b) else 0)
  {
    if k > 0 { WeightUpdate(lists, q, l, b, k - 1); }
  }

  // A zero word: all 32 queues are empty.
  lemma WeightEmpty(lists: seq<seq<u32>>, b: int)
    requires 0 <= b && b + 32 <= |lists| && Weight(lists, b, 32) == 0
    ensures forall i :: b <= i < b + 32 ==> |lists[i]| == 0
  {
    forall i | b <= i < b + 32 ensures |lists[i]| == 0 {
      var j := i - b;
      if |lists[b + j]| > 0 {
        WeightLower(lists, b, 32, j);
        Pow2Mono(j, j);
      }
    }
  }

  // The highest bit of the word names the highest non-empty queue.
  lemma WeightTop(lists: seq<seq<u32>>, b: int, p: nat)
    requires 0 <= b && b + 32 <= |lists| && p < 32
    requires Pow2(p) <= Weight(lists, b, 32) < Pow2(p + 1)
    ensures |lists[b + p]| > 0 && forall i :: b + p < i < b + 32 ==> |lists[i]| == 0
  {
    forall i | b + p < i < b + 32 ensures |lists[i]| == 0 {
      var j := i - b;
      if |lists[b + j]| > 0 {
        WeightLower(lists, b, 32, j);
        Pow2Mono(p + 1, j);
      }
    }
    if |lists[b + p]| == 0 {
      WeightTail(lists, b, p, 32);
      WeightBound(lists, b, p);
    }
  }

  // 2^p (p < 32), by a binary decision over p.
  method BitOf(p: u32) returns (r: u32)
    requires p < 32
    ensures r as int == Pow2(p as nat)
  {
    Pow2Values();
      if p < 16 {
        if p < 8 {
          if p < 4 {
            if p < 2 {
              if p < 1 { r := 0x1; } else { r := 0x2; }
            } else {
              if p < 3 { r := 0x4; } else { r := 0x8; }
            }
          } else {
            if p < 6 {
              if p < 5 { r := 0x10; } else { r := 0x20; }
            } else {
              if p < 7 { r := 0x40; } else { r := 0x80; }
            }
          }
        } else {
          if p < 12 {
            if p < 10 {
              if p < 9 { r := 0x100; } else { r := 0x200; }
            } else {
              if p < 11 { r := 0x400; } else { r := 0x800; }
            }
          } else {
            if p < 14 {
              if p < 13 { r := 0x1000; } else { r := 0x2000; }
            } else {
              if p < 15 { r := 0x4000; } else { r := 0x8000; }
            }
          }
        }
      } else {
        if p < 24 {
          if p < 20 {
            if p < 18 {
              if p < 17 { r := 0x10000; } else { r := 0x20000; }
            } else {
              if p < 19 { r := 0x40000; } else { r := 0x80000; }
            }
          } else {
            if p < 22 {
              if p < 21 { r := 0x100000; } else { r := 0x200000; }
            } else {
              if p < 23 { r := 0x400000; } else { r := 0x800000; }
            }
          }
        } else {
          if p < 28 {
            if p < 26 {
              if p < 25 { r := 0x1000000; } else { r := 0x2000000; }
            } else {
              if p < 27 { r := 0x4000000; } else { r := 0x8000000; }
            }
          } else {
            if p < 30 {
              if p < 29 { r := 0x10000000; } else { r := 0x20000000; }
            } else {
              if p < 31 { r := 0x40000000; } else { r := 0x80000000; }
            }
          }
        }
      }
  }

  // The highest set bit of a non-zero word: the CPU's bit scan (spec/HalBits.dfy), whose 2^p is this module's.
  method HighBit(w: u32) returns (p: u32)
    requires w != 0
    ensures p < 32 && Pow2(p as nat) <= w as int < Pow2(p as nat + 1)
  {
    p := HalBits.HalHighestBit(w);
    SamePow2(p as nat);
    SamePow2(p as nat + 1);
  }

  lemma SamePow2(p: nat)
    ensures Pow2(p) == HalBits.Pow2(p)
  {
    if p > 0 { SamePow2(p - 1); }
  }

  // The queues of group g: group 0 holds queues 0..31, group g >= 1 the 32 queues from gbase + 32 * (g - 1).
  ghost function GB(gbase: int, g: int): int {
    if g == 0 then 0 else gbase + 32 * (g - 1)
  }

  ghost predicate GroupsFit(nl: int, gbase: int, ng: int) {
    1 <= ng && 32 <= gbase && gbase + 32 * (ng - 1) <= nl
  }

  // Word g (H[nq + g]) is the bitmap of group g's queues.
  ghost predicate WordsOk(lists: seq<seq<u32>>, H: seq<u32>, nq: int, gbase: int, ng: int)
    requires GroupsFit(|lists|, gbase, ng) && 0 <= nq && nq + ng <= |H|
  {
    forall g :: 0 <= g < ng ==> H[nq + g] as int == Weight(lists, GB(gbase, g), 32)
  }

  // H[m + p] is 2^p (the bit of position p, a table because the freestanding build has no shifts).
  ghost predicate MasksOk(H: seq<u32>, m: int)
    requires 0 <= m && m + 32 <= |H|
  {
    forall i :: m <= i < m + 32 ==> H[i] as int == Pow2(i - m)
  }

  ghost predicate SummaryOk(lists: seq<seq<u32>>, H: seq<u32>, nq: int, gbase: int, ng: int)
    requires GroupsFit(|lists|, gbase, ng) && 0 <= nq && nq + ng + 32 <= |H|
  {
    WordsOk(lists, H, nq, gbase, ng) && MasksOk(H, nq + ng)
  }

  // Queue x lies in at most one group.
  lemma GroupUnique(gbase: int, ng: int, g: int, g': int, x: int)
    requires 32 <= gbase && 0 <= g < ng && 0 <= g' < ng
    requires GB(gbase, g) <= x < GB(gbase, g) + 32 && GB(gbase, g') <= x < GB(gbase, g') + 32
    ensures g == g'
  {
  }

  lemma Pow2Top()
    ensures Pow2(32) == 0x1_0000_0000
  {
    Pow2Values();
  }

  // Queue q (bit p of group g0) goes from list L[q] to l: the new word fits, and the mask of p is 2^p.
  lemma SummaryNext(L: seq<seq<u32>>, q: int, l: seq<u32>, H: seq<u32>, nq: int, gbase: int, ng: int, g0: int, p: int)
    requires GroupsFit(|L|, gbase, ng) && 0 <= nq && nq + ng + 32 <= |H| && SummaryOk(L, H, nq, gbase, ng)
    requires 0 <= g0 < ng && 0 <= p < 32 && q == GB(gbase, g0) + p
    ensures 0 <= H[nq + g0] as int + Delta(|L[q]|, |l|, p) < 0x1_0000_0000
    ensures H[nq + ng + p] as int == Pow2(p)
  {
    WeightUpdate(L, q, l, GB(gbase, g0), 32);
    WeightBound(L[q := l], GB(gbase, g0), 32);
    Pow2Top();
  }

  // ... and storing the new word keeps the summary (H1: H after the links moved, the words untouched).
  lemma SummaryMove(L: seq<seq<u32>>, q: int, l: seq<u32>, H: seq<u32>, H1: seq<u32>, nq: int, gbase: int, ng: int,
                    g0: int, p: int, v: u32)
    requires GroupsFit(|L|, gbase, ng) && 0 <= nq && nq + ng + 32 <= |H| && SummaryOk(L, H, nq, gbase, ng)
    requires |H1| == |H| && forall i :: nq <= i < |H| ==> H1[i] == H[i]
    requires 0 <= g0 < ng && 0 <= p < 32 && q == GB(gbase, g0) + p
    requires v as int == H[nq + g0] as int + Delta(|L[q]|, |l|, p)
    ensures SummaryOk(L[q := l], H1[nq + g0 := v], nq, gbase, ng)
  {
    var H' := H1[nq + g0 := v];
    forall g | 0 <= g < ng ensures H'[nq + g] as int == Weight(L[q := l], GB(gbase, g), 32) {
      WeightUpdate(L, q, l, GB(gbase, g), 32);
      if g != g0 && GB(gbase, g) <= q < GB(gbase, g) + 32 {
        GroupUnique(gbase, ng, g, g0, q);
      }
    }
    forall i | nq + ng <= i < nq + ng + 32 ensures H'[i] as int == Pow2(i - (nq + ng)) {
      assert H'[i] == H[i];
    }
  }

  // Queue q changes without changing whether it is empty, or lies in no group: every word stays.
  lemma SummaryKeep(L: seq<seq<u32>>, q: int, l: seq<u32>, H: seq<u32>, H1: seq<u32>, nq: int, gbase: int, ng: int)
    requires GroupsFit(|L|, gbase, ng) && 0 <= nq && nq + ng + 32 <= |H| && SummaryOk(L, H, nq, gbase, ng)
    requires |H1| == |H| && forall i :: nq <= i < |H| ==> H1[i] == H[i]
    requires 0 <= q < |L|
    requires (|L[q]| > 0 <==> |l| > 0) || (32 <= q && (q < gbase || q >= gbase + 32 * (ng - 1)))
    ensures SummaryOk(L[q := l], H1, nq, gbase, ng)
  {
    forall g | 0 <= g < ng ensures H1[nq + g] as int == Weight(L[q := l], GB(gbase, g), 32) {
      WeightUpdate(L, q, l, GB(gbase, g), 32);
      assert H1[nq + g] == H[nq + g];
    }
    forall i | nq + ng <= i < nq + ng + 32 ensures H1[i] as int == Pow2(i - (nq + ng)) {
      assert H1[i] == H[i];
    }
  }

  // Links ignore the words after the queues' heads.
  lemma LemmaHeadExtra(n: int, lists: seq<seq<u32>>, owner: seq<u32>, pos: seq<int>, next: seq<u32>,
                       prev: seq<u32>, head: seq<u32>, tail: seq<u32>, i: int, v: u32)
    requires Links(n, lists, owner, pos, next, prev, head, tail) && |lists| <= i < |head|
    ensures Links(n, lists, owner, pos, next, prev, head[i := v], tail)
  {
    forall q | 0 <= q < |lists|
      ensures ListOk(lists[q], q, n, owner, pos, next, prev, head[i := v][q], tail[q])
    {
      assert ListOk(lists[q], q, n, owner, pos, next, prev, head[q], tail[q]);
    }
  }

  class LinkedQueues {
    const n: u32                  // nodes 0 .. n-1
    const nq: u32                 // queues 0 .. nq-1
    const next: array<u32>
    const prev: array<u32>
    const head: array<u32>
    const tail: array<u32>
    const owner: array<u32>       // owner[t]: the queue holding node t, or Nil (compiled: Remove needs it)
    // Priority groups: group 0 is queues 0..31, group g >= 1 the 32 queues from gbase + 32 * (g - 1) (up to gend).
    // head[nq + g] is group g's word: bit p set exactly when the group's queue p is not empty (Summary), so the
    // highest non-empty queue of a group is found without touching its 32 heads.
    // head[mbase + p] (mbase = nq + ng) is 2^p, the bit of priority p.
    const gbase: u32
    const ng: u32
    const gend: u32
    const mbase: u32
    ghost var lists: seq<seq<u32>>
    ghost var pos: seq<int>

    // The objects Valid() reads and the methods modify.
    ghost function Repr(): set<object> {
      {this, next, prev, head, tail, owner}
    }

    // Sizes and distinct arrays: visible to clients.
    ghost predicate Sizes()
      reads this
    {
      && next.Length == n as int && prev.Length == n as int && owner.Length == n as int
      && head.Length == nq as int + ng as int + 32 && tail.Length == nq as int && |lists| == nq as int
      && |pos| == n as int && n < Nil && nq < Nil && nq as int + ng as int + 32 < Nil as int
      && mbase as int == nq as int + ng as int
      && GroupsFit(nq as int, gbase as int, ng as int) && gend as int == gbase as int + 32 * (ng as int - 1)
      // Five distinct arrays: a store to one leaves the others unchanged.
      && next != prev && next != head && next != tail && prev != head && prev != tail && head != tail
      && owner != next && owner != prev && owner != head && owner != tail
    }

    // The link invariant. Opaque: clients see only the operations' contracts and the *Facts lemmas.
    opaque ghost predicate Linked()
      requires Sizes()
      reads this, next, prev, head, tail, owner
    {
      Links(n as int, lists, owner[..], pos, next[..], prev[..], head[..], tail[..])
    }

    // The groups' words. Opaque like Linked().
    opaque ghost predicate Summary()
      requires Sizes()
      reads this, head
    {
      SummaryOk(lists, head[..], nq as int, gbase as int, ng as int)
    }

    ghost predicate Valid()
      reads this, next, prev, head, tail, owner
    {
      Sizes() && Linked() && Summary()
    }

    // The first queue of group g.
    ghost function GBase(g: int): int
      reads this
    {
      GB(gbase as int, g)
    }

    // Group g's word: bit p set exactly when queue GBase(g) + p is not empty (WordEmpty, WordTop).
    function Word(g: u32): u32
      requires Sizes() && g < ng
      reads this, head
    {
      head[nq + g]
    }

    lemma WordEmpty(g: u32)
      requires Valid() && g < ng && Word(g) == 0
      ensures GBase(g as int) + 32 <= nq as int
      ensures forall i :: GBase(g as int) <= i < GBase(g as int) + 32 ==> |lists[i]| == 0
    {
      reveal Summary();
      WeightEmpty(lists, GBase(g as int));
    }

    lemma WordTop(g: u32, p: u32)
      requires Valid() && g < ng && p < 32 && Pow2(p as nat) <= Word(g) as int < Pow2(p as nat + 1)
      ensures GBase(g as int) + 32 <= nq as int
      ensures |lists[GBase(g as int) + p as int]| > 0
      ensures forall i :: GBase(g as int) + p as int < i < GBase(g as int) + 32 ==> |lists[i]| == 0
    {
      reveal Summary();
      WeightTop(lists, GBase(g as int), p as nat);
    }

    // Facts clients need about one queue's front.
    lemma HeadFacts(q: u32)
      requires Valid() && q < nq
      ensures head[q] == Nil <==> |lists[q]| == 0
      ensures head[q] != Nil ==> head[q] < n && owner[head[q]] == q && lists[q][0] == head[q]
    {
      reveal Linked();
      assert ListOk(lists[q], q as int, n as int, owner[..], pos, next[..], prev[..], head[..][q], tail[..][q]);
    }

    // A node names the queue that holds it.
    lemma OwnerFacts(t: u32)
      requires Valid() && t < n
      ensures owner[t] != Nil ==> owner[t] < nq && t in lists[owner[t]]
    {
      reveal Linked();
      assert NodeOk(t as int, n as int, lists, owner[..], pos, next[..], prev[..]);
    }

    // Every member of queue q names q as its owner.
    lemma MemberFacts(q: u32, t: u32)
      requires Valid() && q < nq && t in lists[q]
      ensures t < n && owner[t] == q
    {
      reveal Linked();
      assert ListOk(lists[q], q as int, n as int, owner[..], pos, next[..], prev[..], head[..][q], tail[..][q]);
    }

    constructor(nodes: u32, queues: u32, groupBase: u32, groups: u32)
      requires nodes < Nil && queues < Nil && queues as int + groups as int + 32 < Nil as int
      requires GroupsFit(queues as int, groupBase as int, groups as int)
      ensures Valid() && n == nodes && nq == queues && gbase == groupBase && ng == groups
      ensures |lists| == queues as int && (forall i :: 0 <= i < queues as int ==> lists[i] == [])
      ensures forall t :: 0 <= t < nodes as int ==> owner[t] == Nil
      ensures fresh(next) && fresh(prev) && fresh(head) && fresh(tail) && fresh(owner)
    {
      n := nodes;
      nq := queues;
      gbase, ng := groupBase, groups;
      gend := groupBase + 32 * (groups - 1);
      mbase := queues + groups;
      var nx := new u32[nodes];
      var pv := new u32[nodes];
      var ow := new u32[nodes];
      for i: u32 := 0 to nodes
        invariant forall j :: 0 <= j < i as int ==> nx[j] == Nil && pv[j] == Nil && ow[j] == Nil
      {
        nx[i], pv[i], ow[i] := Nil, Nil, Nil;
      }
      var hd, tl := NewHeads(queues, groups);
      next, prev, head, tail, owner := nx, pv, hd, tl, ow;
      lists := seq(queues as int, _ => []);
      pos := seq(nodes as int, _ => 0);
      new;
      reveal Linked();
      ghost var nn, ow', nx', pv' := n as int, owner[..], next[..], prev[..];
      forall t | 0 <= t < nodes as int ensures NodeOk(t, nn, lists, ow', pos, nx', pv') {}
      InitialWords();
    }

    // The heads and tails of empty queues, then the groups' words (all zero), then the bits' masks.
    static method NewHeads(queues: u32, groups: u32) returns (hd: array<u32>, tl: array<u32>)
      requires queues as int + groups as int + 32 < Nil as int
      ensures fresh(hd) && fresh(tl) && hd != tl
      ensures hd.Length == queues as int + groups as int + 32 && tl.Length == queues as int
      ensures forall j :: 0 <= j < queues as int ==> hd[j] == Nil && tl[j] == Nil
      ensures forall j :: queues as int <= j < queues as int + groups as int ==> hd[j] == 0
      ensures MasksOk(hd[..], queues as int + groups as int)
    {
      hd := new u32[queues + groups + 32];
      tl := new u32[queues];
      for i: u32 := 0 to queues
        invariant forall j :: 0 <= j < i as int ==> hd[j] == Nil && tl[j] == Nil
      {
        hd[i], tl[i] := Nil, Nil;
      }
      for i: u32 := queues to queues + groups
        invariant forall j :: 0 <= j < queues as int ==> hd[j] == Nil && tl[j] == Nil
        invariant forall j :: queues as int <= j < i as int ==> hd[j] == 0
      {
        hd[i] := 0;
      }
      var m := queues + groups;
      for p: u32 := 0 to 32
        invariant forall j :: 0 <= j < queues as int ==> hd[j] == Nil && tl[j] == Nil
        invariant forall j :: queues as int <= j < m as int ==> hd[j] == 0
        invariant forall j :: m as int <= j < m as int + p as int ==> hd[j] as int == Pow2(j - m as int)
      {
        hd[m + p] := BitOf(p);
      }
    }

    lemma InitialWords()
      requires Sizes() && (forall i :: 0 <= i < nq as int ==> lists[i] == [])
      requires forall j :: nq as int <= j < nq as int + ng as int ==> head[j] == 0
      requires MasksOk(head[..], nq as int + ng as int)
      ensures Summary()
    {
      reveal Summary();
      ghost var H, gb := head[..], gbase as int;
      forall g | 0 <= g < ng as int ensures H[nq as int + g] as int == Weight(lists, GB(gb, g), 32) {
        WeightTail(lists, GB(gb, g), 0, 32);
      }
    }

    // Queue q has no bit in a group's word (the closed-receive queues, 32 up to gbase, and the wheel's, from gend):
    // Mark would leave the words alone for it.
    ghost predicate Unmarked(q: u32)
      reads this
    {
      32 <= q && (q < gbase || q >= gend)
    }

    // Queue q is an endpoint group's (its bit is in word 1 + (q - gbase) / 32).
    ghost predicate Grouped(q: u32)
      reads this
    {
      gbase <= q < gend
    }

    // What the caller says of queue q (`kind`) holds.
    ghost predicate KindOk(q: u32, kind: u8)
      reads this
    {
      (kind == UnmarkedQueue ==> Unmarked(q)) && ((kind == GroupQueue || kind == KnownGroup) ==> Grouped(q))
    }

    // Queue q is bit b of group g's word (a KnownGroup caller's g and b).
    ghost predicate InGroup(q: u32, g: u32, b: u32)
      reads this
    {
      1 <= g < ng && b < 32 && q as int == GB(gbase as int, g as int) + b as int
    }

    // Appends node t (in no queue) at the back of queue q; sets q's bit when q was empty.
    method PushBack(q: u32, t: u32, kind: u8)
      requires Valid() && q < nq && t < n && owner[t] == Nil && KindOk(q, kind) && kind != KnownGroup
      modifies this, next, prev, head, tail, owner
      ensures Valid()
      ensures lists == old(lists)[q := old(lists)[q] + [t]] && owner[..] == old(owner[..])[t := q]
      ensures owner[t] == q && forall x :: 0 <= x < n as int && x != t as int ==> owner[x] == old(owner[x])
    {
      PushBackAt(q, t, kind, 0, 0);
    }

    // PushBack, for a KnownGroup caller with q's group g and bit b (any other passes 0, 0).
    method PushBackAt(q: u32, t: u32, kind: u8, g: u32, b: u32)
      requires Valid() && q < nq && t < n && owner[t] == Nil && KindOk(q, kind)
      requires kind == KnownGroup ==> InGroup(q, g, b)
      modifies this, next, prev, head, tail, owner
      ensures Valid()
      ensures lists == old(lists)[q := old(lists)[q] + [t]] && owner[..] == old(owner[..])[t := q]
      ensures owner[t] == q && forall x :: 0 <= x < n as int && x != t as int ==> owner[x] == old(owner[x])
    {
      ghost var L, H := lists, head[..];
      assert SummaryOk(L, H, nq as int, gbase as int, ng as int) by { reveal Summary(); }
      reveal Linked();
      LemmaPushBack(n as int, lists, owner[..], pos, next[..], prev[..], head[..], tail[..], q as int, t);
      assert ListOk(lists[q], q as int, n as int, owner[..], pos, next[..], prev[..], head[..][q], tail[..][q]);
      var last := tail[q];
      next[t] := Nil;
      prev[t] := last;
      if last == Nil {
        head[q] := t;
      } else {
        next[last] := t;
      }
      tail[q] := t;
      owner[t] := q;
      pos := pos[t := |lists[q]|];
      lists := lists[q := lists[q] + [t]];
      if last == Nil && kind != UnmarkedQueue {
        Mark(q, true, kind, g, b, L, H, L[q] + [t]);
      } else {
        SummaryKeep(L, q as int, L[q] + [t], H, head[..], nq as int, gbase as int, ng as int);
        assert Summary() by { reveal Summary(); }
      }
    }

    // Unlinks node t from the queue that holds it, wherever it is in that queue; clears the queue's bit when it
    // becomes empty.
    method Remove(t: u32, kind: u8)
      requires Valid() && t < n && owner[t] != Nil && KindOk(owner[t], kind) && kind != KnownGroup
      modifies this, next, prev, head, tail, owner
      ensures Valid()
      ensures old(owner[t]) < nq && 0 <= old(pos[t]) < |old(lists)[old(owner[t])]|
      ensures lists == old(lists)[old(owner[t]) := Without(old(lists)[old(owner[t])], old(pos[t]))]
      ensures owner[..] == old(owner[..])[t := Nil]
      ensures owner[t] == Nil && forall x :: 0 <= x < n as int && x != t as int ==> owner[x] == old(owner[x])
    {
      RemoveAt(t, kind, 0, 0);
    }

    // Remove, for a KnownGroup caller with the group g and bit b of t's queue (any other passes 0, 0).
    method RemoveAt(t: u32, kind: u8, g: u32, b: u32)
      requires Valid() && t < n && owner[t] != Nil && KindOk(owner[t], kind)
      requires kind == KnownGroup ==> InGroup(owner[t], g, b)
      modifies this, next, prev, head, tail, owner
      ensures Valid()
      ensures old(owner[t]) < nq && 0 <= old(pos[t]) < |old(lists)[old(owner[t])]|
      ensures lists == old(lists)[old(owner[t]) := Without(old(lists)[old(owner[t])], old(pos[t]))]
      ensures owner[..] == old(owner[..])[t := Nil]
      ensures owner[t] == Nil && forall x :: 0 <= x < n as int && x != t as int ==> owner[x] == old(owner[x])
    {
      ghost var L, H := lists, head[..];
      assert SummaryOk(L, H, nq as int, gbase as int, ng as int) by { reveal Summary(); }
      reveal Linked();
      LemmaRemove(n as int, lists, owner[..], pos, next[..], prev[..], head[..], tail[..], t);
      var q := owner[t];
      ghost var i := pos[t];
      ghost var oldOwner := owner[..];
      var p := prev[t];
      var x := next[t];
      assert ListOk(lists[q], q as int, n as int, owner[..], pos, next[..], prev[..], head[..][q], tail[..][q]);
      if p == Nil {
        head[q] := x;
      } else {
        next[p] := x;
      }
      if x == Nil {
        tail[q] := p;
      } else {
        prev[x] := p;
      }
      owner[t] := Nil;
      lists := lists[q := Without(lists[q], i)];
      pos := RemovedPos(n as int, oldOwner, pos, t, q, i);
      if p == Nil && x == Nil && kind != UnmarkedQueue {
        Mark(q, false, kind, g, b, L, H, Without(L[q], i));
      } else {
        SummaryKeep(L, q as int, Without(L[q], i), H, head[..], nq as int, gbase as int, ng as int);
        assert Summary() by { reveal Summary(); }
      }
    }

    // Queue q went from empty to non-empty (setBit) or back (!setBit), from L[q] to l, while the words stayed as in H:
    // sets or clears q's bit in its group's word, if q belongs to a group. (g0, b0: a KnownGroup caller's.)
    method Mark(q: u32, setBit: bool, kind: u8, g0: u32, b0: u32, ghost L: seq<seq<u32>>, ghost H: seq<u32>,
                ghost l: seq<u32>)
      requires Sizes() && Linked() && q < nq && |L| == nq as int && lists == L[q := l] && KindOk(q, kind)
      requires kind == KnownGroup ==> InGroup(q, g0, b0)
      requires |H| == head.Length && SummaryOk(L, H, nq as int, gbase as int, ng as int)
      requires forall i :: nq as int <= i < |H| ==> head[i] == H[i]
      requires if setBit then |L[q]| == 0 && |l| > 0 else |L[q]| > 0 && |l| == 0
      modifies head
      ensures Sizes() && Linked() && Summary()
    {
      if kind != GroupQueue && kind != KnownGroup && 32 <= q && (q < gbase || q >= gend) {
        SummaryKeep(L, q as int, l, H, head[..], nq as int, gbase as int, ng as int);
        assert Summary() by { reveal Summary(); }
        return;
      }
      var g: u32, b: u32;
      if kind == KnownGroup {
        g, b := g0, b0;
      } else if kind != GroupQueue && q < 32 {
        g, b := 0, q;
      } else {
        g, b := (q - gbase) / 32 + 1, (q - gbase) % 32;
      }
      SummaryNext(L, q as int, l, H, nq as int, gbase as int, ng as int, g as int, b as int);
      var v := if setBit then head[nq + g] + head[mbase + b] else head[nq + g] - head[mbase + b];
      ghost var H1 := head[..];
      reveal Linked();
      LemmaHeadExtra(n as int, lists, owner[..], pos, next[..], prev[..], H1, tail[..], nq as int + g as int, v);
      head[nq + g] := v;
      SummaryMove(L, q as int, l, H, H1, nq as int, gbase as int, ng as int, g as int, b as int, v);
      assert Summary() by { reveal Summary(); }
    }

    // Removes and returns the front of queue q (Nil when q is empty).
    method PopFront(q: u32) returns (t: u32)
      requires Valid() && q < nq
      modifies this, next, prev, head, tail, owner
      ensures Valid()
      ensures old(|lists[q]|) == 0 ==> t == Nil && lists == old(lists) && owner[..] == old(owner[..])
      ensures old(|lists[q]|) > 0 ==> t == old(lists[q][0]) && t < n
      ensures old(|lists[q]|) > 0 ==> lists == old(lists)[q := old(lists[q][1..])] && owner[..] == old(owner[..])[t := Nil]
    {
      reveal Linked();
      HeadFacts(q);
      t := head[q];
      if t == Nil { return; }
      ghost var l := lists[q];
      MemberFacts(q, t);
      Remove(t, AnyQueue);
      assert old(pos[t]) == 0 by {
        assert ListOk(l, q as int, n as int, old(owner[..]), old(pos), old(next[..]), old(prev[..]), old(head[..])[q], old(tail[..])[q]);
      }
      assert Without(l, 0) == l[1..];
    }
  }
}
