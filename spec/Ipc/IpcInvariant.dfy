// The IPC core's cross-structure invariant, stated over sequences (a snapshot of the TCB arrays and the queue
// owners), with one lemma per primitive move of spec/Ipc/IpcState.dfy showing that the move keeps it.
//
// Per thread t (ThreadOk):
//   (a) t sits in exactly the queue its state names (QueueFor) and, when its wait is timed with a finite deadline,
//       in the wheel slot of that deadline, else in no wheel slot;
//   (b) a thread blocked on an endpoint waits on a live one; a closed receive waits on another, live thread;
//       transfer partners point at each other;
//   (c) a live thread's result is Pending exactly while it is blocked (waiting or in a transfer), so every wakeup
//       delivers a result;
//   (e) t is Running exactly when it is `current`.
// Stated over sequences, each lemma is about sequence updates: the solver never reasons about the heap here.
include "IpcTypes.dfy"
include "IpcQueues.dfy"

module IpcInvariant {
  import opened NativeTypes
  import opened IpcTypes
  import opened IpcQueues

  // The queue a thread in state s with priority p, waiting on o, belongs in (Nil: in no IPC queue).
  function QueueFor(n: u32, ne: u32, s: u8, p: u8, o: u32): (r: u32)
    requires n <= MaxThreads && ne <= MaxEndpoints
    ensures r == Nil || r < NumQueues(n, ne)
  {
    if p as u32 >= NPrio then Nil
    else if s == Ready then ReadyQ(p)
    else if (s == SendBlocked || s == CallBlocked) && o < ne then EpQ(n, o, DirSend, p)
    else if s == RecvBlocked && o < ne then EpQ(n, o, DirRecv, p)
    else if s == RecvClosed && o < n then ClosedQ(o)
    else Nil
  }

  // The wheel slot of a deadline, as a queue number (after the NumQueues IPC queues).
  function WheelQueue(n: u32, ne: u32, d: u64): (r: u32)
    requires n <= MaxThreads && ne <= MaxEndpoints
    ensures NumQueues(n, ne) <= r < NumQueues(n, ne) + WheelSlots as u32
  {
    NumQueues(n, ne) + Slot(d)
  }

  // A wait the wheel times: an IPC wait or sleep, or a transfer side waiting for its nested page fault.
  predicate Timed(s: u8, pf: u8) {
    IsWaiting(s) || (IsXfer(s) && pf != 0)
  }

  predicate Blocked(s: u8) {
    IsWaiting(s) || IsXfer(s)
  }

  // The wheel slot thread node n + t belongs in.
  function WheelFor(n: u32, ne: u32, s: u8, pf: u8, d: u64): u32
    requires n <= MaxThreads && ne <= MaxEndpoints
  {
    if Timed(s, pf) && d != Forever then WheelQueue(n, ne, d) else Nil
  }

  // A snapshot of the state the invariant speaks about: the TCB arrays, endpoint liveness, the queue owners
  // (node t: IPC queue of thread t; node n + t: its wheel slot) and the current thread.
  datatype Tcbs = Tcbs(st: seq<u8>, pr: seq<u8>, ob: seq<u32>, er: seq<u32>, dl: seq<u64>, pf: seq<u8>,
                       ep: seq<u8>, ow: seq<u32>, cur: u32)

  ghost predicate Shaped(n: u32, ne: u32, k: Tcbs) {
    && 0 < n <= MaxThreads && ne <= MaxEndpoints
    && |k.st| == n as int && |k.pr| == n as int && |k.ob| == n as int && |k.er| == n as int
    && |k.dl| == n as int && |k.pf| == n as int && |k.ep| == ne as int && |k.ow| == 2 * n as int
  }

  ghost predicate ThreadOk(n: u32, ne: u32, k: Tcbs, t: int)
    requires Shaped(n, ne, k) && 0 <= t < n as int
  {
    var s := k.st[t];
    var o := k.ob[t];
    && s <= MaxState && k.pr[t] as u32 < NPrio
    && k.ow[t] == QueueFor(n, ne, s, k.pr[t], o)                               // (a)
    && k.ow[n as int + t] == WheelFor(n, ne, s, k.pf[t], k.dl[t])              // (a) the wheel
    && (IsEpBlocked(s) ==> o < ne && k.ep[o] != 0)                             // (b)
    && (s == RecvClosed ==> o < n && o as int != t && IsLive(k.st[o]))       // (b)
    && (s == XferSend ==> o < n && k.st[o] == XferRecv && k.ob[o] as int == t)
    && (s == XferRecv ==> o < n && k.st[o] == XferSend && k.ob[o] as int == t)
    && (k.pf[t] != 0 ==> IsXfer(s))
    && (IsLive(s) ==> (k.er[t] == Pending <==> Blocked(s)))                    // (c)
    && (s == Running <==> t == k.cur as int)                                   // (e)
  }

  ghost predicate CrossOk(n: u32, ne: u32, k: Tcbs) {
    Shaped(n, ne, k) && AllThreadsOk(n, ne, k)
  }

  // Opaque: the kernel's methods only carry it from one lemma to the next.
  opaque ghost predicate AllThreadsOk(n: u32, ne: u32, k: Tcbs)
    requires Shaped(n, ne, k)
  {
    && (k.cur == NoThread || k.cur < n)
    && forall t :: 0 <= t < n as int ==> ThreadOk(n, ne, k, t)
  }

  // ---- The initial state: no thread, no endpoint, empty queues. ----

  lemma InitialOk(n: u32, ne: u32, k: Tcbs)
    requires Shaped(n, ne, k) && k.cur == NoThread
    requires forall t :: 0 <= t < n as int ==> k.st[t] == Free && k.pr[t] == 0 && k.pf[t] == 0 && k.dl[t] == Forever
    requires forall t :: 0 <= t < 2 * n as int ==> k.ow[t] == Nil
    ensures CrossOk(n, ne, k)
  {
    reveal AllThreadsOk();
  }

  // ---- One lemma per primitive move. ----

  // A thread none of whose own fields changed stays fine if what it refers to stays as it needs.
  lemma FrameOk(n: u32, ne: u32, k: Tcbs, k': Tcbs, u: int)
    requires Shaped(n, ne, k) && Shaped(n, ne, k') && 0 <= u < n as int && ThreadOk(n, ne, k, u)
    requires k'.st[u] == k.st[u] && k'.pr[u] == k.pr[u] && k'.ob[u] == k.ob[u] && k'.er[u] == k.er[u]
    requires k'.dl[u] == k.dl[u] && k'.pf[u] == k.pf[u] && k'.ow[u] == k.ow[u]
    requires k'.ow[n as int + u] == k.ow[n as int + u] && (u == k.cur as int <==> u == k'.cur as int)
    requires IsEpBlocked(k.st[u]) ==> k'.ep[k.ob[u]] != 0
    requires k.st[u] == RecvClosed ==> IsLive(k'.st[k.ob[u]])
    requires IsXfer(k.st[u]) ==> k'.st[k.ob[u]] == k.st[k.ob[u]] && k'.ob[k.ob[u]] == k.ob[k.ob[u]]
    ensures ThreadOk(n, ne, k', u)
  {
  }

  function NotCur(cur: u32, t: u32): u32 {
    if cur == t then NoThread else cur
  }

  // MakeReady(t, code): out of every queue, Ready with result `code`, into its ready queue.
  ghost function ReadyEffect(n: u32, ne: u32, k: Tcbs, t: u32, code: u32): Tcbs
    requires Shaped(n, ne, k) && t < n
  {
    k.(st := k.st[t := Ready], er := k.er[t := code],
       ow := k.ow[t := QueueFor(n, ne, Ready, k.pr[t], 0)][n as int + t as int := Nil], cur := NotCur(k.cur, t))
  }

  lemma ReadyOk(n: u32, ne: u32, k: Tcbs, t: u32, code: u32)
    requires CrossOk(n, ne, k) && t < n && !IsXfer(k.st[t]) && code != Pending
    ensures CrossOk(n, ne, ReadyEffect(n, ne, k, t, code))
  {
    reveal AllThreadsOk();
    var k' := ReadyEffect(n, ne, k, t, code);
    assert ThreadOk(n, ne, k, t as int);
    forall u | 0 <= u < n as int && u != t as int ensures ThreadOk(n, ne, k', u) {
      ReadyOther(n, ne, k, t, code, u);
    }
  }

  lemma ReadyOther(n: u32, ne: u32, k: Tcbs, t: u32, code: u32, u: int)
    requires CrossOk(n, ne, k) && t < n && !IsXfer(k.st[t]) && code != Pending && 0 <= u < n as int && u != t as int
    ensures ThreadOk(n, ne, ReadyEffect(n, ne, k, t, code), u)
  {
    reveal AllThreadsOk();
    assert ThreadOk(n, ne, k, u);
    if k.st[u] == RecvClosed || IsXfer(k.st[u]) { assert ThreadOk(n, ne, k, k.ob[u] as int); }
    FrameOk(n, ne, k, ReadyEffect(n, ne, k, t, code), u);
  }

  // Park(t, s, o, d): t (live, not in a transfer) starts a wait in state s on o until deadline d.
  ghost function ParkEffect(n: u32, ne: u32, k: Tcbs, t: u32, s: u8, o: u32, d: u64): Tcbs
    requires Shaped(n, ne, k) && t < n
  {
    k.(st := k.st[t := s], ob := k.ob[t := o], er := k.er[t := Pending], dl := k.dl[t := d],
       ow := k.ow[t := QueueFor(n, ne, s, k.pr[t], o)][n as int + t as int := WheelFor(n, ne, s, k.pf[t], d)],
       cur := NotCur(k.cur, t))
  }

  // What a wait in state s on o needs: a live endpoint, or another live thread for a closed receive.
  ghost predicate WaitTargetOk(n: u32, ne: u32, k: Tcbs, t: u32, s: u8, o: u32)
    requires Shaped(n, ne, k)
  {
    && IsWaiting(s)
    && (IsEpBlocked(s) ==> o < ne && k.ep[o] != 0)
    && (s == RecvClosed ==> o < n && o != t && IsLive(k.st[o]))
  }

  lemma ParkOk(n: u32, ne: u32, k: Tcbs, t: u32, s: u8, o: u32, d: u64)
    requires CrossOk(n, ne, k) && t < n && IsLive(k.st[t]) && !IsXfer(k.st[t]) && WaitTargetOk(n, ne, k, t, s, o)
    ensures CrossOk(n, ne, ParkEffect(n, ne, k, t, s, o, d))
  {
    reveal AllThreadsOk();
    var k' := ParkEffect(n, ne, k, t, s, o, d);
    assert ThreadOk(n, ne, k, t as int);
    forall u | 0 <= u < n as int && u != t as int ensures ThreadOk(n, ne, k', u) {
      ParkOther(n, ne, k, t, s, o, d, u);
    }
  }

  lemma ParkOther(n: u32, ne: u32, k: Tcbs, t: u32, s: u8, o: u32, d: u64, u: int)
    requires CrossOk(n, ne, k) && t < n && IsLive(k.st[t]) && !IsXfer(k.st[t]) && WaitTargetOk(n, ne, k, t, s, o)
    requires 0 <= u < n as int && u != t as int
    ensures ThreadOk(n, ne, ParkEffect(n, ne, k, t, s, o, d), u)
  {
    reveal AllThreadsOk();
    assert ThreadOk(n, ne, k, u);
    if k.st[u] == RecvClosed || IsXfer(k.st[u]) { assert ThreadOk(n, ne, k, k.ob[u] as int); }
    FrameOk(n, ne, k, ParkEffect(n, ne, k, t, s, o, d), u);
  }

  // StartXfer(s, r): rendezvous of a long message; sender s and receiver r enter the transfer, each naming the other.
  ghost function XferEffect(n: u32, k: Tcbs, s: u32, r: u32): Tcbs
    requires |k.st| == n as int && |k.ob| == n as int && |k.er| == n as int && |k.dl| == n as int
    requires |k.ow| == 2 * n as int && s < n && r < n
  {
    k.(st := k.st[s := XferSend][r := XferRecv], ob := k.ob[s := r][r := s], er := k.er[s := Pending][r := Pending],
       dl := k.dl[s := Forever][r := Forever], ow := k.ow[s := Nil][n as int + s as int := Nil][r := Nil][n as int + r as int := Nil],
       cur := NotCur(NotCur(k.cur, s), r))
  }

  lemma XferOk(n: u32, ne: u32, k: Tcbs, s: u32, r: u32)
    requires CrossOk(n, ne, k) && s < n && r < n && s != r
    requires IsLive(k.st[s]) && !IsXfer(k.st[s]) && IsLive(k.st[r]) && !IsXfer(k.st[r])
    ensures CrossOk(n, ne, XferEffect(n, k, s, r))
  {
    reveal AllThreadsOk();
    var k' := XferEffect(n, k, s, r);
    assert ThreadOk(n, ne, k, s as int) && ThreadOk(n, ne, k, r as int);
    assert ThreadOk(n, ne, k', s as int);
    assert ThreadOk(n, ne, k', r as int);
    forall u | 0 <= u < n as int && u != s as int && u != r as int ensures ThreadOk(n, ne, k', u) {
      XferOther(n, ne, k, s, r, u);
    }
  }

  lemma XferOther(n: u32, ne: u32, k: Tcbs, s: u32, r: u32, u: int)
    requires CrossOk(n, ne, k) && s < n && r < n && s != r
    requires IsLive(k.st[s]) && !IsXfer(k.st[s]) && IsLive(k.st[r]) && !IsXfer(k.st[r])
    requires 0 <= u < n as int && u != s as int && u != r as int
    ensures ThreadOk(n, ne, XferEffect(n, k, s, r), u)
  {
    reveal AllThreadsOk();
    assert ThreadOk(n, ne, k, u);
    if k.st[u] == RecvClosed || IsXfer(k.st[u]) { assert ThreadOk(n, ne, k, k.ob[u] as int); }
    FrameOk(n, ne, k, XferEffect(n, k, s, r), u);
  }

  // BreakXfer(t, code): the transfer t takes part in ends; t and its partner become Ready with `code`.
  ghost function BreakEffect(n: u32, ne: u32, k: Tcbs, t: u32, p: u32, code: u32): Tcbs
    requires Shaped(n, ne, k) && t < n && p < n
  {
    k.(st := k.st[t := Ready][p := Ready], er := k.er[t := code][p := code], pf := k.pf[t := 0][p := 0],
       ow := k.ow[t := QueueFor(n, ne, Ready, k.pr[t], 0)][n as int + t as int := Nil]
                 [p := QueueFor(n, ne, Ready, k.pr[p], 0)][n as int + p as int := Nil])
  }

  lemma BreakOk(n: u32, ne: u32, k: Tcbs, t: u32, code: u32)
    requires CrossOk(n, ne, k) && t < n && IsXfer(k.st[t]) && code != Pending
    ensures k.ob[t] < n && k.ob[t] != t && IsXfer(k.st[k.ob[t]]) && k.ob[k.ob[t]] == t
    ensures k.cur != t && k.cur != k.ob[t]
    ensures CrossOk(n, ne, BreakEffect(n, ne, k, t, k.ob[t], code))
  {
    reveal AllThreadsOk();
    assert ThreadOk(n, ne, k, t as int);
    var p := k.ob[t];
    assert ThreadOk(n, ne, k, p as int);
    var k' := BreakEffect(n, ne, k, t, p, code);
    assert ThreadOk(n, ne, k', t as int);
    assert ThreadOk(n, ne, k', p as int);
    forall u | 0 <= u < n as int && u != t as int && u != p as int ensures ThreadOk(n, ne, k', u) {
      BreakOther(n, ne, k, t, code, u);
    }
  }

  lemma BreakOther(n: u32, ne: u32, k: Tcbs, t: u32, code: u32, u: int)
    requires CrossOk(n, ne, k) && t < n && IsXfer(k.st[t]) && code != Pending && k.ob[t] < n
    requires 0 <= u < n as int && u != t as int && u != k.ob[t] as int
    ensures ThreadOk(n, ne, BreakEffect(n, ne, k, t, k.ob[t], code), u)
  {
    reveal AllThreadsOk();
    assert ThreadOk(n, ne, k, t as int);
    assert ThreadOk(n, ne, k, u);
    if k.st[u] == RecvClosed || IsXfer(k.st[u]) { assert ThreadOk(n, ne, k, k.ob[u] as int); }
    FrameOk(n, ne, k, BreakEffect(n, ne, k, t, k.ob[t], code), u);
  }

  // Run(t): the Ready thread t becomes the current, Running thread (the CPU was idle).
  ghost function RunEffect(n: u32, k: Tcbs, t: u32): Tcbs
    requires |k.st| == n as int && |k.ow| == 2 * n as int && t < n
  {
    k.(st := k.st[t := Running], ow := k.ow[t := Nil], cur := t)
  }

  lemma RunOk(n: u32, ne: u32, k: Tcbs, t: u32)
    requires CrossOk(n, ne, k) && t < n && k.st[t] == Ready && k.cur == NoThread
    ensures CrossOk(n, ne, RunEffect(n, k, t))
  {
    reveal AllThreadsOk();
    var k' := RunEffect(n, k, t);
    forall u | 0 <= u < n as int ensures ThreadOk(n, ne, k', u) {
      assert ThreadOk(n, ne, k, u);
      if u != t as int {
        var o := k.ob[u];
        if k.st[u] == RecvClosed || IsXfer(k.st[u]) { assert ThreadOk(n, ne, k, o as int); }
      }
    }
  }

  // Bury(t): the killed thread t, referred to by no thread, leaves every queue and becomes Dead.
  ghost function BuryEffect(n: u32, k: Tcbs, t: u32): Tcbs
    requires |k.st| == n as int && |k.pf| == n as int && |k.ow| == 2 * n as int && t < n
  {
    k.(st := k.st[t := Dead], pf := k.pf[t := 0], ow := k.ow[t := Nil][n as int + t as int := Nil], cur := NotCur(k.cur, t))
  }

  ghost predicate Unreferenced(n: u32, k: Tcbs, t: u32)
    requires |k.st| == n as int && |k.ob| == n as int
  {
    forall u :: 0 <= u < n as int && k.st[u] == RecvClosed ==> k.ob[u] != t
  }

  lemma BuryOk(n: u32, ne: u32, k: Tcbs, t: u32)
    requires CrossOk(n, ne, k) && t < n && !IsXfer(k.st[t]) && Unreferenced(n, k, t)
    ensures CrossOk(n, ne, BuryEffect(n, k, t))
  {
    reveal AllThreadsOk();
    var k' := BuryEffect(n, k, t);
    forall u | 0 <= u < n as int ensures ThreadOk(n, ne, k', u) {
      assert ThreadOk(n, ne, k, u);
      if u != t as int {
        var o := k.ob[u];
        if k.st[u] == RecvClosed || IsXfer(k.st[u]) { assert ThreadOk(n, ne, k, o as int); }
      }
    }
  }

  // Revive(t, p): a Free or Dead slot becomes a Ready thread of priority p.
  ghost function ReviveEffect(n: u32, ne: u32, k: Tcbs, t: u32, p: u8): Tcbs
    requires Shaped(n, ne, k) && t < n
  {
    k.(st := k.st[t := Ready], pr := k.pr[t := p], er := k.er[t := OK], pf := k.pf[t := 0],
       ow := k.ow[t := QueueFor(n, ne, Ready, p, 0)][n as int + t as int := Nil])
  }

  lemma ReviveOk(n: u32, ne: u32, k: Tcbs, t: u32, p: u8)
    requires CrossOk(n, ne, k) && t < n && !IsLive(k.st[t]) && p as u32 < NPrio
    ensures CrossOk(n, ne, ReviveEffect(n, ne, k, t, p))
  {
    reveal AllThreadsOk();
    var k' := ReviveEffect(n, ne, k, t, p);
    forall u | 0 <= u < n as int ensures ThreadOk(n, ne, k', u) {
      assert ThreadOk(n, ne, k, u);
      if u != t as int {
        var o := k.ob[u];
        if k.st[u] == RecvClosed || IsXfer(k.st[u]) { assert ThreadOk(n, ne, k, o as int); }
      }
    }
  }

  // SetPrio(t, p): t's effective priority (the key of its ready or endpoint queue) becomes p: a priority lent by a
  // thread that waits for t, or t's own priority back. Only t's queue follows; no other thread reads t's priority.
  ghost function PrioEffect(n: u32, ne: u32, k: Tcbs, t: u32, p: u8): Tcbs
    requires Shaped(n, ne, k) && t < n
  {
    k.(pr := k.pr[t := p], ow := k.ow[t := QueueFor(n, ne, k.st[t], p, k.ob[t])])
  }

  lemma PrioOk(n: u32, ne: u32, k: Tcbs, t: u32, p: u8)
    requires CrossOk(n, ne, k) && t < n && p as u32 < NPrio
    ensures CrossOk(n, ne, PrioEffect(n, ne, k, t, p))
  {
    reveal AllThreadsOk();
    var k' := PrioEffect(n, ne, k, t, p);
    forall u | 0 <= u < n as int ensures ThreadOk(n, ne, k', u) {
      assert ThreadOk(n, ne, k, u);
      if k.st[u] == RecvClosed || IsXfer(k.st[u]) { assert ThreadOk(n, ne, k, k.ob[u] as int); }
    }
  }

  // Suspend(t, d): a page fault on t's side of a transfer; the transfer waits for it until deadline d.
  ghost function SuspendEffect(n: u32, ne: u32, k: Tcbs, t: u32, d: u64): Tcbs
    requires Shaped(n, ne, k) && t < n
  {
    k.(pf := k.pf[t := 1], dl := k.dl[t := d], ow := k.ow[n as int + t as int := WheelFor(n, ne, k.st[t], 1, d)])
  }

  lemma SuspendOk(n: u32, ne: u32, k: Tcbs, t: u32, d: u64)
    requires CrossOk(n, ne, k) && t < n && IsXfer(k.st[t])
    ensures CrossOk(n, ne, SuspendEffect(n, ne, k, t, d))
  {
    reveal AllThreadsOk();
    var k' := SuspendEffect(n, ne, k, t, d);
    forall u | 0 <= u < n as int ensures ThreadOk(n, ne, k', u) {
      assert ThreadOk(n, ne, k, u);
    }
  }

  // Resume(t): t's nested page fault was resolved; the transfer goes on (no longer timed).
  ghost function ResumeEffect(n: u32, k: Tcbs, t: u32): Tcbs
    requires |k.pf| == n as int && |k.ow| == 2 * n as int && t < n
  {
    k.(pf := k.pf[t := 0], ow := k.ow[n as int + t as int := Nil])
  }

  lemma ResumeOk(n: u32, ne: u32, k: Tcbs, t: u32)
    requires CrossOk(n, ne, k) && t < n && IsXfer(k.st[t])
    ensures CrossOk(n, ne, ResumeEffect(n, k, t))
  {
    reveal AllThreadsOk();
    var k' := ResumeEffect(n, k, t);
    forall u | 0 <= u < n as int ensures ThreadOk(n, ne, k', u) {
      assert ThreadOk(n, ne, k, u);
    }
  }

  // The running thread's result (of an operation that did not block).
  lemma ResultOk(n: u32, ne: u32, k: Tcbs, t: u32, code: u32)
    requires CrossOk(n, ne, k) && t < n && k.st[t] == Running && code != Pending
    ensures CrossOk(n, ne, k.(er := k.er[t := code]))
  {
    reveal AllThreadsOk();
    var k' := k.(er := k.er[t := code]);
    forall u | 0 <= u < n as int ensures ThreadOk(n, ne, k', u) {
      assert ThreadOk(n, ne, k, u);
    }
  }

  // An endpoint comes to life, or dies when no thread waits on it.
  ghost predicate NoneWaitsOn(n: u32, k: Tcbs, e: u32)
    requires |k.st| == n as int && |k.ob| == n as int
  {
    forall u :: 0 <= u < n as int && IsEpBlocked(k.st[u]) ==> k.ob[u] != e
  }

  lemma EndpointOk(n: u32, ne: u32, k: Tcbs, e: u32, v: u8)
    requires CrossOk(n, ne, k) && e < ne && (v != 0 || NoneWaitsOn(n, k, e))
    ensures CrossOk(n, ne, k.(ep := k.ep[e := v]))
  {
    reveal AllThreadsOk();
    var k' := k.(ep := k.ep[e := v]);
    forall u | 0 <= u < n as int ensures ThreadOk(n, ne, k', u) {
      assert ThreadOk(n, ne, k, u);
    }
  }
}
