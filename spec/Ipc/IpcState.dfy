// The IPC core's state: struct-of-arrays TCB fields, endpoints, and one LinkedQueues object holding the ready,
// endpoint and closed-receive queues and the timer wheel; the primitive moves every operation is built from.
//
// Valid() = Base() && Cross(), proved for every method and every argument value:
// - Base(): array shapes, the queues' link invariant (IpcQueues: every queue is a well-formed doubly-linked list
//   equal to its abstract sequence, a node in at most one queue), state words and priorities in range;
// - Cross() (spec/Ipc/IpcInvariant.dfy, opaque): a thread sits in exactly the queue and wheel slot its state names;
//   waits name live endpoints and live threads; transfer partners point at each other; a live thread's result is
//   Pending exactly while it is blocked; the Running thread is `current`.
// Notifications share the IPC object slots with endpoints (epAlive[e] names the kind): a word of bits per slot,
// waiters in the slot's receive queues in state RecvBlocked, so they need nothing new from the invariant.
// Only the primitive moves (MakeReady, Park, StartXfer, BreakXfer, Run, Bury, Revive, Suspend, Resume, SetResult,
// SetPrio, SetEndpoint) change what Cross() reads; each proves it through the matching IpcInvariant lemma, and the
// operations are written in terms of them. Every system call ends in Reschedule(), which establishes Scheduled():
// no Ready thread outranks the running one (by effective priority: scheduling contexts lend priorities, see
// IpcMessages). Each operation also proves its abstract transition (IpcSteps, IpcMessageSteps) over Snap().
include "IpcTypes.dfy"
include "IpcQueues.dfy"
include "IpcInvariant.dfy"
include "IpcSteps.dfy"
include "IpcMessageSteps.dfy"

module IpcState {
  import opened NativeTypes
  import opened IpcTypes
  import opened IpcQueues
  import opened IpcInvariant
  import opened IpcSteps
  import opened IpcMessageSteps

  method FilledU8(len: u32, v: u8) returns (a: array<u8>)
    ensures fresh(a) && a.Length == len as int && forall i :: 0 <= i < a.Length ==> a[i] == v
  {
    a := new u8[len];
    for i: u32 := 0 to len
      invariant forall j :: 0 <= j < i as int ==> a[j] == v
    {
      a[i] := v;
    }
  }

  method FilledU64(len: u32, v: u64) returns (a: array<u64>)
    ensures fresh(a) && a.Length == len as int && forall i :: 0 <= i < a.Length ==> a[i] == v
  {
    a := new u64[len];
    for i: u32 := 0 to len
      invariant forall j :: 0 <= j < i as int ==> a[j] == v
    {
      a[i] := v;
    }
  }

  // Message registers, receive buffers and long-IPC progress: data the state machine moves but does not depend on,
  // so it lives outside IpcKernel.Valid() (storing a message never touches the invariant).
  // All fields are u64 arrays: by type they can never alias the queues' u32 arrays or the TCB's u8/u32 arrays.
  class IpcMessages {
    const msgWord: array<u64>       // first message word (the rest lives in the UTCB; the core copies the length)
    const msgLen: array<u64>        // message length in words
    const mapRights: array<u64>     // map item rights (0: no map item)
    const recvMax: array<u64>       // receive buffer size in words
    const recvRights: array<u64>    // largest rights the receive window accepts
    const recvWord: array<u64>      // received first word
    const recvLen: array<u64>       // received length
    const recvFrom: array<u64>      // sender of the received message
    const xferDone: array<u64>      // long IPC: words copied so far (saved in the TCB between chunks)
    const rcvTimeout: array<u64>    // Call: relative timeout of the receive phase that follows the rendezvous
    const isCall: array<u64>        // 1: the pending send is a Call (after it completes, wait for the reply)
    const ntfWord: array<u64>       // per IPC object slot: a notification's pending bits
    // Scheduling contexts (NOVA's SCs): a thread's own priority and timeslice, and the context it runs on. A thread
    // waiting for another one (a Call's reply, a closed receive) lends it its context: the other runs at the
    // waiter's priority if that is higher and uses up the waiter's timeslice, until no thread waits for it any more.
    // IpcKernel.prio is the effective priority the queues and the invariant use. Each array has an element type of
    // its own (IpcTypes), so the verifier knows that writing one never changes another array.
    const own: array<OwnPrio>       // the priority the thread was created with
    const runsOn: array<SliceOwner> // the thread whose timeslice this thread uses up (itself unless lent one)
    const left: array<Ticks>        // ticks left of the thread's own timeslice
    // Per IPC object: the thread that took its last Call by an open receive, plus one (0: none). A Call that finds
    // no receiver lends its context to that thread while it still owes a reply (helping a busy server).
    const server: array<ServerOf>

    ghost predicate Ok(n: u32, ne: u32)
      reads this
    {
      && ntfWord.Length == ne as int
      && msgWord.Length == n as int && msgLen.Length == n as int && mapRights.Length == n as int
      && recvMax.Length == n as int && recvRights.Length == n as int && recvWord.Length == n as int
      && recvLen.Length == n as int && recvFrom.Length == n as int && xferDone.Length == n as int
      && rcvTimeout.Length == n as int && isCall.Length == n as int
      && SchedOk(n, ne) && Distinct()
      && recvWord != recvLen && recvWord != recvFrom && recvLen != recvFrom
      && ntfWord != recvWord && ntfWord != recvLen && ntfWord != recvFrom
    }

    // The scheduling-context sizes, opaque: only the few methods that use the arrays pay for them (every Valid()
    // proof would otherwise see three more facts, which nearly doubles its cost).
    opaque ghost predicate SchedOk(n: u32, ne: u32)
      reads this
    {
      own.Length == n as int && runsOn.Length == n as int && left.Length == n as int && server.Length == ne as int
    }

    // No two of the per-thread message arrays are one array: storing into one leaves the others. Opaque: only the
    // methods that state what a store did pay for it.
    opaque ghost predicate Distinct()
      reads this
    {
      && msgWord != msgLen && msgWord != mapRights && msgWord != recvMax && msgWord != recvRights
      && msgWord != recvWord && msgWord != recvLen && msgWord != recvFrom && msgWord != xferDone
      && msgWord != rcvTimeout && msgWord != isCall && msgLen != mapRights && msgLen != recvMax
      && msgLen != recvRights && msgLen != recvWord && msgLen != recvLen && msgLen != recvFrom
      && msgLen != xferDone && msgLen != rcvTimeout && msgLen != isCall && mapRights != recvMax
      && mapRights != recvRights && mapRights != recvWord && mapRights != recvLen && mapRights != recvFrom
      && mapRights != xferDone && mapRights != rcvTimeout && mapRights != isCall && recvMax != recvRights
      && recvMax != recvWord && recvMax != recvLen && recvMax != recvFrom && recvMax != xferDone
      && recvMax != rcvTimeout && recvMax != isCall && recvRights != recvWord && recvRights != recvLen
      && recvRights != recvFrom && recvRights != xferDone && recvRights != rcvTimeout && recvRights != isCall
      && recvWord != recvLen && recvWord != recvFrom && recvWord != xferDone && recvWord != rcvTimeout
      && recvWord != isCall && recvLen != recvFrom && recvLen != xferDone && recvLen != rcvTimeout
      && recvLen != isCall && recvFrom != xferDone && recvFrom != rcvTimeout && recvFrom != isCall
      && xferDone != rcvTimeout && xferDone != isCall && rcvTimeout != isCall
    }

    constructor(n: u32, ne: u32)
      ensures Ok(n, ne)
      ensures fresh(msgWord) && fresh(msgLen) && fresh(mapRights) && fresh(recvMax) && fresh(recvRights)
      ensures fresh(recvWord) && fresh(recvLen) && fresh(recvFrom) && fresh(xferDone) && fresh(rcvTimeout)
      ensures fresh(isCall) && fresh(ntfWord) && fresh(own) && fresh(runsOn) && fresh(left) && fresh(server)
    {
      msgWord, msgLen, mapRights, recvMax, recvRights := new u64[n], new u64[n], new u64[n], new u64[n], new u64[n];
      recvWord, recvLen, recvFrom, xferDone, rcvTimeout := new u64[n], new u64[n], new u64[n], new u64[n], new u64[n];
      isCall := new u64[n];
      ntfWord := new u64[ne];
      own, runsOn, left := new OwnPrio[n], new SliceOwner[n], new Ticks[n];
      server := new ServerOf[ne];   // C# zeroes it: no server yet (BusyServer checks every value anyway)
      new;
      reveal SchedOk();
      reveal Distinct();
    }
  }

  class IpcKernel {
    const n: u32                    // threads 0 .. n-1
    const ne: u32                   // endpoints 0 .. ne-1
    // TCB fields the state machine depends on, one array per field.
    const state: array<u8>          // the IPC state word
    const prio: array<u8>           // priority 0 .. NPrio-1
    const obj: array<u32>           // the endpoint (Send/Call/RecvBlocked) or thread (RecvClosed, Xfer*) waited on
    const err: array<u32>           // result of the thread's last IPC operation (Pending while blocked)
    const deadline: array<u64>      // absolute wakeup time of the current wait, Forever if none
    const pfPending: array<u8>      // 1: this side of a transfer waits for a nested page-fault IPC
    const epAlive: array<u8>        // 1: endpoint exists
    // All queues in one LinkedQueues over 2n nodes: node t links thread t into its ready, endpoint or closed-receive
    // queue; node n + t links it into the timer wheel (one list per slot, slot = deadline % WheelSlots).
    const q: LinkedQueues
    const m: IpcMessages            // message registers and buffers (not part of Valid)
    var current: u32                // the Running thread, or NoThread (idle)

    ghost predicate Shape()
      reads this, m
    {
      && 0 < n <= MaxThreads && ne <= MaxEndpoints
      && state.Length == n as int && prio.Length == n as int && obj.Length == n as int && err.Length == n as int
      && deadline.Length == n as int && pfPending.Length == n as int && epAlive.Length == ne as int
      && q.n == 2 * n && q.nq as int == NumQueues(n, ne) as int + WheelSlots as int && m.Ok(n, ne)
      && deadline != m.msgWord && deadline != m.msgLen && deadline != m.mapRights && deadline != m.recvMax
      && deadline != m.recvRights && deadline != m.recvWord && deadline != m.recvLen && deadline != m.recvFrom
      && deadline != m.xferDone && deadline != m.rcvTimeout && deadline != m.isCall && deadline != m.ntfWord
      && state != prio && state != pfPending && state != epAlive && prio != pfPending && prio != epAlive
      && pfPending != epAlive && obj != err
      // No array of this object is one of the queues' arrays (the u8 and u64 ones differ by type).
      && obj != q.next && obj != q.prev && obj != q.head && obj != q.tail && obj != q.owner
      && err != q.next && err != q.prev && err != q.head && err != q.tail && err != q.owner
    }

    // The structural part: shapes and queue links. The primitives below keep it while they rearrange. It reads no
    // TCB array, so writing TCB fields never touches it.
    ghost predicate Base()
      reads this, m, q, q.next, q.prev, q.head, q.tail, q.owner
    {
      && Shape() && q.Valid() && Groups()
      && (current == NoThread || current < n)
    }

    // The queues' priority groups: the ready queues (group 0) and each endpoint's send and receive queues
    // (group 1 + 2e + dir). Opaque: only HighestReady and FindWaiter use it. It reads constants only, so no
    // method needs to prove it again.
    opaque ghost predicate Groups()
    {
      q.gbase as int == 32 + n as int && q.ng as int == 1 + 2 * ne as int
    }

    // The state the cross-structure invariant (spec/Ipc/IpcInvariant.dfy) speaks about. Opaque: a method relates
    // it to the arrays only through SnapNow (at its start) and SnapIs (at its end), so that the sequences of the
    // arrays never meet the heap updates in between in one proof obligation.
    opaque ghost function Snap(): (k: Tcbs)
      reads this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.owner
      ensures |k.st| == state.Length && |k.pr| == prio.Length && |k.ob| == obj.Length && |k.er| == err.Length
      ensures |k.dl| == deadline.Length && |k.pf| == pfPending.Length && |k.ep| == epAlive.Length
      ensures |k.ow| == q.owner.Length && k.cur == current
    {
      Tcbs(state[..], prio[..], obj[..], err[..], deadline[..], pfPending[..], epAlive[..], q.owner[..], current)
    }

    // What the rendezvous reads of the message registers and buffers (IpcMessageSteps.Msgs).
    // Opaque like Snap(): related to the arrays only through MsgNow.
    // It reads no field of the kernel object itself (n and m are constants), so moves of the state machine leave it.
    opaque ghost function Msg(): (g: Msgs)
      requires m.Ok(n, ne)
      reads m, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.isCall, m.rcvTimeout
      ensures MsgsShaped(n, g)
    {
      Msgs(m.msgLen[..], m.mapRights[..], m.recvMax[..], m.recvRights[..], m.isCall[..], m.rcvTimeout[..])
    }

    lemma MsgNow()
      requires Shape()
      ensures Msg() == Msgs(m.msgLen[..], m.mapRights[..], m.recvMax[..], m.recvRights[..], m.isCall[..], m.rcvTimeout[..])
    {
      reveal Msg();
    }

    lemma SnapNow()
      ensures FieldsAre(Snap()) && q.owner[..] == Snap().ow
    {
      reveal Snap();
    }

    lemma SnapIs(k: Tcbs)
      requires state[..] == k.st
      requires prio[..] == k.pr
      requires obj[..] == k.ob
      requires err[..] == k.er
      requires deadline[..] == k.dl
      requires pfPending[..] == k.pf
      requires epAlive[..] == k.ep
      requires q.owner[..] == k.ow
      requires current == k.cur
      ensures Snap() == k
    {
      reveal Snap();
    }

    // The TCB arrays as they were at `k`.
    ghost predicate FieldsAre(k: Tcbs)
      reads this, state, prio, obj, err, deadline, pfPending, epAlive
    {
      && state[..] == k.st && prio[..] == k.pr && obj[..] == k.ob && err[..] == k.er && deadline[..] == k.dl
      && pfPending[..] == k.pf && epAlive[..] == k.ep && current == k.cur
    }

    // Opaque: operations see it only through the primitives' contracts and the *Facts lemmas below.
    opaque ghost predicate Cross()
      reads this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.owner
    {
      CrossOk(n, ne, Snap())
    }

    ghost predicate Valid()
      reads this, m, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner
    {
      Base() && Cross()
    }

    // (e) after each kernel exit: a Ready thread never outranks the running one; the CPU idles only when no thread
    // is Ready.
    ghost predicate Scheduled()
      reads this, state, prio
      requires state.Length == prio.Length
    {
      forall t: u32 :: t as int < state.Length && state[t] == Ready ==>
        current != NoThread && current as int < prio.Length && prio[t] <= prio[current]
    }

    constructor (threads: u32, endpoints: u32)
      requires 0 < threads <= MaxThreads && endpoints <= MaxEndpoints
      ensures Valid() && Scheduled() && n == threads && ne == endpoints && current == NoThread
      ensures forall t: u32 :: t < n ==> state[t] == Free
      ensures forall e: u32 :: e < ne ==> epAlive[e] == 0
    {
      // Dafny leaves new array elements unspecified (C# zeroes them anyway): fill the ones the core reads first.
      var st := FilledU8(threads, Free);
      var pr := FilledU8(threads, 0);
      var pf := FilledU8(threads, 0);
      var ep := FilledU8(endpoints, 0);
      var dl := FilledU64(threads, Forever);
      var ob, er := new u32[threads], new u32[threads];
      m := new IpcMessages(threads, endpoints);
      var qs := new LinkedQueues(2 * threads, NumQueues(threads, endpoints) + WheelSlots as u32, 32 + threads,
                                 1 + 2 * endpoints);
      n, ne := threads, endpoints;
      state, prio, pfPending, deadline, epAlive, obj, err := st, pr, pf, dl, ep, ob, er;
      q := qs;
      current := NoThread;
      new;
      reveal Groups();
      InitialNow();
      reveal Cross();
    }

    // The initial state in terms of the snapshot (a lemma of its own: the constructor's proof then never unfolds it).
    lemma InitialNow()
      requires Base()
      requires current == NoThread
      requires forall t :: 0 <= t < n as int ==> state[t] == Free && prio[t] == 0 && pfPending[t] == 0
      requires forall t :: 0 <= t < n as int ==> deadline[t] == Forever
      requires forall t :: 0 <= t < 2 * n as int ==> q.owner[t] == Nil
      ensures CrossOk(n, ne, Snap())
    {
      reveal Snap();
      InitialOk(n, ne, Snap());
    }

    // ---- What the invariant says about one thread (the only places that reveal Cross). ----

    lemma CrossNow()
      requires Valid()
      ensures CrossOk(n, ne, Snap())
    {
      reveal Cross();
    }

    lemma StateFacts(t: u32)
      requires Valid() && t < n
      ensures state[t] <= MaxState && prio[t] as u32 < NPrio
      ensures q.owner[t] == QueueFor(n, ne, state[t], prio[t], obj[t])
      ensures q.owner[n + t] == WheelFor(n, ne, state[t], pfPending[t], deadline[t])
      ensures IsEpBlocked(state[t]) ==> obj[t] < ne && epAlive[obj[t]] != 0
      ensures state[t] == RecvClosed ==> obj[t] < n && obj[t] != t && IsLive(state[obj[t]])
      ensures state[t] == XferSend ==> obj[t] < n && state[obj[t]] == XferRecv && obj[obj[t]] == t
      ensures state[t] == XferRecv ==> obj[t] < n && state[obj[t]] == XferSend && obj[obj[t]] == t
      ensures pfPending[t] != 0 ==> IsXfer(state[t])
      ensures IsLive(state[t]) ==> (err[t] == Pending <==> Blocked(state[t]))
      ensures state[t] == Running <==> t == current
    {
      reveal Cross();
      reveal AllThreadsOk();
      reveal Snap();
      assert ThreadOk(n, ne, Snap(), t as int);
    }

    // A thread in one of the IPC queues after the ready queues waits in the state that queue names.
    lemma QueuedFacts(t: u32)
      requires Valid() && t < n && q.owner[t] != Nil
      ensures q.owner[t] < NPrio ==> state[t] == Ready && prio[t] as u32 == q.owner[t]
      ensures q.owner[t] >= NPrio ==> IsWaiting(state[t]) && !IsXfer(state[t]) && IsLive(state[t])
    {
      StateFacts(t);
    }

    // Nodes below n link threads into IPC queues; nodes n + t link them into wheel slots.
    lemma NodeFacts(x: u32)
      requires Valid() && x < q.n && q.owner[x] != Nil
      ensures q.owner[x] < NumQueues(n, ne) <==> x < n
    {
      if x < n {
        StateFacts(x);
      } else {
        StateFacts(x - n);
      }
    }

    // A Ready thread is in the ready queue of its priority.
    lemma ReadyFacts(t: u32)
      requires Valid() && t < n && state[t] == Ready
      ensures q.owner[t] == prio[t] as u32 && t in q.lists[prio[t]]
    {
      StateFacts(t);
      q.OwnerFacts(t);
    }

    // An empty closed-receive queue of t: no thread waits in a closed receive for t.
    lemma EmptyClosedFacts(t: u32)
      requires Valid() && t < n && |q.lists[ClosedQ(t)]| == 0
      ensures forall u :: 0 <= u < n as int && state[u] == RecvClosed ==> obj[u] != t
    {
      forall u | 0 <= u < n as int && state[u] == RecvClosed ensures obj[u] != t {
        StateFacts(u as u32);
        if obj[u] == t { q.OwnerFacts(u as u32); }
      }
    }

    // The snapshot forms of "nobody waits on thread t / endpoint e", from the arrays.
    lemma UnreferencedNow(t: u32)
      requires Shape() && t < n
      requires forall u :: 0 <= u < n as int && state[u] == RecvClosed ==> obj[u] != t
      ensures Unreferenced(n, Snap(), t)
    {
      reveal Snap();
    }

    lemma NoneWaitsOnNow(e: u32)
      requires Shape()
      requires forall u :: 0 <= u < n as int && IsEpBlocked(state[u]) ==> obj[u] != e
      ensures NoneWaitsOn(n, Snap(), e)
    {
      reveal Snap();
    }

    // Empty queues of endpoint e at priority p: no thread blocks on e at that priority.
    lemma EmptyEpFacts(e: u32, p: u8)
      requires Valid() && e < ne && p as u32 < NPrio
      requires |q.lists[EpQ(n, e, DirSend, p)]| == 0 && |q.lists[EpQ(n, e, DirRecv, p)]| == 0
      ensures forall u :: 0 <= u < n as int && IsEpBlocked(state[u]) && obj[u] == e ==> prio[u] != p
    {
      forall u | 0 <= u < n as int && IsEpBlocked(state[u]) && obj[u] == e ensures prio[u] != p {
        StateFacts(u as u32);
        if prio[u] == p { q.OwnerFacts(u as u32); }
      }
    }

    // ---- Queue moves that keep Base() (the invariant is restored by the primitive that uses them). ----

    // The wheel slot of a deadline, as a queue number.
    function WheelQ(d: u64): (r: u32)
      requires Shape()
      reads this, m
      ensures r < q.nq && r == WheelQueue(n, ne, d)
    {
      WheelQueue(n, ne, d)
    }

    // Takes node x out of the queue holding it (if any).
    method Unlink(x: u32)
      requires Base() && x < q.n
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base() && q.owner[..] == old(q.owner[..])[x := Nil]
      ensures old(q.owner[x]) == Nil ==> q.lists == old(q.lists)
      ensures old(q.owner[x]) != Nil ==> old(q.owner[x]) < q.nq
      ensures old(q.owner[x]) != Nil ==> |q.lists[old(q.owner[x])]| == |old(q.lists[q.owner[x]])| - 1
      ensures old(q.owner[x]) != Nil ==>
        forall y :: 0 <= y < q.nq as int && y != old(q.owner[x]) as int ==> q.lists[y] == old(q.lists[y])
    {
      if q.owner[x] != Nil {
        q.Remove(x, AnyQueue);
      }
    }

    // Takes node x out of the queue holding it (if any), stating only the owners (cheaper for callers than Unlink).
    method Drop(x: u32)
      requires Base() && x < q.n
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base() && q.owner[..] == old(q.owner[..])[x := Nil]
    {
      if q.owner[x] != Nil {
        q.Remove(x, AnyQueue);
      }
    }

    // Thread t leaves its IPC queue and its wheel slot.
    method DropThread(t: u32)
      requires Base() && t < n
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base() && q.owner[..] == old(q.owner[..])[t := Nil][n as int + t as int := Nil]
    {
      // Drop(t) and Drop(n + t), written out (two calls fewer on every wake and wait). Not through DropQueued: the
      // general paths that drop a thread are large, and the code generator inlines less into them then (measured:
      // the loaded server's ReplyWait +28 instructions, the notification row +12).
      if q.owner[t] != Nil {
        q.Remove(t, AnyQueue);
      }
      ghost var ow := q.owner[..];
      assert ow == old(q.owner[..])[t := Nil];
      var w := n + t;
      if q.owner[w] != Nil {
        q.Remove(w, AnyQueue);
      }
      assert q.owner[..] == ow[w := Nil];
    }

    // DropThread for a thread in an IPC queue: its node is taken out without asking first. `kind`: what the caller
    // knows of the queue (IpcQueues.AnyQueue and the others; g, b: a KnownGroup caller's group word and bit).
    method DropQueued(t: u32, kind: u8, g: u32, b: u32)
      requires Base() && t < n && q.owner[t] != Nil && q.KindOk(q.owner[t], kind)
      requires kind == KnownGroup ==> q.InGroup(q.owner[t], g, b)
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base() && q.owner[..] == old(q.owner[..])[t := Nil][n as int + t as int := Nil]
    {
      q.RemoveAt(t, kind, g, b);
      ghost var ow := q.owner[..];
      assert ow == old(q.owner[..])[t := Nil];
      var w := n + t;
      if q.owner[w] != Nil {
        q.Remove(w, AnyQueue);
      }
      assert q.owner[..] == ow[w := Nil];
    }

    // Appends node x (in no queue) to queue qid.
    method Link(qid: u32, x: u32)
      requires Base() && x < q.n && qid < q.nq && q.owner[x] == Nil
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base() && q.owner[..] == old(q.owner[..])[x := qid]
      ensures q.lists == old(q.lists)[qid := old(q.lists[qid]) + [x]]
    {
      q.PushBack(qid, x, AnyQueue);
    }

    // Link for an endpoint's queue, whose bit is bit p of its endpoint's group word 1 + 2e + dir.
    method LinkWaiting(e: u32, dir: u32, p: u8, x: u32)
      requires Base() && x < q.n && e < ne && dir <= 1 && p as u32 < NPrio && q.owner[x] == Nil
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base() && q.owner[..] == old(q.owner[..])[x := EpQ(n, e, dir, p)]
    {
      reveal Groups();   // an endpoint's queues lie in its group
      q.PushBackAt(EpQ(n, e, dir, p), x, KnownGroup, 2 * e + dir + 1, p as u32);
    }

    // Link for a closed receive's queue, which has no bit in a priority word.
    method LinkClosed(o: u32, x: u32)
      requires Base() && x < q.n && o < n && q.owner[x] == Nil
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base() && q.owner[..] == old(q.owner[..])[x := ClosedQ(o)]
    {
      reveal Groups();   // the closed-receive queues lie below the first group's
      q.PushBack(ClosedQ(o), x, UnmarkedQueue);
    }

    // ---- Primitive moves (O(1) each), one per lemma of IpcInvariant. Each keeps Valid(). Each first moves the
    // queue nodes (method calls), then writes the TCB fields, so that every equality the proof needs is about one
    // stretch of code (the solver's cost grows quickly with heap updates spanning calls). ----

    // Thread t (not in a transfer) becomes Ready with result `code`: out of any IPC queue and the wheel, into its
    // ready queue. Among the queues after the ready queues only the one t left changes, by one element.
    method MakeReady(t: u32, code: u32)
      requires Valid() && t < n && !IsXfer(state[t]) && code != Pending
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[..] == old(state[..])[t := Ready] && err[t] == code
      ensures Snap() == ReadyEffect(n, ne, old(Snap()), t, code)
      ensures current == (if old(current) == t then NoThread else old(current))
      ensures old(q.owner[t]) == Nil || old(q.owner[t]) < NumQueues(n, ne)
      ensures old(q.owner[t]) != Nil && old(q.owner[t]) >= NPrio ==>
        |q.lists[old(q.owner[t])]| == |old(q.lists[q.owner[t]])| - 1
      ensures forall y :: NPrio as int <= y < NumQueues(n, ne) as int && y != old(q.owner[t]) as int ==>
        q.lists[y] == old(q.lists[y])
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      StateFacts(t);
      ReadyOk(n, ne, k, t, code);
      if q.owner[t] != Nil { NodeFacts(t); }
      if q.owner[n + t] != Nil { NodeFacts(n + t); }
      ReadyQueues(t);
      assert {:split_here} FieldsAre(k);
      ReadyFields(t, code);
      SnapIs(ReadyEffect(n, ne, k, t, code));
      reveal Cross();
    }

    // Thread t (live, not in a transfer) starts waiting in state s on o until deadline dl: into the queue s names
    // and, for a finite deadline, into the wheel slot of dl.
    method Park(t: u32, s: u8, o: u32, dl: u64)
      requires Valid() && t < n && IsLive(state[t]) && !IsXfer(state[t]) && IsWaiting(s)
      requires IsEpBlocked(s) ==> o < ne && epAlive[o] != 0
      requires s == RecvClosed ==> o < n && o != t && IsLive(state[o])
      modifies this, state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[..] == old(state[..])[t := s] && obj[t] == o && err[t] == Pending
      ensures Snap() == ParkEffect(n, ne, old(Snap()), t, s, o, dl)
      ensures current == (if old(current) == t then NoThread else old(current))
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      StateFacts(t);
      ParkOk(n, ne, k, t, s, o, dl);
      ParkQueues(t, s, o, dl);
      assert FieldsAre(k);
      ParkFields(t, s, o, dl);
      SnapIs(ParkEffect(n, ne, k, t, s, o, dl));
      reveal Cross();
    }

    // Park for the running thread: it is in no queue and no wheel slot (StateFacts), so nothing is taken out first.
    method ParkRunning(t: u32, s: u8, o: u32, dl: u64)
      requires Valid() && t < n && state[t] == Running && IsWaiting(s)
      requires IsEpBlocked(s) ==> o < ne && epAlive[o] != 0
      requires s == RecvClosed ==> o < n && o != t && IsLive(state[o])
      modifies this, state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[..] == old(state[..])[t := s] && obj[t] == o && err[t] == Pending
      ensures Snap() == ParkEffect(n, ne, old(Snap()), t, s, o, dl)
      ensures current == (if old(current) == t then NoThread else old(current))
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      StateFacts(t);
      ParkOk(n, ne, k, t, s, o, dl);
      ParkQueuesIdle(t, s, o, dl);
      assert FieldsAre(k);
      ParkFieldsRunning(t, s, o, dl);
      SnapIs(ParkEffect(n, ne, k, t, s, o, dl));
      reveal Cross();
    }

    // MakeReady's queue moves: t out of its IPC queue (among the IPC queues only that one changes, by one element)
    // and its wheel slot, into the ready queue of its priority.
    method ReadyQueues(t: u32)
      requires Base() && t < n && prio[t] as u32 < NPrio
      requires q.owner[t] == Nil || q.owner[t] < NumQueues(n, ne)
      requires q.owner[n + t] == Nil || q.owner[n + t] >= NumQueues(n, ne)
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base()
      ensures q.owner[..] == old(q.owner[..])[t := QueueFor(n, ne, Ready, prio[t], 0)][n as int + t as int := Nil]
      ensures old(q.owner[t]) != Nil && old(q.owner[t]) >= NPrio ==>
        |q.lists[old(q.owner[t])]| == |old(q.lists[q.owner[t]])| - 1
      ensures forall y :: NPrio as int <= y < NumQueues(n, ne) as int && y != old(q.owner[t]) as int ==>
        q.lists[y] == old(q.lists[y])
    {
      ghost var o := q.owner[t];
      Unlink(t);
      ghost var l1 := q.lists;
      assert forall y :: NPrio as int <= y < NumQueues(n, ne) as int && y != o as int ==> l1[y] == old(q.lists[y]);
      ghost var w := q.owner[n + t];
      Unlink(n + t);
      assert forall y :: 0 <= y < NumQueues(n, ne) as int ==> q.lists[y] == l1[y];
      ghost var ow2 := q.owner[..];
      Link(ReadyQ(prio[t]), t);
      assert q.owner[..] == ow2[t := QueueFor(n, ne, Ready, prio[t], 0)];
    }

    // BreakXfer's queue moves: the partners t and p (in no IPC queue) leave their wheel slots and enter their ready
    // queues.
    method BreakQueues(t: u32, p: u32)
      requires Base() && t < n && p < n && t != p && prio[t] as u32 < NPrio && prio[p] as u32 < NPrio
      requires q.owner[t] == Nil && q.owner[p] == Nil
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base()
      ensures q.owner[..] == old(q.owner[..])[t := QueueFor(n, ne, Ready, prio[t], 0)][n as int + t as int := Nil]
                                             [p := QueueFor(n, ne, Ready, prio[p], 0)][n as int + p as int := Nil]
    {
      Drop(n + t);
      ghost var ow1 := q.owner[..];
      Link(ReadyQ(prio[t]), t);
      assert q.owner[..] == ow1[t := QueueFor(n, ne, Ready, prio[t], 0)];
      ghost var ow2 := q.owner[..];
      assert {:split_here} true;
      Drop(n + p);
      assert q.owner[..] == ow2[n as int + p as int := Nil];
      ghost var ow3 := q.owner[..];
      Link(ReadyQ(prio[p]), p);
      assert q.owner[..] == ow3[p := QueueFor(n, ne, Ready, prio[p], 0)];
    }

    // Revive's queue moves: t leaves any queue and wheel slot and enters the ready queue of priority p.
    method ReviveQueues(t: u32, p: u8)
      requires Base() && t < n && p as u32 < NPrio
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base()
      ensures q.owner[..] == old(q.owner[..])[t := QueueFor(n, ne, Ready, p, 0)][n as int + t as int := Nil]
    {
      DropThread(t);
      ghost var ow1 := q.owner[..];
      Link(ReadyQ(p), t);
      assert q.owner[..] == ow1[t := QueueFor(n, ne, Ready, p, 0)];
    }

    // Park's queue moves: t out of its queue and wheel slot, into the queue of (s, o) and the wheel slot of dl.
    method ParkQueues(t: u32, s: u8, o: u32, dl: u64)
      requires Base() && t < n && IsWaiting(s) && prio[t] as u32 < NPrio
      requires IsEpBlocked(s) ==> o < ne
      requires s == RecvClosed ==> o < n
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base()
      ensures q.owner[..] == old(q.owner[..])[t := QueueFor(n, ne, s, prio[t], o)]
                                             [n as int + t as int := WheelFor(n, ne, s, pfPending[t], dl)]
    {
      DropThread(t);
      ParkQueuesIdle(t, s, o, dl);
    }

    // ParkQueues for a thread in no queue and no wheel slot.
    method ParkQueuesIdle(t: u32, s: u8, o: u32, dl: u64)
      requires Base() && t < n && IsWaiting(s) && q.owner[t] == Nil && q.owner[n + t] == Nil
      requires prio[t] as u32 < NPrio && (IsEpBlocked(s) ==> o < ne) && (s == RecvClosed ==> o < n)
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base()
      ensures q.owner[..] == old(q.owner[..])[t := QueueFor(n, ne, s, prio[t], o)]
                                             [n as int + t as int := WheelFor(n, ne, s, pfPending[t], dl)]
    {
      ghost var ow0 := q.owner[..];
      // Every waiting state but Sleeping has a queue (QueueFor). The state is tested, not the queue number: a caller
      // passing a constant state folds the tests away, and a closed receive's queue, which has no priority bit, is
      // linked without looking at the bitmap (LinkClosed).
      if s == RecvClosed {
        LinkClosed(o, t);
      } else if s != Sleeping {
        LinkWaiting(o, if s == RecvBlocked then DirRecv else DirSend, prio[t], t);
      }
      assert q.owner[..] == ow0[t := QueueFor(n, ne, s, prio[t], o)];
      ghost var ow1 := q.owner[..];
      assert {:split_here} true;
      if dl != Forever {
        Link(WheelQ(dl), n + t);
      }
      assert q.owner[..] == ow1[n as int + t as int := WheelFor(n, ne, s, pfPending[t], dl)];
    }

    // Rendezvous of a long message: sender s and receiver r leave their queues and enter the transfer.
    method StartXfer(s: u32, r: u32)
      requires Valid() && s < n && r < n && s != r
      requires IsLive(state[s]) && !IsXfer(state[s]) && IsLive(state[r]) && !IsXfer(state[r])
      modifies this, state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[..] == old(state[..])[s := XferSend][r := XferRecv] && obj[s] == r && obj[r] == s
      ensures Snap() == XferEffect(n, old(Snap()), s, r)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      XferOk(n, ne, k, s, r);
      DropThread(s);
      DropThread(r);
      assert q.owner[..] == k.ow[s := Nil][n as int + s as int := Nil][r := Nil][n as int + r as int := Nil];
      assert FieldsAre(k);
      XferFields(s, r);
      SnapIs(XferEffect(n, k, s, r));
      reveal Cross();
    }

    // ---- The primitives' TCB writes, each in a method of its own: a primitive's proof then sees one call instead
    // of several stores, which keeps every proof obligation small. ----

    method ReadyFields(t: u32, code: u32)
      requires Shape() && t < n
      modifies this, state, err
      ensures state[..] == old(state[..])[t := Ready] && err[..] == old(err[..])[t := code]
      ensures current == NotCur(old(current), t)
    {
      current := NotCur(current, t);
      state[t] := Ready;
      err[t] := code;
    }

    method ParkFields(t: u32, s: u8, o: u32, dl: u64)
      requires Shape() && t < n
      modifies this, state, obj, err, deadline
      ensures state[..] == old(state[..])[t := s] && obj[..] == old(obj[..])[t := o]
      ensures err[..] == old(err[..])[t := Pending] && deadline[..] == old(deadline[..])[t := dl]
      ensures current == NotCur(old(current), t)
    {
      current := NotCur(current, t);
      state[t] := s;
      obj[t] := o;
      err[t] := Pending;
      deadline[t] := dl;
    }

    // ParkFields for the running thread: the CPU is idle afterwards, so `current` is written without a comparison.
    method ParkFieldsRunning(t: u32, s: u8, o: u32, dl: u64)
      requires Shape() && t < n && current == t
      modifies this, state, obj, err, deadline
      ensures state[..] == old(state[..])[t := s] && obj[..] == old(obj[..])[t := o]
      ensures err[..] == old(err[..])[t := Pending] && deadline[..] == old(deadline[..])[t := dl]
      ensures current == NotCur(old(current), t)
    {
      current := NoThread;
      state[t] := s;
      obj[t] := o;
      err[t] := Pending;
      deadline[t] := dl;
    }

    method RunFields(t: u32)
      requires Shape() && t < n
      modifies this, state
      ensures state[..] == old(state[..])[t := Running] && current == t
    {
      state[t] := Running;
      current := t;
    }

    method BuryFields(t: u32)
      requires Shape() && t < n
      modifies this, state, pfPending
      ensures state[..] == old(state[..])[t := Dead] && pfPending[..] == old(pfPending[..])[t := 0]
      ensures current == NotCur(old(current), t)
    {
      current := NotCur(current, t);
      state[t] := Dead;
      pfPending[t] := 0;
    }

    method ReviveFields(t: u32, p: u8)
      requires Shape() && t < n
      modifies state, prio, err, pfPending
      ensures state[..] == old(state[..])[t := Ready] && prio[..] == old(prio[..])[t := p]
      ensures err[..] == old(err[..])[t := OK] && pfPending[..] == old(pfPending[..])[t := 0]
    {
      prio[t] := p;
      pfPending[t] := 0;
      state[t] := Ready;
      err[t] := OK;
    }

    method SuspendFields(t: u32, dl: u64)
      requires Shape() && t < n
      modifies pfPending, deadline
      ensures pfPending[..] == old(pfPending[..])[t := 1] && deadline[..] == old(deadline[..])[t := dl]
    {
      pfPending[t] := 1;
      deadline[t] := dl;
    }

    // StartXfer's TCB writes
    method XferFields(s: u32, r: u32)
      requires Shape() && s < n && r < n && s != r
      modifies this, state, obj, err, deadline
      ensures state[..] == old(state[..])[s := XferSend][r := XferRecv]
      ensures obj[..] == old(obj[..])[s := r][r := s]
      ensures err[..] == old(err[..])[s := Pending][r := Pending]
      ensures deadline[..] == old(deadline[..])[s := Forever][r := Forever]
      ensures current == NotCur(NotCur(old(current), s), r)
    {
      current := NotCur(NotCur(current, s), r);
      state[s], state[r] := XferSend, XferRecv;
      obj[s], obj[r] := r, s;
      err[s], err[r] := Pending, Pending;
      deadline[s], deadline[r] := Forever, Forever;
    }

    // BreakXfer's TCB writes.
    method BreakFields(t: u32, p: u32, code: u32)
      requires Shape() && t < n && p < n && t != p
      modifies pfPending, state, err
      ensures state[..] == old(state[..])[t := Ready][p := Ready]
      ensures err[..] == old(err[..])[t := code][p := code]
      ensures pfPending[..] == old(pfPending[..])[t := 0][p := 0]
    {
      pfPending[t], pfPending[p] := 0, 0;
      state[t], state[p] := Ready, Ready;
      err[t], err[p] := code, code;
    }

    // The transfer thread t takes part in ends: t and its partner become Ready with `code`.
    method BreakXfer(t: u32, code: u32)
      requires Valid() && t < n && IsXfer(state[t]) && code != Pending
      modifies this, state, err, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && old(obj[t]) < n && old(obj[t]) != t
      ensures state[..] == old(state[..])[t := Ready][old(obj[t]) := Ready]
      ensures err[t] == code && err[old(obj[t])] == code && current == old(current)
      ensures Snap() == BreakEffect(n, ne, old(Snap()), t, old(obj[t]), code)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      BreakOk(n, ne, k, t, code);
      StateFacts(t);
      var p := obj[t];
      StateFacts(p);
      BreakQueues(t, p);
      assert FieldsAre(k);
      BreakFields(t, p, code);
      SnapIs(BreakEffect(n, ne, k, t, p, code));
      reveal Cross();
    }

    // The Ready thread t runs on the idle CPU.
    method Run(t: u32)
      requires Valid() && t < n && state[t] == Ready && current == NoThread
      modifies this, state, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && current == t && state[..] == old(state[..])[t := Running]
      ensures Snap() == RunEffect(n, old(Snap()), t)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      RunOk(n, ne, k, t);
      ReadyFacts(t);
      Drop(t);
      assert FieldsAre(k);
      RunFields(t);
      SnapIs(RunEffect(n, k, t));
      reveal Cross();
    }

    // The receiver t (in an open or a closed receive, so in an IPC queue) runs at once on the idle CPU with result
    // `code`: out of its IPC queue and wheel slot, into no ready queue. The effect is MakeReady's followed by Run's.
    // `closed`: t waits in a closed receive (its queue has no bit in a priority word), which callers know.
    method RunWoken(t: u32, code: u32, closed: bool)
      requires Valid() && t < n && (state[t] == RecvBlocked || state[t] == RecvClosed) && code != Pending
      requires closed == (state[t] == RecvClosed)
      requires current == NoThread
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && current == t && state[t] == Running && err[t] == code
      ensures forall u: u32 :: u < n && u != t ==> state[u] == old(state[u])
      ensures Snap() == RunEffect(n, ReadyEffect(n, ne, old(Snap()), t, code), t)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      ghost var k1 := ReadyEffect(n, ne, k, t, code);
      ReadyOk(n, ne, k, t, code);
      RunOk(n, ne, k1, t);
      StateFacts(t);   // a receiver waits in a queue: QueueFor names one
      reveal Groups();   // a closed receive's queue lies below the first group's, an open one's in its endpoint's group
      // An open receiver waits in EpQ(n, obj[t], DirRecv, prio[t]): bit prio[t] of its endpoint's word 2 obj[t] + 2.
      var g, b := if closed then 0 else 2 * obj[t] + DirRecv + 1, if closed then 0 else prio[t] as u32;
      DropQueued(t, if closed then UnmarkedQueue else KnownGroup, g, b);
      assert q.owner[..] == RunEffect(n, k1, t).ow;
      assert FieldsAre(k);
      WokenFields(t, code);
      SnapIs(RunEffect(n, k1, t));
      reveal Cross();
    }

    method WokenFields(t: u32, code: u32)
      requires Shape() && t < n
      modifies this, state, err
      ensures state[..] == old(state[..])[t := Running] && err[..] == old(err[..])[t := code] && current == t
    {
      state[t] := Running;
      err[t] := code;
      current := t;
    }

    // The killed thread t, referred to by no other thread, leaves every queue and becomes Dead.
    method Bury(t: u32)
      requires Valid() && t < n && !IsXfer(state[t]) && Unreferenced(n, Snap(), t)
      modifies this, state, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[t] == Dead && Snap() == BuryEffect(n, old(Snap()), t)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      BuryOk(n, ne, k, t);
      DropThread(t);
      assert q.owner[..] == k.ow[t := Nil][n as int + t as int := Nil];
      assert FieldsAre(k);
      BuryFields(t);
      SnapIs(BuryEffect(n, k, t));
      reveal Cross();
    }

    // A Free or Dead slot becomes a Ready thread of priority p.
    method Revive(t: u32, p: u8)
      requires Valid() && t < n && !IsLive(state[t]) && p as u32 < NPrio
      modifies this, state, prio, err, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[t] == Ready && Snap() == ReviveEffect(n, ne, old(Snap()), t, p)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      ReviveOk(n, ne, k, t, p);
      StateFacts(t);
      ReviveQueues(t, p);
      assert FieldsAre(k);
      ReviveFields(t, p);
      SnapIs(ReviveEffect(n, ne, k, t, p));
      reveal Cross();
    }

    // A page fault on t's side of a transfer: the transfer waits for the nested page-fault IPC until dl.
    method Suspend(t: u32, dl: u64)
      requires Valid() && t < n && IsXfer(state[t]) && pfPending[t] == 0
      modifies this, pfPending, deadline, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[..] == old(state[..]) && current == old(current)
      ensures Snap() == SuspendEffect(n, ne, old(Snap()), t, dl)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      SuspendOk(n, ne, k, t, dl);
      StateFacts(t);
      if dl != Forever {
        Link(WheelQ(dl), n + t);
      }
      assert q.owner[..] == k.ow[n as int + t as int := WheelFor(n, ne, k.st[t], 1, dl)];
      assert FieldsAre(k);
      SuspendFields(t, dl);
      SnapIs(SuspendEffect(n, ne, k, t, dl));
      reveal Cross();
    }

    // t's nested page fault was resolved: the transfer goes on, no longer timed.
    method Resume(t: u32)
      requires Valid() && t < n && IsXfer(state[t])
      modifies this, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[..] == old(state[..]) && current == old(current)
      ensures Snap() == ResumeEffect(n, old(Snap()), t)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      ResumeOk(n, ne, k, t);
      Drop(n + t);
      assert FieldsAre(k);
      pfPending[t] := 0;
      SnapIs(ResumeEffect(n, k, t));
      reveal Cross();
    }

    // The running thread's result of an operation that did not block it.
    method SetResult(t: u32, code: u32)
      requires Valid() && t < n && state[t] == Running && code != Pending
      modifies err
      ensures Valid() && err[t] == code && Snap() == old(Snap()).(er := old(Snap()).er[t := code])
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      ResultOk(n, ne, k, t, code);
      err[t] := code;
      SnapIs(k.(er := k.er[t := code]));
      reveal Cross();
    }

    // IPC object slot e becomes an endpoint or a notification (v != NoObject), or dies (v = NoObject, no thread
    // waiting on it).
    method SetEndpoint(e: u32, v: u8)
      requires Valid() && e < ne && (v != 0 || NoneWaitsOn(n, Snap(), e))
      modifies epAlive
      ensures Valid() && epAlive[e] == v && Snap() == old(Snap()).(ep := old(Snap()).ep[e := v])
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      EndpointOk(n, ne, k, e, v);
      epAlive[e] := v;
      SnapIs(k.(ep := k.ep[e := v]));
      reveal Cross();
    }

    // ---- Scheduling contexts: lending on a wait for a thread, return when nobody waits any more ----

    // Thread t's effective priority becomes p. A Ready or endpoint-blocked thread moves to the queue of p (behind
    // the threads there); the other queues are not keyed by priority.
    method SetPrio(t: u32, p: u8)
      requires Valid() && t < n && p as u32 < NPrio
      modifies prio, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && prio[..] == old(prio[..])[t := p] && state[..] == old(state[..]) && obj[..] == old(obj[..])
      ensures Snap() == PrioEffect(n, ne, old(Snap()), t, p)
    {
      ghost var k := Snap();
      SnapNow();
      CrossNow();
      PrioOk(n, ne, k, t, p);
      StateFacts(t);
      PrioQueues(t, p);
      assert FieldsAre(k);
      prio[t] := p;
      SnapIs(PrioEffect(n, ne, k, t, p));
      reveal Cross();
    }

    // SetPrio's queue move.
    method PrioQueues(t: u32, p: u8)
      requires Base() && t < n && p as u32 < NPrio && prio[t] as u32 < NPrio && state[t] <= MaxState
      requires q.owner[t] == QueueFor(n, ne, state[t], prio[t], obj[t])
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Base() && q.owner[..] == old(q.owner[..])[t := QueueFor(n, ne, state[t], p, obj[t])]
    {
      var qid := QueueFor(n, ne, state[t], p, obj[t]);
      if q.owner[t] != qid {
        Drop(t);
        ghost var ow := q.owner[..];
        if qid != Nil {
          Link(qid, t);
        }
        assert q.owner[..] == ow[t := qid];
      }
    }

    // Thread s starts waiting for thread r (a Call's reply, a Receive from r) and lends r its scheduling context:
    // each thread on the chain of closed receives from r that runs below s's priority is raised to it (helping:
    // no thread between s's and r's priority can starve the threads s waits for), and each thread of the chain up to
    // the first that runs above s uses up the timeslice s runs on. The chain is at most n long.
    method Lend(s: u32, r: u32)
      requires Valid() && s < n && r < n
      modifies prio, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && state[..] == old(state[..]) && current == old(current)
      ensures Snap() == LendEffect(n, ne, old(Snap()), r, old(Snap()).pr[s], s, n)
    {
      reveal m.SchedOk();
      SnapNow();
      StateFacts(s);
      var p := prio[s];
      var slice := m.runsOn[s];
      var t := r;
      var fuel := n;
      reveal LendEffect();
      while fuel > 0 && t < n && t != s
        invariant Valid() && state[..] == old(state[..]) && current == old(current)
        invariant LendEffect(n, ne, old(Snap()), r, p, s, n) == LendEffect(n, ne, Snap(), t, p, s, fuel)
        decreases fuel
      {
        t := LendTo(t, p, slice, s, fuel);
        fuel := fuel - 1;
      }
    }

    // Lend to a thread r that waits for nobody (not in a closed receive): the chain is r alone. One call instead
    // of Lend's loop (the direct Call handoff lends to the receiver it has just made Running).
    method LendOne(s: u32, r: u32)
      requires Valid() && s < n && r < n && s != r && IsLive(state[r]) && state[r] != RecvClosed
      modifies prio, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && state[..] == old(state[..]) && current == old(current)
      ensures Snap() == LendEffect(n, ne, old(Snap()), r, old(Snap()).pr[s], s, n)
      ensures forall u: u32 :: u < n && u != r ==> prio[u] == old(prio[u])
      ensures prio[r] >= old(prio[r]) && prio[r] >= old(prio[s])
    {
      reveal m.SchedOk();
      reveal LendEffect();
      SnapNow();
      StateFacts(s);
      var p := prio[s];
      if prio[r] <= p {
        ghost var slice := m.runsOn[s];
        if prio[r] < p {
          SetPrio(r, p);
        }
        // Read after SetPrio, which leaves runsOn alone: the code generator then keeps no copy across it.
        assert m.runsOn[s] == slice;
        SetRunsOn(r, m.runsOn[s]);
      }
    }

    // LendOne to the running thread r when no Ready thread runs above both r and the lender s: r then runs at least
    // at both, so no Ready thread is above it and the scheduling step has nothing to do.
    method LendRunning(s: u32, r: u32)
      requires Valid() && s < n && r < n && s != r && IsLive(state[r]) && state[r] != RecvClosed && current == r
      requires forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[r] || prio[u] <= prio[s]
      modifies prio, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && state[..] == old(state[..]) && current == old(current) && Scheduled()
      ensures err[..] == old(err[..])
      ensures Snap() == LendEffect(n, ne, old(Snap()), r, old(Snap()).pr[s], s, n)
    {
      LendOne(s, r);
      forall t: u32 | t as int < state.Length && state[t] == Ready
        ensures current != NoThread && current as int < prio.Length && prio[t] <= prio[current]
      {
        assert old(state[t]) == Ready;
      }
    }

    // One link of Lend's chain: t runs at least at priority p on timeslice `slice`; the next thread is the one t
    // waits for in a closed receive (Nil: the chain ends at t).
    method LendTo(t: u32, p: u8, slice: SliceOwner, ghost s: u32, ghost fuel: u32) returns (next: u32)
      requires Valid() && t < n && p as u32 < NPrio && t != s && fuel > 0
      modifies prio, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && state[..] == old(state[..]) && current == old(current)
      ensures LendEffect(n, ne, old(Snap()), t, p, s, fuel) == LendEffect(n, ne, Snap(), next, p, s, fuel - 1)
    {
      reveal m.SchedOk();
      reveal LendEffect();
      SnapNow();
      var st := state[t];
      if st == Free || st == Dead || prio[t] > p {
        return Nil;
      }
      if prio[t] < p {
        SetPrio(t, p);
      }
      SetRunsOn(t, slice);
      if state[t] != RecvClosed {
        return Nil;
      }
      return obj[t];
    }

    // Thread r gives back what was lent to it once no thread waits for it any more: its own priority and its own
    // timeslice again.
    // `live`: the caller knows r is neither Free nor Dead (a replier that now waits), so its state is not read.
    method ReturnLent(r: u32, live: bool)
      requires Valid() && r < n && (live ==> state[r] != Free && state[r] != Dead)
      modifies prio, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && state[..] == old(state[..]) && current == old(current)
      ensures Snap() == ReturnEffect(n, ne, old(Snap()), r, m.own[..])
    {
      reveal m.SchedOk();
      SnapNow();
      // Two tests, so that the code generator branches on the closed queue's head instead of keeping a flag.
      var waited := WaitedFor(r);
      if waited {
        return;
      }
      if !live {
        var st := state[r];
        if st == Free || st == Dead {
          return;
        }
      }
      SetRunsOn(r, r as SliceOwner);
      var own := m.own[r];
      if own < NPrio as OwnPrio && prio[r] as OwnPrio != own {
        SetPrio(r, own as u8);
      }
    }

    // A new thread t runs on a scheduling context of its own: priority p, a full timeslice.
    method OwnContext(t: u32, p: u8)
      requires Valid() && t < n
      modifies m.own, m.runsOn, m.left, m.server
      ensures Valid() && Snap() == old(Snap())
    {
      SetOwn(t, p as OwnPrio);
      SetRunsOn(t, t as SliceOwner);
      SetLeft(t, Quantum as Ticks);
    }

    // The scheduling-context stores, one array each (a method writing several pays for each write in every proof
    // obligation after it).
    method SetOwn(t: u32, v: OwnPrio)
      requires Valid() && t < n
      modifies m.own
      ensures Valid() && Snap() == old(Snap())
    {
      reveal m.SchedOk();
      m.own[t] := v;
    }

    method SetRunsOn(t: u32, v: SliceOwner)
      requires Valid() && t < n
      modifies m.runsOn
      ensures Valid() && Snap() == old(Snap())
    {
      reveal m.SchedOk();
      m.runsOn[t] := v;
    }

    method SetLeft(t: u32, v: Ticks)
      requires Valid() && t < n
      modifies m.left
      ensures Valid() && Snap() == old(Snap())
    {
      reveal m.SchedOk();
      m.left[t] := v;
    }

    method SetServer(e: u32, v: ServerOf)
      requires Valid() && e < ne
      modifies m.server
      ensures Valid() && Snap() == old(Snap())
    {
      reveal m.SchedOk();
      m.server[e] := v;
    }

    // The thread that took endpoint e's last Call and still owes a reply, or NoThread.
    method BusyServer(e: u32) returns (t: u32)
      requires Valid() && e < ne
      ensures t == HelpTarget(n, Snap(), m.server[..], e)
      ensures t != NoThread ==> t < n
    {
      reveal m.SchedOk();
      SnapNow();
      var v := m.server[e];
      if v == 0 || v - 1 >= n as ServerOf {
        return NoThread;
      }
      t := (v - 1) as u32;
      var waited := WaitedFor(t);
      if !waited {
        return NoThread;
      }
    }

    // Whether some thread waits for t in a closed receive (t's closed queue is not empty): constant time.
    method WaitedFor(t: u32) returns (b: bool)
      requires Valid() && t < n
      ensures b == !Unreferenced(n, Snap(), t)
    {
      q.HeadFacts(ClosedQ(t));
      var h := q.head[ClosedQ(t)];
      if h == Nil {
        EmptyClosedFacts(t);
        UnreferencedNow(t);
        return false;
      }
      NodeFacts(h);
      StateFacts(h);
      UnreferencedNot(h, t);
      return true;
    }

    // A thread h in the closed queue of r: r is referred to.
    lemma UnreferencedNot(h: u32, r: u32)
      requires Shape() && h < n && state[h] == RecvClosed && obj[h] == r
      ensures !Unreferenced(n, Snap(), r)
    {
      reveal Snap();
    }

    // The timer tick charges the running thread's timeslice (its own, or the one lent to it); a used-up timeslice
    // is refilled and its thread goes behind the Ready threads of its priority (round robin).
    method Charge()
      requires Valid()
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner, m.left
      ensures Valid() && ChargeStep(n, ne, old(Snap()), Snap())
    {
      reveal m.SchedOk();
      SnapNow();
      var c := current;
      if c == NoThread {
        return;
      }
      StateFacts(c);
      var slice := m.runsOn[c];
      if slice >= n as SliceOwner {
        slice := c as SliceOwner;
      }
      var left := m.left[slice];
      if left > 1 {
        SetLeft(slice as u32, left - 1);
        return;
      }
      SetLeft(slice as u32, Quantum as Ticks);
      if state[c] == Running {
        MakeReady(c, err[c]);
      }
    }

    // Yield: the running thread gives up the rest of its slice (the slice it runs on is full again, as at its expiry)
    // and goes behind the Ready threads of its priority, the first of which then runs (the scheduling step). With
    // none Ready at its priority or above, it keeps the CPU and only its slice is full again.
    method Yield()
      requires Valid()
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner, m.left
      ensures Valid() && Scheduled()
      ensures exists k1 :: YieldStep(n, ne, old(Snap()), k1) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      ghost var k := Snap();
      var c := current;
      if c == NoThread || state[c] != Running {
        assert YieldStep(n, ne, k, k);
        Reschedule();
        return;
      }
      StateFacts(c);
      RefillSlice(c);
      var h := HighestReady();
      if h == Nil || prio[h] < prio[c] {
        YieldAlone(k, h);
        return;
      }
      assert {:split_here} YieldsTo(n, k, h);
      MakeReady(c, err[c]);
      ghost var k1 := Snap();
      assert {:split_here} YieldStep(n, ne, k, k1);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // The slice thread c runs on (its own, or the one lent to it) is full again.
    method RefillSlice(c: u32)
      requires Valid() && c < n
      modifies m.left
      ensures Valid() && Snap() == old(Snap())
    {
      reveal m.SchedOk();
      var slice := m.runsOn[c];
      if slice >= n as SliceOwner {
        slice := c as SliceOwner;
      }
      SetLeft(slice as u32, Quantum as Ticks);
    }

    // Yield with no thread Ready at the caller's priority or above: nothing changes, and nothing is left to schedule.
    lemma YieldAlone(k: Tcbs, h: u32)
      requires Valid() && k == Snap() && current != NoThread && current < n && state[current] == Running
      requires h == Nil || (h < n && prio[h] < prio[current])
      requires forall u: u32 :: u < n && state[u] == Ready ==> h != Nil && prio[u] <= prio[h]
      ensures YieldStep(n, ne, k, k) && ScheduleStep(n, ne, k, Snap()) && Scheduled()
    {
      SnapNow();
      forall u: u32 | YieldsTo(n, k, u) ensures false {
        assert state[u] == Ready;
      }
      assert Scheduled();
      ScheduledStays();
    }

    // ---- Scheduling ----

    // The highest-priority Ready thread (front of the highest non-empty ready queue), or Nil. The ready queues'
    // word (group 0 of the queues' bitmaps) names the highest non-empty one: constant time, no scan.
    method HighestReady() returns (t: u32)
      requires Valid()
      ensures t == Nil ==> forall u: u32 :: u < n ==> state[u] != Ready
      ensures t != Nil ==> t < n && state[t] == Ready && forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[t]
    {
      var w := q.Word(0);
      if w == 0 {
        NoneReady();
        return Nil;
      }
      t := HighestReadyIn(w);
    }

    // No thread is Ready when the ready word is 0. The direct paths (CallRuns, ReplyRuns) test the word themselves
    // and use this rather than HighestReady: an empty word then decides at once, where a Nil returned from
    // HighestReady was compared again in the emitted code.
    lemma NoneReady()
      requires Valid() && q.Word(0) == 0
      ensures forall u: u32 :: u < n ==> state[u] != Ready
    {
      reveal Groups();
      q.WordEmpty(0);
      forall u: u32 | u < n ensures state[u] != Ready {
        if state[u] == Ready { ReadyFacts(u); StateFacts(u); }
      }
    }

    // HighestReady for a ready word `w` that is not 0.
    method HighestReadyIn(w: u32) returns (t: u32)
      requires Valid() && w == q.Word(0) && w != 0
      ensures t < n && state[t] == Ready && forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[t]
    {
      reveal Groups();
      var p := HighBit(w);
      q.WordTop(0, p);
      q.HeadFacts(p);
      var h := q.head[p];
      NodeFacts(h);
      QueuedFacts(h);
      forall u: u32 | u < n && state[u] == Ready ensures prio[u] <= prio[h] {
        ReadyFacts(u);
        StateFacts(u);
      }
      return h;
    }

    // Thread t (Ready) runs; the previous current thread (if any) becomes Ready.
    method SwitchTo(t: u32)
      requires Valid() && t < n && state[t] == Ready
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && current == t
      ensures old(current) != NoThread ==> state[..] == old(state[..])[old(current) := Ready][t := Running]
      ensures old(current) == NoThread ==> state[..] == old(state[..])[t := Running]
      ensures Snap() == RunEffect(n, Preempted(n, ne, old(Snap())), t)
    {
      SnapNow();
      if current != NoThread {
        var c := current;
        StateFacts(c);
        MakeReady(c, err[c]);
      }
      Run(t);
    }

    // Lazy scheduling at kernel exit: the highest-priority Ready thread runs if it outranks the current one (or
    // the CPU is idle); otherwise the current thread keeps the CPU.
    method Reschedule()
      requires Valid()
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && Scheduled() && ScheduleStep(n, ne, old(Snap()), Snap())
    {
      ghost var k := Snap();
      SnapNow();
      var h := HighestReady();
      if h != Nil && (current == NoThread || prio[h] > prio[current]) {
        assert Outranks(n, k, h) && Highest(n, k, h);
        SwitchTo(h);
      } else {
        forall u: u32 | Outranks(n, k, u) ensures false {
          assert state[u] == Ready;
        }
      }
    }

    // ---- Reads for the syscall layer's fast path (each index checked here, proved in range) ----

    // Thread r runs with a message its last receive took from s: the received first word, or not ok.
    method Delivered(r: u32, s: u32) returns (ok: bool, word: u64)
      requires Valid()
      ensures ok ==> r < n && current == r && err[r] == OK && m.recvFrom[r] == s as u64 && word == m.recvWord[r]
    {
      if r >= n || current != r || err[r] != OK || m.recvFrom[r] != s as u64 {
        return false, 0;
      }
      return true, m.recvWord[r];
    }

    // Thread r can run with a message its last receive took from s, whether or not it runs now (a reply whose
    // receiver is Ready behind its replier): the received first word, or not ok.
    method DeliveredTo(r: u32, s: u32) returns (ok: bool, word: u64)
      requires Valid()
      ensures ok ==> r < n && (state[r] == Ready || state[r] == Running) && err[r] == OK && m.recvFrom[r] == s as u64
      ensures ok ==> word == m.recvWord[r]
    {
      if r >= n || !(state[r] == Ready || state[r] == Running) || err[r] != OK || m.recvFrom[r] != s as u64 {
        return false, 0;
      }
      return true, m.recvWord[r];
    }

    // A state with no Ready thread above the running one: the scheduling step leaves it as it is (what Reschedule
    // would find, without looking).
    lemma ScheduledStays()
      requires Valid() && Scheduled()
      ensures ScheduleStep(n, ne, Snap(), Snap())
    {
      SnapNow();
      forall u: u32 | Outranks(n, Snap(), u) ensures false {
        assert state[u] == Ready;
      }
    }

    // Direct switch on rendezvous: the woken receiver runs at once unless a higher-priority thread is Ready or
    // the current thread runs at a higher priority.
    method DirectSwitch(r: u32)
      requires Valid() && r < n
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && Scheduled() && DirectStep(n, ne, old(Snap()), Snap(), r)
    {
      SnapNow();
      var h := HighestReady();
      if state[r] == Ready && (h == Nil || prio[r] >= prio[h]) && (current == NoThread || prio[r] >= prio[current]) {
        SwitchTo(r);
      } else {
        Reschedule();
      }
    }

    // ---- Message transfer at the rendezvous ----

    // The highest-priority thread in endpoint e's queue of direction dir, or Nil. The word of (e, dir) (group
    // 1 + 2e + dir of the queues' bitmaps) names its highest non-empty queue: constant time, no scan.
    method FindWaiter(e: u32, dir: u32) returns (t: u32)
      requires Valid() && e < ne && dir <= 1
      ensures t == Nil || t < n
      ensures t != Nil ==> WaitsOn(t, e, dir) && forall u: u32 :: u < n && WaitsOn(u, e, dir) ==> prio[u] <= prio[t]
      ensures t == Nil ==> forall u: u32 :: u < n ==> !WaitsOn(u, e, dir)
    {
      var w := EpWord(e, dir);
      if w == 0 {
        NoWaiter(e, dir);
        return Nil;
      }
      t := FindWaiterIn(e, dir, w);
    }

    // Endpoint e's word for direction dir in the queues' bitmaps: bit p set when a thread of priority p waits.
    function EpWord(e: u32, dir: u32): u32
      requires Valid() && e < ne && dir <= 1
      reads this, m, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner
    {
      reveal Groups(); q.Word(1 + 2 * e + dir)
    }

    // No thread waits on e in direction dir when the group's word is 0. CallRuns tests the word itself and uses
    // this rather than FindWaiter, as the direct paths do with the ready word (NoneReady).
    lemma NoWaiter(e: u32, dir: u32)
      requires Valid() && e < ne && dir <= 1 && EpWord(e, dir) == 0
      ensures forall u: u32 :: u < n ==> !WaitsOn(u, e, dir)
    {
      reveal Groups();
      var g := 1 + 2 * e + dir;
      assert q.GBase(g as int) == EpQ(n, e, dir, 0) as int;
      q.WordEmpty(g);
      forall u: u32 | u < n ensures !WaitsOn(u, e, dir) {
        if WaitsOn(u, e, dir) {
          StateFacts(u);
          EmptyEpDirFacts(e, dir, prio[u]);
        }
      }
    }

    // FindWaiter for a group word `w` that is not 0.
    method FindWaiterIn(e: u32, dir: u32, w: u32) returns (t: u32)
      requires Valid() && e < ne && dir <= 1 && w == EpWord(e, dir) && w != 0
      ensures t < n && WaitsOn(t, e, dir) && forall u: u32 :: u < n && WaitsOn(u, e, dir) ==> prio[u] <= prio[t]
    {
      reveal Groups();
      var g := 1 + 2 * e + dir;
      assert q.GBase(g as int) == EpQ(n, e, dir, 0) as int;
      var p := HighBit(w);
      q.WordTop(g, p);
      var qid := EpQ(n, e, dir, p as u8);
      q.HeadFacts(qid);
      var h := q.head[qid];
      NodeFacts(h);
      EpQueueFacts(h, e, dir, p as u8);
      forall u: u32 | u < n && WaitsOn(u, e, dir) ensures prio[u] <= prio[h] {
        StateFacts(u);
        if prio[u] > prio[h] { EmptyEpDirFacts(e, dir, prio[u]); }
      }
      return h;
    }

    // Thread t blocks on endpoint (or notification) e in direction dir: senders in the send queues, open receivers
    // in the receive queues.
    ghost predicate WaitsOn(t: u32, e: u32, dir: u32)
      reads this, state, obj
      requires state.Length == n as int && obj.Length == n as int && t < n
    {
      obj[t] == e && if dir == DirRecv then state[t] == RecvBlocked else state[t] == SendBlocked || state[t] == CallBlocked
    }

    // The queue of (e, dir, p) holds only threads blocked on e in direction dir at priority p.
    lemma EpQueueFacts(t: u32, e: u32, dir: u32, p: u8)
      requires Valid() && t < n && e < ne && dir <= 1 && p as u32 < NPrio && q.owner[t] == EpQ(n, e, dir, p)
      ensures WaitsOn(t, e, dir) && prio[t] == p
    {
      StateFacts(t);
    }

    // An empty queue of (e, dir, p): no thread blocks on e in direction dir at priority p.
    lemma EmptyEpDirFacts(e: u32, dir: u32, p: u8)
      requires Valid() && e < ne && dir <= 1 && p as u32 < NPrio && |q.lists[EpQ(n, e, dir, p)]| == 0
      ensures forall u: u32 :: u < n && WaitsOn(u, e, dir) ==> prio[u] != p
    {
      forall u: u32 | u < n && WaitsOn(u, e, dir) ensures prio[u] != p {
        StateFacts(u);
        if prio[u] == p { q.OwnerFacts(u); }
      }
    }

    // A highest-priority open receiver on endpoint e, or Nil when none waits (in terms of the snapshot).
    method ReceiverOn(e: u32) returns (t: u32)
      requires Valid() && e < ne
      ensures t == Nil || (t < n && state[t] == RecvBlocked && t != current)
      ensures t != Nil ==> RecvWaiter(n, Snap(), e, t) && forall u :: RecvWaiter(n, Snap(), e, u) ==> Snap().pr[u] <= Snap().pr[t]
      ensures t == Nil ==> !exists u :: RecvWaiter(n, Snap(), e, u)
    {
      t := FindWaiter(e, DirRecv);
      RecvWaitersNow(e, t);
      if t != Nil { StateFacts(t); }
    }

    // A highest-priority sender on endpoint e, or Nil when none waits (in terms of the snapshot).
    method SenderOn(e: u32) returns (t: u32)
      requires Valid() && e < ne
      ensures t == Nil || (t < n && (state[t] == SendBlocked || state[t] == CallBlocked) && t != current)
      ensures t != Nil ==> SendWaiter(n, Snap(), e, t) && forall u :: SendWaiter(n, Snap(), e, u) ==> Snap().pr[u] <= Snap().pr[t]
      ensures t == Nil ==> !exists u :: SendWaiter(n, Snap(), e, u)
    {
      t := FindWaiter(e, DirSend);
      SendWaitersNow(e, t);
      if t != Nil { StateFacts(t); }
    }

    // FindWaiter's answer in terms of the snapshot: a highest-priority open receiver on e, or none.
    lemma RecvWaitersNow(e: u32, t: u32)
      requires Shape() && e < ne && (t == Nil || t < n)
      requires t != Nil ==> WaitsOn(t, e, DirRecv) && forall u: u32 :: u < n && WaitsOn(u, e, DirRecv) ==> prio[u] <= prio[t]
      requires t == Nil ==> forall u: u32 :: u < n ==> !WaitsOn(u, e, DirRecv)
      ensures t != Nil ==> RecvWaiter(n, Snap(), e, t)
      ensures t != Nil ==> forall u :: RecvWaiter(n, Snap(), e, u) ==> Snap().pr[u] <= Snap().pr[t]
      ensures t == Nil ==> !exists u :: RecvWaiter(n, Snap(), e, u)
    {
      reveal Snap();
      forall u | RecvWaiter(n, Snap(), e, u) ensures WaitsOn(u, e, DirRecv) {
      }
    }

    // The same for senders.
    lemma SendWaitersNow(e: u32, t: u32)
      requires Shape() && e < ne && (t == Nil || t < n)
      requires t != Nil ==> WaitsOn(t, e, DirSend) && forall u: u32 :: u < n && WaitsOn(u, e, DirSend) ==> prio[u] <= prio[t]
      requires t == Nil ==> forall u: u32 :: u < n ==> !WaitsOn(u, e, DirSend)
      ensures t != Nil ==> SendWaiter(n, Snap(), e, t)
      ensures t != Nil ==> forall u :: SendWaiter(n, Snap(), e, u) ==> Snap().pr[u] <= Snap().pr[t]
      ensures t == Nil ==> !exists u :: SendWaiter(n, Snap(), e, u)
    {
      reveal Snap();
      forall u | SendWaiter(n, Snap(), e, u) ensures WaitsOn(u, e, DirSend) {
      }
    }

    // Copies the message of sender s into receiver r's buffer; copy failure and map failure are checked first.
    // (c) Only r's receive buffer changes: the message goes to the receiver the rendezvous chose, and nowhere else.
    method Deliver(s: u32, r: u32) returns (code: u32)
      requires Valid() && s < n && r < n
      modifies m.recvWord, m.recvLen, m.recvFrom
      ensures Valid() && code != Pending && code == DeliverCode(n, old(Msg()), s, r) && Snap() == old(Snap())
      ensures Msg() == old(Msg())
      ensures forall i :: 0 <= i < n as int && i != r as int ==>
        m.recvWord[i] == old(m.recvWord[i]) && m.recvLen[i] == old(m.recvLen[i]) && m.recvFrom[i] == old(m.recvFrom[i])
      ensures code == OK ==>
        m.recvWord[r] == old(m.msgWord[s]) && m.recvLen[r] == old(m.msgLen[s]) && m.recvFrom[r] == s as u64
    {
      MsgNow();
      if m.msgLen[s] > m.recvMax[r] { return ErrCopyFailed; }
      if m.mapRights[s] > m.recvRights[r] { return ErrMapFailed; }
      DeliverFitting(s, r, m.msgWord[s], m.msgLen[s]);
      return OK;
    }

    // Deliver's copy for a message the caller knows fits r's buffer (DeliverCode OK): the direct paths have checked
    // the fit before they chose themselves, and do not pay for the checks again. The caller passes s's message word
    // and length (the direct Call and ReplyWait have them at hand, as their arguments, and store no message fields).
    method DeliverFitting(s: u32, r: u32, word: u64, len: u64)
      requires Valid() && s < n && r < n && len <= Msg().max[r]
      modifies m.recvWord, m.recvLen, m.recvFrom
      ensures Valid() && Snap() == old(Snap()) && Msg() == old(Msg())
      ensures forall i :: 0 <= i < n as int && i != r as int ==>
        m.recvWord[i] == old(m.recvWord[i]) && m.recvLen[i] == old(m.recvLen[i]) && m.recvFrom[i] == old(m.recvFrom[i])
      ensures m.recvWord[r] == word && m.recvLen[r] == len && m.recvFrom[r] == s as u64
    {
      reveal m.Distinct();
      MsgNow();
      m.recvWord[r] := word;
      m.recvLen[r] := len;
      m.recvFrom[r] := s as u64;
      MsgNow();
    }

    // Thread t gets result `code`: the current thread keeps running, any other becomes Ready.
    method Finish(t: u32, code: u32)
      requires Valid() && t < n && !IsXfer(state[t]) && code != Pending
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && err[t] == code && (state[t] == Ready || state[t] == Running)
      ensures forall u :: 0 <= u < n as int && u != t as int ==> state[u] == old(state[u])
      ensures Snap() == FinishEffect(n, ne, old(Snap()), t, code)
    {
      SnapNow();
      if t == current && state[t] == Running {
        SetResult(t, code);
      } else {
        MakeReady(t, code);
      }
    }

    // The IPC of sender s and receiver r completed: both get OK; a Call's sender now waits for the reply from r.
    method Complete(s: u32, r: u32, call: u64, rto: u64, now: u64)
      requires Valid() && s < n && r < n && s != r
      requires IsLive(state[s]) && !IsXfer(state[s]) && IsLive(state[r]) && !IsXfer(state[r])
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.isCall, m.runsOn
      ensures Valid() && !IsEpBlocked(state[s])
      ensures Snap() == CompleteEffect(n, ne, old(Snap()), s, r, call == 1, DeadlineOf(now, rto))
      ensures call != 1 ==> Msg() == old(Msg())
    {
      ghost var k := Snap();
      MsgNow();
      Finish(r, OK);
      if call == 1 {
        AwaitReply(s, r, DeadlineOf(now, rto));
        CompleteCall(n, ne, k, s, r, DeadlineOf(now, rto));
      } else {
        Finish(s, OK);
        CompleteSend(n, ne, k, s, r, DeadlineOf(now, rto));
        MsgNow();
      }
    }

    // A Call's sender s, its message delivered, waits for r's reply until d and lends r its scheduling context.
    method AwaitReply(s: u32, r: u32, d: u64)
      requires Valid() && s < n && r < n && s != r
      requires IsLive(state[s]) && !IsXfer(state[s]) && IsLive(state[r])
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.isCall, m.runsOn
      ensures Valid() && state[s] == RecvClosed
      ensures Snap() == LendEffect(n, ne, ParkEffect(n, ne, old(Snap()), s, RecvClosed, r, d), r, old(Snap()).pr[s], s, n)
    {
      NotACall(s);
      Park(s, RecvClosed, r, d);
      Lend(s, r);
    }

    // Rendezvous of sender s and receiver r: short messages complete at once; long ones (more than InlineWords
    // words) enter the transfer phase, copied chunk by chunk by TransferChunk; a copy or map failure fails both.
    // (c) Afterwards s is in no send queue: no later rendezvous can take the same message again.
    method Rendezvous(s: u32, r: u32, now: u64)
      requires Valid() && s < n && r < n && s != r
      requires IsLive(state[s]) && !IsXfer(state[s]) && IsLive(state[r]) && !IsXfer(state[r])
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone, m.runsOn
      ensures Valid() && !IsEpBlocked(state[s])
      ensures Snap() == RendezvousEffect(n, ne, old(Snap()), old(Msg()), s, r, now)
      ensures old(Msg()).call[s] != 1 ==> Msg() == old(Msg())
    {
      ghost var g := Msg();
      MsgNow();
      var len, call, rto := m.msgLen[s], m.isCall[s], m.rcvTimeout[s];
      var code := Deliver(s, r);
      if code != OK {
        FailBoth(s, r, code, g, now);
      } else if len > InlineWords as u64 {
        BeginXfer(s, r, g, now);
      } else {
        CompleteShort(s, r, call, rto, now, g);
      }
    }

    // A long message: the transfer starts after the words copied at the rendezvous.
    method BeginXfer(s: u32, r: u32, ghost g: Msgs, ghost now: u64)
      requires Valid() && s < n && r < n && s != r
      requires IsLive(state[s]) && !IsXfer(state[s]) && IsLive(state[r]) && !IsXfer(state[r])
      requires MsgsShaped(n, g) && DeliverCode(n, g, s, r) == OK && g.len[s] > InlineWords as u64
      modifies this, state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.xferDone
      ensures Valid() && !IsEpBlocked(state[s])
      ensures Snap() == RendezvousEffect(n, ne, old(Snap()), g, s, r, now) && Msg() == old(Msg())
    {
      SetCopied(s, InlineWords as u64);
      StartXfer(s, r);
      RendezvousLong(n, ne, old(Snap()), g, s, r, now);
    }

    // Long IPC progress: v words of sender s's message are copied (kept in the TCB between chunks).
    method SetCopied(s: u32, v: u64)
      requires Valid() && s < n
      modifies m.xferDone
      ensures Valid() && Snap() == old(Snap()) && Msg() == old(Msg())
    {
      reveal m.Distinct();
      MsgNow();
      m.xferDone[s] := v;
      MsgNow();
    }

    // A short message: the IPC completes at the rendezvous.
    method CompleteShort(s: u32, r: u32, call: u64, rto: u64, now: u64, ghost g: Msgs)
      requires Valid() && s < n && r < n && s != r
      requires IsLive(state[s]) && !IsXfer(state[s]) && IsLive(state[r]) && !IsXfer(state[r])
      requires MsgsShaped(n, g) && DeliverCode(n, g, s, r) == OK && g.len[s] <= InlineWords as u64
      requires call == g.call[s] && rto == g.rto[s]
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.isCall, m.runsOn
      ensures Valid() && !IsEpBlocked(state[s])
      ensures Snap() == RendezvousEffect(n, ne, old(Snap()), g, s, r, now)
      ensures call != 1 ==> Msg() == old(Msg())
    {
      Complete(s, r, call, rto, now);
      RendezvousShort(n, ne, old(Snap()), g, s, r, now);
    }

    // Sender s and receiver r both get `code`.
    method FinishBoth(s: u32, r: u32, code: u32)
      requires Valid() && s < n && r < n && s != r && code != Pending
      requires IsLive(state[s]) && !IsXfer(state[s]) && IsLive(state[r]) && !IsXfer(state[r])
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && !IsEpBlocked(state[s])
      ensures Snap() == FinishEffect(n, ne, FinishEffect(n, ne, old(Snap()), s, code), r, code)
    {
      Finish(s, code);
      Finish(r, code);
    }

    // The message did not fit: sender s and receiver r both get `code`.
    method FailBoth(s: u32, r: u32, code: u32, ghost g: Msgs, ghost now: u64)
      requires Valid() && s < n && r < n && s != r && code != Pending
      requires IsLive(state[s]) && !IsXfer(state[s]) && IsLive(state[r]) && !IsXfer(state[r])
      requires MsgsShaped(n, g) && code == DeliverCode(n, g, s, r) && code != OK
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && !IsEpBlocked(state[s])
      ensures Snap() == RendezvousEffect(n, ne, old(Snap()), g, s, r, now) && Msg() == old(Msg())
    {
      FinishBoth(s, r, code);
      RendezvousFails(n, ne, old(Snap()), g, s, r, now);
    }

    // ---- Operations (system calls and kernel events). Each validates its arguments and returns an error code;
    // the system calls and events end at the kernel exit, Reschedule() (lazy scheduling), which establishes (e).
    // `now` is the current time in ticks; the result of a blocked call arrives in err[t]. Every operation is
    // defined in every state (d): it requires only Valid(). ----

    // Creates thread t with priority p (Free or Dead -> Ready).
    method CreateThread(t: u32, p: u8) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: CreateThreadStep(n, ne, old(Snap()), k1, t, p, r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if t >= n {
        r := ErrInvalidThread;
      } else if p as u32 >= NPrio {
        r := ErrInvalidArgument;
      } else if IsLive(state[t]) {
        r := ErrWrongState;
      } else {
        Revive(t, p);
        OwnContext(t, p);
        r := OK;
      }
      ghost var k1 := Snap();
      assert CreateThreadStep(n, ne, old(Snap()), k1, t, p, r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    method CreateEndpoint(e: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: CreateObjectStep(n, ne, old(Snap()), k1, e, EndpointKind, r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if e >= ne {
        r := ErrInvalidArgument;
      } else if epAlive[e] != 0 {
        r := ErrWrongState;
      } else {
        SetEndpoint(e, EndpointKind);
        r := OK;
      }
      ghost var k1 := Snap();
      assert CreateObjectStep(n, ne, old(Snap()), k1, e, EndpointKind, r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // ---- Notifications: a word of bits per notification; Notify ORs bits in, NotifyWait takes them all. ----

    // Notification e comes to life with no bits pending.
    method CreateNotification(e: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: CreateObjectStep(n, ne, old(Snap()), k1, e, NotificationKind, r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if e >= ne {
        r := ErrInvalidArgument;
      } else if epAlive[e] != NoObject {
        r := ErrWrongState;
      } else {
        m.ntfWord[e] := 0;
        SetEndpoint(e, NotificationKind);
        r := OK;
      }
      ghost var k1 := Snap();
      assert CreateObjectStep(n, ne, old(Snap()), k1, e, NotificationKind, r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // Thread t receives notification bits: its receive registers hold the word, no sender, no words.
    method TakeBits(t: u32, bits: u64)
      requires Valid() && t < n
      modifies m.recvWord, m.recvLen, m.recvFrom
      ensures Valid() && m.recvWord[t] == bits && Snap() == old(Snap())
    {
      m.recvWord[t] := bits;
      m.recvLen[t] := 0;
      m.recvFrom[t] := NoThread as u64;
    }

    // Notify notification e with `bits`: the highest-priority waiter is woken with the pending bits OR-ed with
    // `bits` (and runs at once if it outranks the caller); with no waiter (or no bits) the bits stay pending.
    // Never blocks.
    method Notify(e: u32, bits: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: (ScheduleStep(n, ne, k1, Snap()) &&
        NotifyStep(n, ne, old(Snap()), k1, e, e < ne && OrWord(old(m.ntfWord[e]), bits) != 0, r))
    {
      var w;
      r, w := NotifyWaking(e, bits);
    }

    // Notify, also naming the thread it woke (Nil: none), for a caller that completes that thread's syscall: the
    // core has found it already, so the caller need not look for it again. The woken thread passes through its
    // ready queue, as the scheduling step finds it: the common case of a Notify syscall, whose partner seldom
    // outranks it.
    method NotifyWaking(e: u32, bits: u64) returns (r: u32, w: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: (ScheduleStep(n, ne, k1, Snap()) &&
        NotifyStep(n, ne, old(Snap()), k1, e, e < ne && OrWord(old(m.ntfWord[e]), bits) != 0, r))
      ensures w != Nil ==> w < n && old(state[w]) == RecvBlocked && old(obj[w]) == e && r == OK
    {
      r, w := NotifyOp(e, bits);
      ghost var k1 := Snap();
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // NotifyWaking for a caller whose signal usually wakes a thread above the running one (an interrupt, its
    // driver): a waiter that then runs at once goes straight from its wait to Running (NotifyDirect) instead of
    // through a ready queue. It reaches the state NotifyWaking reaches, with the same ready queues.
    method NotifyRunning(e: u32, bits: u64) returns (r: u32, w: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: (ScheduleStep(n, ne, k1, Snap()) &&
        NotifyStep(n, ne, old(Snap()), k1, e, e < ne && OrWord(old(m.ntfWord[e]), bits) != 0, r))
      ensures w != Nil ==> w < n && old(state[w]) == RecvBlocked && old(obj[w]) == e && r == OK
    {
      if e >= ne || epAlive[e] != NotificationKind {
        r, w := NotifyWaking(e, bits);
        return;
      }
      var t := Waiter(e);
      var direct := RunsAtOnce(e, t, bits);
      if direct {
        NotifyDirect(e, t, bits);
        r, w := OK, t;
      } else {
        r, w := NotifyScheduledWith(e, bits, t);
      }
    }

    // Notify's step, then the scheduling step, for a notification e whose highest waiter (FindWaiter) is t.
    method NotifyScheduledWith(e: u32, bits: u64, t: u32) returns (r: u32, w: u32)
      requires Valid() && e < ne && epAlive[e] == NotificationKind && HighestWaiter(e, t)
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: (ScheduleStep(n, ne, k1, Snap()) &&
        NotifyStep(n, ne, old(Snap()), k1, e, e < ne && OrWord(old(m.ntfWord[e]), bits) != 0, r))
      ensures w != Nil ==> w < n && old(state[w]) == RecvBlocked && old(obj[w]) == e && r == OK
    {
      r, w := NotifyOpWith(e, bits, t);
      ghost var k1 := Snap();
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // A highest-priority thread waiting on notification e, or Nil: the one a Notify wakes.
    method Waiter(e: u32) returns (t: u32)
      requires Valid() && e < ne
      ensures HighestWaiter(e, t) && (t == Nil || t < n)
    {
      t := FindWaiter(e, DirRecv);
      reveal HighestWaiter();
    }

    // FindWaiter's answer for the receivers of e.
    opaque ghost predicate HighestWaiter(e: u32, t: u32)
      reads this, m, state, obj, prio
      requires Shape()
    {
      && (t == Nil || t < n)
      && (t != Nil ==> WaitsOn(t, e, DirRecv) && forall u: u32 :: u < n && WaitsOn(u, e, DirRecv) ==> prio[u] <= prio[t])
      && (t == Nil ==> forall u: u32 :: u < n ==> !WaitsOn(u, e, DirRecv))
    }

    // Whether a Notify of e with `bits` wakes its highest waiter t and then runs it at once: t outranks the running
    // thread and every Ready thread, so the scheduling step after the wake-up would choose it (and no other).
    method RunsAtOnce(e: u32, t: u32, bits: u64) returns (b: bool)
      requires Valid() && e < ne && epAlive[e] == NotificationKind && HighestWaiter(e, t) && (t == Nil || t < n)
      ensures b ==> RunsOnNotify(e, t, bits)
    {
      if t == Nil || current == NoThread || prio[t] <= prio[current] || OrWord(m.ntfWord[e], bits) == 0 {
        return false;
      }
      var h := HighestReady();
      if h != Nil && prio[h] >= prio[t] {
        return false;
      }
      reveal HighestWaiter();
      reveal RunsOnNotify();
      return true;
    }

    // t is a highest waiter of notification e, which has bits to give, and outranks the running thread and every
    // Ready thread. Opaque: only NotifyDirect looks inside.
    opaque ghost predicate RunsOnNotify(e: u32, t: u32, bits: u64)
      reads this, m, m.ntfWord, state, prio, obj, epAlive
      requires Shape()
    {
      && e < ne && epAlive[e] == NotificationKind && t < n && current < n
      && WaitsOn(t, e, DirRecv) && prio[t] > prio[current]
      && (forall u: u32 :: u < n && WaitsOn(u, e, DirRecv) ==> prio[u] <= prio[t])
      && OrWord(m.ntfWord[e], bits) != 0
      && (forall u: u32 :: u < n && state[u] == Ready ==> prio[u] < prio[t])
    }

    // Notify's wake-up of its highest waiter t when RunsAtOnce said so, with the scheduling step after it, in one: t
    // takes the bits and runs at once (NotifyRun).
    method NotifyDirect(e: u32, t: u32, bits: u64)
      requires Valid() && RunsOnNotify(e, t, bits)
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner, m.recvWord, m.recvLen, m.recvFrom,
               m.ntfWord
      ensures Valid() && Scheduled()
      ensures exists k1 :: (ScheduleStep(n, ne, k1, Snap()) &&
        NotifyStep(n, ne, old(Snap()), k1, e, e < ne && OrWord(old(m.ntfWord[e]), bits) != 0, OK))
      ensures t < n && old(state[t]) == RecvBlocked && old(obj[t]) == e
    {
      reveal RunsOnNotify();
      ghost var k1 := NotifyRunFacts(e, t);
      NotifyRun(e, t, bits);
      assert {:split_here} ScheduleStep(n, ne, k1, Snap());
      RunScheduled(k1, t);
    }

    // NotifyRun's moves: the running thread c Ready, then t straight from its wait to Running with OK.
    method NotifyRun(e: u32, t: u32, bits: u64)
      requires Valid() && e < ne && t < n && current < n && t != current && state[t] == RecvBlocked
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner, m.recvWord, m.recvLen, m.recvFrom,
               m.ntfWord
      ensures Valid() && current == t
      ensures Snap() == RunEffect(n, Preempted(n, ne, ReadyEffect(n, ne, old(Snap()), t, OK)), t)
    {
      SnapNow();
      ghost var k := Snap();
      var c := current;
      StateFacts(c);
      NotifyTake(e, t, OrWord(m.ntfWord[e], bits));
      assert {:split_here} Snap() == k && state[t] == RecvBlocked;
      MakeReady(c, err[c]);
      assert {:split_here} Snap() == ReadyEffect(n, ne, k, c, k.er[c]) && current == NoThread;
      RunWoken(t, OK, false);
      NotifyRunStep(n, ne, k, t, c);
    }

    // After t runs in place of k1's running thread (a direct switch, or the scheduling step), t being a highest Ready
    // thread of k1 and not below k1's running one, no Ready thread outranks t.
    lemma RunScheduled(k1: Tcbs, t: u32)
      requires Valid() && Shaped(n, ne, k1) && t < n && k1.st[t] == Ready
      requires forall u :: 0 <= u < n as int && k1.st[u] == Ready ==> k1.pr[u] <= k1.pr[t]
      requires k1.cur < n ==> k1.pr[k1.cur] <= k1.pr[t]
      requires Snap() == RunEffect(n, Preempted(n, ne, k1), t)
      ensures Scheduled()
    {
      SnapNow();
      forall u: u32 | u < n && state[u] == Ready ensures current != NoThread && current < n && prio[u] <= prio[current] {
        assert Snap().st[u] == Ready;
      }
    }

    // What NotifyRun's step means in terms of the snapshot: the state k1 Notify's step reaches (t Ready), in which t
    // is the one highest Ready thread and outranks the running one.
    lemma NotifyRunFacts(e: u32, t: u32) returns (k1: Tcbs)
      requires Valid() && e < ne && epAlive[e] == NotificationKind && t < n && current < n
      requires WaitsOn(t, e, DirRecv) && prio[t] > prio[current]
      requires forall u: u32 :: u < n && WaitsOn(u, e, DirRecv) ==> prio[u] <= prio[t]
      requires forall u: u32 :: u < n && state[u] == Ready ==> prio[u] < prio[t]
      ensures k1 == ReadyEffect(n, ne, Snap(), t, OK)
      ensures NotifyStep(n, ne, Snap(), k1, e, true, OK)
      ensures Highest(n, k1, t) && Outranks(n, k1, t)
    {
      SnapNow();
      ghost var k := Snap();
      assert RecvWaiter(n, k, e, t);
      forall u | RecvWaiter(n, k, e, u) ensures k.pr[u] <= k.pr[t] { assert WaitsOn(u, e, DirRecv); }
      k1 := ReadyEffect(n, ne, k, t, OK);
      forall u | 0 <= u < n as int && k1.st[u] == Ready ensures k1.pr[u] <= k1.pr[t] {
        if u != t as int { assert state[u as u32] == Ready; }
      }
    }

    // The waiter t takes `word` (the pending bits OR-ed with the new ones), and the pending bits are cleared: no
    // thread's state changes. (Both ways
    // a Notify wakes its waiter, NotifyOpWith and NotifyRun.)
    method NotifyTake(e: u32, t: u32, word: u64)
      requires Valid() && e < ne && t < n
      modifies m.recvWord, m.recvLen, m.recvFrom, m.ntfWord
      ensures Valid() && Snap() == old(Snap())
    {
      ClearBits(e);
      TakeBits(t, word);
    }

    method NotifyOp(e: u32, bits: u64) returns (r: u32, woken: u32)
      requires Valid()
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner, m.recvWord, m.recvLen, m.recvFrom,
               m.ntfWord
      ensures Valid()
      ensures NotifyStep(n, ne, old(Snap()), Snap(), e, e < ne && OrWord(old(m.ntfWord[e]), bits) != 0, r)
      ensures woken != Nil ==> woken < n && old(state[woken]) == RecvBlocked && old(obj[woken]) == e && r == OK
    {
      SnapNow();
      woken := Nil;
      if e >= ne || epAlive[e] == NoObject {
        r := ErrNoPartner;
      } else if epAlive[e] != NotificationKind {
        r := ErrWrongObject;
      } else {
        var t := Waiter(e);
        r, woken := NotifyOpWith(e, bits, t);
      }
    }

    // NotifyOp on a notification e whose highest waiter is t.
    method NotifyOpWith(e: u32, bits: u64, t: u32) returns (r: u32, woken: u32)
      requires Valid() && e < ne && epAlive[e] == NotificationKind && HighestWaiter(e, t)
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner, m.recvWord, m.recvLen, m.recvFrom,
               m.ntfWord
      ensures Valid()
      ensures NotifyStep(n, ne, old(Snap()), Snap(), e, e < ne && OrWord(old(m.ntfWord[e]), bits) != 0, r)
      ensures woken != Nil ==> woken < n && old(state[woken]) == RecvBlocked && old(obj[woken]) == e && r == OK
    {
      SnapNow();
      ghost var k := Snap();
      reveal HighestWaiter();
      woken := Nil;
      var word := OrWord(m.ntfWord[e], bits);
      var w := t;
      if word != 0 && w != Nil {
        woken := w;
        assert {:split_here} WaitsOn(w, e, DirRecv);
        assert {:split_here} RecvWaiter(n, k, e, w) && forall u :: RecvWaiter(n, k, e, u) ==> k.pr[u] <= k.pr[w] by {
          assert WaitsOn(w, e, DirRecv);
          forall u | RecvWaiter(n, k, e, u) ensures k.pr[u] <= k.pr[w] { assert WaitsOn(u, e, DirRecv); }
        }
        NotifyTake(e, w, word);
        assert {:split_here} Snap() == k;
        MakeReady(w, OK);
        assert {:split_here} Snap() == ReadyEffect(n, ne, k, w, OK);
      } else {
        assert {:split_here} word != 0 ==> forall u :: !RecvWaiter(n, k, e, u) by {
          if word != 0 {
            forall u | RecvWaiter(n, k, e, u) ensures false { assert WaitsOn(u, e, DirRecv); }
          }
        }
        m.ntfWord[e] := word;
        assert Snap() == k;
      }
      r := OK;
    }

    // A notification word with more bits set.
    function OrWord(a: u64, b: u64): u64 {
      (a as bv64 | b as bv64) as u64
    }

    // Wait for notification e: take its pending bits at once (clearing them), or block in its receive queues until
    // Notify (OK), the timeout (ErrRecvTimeout), Cancel (ErrCanceled) or its destruction (ErrNoPartner).
    method NotifyWait(e: u32, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: (ScheduleStep(n, ne, k1, Snap()) &&
        NotifyWaitStep(n, ne, old(Snap()), k1, e, e < ne && old(m.ntfWord[e]) != 0, timeout == TimeoutZero,
                       DeadlineOf(now, timeout), r))
      ensures r == OK ==> m.recvWord[old(current)] == old(m.ntfWord[e]) && m.ntfWord[e] == 0
    {
      r := NotifyWaitOp(e, timeout, now);
      ghost var k1 := Snap();
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // The running thread c takes notification e's pending bits, which are cleared.
    method TakeAll(c: u32, e: u32)
      requires Valid() && c < n && c == current && state[c] == Running && e < ne
      modifies err, m.recvWord, m.recvLen, m.recvFrom, m.ntfWord
      ensures Valid() && Snap() == ResultEffect(old(Snap()), c, OK)
      ensures m.recvWord[c] == old(m.ntfWord[e]) && m.ntfWord[e] == 0
    {
      TakeBits(c, m.ntfWord[e]);
      ClearBits(e);
      SetResult(c, OK);
    }

    method ClearBits(e: u32)
      requires Valid() && e < ne
      modifies m.ntfWord
      ensures Valid() && Snap() == old(Snap()) && m.ntfWord[e] == 0
      ensures m.recvWord[..] == old(m.recvWord[..])
    {
      m.ntfWord[e] := 0;
    }

    method NotifyWaitOp(e: u32, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, this, m.recvWord, m.recvLen,
               m.recvFrom, m.ntfWord
      ensures Valid()
      ensures NotifyWaitStep(n, ne, old(Snap()), Snap(), e, e < ne && old(m.ntfWord[e]) != 0, timeout == TimeoutZero,
                             DeadlineOf(now, timeout), r)
      ensures r == OK ==> m.recvWord[old(current)] == old(m.ntfWord[e]) && m.ntfWord[e] == 0
    {
      SnapNow();
      var c := current;
      if c == NoThread || state[c] != Running {
        r := ErrNoCurrent;
      } else if e >= ne || epAlive[e] == NoObject {
        SetResult(c, ErrNoPartner);
        r := ErrNoPartner;
      } else if epAlive[e] != NotificationKind {
        SetResult(c, ErrWrongObject);
        r := ErrWrongObject;
      } else if m.ntfWord[e] != 0 {
        TakeAll(c, e);
        r := OK;
      } else if timeout == TimeoutZero {
        SetResult(c, ErrRecvTimeout);
        r := ErrRecvTimeout;
      } else {
        Park(c, RecvBlocked, e, DeadlineOf(now, timeout));
        r := err[c];
      }
    }

    // The UTCB message registers of thread t (first word, length, map item rights).
    method StoreMessage(t: u32, word: u64, len: u64, rights: u64)
      requires Valid() && t < n
      modifies m.msgWord, m.msgLen, m.mapRights
      ensures Valid() && Snap() == old(Snap()) && Msg() == Stored(old(Msg()), t, len, rights)
    {
      reveal m.Distinct();
      MsgNow();
      m.msgWord[t] := word;
      m.msgLen[t] := len;
      m.mapRights[t] := rights;
      MsgNow();
    }

    // Whether thread t's send is a Call, and the timeout of the receive phase that follows it.
    method StoreCall(t: u32, rcvTimeout: u64, isCall: u64)
      requires Valid() && t < n
      modifies m.rcvTimeout, m.isCall
      ensures Valid() && Snap() == old(Snap()) && Msg() == Called(old(Msg()), t, rcvTimeout, isCall)
    {
      reveal m.Distinct();
      MsgNow();
      m.rcvTimeout[t] := rcvTimeout;
      m.isCall[t] := isCall;
      MsgNow();
    }

    // The receive buffer of thread t (size in words, accepted map rights).
    method StoreBuffer(t: u32, recvMax: u64, recvRights: u64)
      requires Valid() && t < n
      modifies m.recvMax, m.recvRights
      ensures Valid() && Snap() == old(Snap()) && Msg() == Buffered(old(Msg()), t, recvMax, recvRights)
      ensures m.recvWord[..] == old(m.recvWord[..]) && m.recvFrom[..] == old(m.recvFrom[..])
    {
      reveal m.Distinct();
      MsgNow();
      m.recvMax[t] := recvMax;
      m.recvRights[t] := recvRights;
      MsgNow();
    }

    // Send (isCall = 1: Call) on endpoint ep: rendezvous with the highest-priority receiver (and switch to it
    // directly), or block in the send queue (timeout zero: fail at once with ErrSendTimeout).
    // A send that changes the running thread to another one has met a receiver and switched to it directly, which
    // leaves nothing for the scheduling step (Call skips it).
    method SendPhase(ep: u32, word: u64, len: u64, rights: u64, sndTimeout: u64,
                                           rcvTimeout: u64, isCall: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid()
      ensures SendStep(n, ne, old(Snap()), Snap(), old(Msg()), old(m.server[..]), ep, len, rights, rcvTimeout, isCall,
                       sndTimeout == TimeoutZero, DeadlineOf(now, sndTimeout), now, r)
      ensures current != NoThread && current != old(current) ==> Scheduled()
    {
      SnapNow();
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if ep >= ne || epAlive[ep] == NoObject { SetResult(c, ErrNoPartner); return ErrNoPartner; }
      if epAlive[ep] != EndpointKind { SetResult(c, ErrWrongObject); return ErrWrongObject; }
      r := SendOn(c, ep, word, len, rights, sndTimeout, rcvTimeout, isCall, now);
    }

    // SendPhase after validation: c (running) stores its message and sends on endpoint ep.
    method SendOn(c: u32, ep: u32, word: u64, len: u64, rights: u64, sndTimeout: u64, rcvTimeout: u64, isCall: u64,
                  now: u64) returns (r: u32)
      requires Valid() && c < n && c == current && state[c] == Running && ep < ne && epAlive[ep] == EndpointKind
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid()
      ensures SendOnStep(n, ne, old(Snap()), Snap(), Called(Stored(old(Msg()), c, len, rights), c, rcvTimeout, isCall),
                         old(m.server[..]), ep, isCall == 1, sndTimeout == TimeoutZero, DeadlineOf(now, sndTimeout), now, r)
      ensures current != NoThread && current != old(current) ==> Scheduled()
    {
      StoreMessage(c, word, len, rights);
      StoreCall(c, rcvTimeout, isCall);
      r := SendTo(c, ep, sndTimeout, isCall, now);
    }

    // The send itself: rendezvous with the highest-priority open receiver, or fail at once, or block.
    method SendTo(c: u32, ep: u32, sndTimeout: u64, isCall: u64, now: u64) returns (r: u32)
      requires Valid() && c < n && c == current && state[c] == Running && ep < ne && epAlive[ep] == EndpointKind
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone, m.runsOn, m.server
      ensures Valid()
      ensures SendOnStep(n, ne, old(Snap()), Snap(), old(Msg()), old(m.server[..]), ep, isCall == 1,
                         sndTimeout == TimeoutZero, DeadlineOf(now, sndTimeout), now, r)
      ensures current != NoThread && current != old(current) ==> Scheduled()
    {
      var rcv := ReceiverOn(ep);
      if rcv != Nil {
        if isCall == 1 {
          SetServer(ep, rcv as ServerOf + 1);
        }
        r := Handoff(c, rcv, now);
      } else {
        r := SendBlock(c, ep, sndTimeout, isCall, now);
      }
    }

    // No receiver waits: a zero timeout fails at once; otherwise c blocks in the send queue until the deadline.
    method SendBlock(c: u32, ep: u32, sndTimeout: u64, isCall: u64, now: u64) returns (r: u32)
      requires Valid() && c < n && c == current && state[c] == Running && ep < ne && epAlive[ep] == EndpointKind
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid()
      ensures sndTimeout == TimeoutZero ==> r == ErrSendTimeout && Snap() == ResultEffect(old(Snap()), c, r)
      ensures sndTimeout != TimeoutZero ==> (r == Pending &&
        Snap() == SendWaitEffect(n, ne, old(Snap()), old(m.server[..]), ep, isCall == 1, DeadlineOf(now, sndTimeout)))
      ensures current == NoThread || current == old(current)
    {
      SnapNow();
      if sndTimeout == TimeoutZero {
        SetResult(c, ErrSendTimeout);
        SnapNow();
        r := err[c];
      } else {
        ParkSender(c, ep, isCall, DeadlineOf(now, sndTimeout));
        r := Pending;
      }
    }

    // c blocks in ep's send queue until d; a Call helps the endpoint's busy server.
    method ParkSender(c: u32, ep: u32, isCall: u64, d: u64)
      requires Valid() && c < n && c == current && state[c] == Running && ep < ne && epAlive[ep] == EndpointKind
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && Snap() == SendWaitEffect(n, ne, old(Snap()), old(m.server[..]), ep, isCall == 1, d)
      ensures current == NoThread
    {
      ParkRunning(c, if isCall == 1 then CallBlocked else SendBlocked, ep, d);
      if isCall == 1 {
        Help(c, ep);
      }
    }

    // c, just blocked in a Call's send phase on ep, helps the endpoint's busy server.
    method Help(c: u32, ep: u32)
      requires Valid() && c < n && ep < ne
      modifies prio, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && state[..] == old(state[..]) && current == old(current) && err[..] == old(err[..])
      ensures Snap() == HelpEffect(n, ne, old(Snap()), c, HelpTarget(n, old(Snap()), m.server[..], ep))
    {
      var t := BusyServer(ep);
      if t != NoThread && t != c {
        Lend(c, t);
      }
    }

    // The running sender c meets the open receiver rcv, which then runs at once if it may.
    method Handoff(c: u32, rcv: u32, now: u64) returns (r: u32)
      requires Valid() && c < n && rcv < n && c == current && state[c] == Running && state[rcv] == RecvBlocked
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone, m.runsOn
      ensures Valid() && Scheduled()
      ensures r == RendezvousEffect(n, ne, old(Snap()), old(Msg()), c, rcv, now).er[c]
      ensures DirectStep(n, ne, RendezvousEffect(n, ne, old(Snap()), old(Msg()), c, rcv, now), Snap(), rcv)
    {
      MsgNow();
      if m.msgLen[c] <= InlineWords as u64 && m.msgLen[c] <= m.recvMax[rcv] && m.mapRights[c] <= m.recvRights[rcv] {
        var h := HighestReady();
        assert Valid() && Snap() == old(Snap()) && Msg() == old(Msg());
        assert {:split_here} true;
        if m.isCall[c] == 1 {
          if h == Nil || prio[h] <= prio[rcv] || prio[h] <= prio[c] {
            r := CallHandoff(c, rcv, m.msgWord[c], m.msgLen[c], m.rcvTimeout[c], now, Msg());
            return;
          }
        } else if (h == Nil || prio[h] <= prio[rcv]) && prio[rcv] >= prio[c] {
          r := SendHandoff(c, rcv, now);
          return;
        }
      }
      assert {:split_here} true;
      Rendezvous(c, rcv, now);
      SnapNow();
      r := err[c];
      DirectSwitch(rcv);
    }

    // Handoff of a short Send (not a Call) that fits, to a receiver that then runs at once (DirectStep's first case
    // after the rendezvous: no Ready thread above it, the sender not above it): the sender gets OK and goes back to
    // its ready queue, and the receiver goes straight from its wait to Running rather than through its ready queue
    // (DirectSend: the same state).
    method SendHandoff(c: u32, rcv: u32, now: u64) returns (r: u32)
      requires Valid() && c < n && rcv < n && c == current && state[c] == Running && state[rcv] == RecvBlocked
      requires Msg().call[c] != 1 && Msg().len[c] <= InlineWords as u64 && DeliverCode(n, Msg(), c, rcv) == OK
      requires forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[rcv]
      requires prio[rcv] >= prio[c]
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone, m.runsOn
      ensures Valid() && Scheduled()
      ensures r == RendezvousEffect(n, ne, old(Snap()), old(Msg()), c, rcv, now).er[c]
      ensures DirectStep(n, ne, RendezvousEffect(n, ne, old(Snap()), old(Msg()), c, rcv, now), Snap(), rcv)
    {
      ghost var k, g := Snap(), Msg();
      SnapNow();
      MsgNow();
      forall u | 0 <= u < n as int && k.st[u] == Ready ensures k.pr[u] <= k.pr[rcv] {
        assert state[u as u32] == Ready;
      }
      DeliverFitting(c, rcv, m.msgWord[c], m.msgLen[c]);
      assert {:split_here} Snap() == k;
      MakeReady(c, OK);
      assert {:split_here} Snap() == ReadyEffect(n, ne, k, c, OK) && current == NoThread;
      RunWoken(rcv, OK, false);
      assert {:split_here} true;
      DirectSend(n, ne, k, g, c, rcv, now);
      r := OK;
      assert {:split_here} true;
      RunScheduled(RendezvousEffect(n, ne, k, g, c, rcv, now), rcv);
    }

    // Handoff of a short Call that fits, no Ready thread running above both partners: the receiver runs at once
    // (DirectStep's first case after the rendezvous), woken straight into Running rather than through its ready
    // queue (DirectCall: the same state). It also says what the syscall layer reads after a Call that ran its
    // receiver (CallRan): the receiver runs with OK and the caller's first word, and the caller waits for its reply.
    // The call's message is g (the stored one for Handoff; for CallRun the one its arguments make, which it does not
    // store: a thread's message fields are read only while it sends, and every send stores its own first), and the
    // caller passes its word, length and reply timeout.
    method CallHandoff(c: u32, rcv: u32, word: u64, len: u64, rto: u64, now: u64, ghost g: Msgs) returns (r: u32)
      requires Valid() && c < n && rcv < n && c == current && state[c] == Running && state[rcv] == RecvBlocked
      requires MsgsShaped(n, g) && g.call[c] == 1 && g.len[c] <= InlineWords as u64 && DeliverCode(n, g, c, rcv) == OK
      requires g.len[c] == len && g.rto[c] == rto && g.max[rcv] == Msg().max[rcv]
      requires forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[rcv] || prio[u] <= prio[c]
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.runsOn
      ensures Valid() && Scheduled()
      ensures r == RendezvousEffect(n, ne, old(Snap()), g, c, rcv, now).er[c]
      ensures DirectStep(n, ne, RendezvousEffect(n, ne, old(Snap()), g, c, rcv, now), Snap(), rcv)
      ensures r == Pending && current == rcv && state[c] == RecvClosed && err[rcv] == OK
      ensures m.recvWord[rcv] == word && m.recvFrom[rcv] == c as u64
    {
      ghost var k := Snap();
      SnapNow();
      MsgNow();
      forall u | 0 <= u < n as int && k.st[u] == Ready ensures k.pr[u] <= k.pr[rcv] || k.pr[u] <= k.pr[c] {
        assert state[u as u32] == Ready;
      }
      var d := DeadlineOf(now, rto);
      DeliverFitting(c, rcv, word, len);
      // The message rcv received stays through the moves (the only u64 array they write is the deadlines).
      assert deadline != m.recvWord && deadline != m.recvFrom;
      assert {:split_here} Snap() == k;
      CallMoves(c, rcv, d);
      assert {:split_here} m.recvWord[rcv] == word && m.recvFrom[rcv] == c as u64;
      assert {:split_here} true;
      DirectCall(n, ne, k, g, c, rcv, now);
      r := Pending;
    }

    // CallHandoff's moves: the caller c waits for rcv's reply until d, rcv runs at once and runs on c's context too.
    // No Ready thread outranks both partners (the precondition): parking c and waking rcv make no thread Ready and
    // change no priority, and LendRunning then raises rcv to both, so nothing is left for the scheduling step.
    method CallMoves(c: u32, rcv: u32, d: u64)
      requires Valid() && c < n && rcv < n && c != rcv && c == current && state[c] == Running && state[rcv] == RecvBlocked
      requires forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[rcv] || prio[u] <= prio[c]
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && Scheduled() && current == rcv && state[c] == RecvClosed && err[rcv] == OK
      ensures Snap() == LendEffect(n, ne, RunEffect(n, ReadyEffect(n, ne, ParkEffect(n, ne, old(Snap()), c, RecvClosed,
                                                                                     rcv, d), rcv, OK), rcv),
                                   rcv, old(prio[c]), c, n)
    {
      ghost var k0 := Snap();
      ParkRunning(c, RecvClosed, rcv, d);
      assert forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[rcv] || prio[u] <= prio[c];
      ghost var k1 := Snap();
      assert {:split_here} k1 == ParkEffect(n, ne, k0, c, RecvClosed, rcv, d);
      RunWoken(rcv, OK, false);
      ghost var k2 := Snap();
      assert k2 == RunEffect(n, ReadyEffect(n, ne, k1, rcv, OK), rcv);
      assert {:split_here} true;
      assert forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[rcv] || prio[u] <= prio[c];
      SnapNow();
      assert k2.pr[c] == old(prio[c]);
      LendRunning(c, rcv);
    }

    method Send(ep: u32, word: u64, len: u64, rights: u64, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: SendStep(n, ne, old(Snap()), k1, old(Msg()), old(m.server[..]), ep, len, rights, TimeoutNever, 0,
                                    timeout == TimeoutZero, DeadlineOf(now, timeout), now, r) &&
                           ScheduleStep(n, ne, k1, Snap())
    {
      var c := current;
      r := SendPhase(ep, word, len, rights, timeout, TimeoutNever, 0, now);
      ghost var k1 := Snap();
      if current == NoThread || current == c {
        Reschedule();
      } else {
        ScheduledStays();
      }
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // Call: send on ep, then wait for the reply from the receiver. `ran`: the call took its direct path (CallRun),
    // and then CallRan holds.
    method Call(ep: u32, word: u64, len: u64, rights: u64, sndTimeout: u64, rcvTimeout: u64, now: u64)
      returns (r: u32, ran: bool)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: SendStep(n, ne, old(Snap()), k1, old(Msg()), old(m.server[..]), ep, len, rights, rcvTimeout, 1,
                                    sndTimeout == TimeoutZero, DeadlineOf(now, sndTimeout), now, r) &&
                           ScheduleStep(n, ne, k1, Snap())
      ensures ran ==> r == Pending && CallRan(old(current), word)
    {
      var rcv := CallRuns(ep, len, rights);
      // `ran` a constant on each branch: the code generator then branches once on the receiver, not again on a flag.
      if rcv != Nil {
        ran := true;
        r := CallRun(ep, rcv, word, len, rights, sndTimeout, rcvTimeout, now);
        ScheduledStays();
      } else {
        ran := false;
        r := CallAll(ep, word, len, rights, sndTimeout, rcvTimeout, now);
      }
    }

    // Call in general: the send phase (and with it the receive phase a rendezvous starts), the scheduling step.
    // Compiled out of line (the post-processor's HotPathShaper.OutOfLine names it), so that the direct path's callers
    // keep their inlining budget.
    method CallAll(ep: u32, word: u64, len: u64, rights: u64, sndTimeout: u64, rcvTimeout: u64, now: u64)
      returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: SendStep(n, ne, old(Snap()), k1, old(Msg()), old(m.server[..]), ep, len, rights, rcvTimeout, 1,
                                    sndTimeout == TimeoutZero, DeadlineOf(now, sndTimeout), now, r) &&
                           ScheduleStep(n, ne, k1, Snap())
    {
      var c := current;
      r := SendPhase(ep, word, len, rights, sndTimeout, rcvTimeout, 1, now);
      ghost var k1 := Snap();
      if current == NoThread || current == c {
        Reschedule();
      } else {
        ScheduledStays();
      }
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // Whether Call may take its direct path (CallRun), and to which receiver (Nil: it may not): the running thread
    // calls an endpoint where a receiver waits, the one SendTo takes, with a short message that fits it, and no
    // Ready thread outranks both.
    method CallRuns(ep: u32, len: u64, rights: u64) returns (rcv: u32)
      requires Valid()
      ensures rcv == Nil || rcv < n
      ensures rcv != Nil ==> current < n && state[current] == Running && ep < ne && epAlive[ep] == EndpointKind
      ensures rcv != Nil ==> state[rcv] == RecvBlocked && rcv != current && RecvWaiter(n, Snap(), ep, rcv)
      ensures rcv != Nil ==> forall u :: RecvWaiter(n, Snap(), ep, u) ==> Snap().pr[u] <= Snap().pr[rcv]
      ensures rcv != Nil ==> len <= InlineWords as u64 && len <= Msg().max[rcv] && rights <= Msg().accept[rcv]
      ensures rcv != Nil ==> forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[rcv] || prio[u] <= prio[current]
    {
      var c := current;
      if c == NoThread || ep >= ne || epAlive[ep] != EndpointKind || len > InlineWords as u64 {
        return Nil;
      }
      StateFacts(c);   // the running thread, `current` when there is one: no need to read its state
      // ReceiverOn with the receive group's word tested in place (as the ready word below).
      var e := EpWord(ep, DirRecv);
      if e == 0 {
        NoWaiter(ep, DirRecv);
        RecvWaitersNow(ep, Nil);
        return Nil;
      }
      rcv := FindWaiterIn(ep, DirRecv, e);
      RecvWaitersNow(ep, rcv);
      StateFacts(rcv);
      MsgNow();
      // (rights != 0 first: a message without map items, the common one, does not read the accepted rights.)
      if len > m.recvMax[rcv] || (rights != 0 && rights > m.recvRights[rcv]) {
        return Nil;
      }
      assert {:split_here} true;
      var w := q.Word(0);
      if w == 0 {
        NoneReady();
      } else {
        var h := HighestReadyIn(w);
        if prio[h] > prio[rcv] && prio[h] > prio[c] {
          return Nil;
        }
      }
    }

    // Call's direct path: what SendPhase does when CallRuns said yes (the endpoint's server recorded, CallHandoff),
    // without asking again what CallRuns established, and without storing the message: CallHandoff delivers it from
    // the arguments (SendStep is stated on the message SendOn would store).
    method CallRun(ep: u32, rcv: u32, word: u64, len: u64, rights: u64, sndTimeout: u64, rcvTimeout: u64, now: u64)
      returns (r: u32)
      requires Valid() && rcv < n
      requires current < n && state[current] == Running && ep < ne && epAlive[ep] == EndpointKind
      requires state[rcv] == RecvBlocked && rcv != current && RecvWaiter(n, Snap(), ep, rcv)
      requires forall u :: RecvWaiter(n, Snap(), ep, u) ==> Snap().pr[u] <= Snap().pr[rcv]
      requires len <= InlineWords as u64 && len <= Msg().max[rcv] && rights <= Msg().accept[rcv]
      requires forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[rcv] || prio[u] <= prio[current]
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures SendStep(n, ne, old(Snap()), Snap(), old(Msg()), old(m.server[..]), ep, len, rights, rcvTimeout, 1,
                       sndTimeout == TimeoutZero, DeadlineOf(now, sndTimeout), now, r)
      ensures r == Pending && CallRan(old(current), word)
    {
      ghost var k, g, srv := Snap(), Msg(), m.server[..];
      SnapNow();
      var c := current;
      SetServer(ep, rcv as ServerOf + 1);
      assert {:split_here} Snap() == k && Msg() == g;
      // The message as SendOn would store it; CallHandoff delivers it from the arguments, so it is not stored.
      ghost var g1 := Called(Stored(g, c, len, rights), c, rcvTimeout, 1);
      assert MsgsShaped(n, g1) && g1.max[rcv] == Msg().max[rcv] && DeliverCode(n, g1, c, rcv) == OK;
      SnapNow();
      assert forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[rcv] || prio[u] <= prio[c];
      assert {:split_here} true;
      r := CallHandoff(c, rcv, word, len, rcvTimeout, now, g1);
      assert {:split_here} CallRan(c, word);
      assert SendOnStep(n, ne, k, Snap(), g1, srv, ep, true, sndTimeout == TimeoutZero, DeadlineOf(now, sndTimeout),
                        now, r);
      assert {:split_here} true;
      SendStepOn(n, ne, k, Snap(), g, srv, ep, len, rights, rcvTimeout, 1, sndTimeout == TimeoutZero,
                 DeadlineOf(now, sndTimeout), now, r);
    }

    // What a Call that took its direct path (CallRun) leaves for the syscall layer to read without asking: the caller
    // c waits for its reply, and the receiver runs with result OK and the call's first word from c.
    ghost predicate CallRan(c: u32, word: u64)
      reads this, state, err, m, m.recvWord, m.recvFrom
    {
      && c < n && current < n && c as int < state.Length && current as int < err.Length
      && current as int < m.recvWord.Length && current as int < m.recvFrom.Length
      && current != c && state[c] == RecvClosed && err[current] == OK && m.recvWord[current] == word
      && m.recvFrom[current] == c as u64
    }

    // Wait (open receive) on endpoint ep: take the highest-priority sender, or block in the receive queue.
    method WaitPhase(ep: u32, recvMax: u64, recvRights: u64, timeout: u64, now: u64)
      returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid()
      ensures WaitStep(n, ne, old(Snap()), Snap(), old(Msg()), ep, recvMax, recvRights, timeout == TimeoutZero,
                       DeadlineOf(now, timeout), now, r)
      ensures m.own[..] == old(m.own[..])
    {
      SnapNow();
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if ep >= ne || epAlive[ep] == NoObject { SetResult(c, ErrNoPartner); return ErrNoPartner; }
      if epAlive[ep] != EndpointKind { SetResult(c, ErrWrongObject); return ErrWrongObject; }
      StoreBuffer(c, recvMax, recvRights);
      r := WaitOn(c, ep, timeout, now);
    }

    // The open receive itself, the buffer stored: take the highest-priority sender, or fail at once, or block.
    method WaitOn(c: u32, ep: u32, timeout: u64, now: u64) returns (r: u32)
      requires Valid() && c < n && c == current && state[c] == Running && ep < ne && epAlive[ep] == EndpointKind
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone, m.runsOn, m.server
      ensures Valid()
      ensures WaitOnStep(n, ne, old(Snap()), Snap(), old(Msg()), ep, timeout == TimeoutZero, DeadlineOf(now, timeout),
                         now, r)
    {
      var snd := SenderOn(ep);
      if snd != Nil {
        var call := state[snd] == CallBlocked;
        Rendezvous(snd, c, now);
        if call {
          SetServer(ep, c as ServerOf + 1);
        }
      } else if timeout == TimeoutZero {
        SetResult(c, ErrRecvTimeout);
      } else {
        ParkRunning(c, RecvBlocked, ep, DeadlineOf(now, timeout));
      }
      SnapNow();
      r := err[c];
    }

    method Wait(ep: u32, recvMax: u64, recvRights: u64, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: WaitStep(n, ne, old(Snap()), k1, old(Msg()), ep, recvMax, recvRights,
                                    timeout == TimeoutZero, DeadlineOf(now, timeout), now, r) &&
                           ScheduleStep(n, ne, k1, Snap())
    {
      r := WaitPhase(ep, recvMax, recvRights, timeout, now);
      ghost var k1 := Snap();
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // Receive (closed) from thread `from`: take it if it is blocked sending (on any endpoint), else wait for its
    // Reply; a Send or Call `from` makes later goes to its endpoint and does not meet this wait.
    method Receive(from: u32, recvMax: u64, recvRights: u64, timeout: u64, now: u64)
      returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: ReceiveStep(n, ne, old(Snap()), k1, old(Msg()), from, recvMax, recvRights,
                                       timeout == TimeoutZero, DeadlineOf(now, timeout), now, r) &&
                           ScheduleStep(n, ne, k1, Snap())
    {
      r := ReceivePhase(from, recvMax, recvRights, timeout, now);
      ghost var k1 := Snap();
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    method ReceivePhase(from: u32, recvMax: u64, recvRights: u64, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid()
      ensures ReceiveStep(n, ne, old(Snap()), Snap(), old(Msg()), from, recvMax, recvRights, timeout == TimeoutZero,
                          DeadlineOf(now, timeout), now, r)
    {
      SnapNow();
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if from >= n || from == c || !IsLive(state[from]) { SetResult(c, ErrNoPartner); return ErrNoPartner; }
      StoreBuffer(c, recvMax, recvRights);
      r := ReceiveOn(c, from, timeout, now);
    }

    // The closed receive itself, the buffer stored: take `from` if it waits in a send phase, or fail at once, or
    // wait for it, lending it c's scheduling context.
    method ReceiveOn(c: u32, from: u32, timeout: u64, now: u64) returns (r: u32)
      requires Valid() && c < n && c == current && state[c] == Running && from < n && from != c && IsLive(state[from])
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone, m.runsOn
      ensures Valid()
      ensures ReceiveOnStep(n, ne, old(Snap()), Snap(), old(Msg()), from, timeout == TimeoutZero,
                            DeadlineOf(now, timeout), now, r)
    {
      SnapNow();
      if state[from] == SendBlocked || state[from] == CallBlocked {
        Rendezvous(from, c, now);
      } else if timeout == TimeoutZero {
        SetResult(c, ErrRecvTimeout);
      } else {
        ParkRunning(c, RecvClosed, from, DeadlineOf(now, timeout));
        Lend(c, from);
      }
      SnapNow();
      r := err[c];
    }

    // Reply to thread `to` (waiting in a closed receive for the current thread, e.g. after its Call); never blocks.
    method Reply(to: u32, word: u64, len: u64, rights: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: ReplyStep(n, ne, old(Snap()), k1, old(Msg()), to, len, rights, m.own[..], now, r) &&
                           ScheduleStep(n, ne, k1, Snap())
    {
      r := ReplyPhase(to, word, len, rights, now);
      ghost var k1 := Snap();
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // The reply without rescheduling: the replier stays current (unless a long reply put it into the transfer), so
    // ReplyWait's receive phase is its own.
    method ReplyPhase(to: u32, word: u64, len: u64, rights: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid()
      ensures ReplyStep(n, ne, old(Snap()), Snap(), old(Msg()), to, len, rights, m.own[..], now, r)
      ensures ReplyTarget(n, old(Snap()), to) ==> Msg() == Replied(old(Msg()), old(current), len, rights)
    {
      SnapNow();
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if to >= n || to == c || state[to] != RecvClosed || obj[to] != c { SetResult(c, ErrNoPartner); return ErrNoPartner; }
      Answer(c, to, word, len, rights, now);
      SnapNow();
      return err[c];
    }

    // The reply's rendezvous (the reply is never a Call); then the replier gives back what its caller lent it,
    // unless another thread still waits for it.
    method Answer(c: u32, to: u32, word: u64, len: u64, rights: u64, now: u64)
      requires Valid() && c < n && to < n && c != to && state[c] == Running && state[to] == RecvClosed
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone, m.runsOn
      ensures Valid()
      ensures Snap() == ReturnEffect(n, ne, RendezvousEffect(n, ne, old(Snap()), Replied(old(Msg()), c, len, rights),
                                                           c, to, now), c, m.own[..])
      ensures Msg() == Replied(old(Msg()), c, len, rights)
    {
      StoreMessage(c, word, len, rights);
      NotACall(c);
      Replying(c, to, now);
    }

    // Answer's rendezvous (the message stored), then the replier gives back what was lent to it.
    method Replying(c: u32, to: u32, now: u64)
      requires Valid() && c < n && to < n && c != to && state[c] == Running && state[to] == RecvClosed
      requires Msg().call[c] == 0
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone, m.runsOn
      ensures Valid() && Msg() == old(Msg())
      ensures Snap() == ReturnEffect(n, ne, RendezvousEffect(n, ne, old(Snap()), old(Msg()), c, to, now), c, m.own[..])
    {
      Rendezvous(c, to, now);
      ReturnLent(c, false);
    }

    // A reply is never a Call: after the rendezvous the replier waits for nothing.
    method NotACall(c: u32)
      requires Valid() && c < n
      modifies m.isCall
      ensures Valid() && Snap() == old(Snap()) && Msg() == old(Msg()).(call := old(Msg()).call[c := 0])
    {
      reveal m.Distinct();
      MsgNow();
      m.isCall[c] := 0;
      MsgNow();
    }

    // ReplyWait: reply to `to`, then wait on ep. A failed reply ends the call (its error, no receive phase); a long
    // reply first runs its transfer (the caller is then in the transfer, and the result is Pending). `waited`: `to`
    // waited for this reply before the step (in a closed receive from the running thread), which the syscall layer
    // needs to place an error in its phase; asked once, here, where the direct path's test needs it too.
    method ReplyWait(to: u32, word: u64, len: u64, rights: u64, ep: u32, recvMax: u64,
                                           recvRights: u64, timeout: u64, now: u64) returns (r: u32, ran: bool, waited: bool)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k2 :: ReplyWaitStep(n, ne, old(Snap()), k2, old(Msg()), to, len, rights, m.own[..], ep, recvMax,
                                         recvRights, timeout == TimeoutZero, DeadlineOf(now, timeout), now, r) &&
                           ScheduleStep(n, ne, k2, Snap())
      ensures ran ==> r == Pending && Ran(old(current), to, word)
      ensures waited <==> old(to < n && state[to] == RecvClosed && obj[to] == current)
    {
      // `waited` and `ran` constants on each branch, as in Call; the direct path returns from inside the test that
      // chose it, so that no flag joins the two paths.
      if to < n && state[to] == RecvClosed && obj[to] == current {
        waited := true;
        var runs := ReplyRuns(to, len, rights, ep, timeout);
        if runs {
          ran := true;
          r := ReplyRun(to, word, len, rights, ep, recvMax, recvRights, timeout, now);
          return;
        }
      } else {
        waited := false;
      }
      ran := false;
      r := ReplyWaitAll(to, word, len, rights, ep, recvMax, recvRights, timeout, now);
    }

    // ReplyWait in general: the reply phase, the wait phase if the reply completed, the scheduling step. Out of line
    // as CallAll is.
    method ReplyWaitAll(to: u32, word: u64, len: u64, rights: u64, ep: u32, recvMax: u64,
                                           recvRights: u64, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k2 :: ReplyWaitStep(n, ne, old(Snap()), k2, old(Msg()), to, len, rights, m.own[..], ep, recvMax,
                                         recvRights, timeout == TimeoutZero, DeadlineOf(now, timeout), now, r) &&
                           ScheduleStep(n, ne, k2, Snap())
    {
      SnapNow();
      var c := current;
      r := ReplyPhase(to, word, len, rights, now);
      ghost var k1, r1 := Snap(), r;
      if r == OK && c == current {
        r := WaitPhase(ep, recvMax, recvRights, timeout, now);
      }
      ghost var k2 := Snap();
      assert ReplyWaitStep(n, ne, old(Snap()), k2, old(Msg()), to, len, rights, m.own[..], ep, recvMax, recvRights,
                           timeout == TimeoutZero, DeadlineOf(now, timeout), now, r) by {
        assert ReplyStep(n, ne, old(Snap()), k1, old(Msg()), to, len, rights, m.own[..], now, r1);
      }
      Reschedule();
      assert ScheduleStep(n, ne, k2, Snap());
    }

    // Whether ReplyWait may take its direct path (ReplyRun), for a caller `to` waiting for the running thread (ReplyWait
    // asked): a short reply that fits; then a timed wait on an endpoint where no sender waits; no Ready thread above
    // the caller.
    method ReplyRuns(to: u32, len: u64, rights: u64, ep: u32, timeout: u64) returns (b: bool)
      requires Valid() && to < n && state[to] == RecvClosed && obj[to] == current
      ensures Valid() && Snap() == old(Snap()) && Msg() == old(Msg())
      ensures b ==> current < n && state[current] == Running && to < n && to != current && state[to] == RecvClosed
      ensures b ==> obj[to] == current && len <= InlineWords as u64 && len <= Msg().max[to] && rights <= Msg().accept[to]
      ensures b ==> ep < ne && epAlive[ep] == EndpointKind && timeout != TimeoutZero
      ensures b ==> forall u: u32 :: u < n ==> !WaitsOn(u, ep, DirSend)
      ensures b ==> forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[to]
    {
      var c := current;
      StateFacts(to);  // a closed receive waits on another thread: c is one, and not `to`
      if len > InlineWords as u64 || ep >= ne || epAlive[ep] != EndpointKind || timeout == TimeoutZero {
        return false;
      }
      StateFacts(c);   // the running thread, `current` when there is one: no need to read its state
      MsgNow();
      if len > m.recvMax[to] || (rights != 0 && rights > m.recvRights[to]) {
        return false;
      }
      assert {:split_here} true;
      // No sender waits: the send group's word is 0 (a waiting sender is not looked up only to refuse).
      if EpWord(ep, DirSend) != 0 {
        return false;
      }
      NoWaiter(ep, DirSend);
      assert {:split_here} true;
      var w := q.Word(0);
      if w == 0 {
        NoneReady();
        return true;
      }
      var h := HighestReadyIn(w);
      return prio[h] <= prio[to];
    }

    // ReplyWait's direct path: the replier c answers its caller `to` and waits on ep, and `to` runs at once, woken
    // straight into Running rather than through its ready queue (DirectReply: the state of the reply, the wait and
    // the scheduling step at kernel exit).
    method ReplyRun(to: u32, word: u64, len: u64, rights: u64, ep: u32, recvMax: u64, recvRights: u64,
                    timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      requires current < n && state[current] == Running && to < n && to != current && state[to] == RecvClosed
      requires obj[to] == current && len <= InlineWords as u64 && len <= Msg().max[to] && rights <= Msg().accept[to]
      requires ep < ne && epAlive[ep] == EndpointKind && timeout != TimeoutZero
      requires forall u: u32 :: u < n ==> !WaitsOn(u, ep, DirSend)
      requires forall u: u32 :: u < n && state[u] == Ready ==> prio[u] <= prio[to]
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.isCall, m.runsOn
      ensures Valid() && Scheduled()
      ensures exists k2 :: ReplyWaitStep(n, ne, old(Snap()), k2, old(Msg()), to, len, rights, m.own[..], ep, recvMax,
                                         recvRights, timeout == TimeoutZero, DeadlineOf(now, timeout), now, r) &&
                           ScheduleStep(n, ne, k2, Snap())
      ensures r == Pending && Ran(old(current), to, word)
    {
      ghost var k, g := Snap(), Msg();
      SnapNow();
      var c := current;
      forall w ensures !SendWaiter(n, k, ep, w) {
        if SendWaiter(n, k, ep, w) { assert !WaitsOn(w, ep, DirSend); }
      }
      forall u | 0 <= u < n as int && k.st[u] == Ready ensures k.pr[u] <= k.pr[to] {
        assert state[u as u32] == Ready;
      }
      MsgNow();
      assert ReplyTarget(n, k, to) && len <= g.max[to] && rights <= g.accept[to] && k.ep[ep] == EndpointKind;
      var d := DeadlineOf(now, timeout);
      assert {:split_here} true;
      // The reply is delivered from the arguments and not stored (the replier sends nothing more in this step).
      DeliverFitting(c, to, word, len);
      assert {:split_here} true;
      StoreBuffer(c, recvMax, recvRights);
      assert Snap() == k;
      // The message `to` received stays through the moves (the only u64 array they write is the deadlines).
      assert m.recvWord[to] == word && m.recvFrom[to] == c as u64 && deadline != m.recvWord && deadline != m.recvFrom;
      assert {:split_here} true;
      ReplyMoves(c, to, ep, d);
      assert m.recvWord[to] == word && m.recvFrom[to] == c as u64;
      ghost var own := m.own[..];
      ghost var kf := ReplyRunEffect(n, ne, k, c, to, ep, d, own);
      assert {:split_here} true;
      ghost var k2 := DirectReply(n, ne, k, g, to, len, rights, own, ep, recvMax, recvRights, timeout == TimeoutZero,
                                  d, now);
      assert {:split_here} true;
      SnapNow();
      forall t: u32 | t < n && state[t] == Ready ensures current != NoThread && prio[t] <= prio[current] {
        assert kf.st[t] == Ready;
      }
      assert ReplyWaitStep(n, ne, k, k2, g, to, len, rights, m.own[..], ep, recvMax, recvRights, timeout == TimeoutZero,
                           DeadlineOf(now, timeout), now, Pending);
      r := Pending;
      assert {:split_here} true;
      assert kf.cur == to && kf.er[to] == OK && kf.st[c] == RecvBlocked;
    }

    // What a ReplyWait that took its direct path (ReplyRun) leaves for the syscall layer to read without asking: the
    // replier c waits on its endpoint, its caller `to` runs with result OK and the reply's first word from c.
    ghost predicate Ran(c: u32, to: u32, word: u64)
      reads this, state, err, m, m.recvWord, m.recvFrom
    {
      && c < n && to < n && c as int < state.Length && to as int < err.Length && to as int < m.recvWord.Length
      && to as int < m.recvFrom.Length
      && current == to && state[c] == RecvBlocked && err[to] == OK && m.recvWord[to] == word && m.recvFrom[to] == c as u64
    }

    // ReplyRun's moves: the replier c waits on ep until d, its caller `to` runs, c gives back what was lent to it.
    method ReplyMoves(c: u32, to: u32, ep: u32, d: u64)
      requires Valid() && c == current && c < n && state[c] == Running && to < n && to != c && state[to] == RecvClosed
      requires ep < ne && epAlive[ep] == EndpointKind
      modifies this, state, prio, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && Snap() == ReplyRunEffect(n, ne, old(Snap()), c, to, ep, d, m.own[..])
    {
      ghost var k0 := Snap();
      // The reply's OK for c is overwritten at once by the wait's Pending: not written (the effect is the same).
      ghost var ka := ResultEffect(k0, c, OK);
      assert ParkEffect(n, ne, ka, c, RecvBlocked, ep, d) == ParkEffect(n, ne, k0, c, RecvBlocked, ep, d);
      assert {:split_here} true;
      ParkRunning(c, RecvBlocked, ep, d);
      ghost var k1 := Snap();
      assert {:split_here} true;
      RunWoken(to, OK, true);
      assert {:split_here} true;
      ghost var k2 := Snap();
      assert k2 == RunEffect(n, ReadyEffect(n, ne, k1, to, OK), to);
      assert {:split_here} true;
      ReturnLent(c, true);
      reveal ReplyRunEffect();
    }

    // Sleep: timeout zero yields; otherwise the thread waits (no partner) until the timeout, which is success.
    method Sleep(timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: SleepStep(n, ne, old(Snap()), k1, timeout == TimeoutZero, DeadlineOf(now, timeout), r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      var c := current;
      if c == NoThread || state[c] != Running {
        r := ErrNoCurrent;
      } else {
        if timeout == TimeoutZero {
          MakeReady(c, OK);
        } else {
          ParkRunning(c, Sleeping, 0, DeadlineOf(now, timeout));
        }
        r := err[c];
      }
      ghost var k1 := Snap();
      assert SleepStep(n, ne, old(Snap()), k1, timeout == TimeoutZero, DeadlineOf(now, timeout), r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // Cancel thread t's IPC before the rendezvous (it waits in a send or receive phase or sleeps): ErrCanceled.
    method Cancel(t: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: CancelStep(n, ne, old(Snap()), k1, t, r, m.own[..]) && ScheduleStep(n, ne, k1, Snap())
    {
      r := CancelOp(t);
      ghost var k1 := Snap();
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    method CancelOp(t: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, err, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && CancelStep(n, ne, old(Snap()), Snap(), t, r, m.own[..])
    {
      SnapNow();
      if t >= n {
        r := ErrInvalidThread;
      } else if !IsWaiting(state[t]) {
        r := ErrWrongState;
      } else {
        StateFacts(t);
        var s, o := state[t], obj[t];
        MakeReady(t, ErrCanceled);
        if s == RecvClosed {
          ReturnLent(o, false);
        }
        r := OK;
      }
    }

    // Abort thread t's IPC after the rendezvous (during the transfer): both sides get ErrAborted.
    method Abort(t: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: AbortStep(n, ne, old(Snap()), k1, t, r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if t >= n {
        r := ErrInvalidThread;
      } else if !IsXfer(state[t]) {
        r := ErrWrongState;
      } else {
        BreakXfer(t, ErrAborted);
        r := OK;
      }
      ghost var k1 := Snap();
      assert AbortStep(n, ne, old(Snap()), k1, t, r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // Wakes every thread in queue qid (a closed-receive or endpoint queue) with `code`; work is proportional to the
    // number of waiters. Other threads keep their state, and no other such queue grows.
    method DrainQueue(qid: u32, code: u32)
      requires Valid() && NPrio <= qid < NumQueues(n, ne) && code != Pending
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && |q.lists[qid]| == 0
      ensures forall u :: 0 <= u < n as int ==> state[u] == old(state[u]) || state[u] == Ready
      ensures forall y :: NPrio as int <= y < NumQueues(n, ne) as int ==> |q.lists[y]| <= |old(q.lists[y])|
      ensures Drained(n, ne, old(Snap()), Snap(), iset{qid}, code)
    {
      DrainingStart(n, ne, Snap(), qid, code);
      while q.head[qid] != Nil
        invariant Valid()
        invariant forall u :: 0 <= u < n as int ==> state[u] == old(state[u]) || state[u] == Ready
        invariant forall y :: NPrio as int <= y < NumQueues(n, ne) as int ==> |q.lists[y]| <= |old(q.lists[y])|
        invariant Draining(n, ne, old(Snap()), Snap(), qid, code)
        decreases |q.lists[qid]|
      {
        q.HeadFacts(qid);
        var h := q.head[qid];
        NodeFacts(h);
        QueuedFacts(h);
        WokenNext(qid, code, h, old(Snap()));
      }
      q.HeadFacts(qid);
      forall u | 0 <= u < n as int ensures q.owner[u] != qid {
        q.OwnerFacts(u as u32);
      }
      SnapNow();
      DrainingDone(n, ne, old(Snap()), Snap(), qid, code);
    }

    // One thread of DrainQueue's loop: h, the head of wait queue qid, becomes Ready with `code`.
    method WokenNext(qid: u32, code: u32, h: u32, ghost k0: Tcbs)
      requires Valid() && NPrio <= qid < NumQueues(n, ne) && code != Pending
      requires h < n && q.owner[h] == qid && IsWaiting(state[h]) && !IsXfer(state[h])
      requires Draining(n, ne, k0, Snap(), qid, code)
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[..] == old(state[..])[h := Ready]
      ensures |q.lists[qid]| == |old(q.lists[qid])| - 1
      ensures forall y :: NPrio as int <= y < NumQueues(n, ne) as int ==> |q.lists[y]| <= |old(q.lists[y])|
      ensures Draining(n, ne, k0, Snap(), qid, code)
    {
      SnapNow();
      StateFacts(h);
      DrainingStep(n, ne, k0, Snap(), qid, code, h);
      MakeReady(h, code);
    }

    // Kill thread t: threads in a closed receive on t and a transfer partner get ErrPartnerKilled; t leaves
    // every queue and becomes Dead, and (b) no thread refers to it any more (Bury's precondition).
    method Kill(t: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: KillStep(n, ne, old(Snap()), k1, t, r, m.own[..]) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if t >= n {
        r := ErrInvalidThread;
      } else if !IsLive(state[t]) {
        r := ErrWrongState;
      } else {
        KillLive(t);
        r := OK;
      }
      ghost var k1 := Snap();
      assert KillStep(n, ne, old(Snap()), k1, t, r, m.own[..]);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // Kill's work on a live thread t (KillStep's OK case).
    method KillLive(t: u32)
      requires Valid() && t < n && IsLive(state[t])
      modifies this, state, prio, err, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid()
      ensures exists k2 :: (Drained(n, ne, old(Snap()), k2, iset{ClosedQ(t)}, ErrPartnerKilled) &&
                            Snap() == Released(n, ne, BuryEffect(n, PartnerBroken(n, ne, k2, t, ErrPartnerKilled), t),
                                               old(Snap()).st[t], old(Snap()).ob[t], m.own[..]))
    {
      SnapNow();
      StateFacts(t);
      var s, o := state[t], obj[t];
      DrainQueue(ClosedQ(t), ErrPartnerKilled);
      ghost var k2 := Snap();
      SnapNow();
      EmptyClosedFacts(t);
      if IsXfer(state[t]) {
        BreakXfer(t, ErrPartnerKilled);
      }
      assert Snap() == PartnerBroken(n, ne, k2, t, ErrPartnerKilled);
      assert {:split_here} true;
      UnreferencedNow(t);
      Bury(t);
      ghost var k4 := Snap();
      assert {:split_here} true;
      if s == RecvClosed {
        ReturnLent(o, false);
      }
      assert Snap() == Released(n, ne, k4, s, o, m.own[..]);
    }

    // Destroy IPC object e, an endpoint or a notification (its last capability was deleted): every thread queued
    // on it gets ErrNoPartner, and no thread waits on it afterwards.
    method DestroyEndpoint(e: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: DestroyStep(n, ne, old(Snap()), k1, e, r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if e >= ne {
        r := ErrInvalidArgument;
      } else if epAlive[e] == 0 {
        r := ErrWrongState;
      } else {
        DestroyLive(e);
        r := OK;
      }
      ghost var k1 := Snap();
      assert DestroyStep(n, ne, old(Snap()), k1, e, r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // DestroyEndpoint's work on a live IPC object e (DestroyStep's OK case).
    method DestroyLive(e: u32)
      requires Valid() && e < ne && epAlive[e] != NoObject
      modifies this, state, err, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid()
      ensures exists k2 :: (Drained(n, ne, old(Snap()), k2, EpQueues(n, e, NPrio), ErrNoPartner) &&
                            Snap() == k2.(ep := k2.ep[e := NoObject]))
    {
      ghost var k0 := Snap();
      DrainedNone(n, ne, k0, ErrNoPartner);
      EpQueuesNone(n, e);
      for p: u32 := 0 to NPrio
        invariant Valid()
        invariant forall u :: 0 <= u < n as int && IsEpBlocked(state[u]) && obj[u] == e ==> prio[u] as u32 >= p
        invariant Drained(n, ne, k0, Snap(), EpQueues(n, e, p), ErrNoPartner)
      {
        DrainEp(e, p, k0);
        EmptyEpFacts(e, p as u8);
      }
      forall u | 0 <= u < n as int && IsEpBlocked(state[u]) ensures obj[u] != e {
        StateFacts(u as u32);
      }
      ghost var k2 := Snap();
      NoneWaitsOnNow(e);
      SetEndpoint(e, NoObject);
    }

    // One round of DestroyLive's loop: the send and then the receive queue of e at priority p are drained.
    method DrainEp(e: u32, p: u32, ghost k0: Tcbs)
      requires Valid() && e < ne && p < NPrio
      requires Drained(n, ne, k0, Snap(), EpQueues(n, e, p), ErrNoPartner)
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && |q.lists[EpQ(n, e, DirSend, p as u8)]| == 0 && |q.lists[EpQ(n, e, DirRecv, p as u8)]| == 0
      ensures forall u :: 0 <= u < n as int ==> state[u] == old(state[u]) || state[u] == Ready
      ensures Drained(n, ne, k0, Snap(), EpQueues(n, e, p + 1), ErrNoPartner)
    {
      var sq, rq := EpQ(n, e, DirSend, p as u8), EpQ(n, e, DirRecv, p as u8);
      ghost var ka := Snap();
      DrainQueue(sq, ErrNoPartner);
      ghost var kb := Snap();
      DrainedThen(n, ne, k0, ka, kb, EpQueues(n, e, p), iset{sq}, ErrNoPartner);
      DrainQueue(rq, ErrNoPartner);
      DrainedThen(n, ne, k0, kb, Snap(), EpQueues(n, e, p) + iset{sq}, iset{rq}, ErrNoPartner);
      EpQueuesNext(n, e, p);
    }

    // The timeout of thread t expired: the error code names the phase that timed out.
    method Expire(t: u32)
      requires Valid() && t < n
      modifies this, state, prio, err, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && ExpireStep(n, ne, old(Snap()), Snap(), t, m.own[..])
    {
      SnapNow();
      StateFacts(t);
      var s := state[t];
      if s == SendBlocked || s == CallBlocked {
        MakeReady(t, ErrSendTimeout);
      } else if s == RecvBlocked || s == RecvClosed {
        var o := obj[t];
        MakeReady(t, ErrRecvTimeout);
        if s == RecvClosed {
          ReturnLent(o, false);
        }
      } else if s == Sleeping {
        MakeReady(t, OK);
      } else if IsXfer(s) && pfPending[t] != 0 {
        BreakXfer(t, if s == XferSend then ErrSendPfTimeout else ErrRecvPfTimeout);
      }
    }

    // Timer tick at time `now`: expires the entries of now's wheel slot whose deadline has passed. Work is
    // proportional to the entries of one slot (those expiring plus those due in a later round of the wheel).
    method Tick(now: u64)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled() && TickStep(n, ne, old(Snap()), Snap(), m.own[..], now)
    {
      ghost var k1, ts := TickOp(now);
      ghost var k2 := Snap();
      Reschedule();
      assert ScheduleStep(n, ne, k2, Snap());
    }

    // The tick without rescheduling: the charge, then the expiry of the due waits of now's wheel slot (returned as
    // the state after the charge and the threads expired, for TickStep's witnesses).
    method TickOp(now: u64) returns (ghost k1: Tcbs, ghost ts: seq<u32>)
      requires Valid()
      modifies this, state, prio, err, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn, m.left
      ensures Valid() && ChargeStep(n, ne, old(Snap()), k1) && Expires(n, ne, k1, Snap(), ts, m.own[..], now)
    {
      Charge();
      k1 := Snap();
      ts := [];
      var slot := WheelQ(now);
      var x := q.head[slot];
      var fuel: u32 := n;
      while fuel > 0 && x != Nil && n <= x < 2 * n
        invariant Valid() && m.own[..] == old(m.own[..])
        invariant Expires(n, ne, k1, Snap(), ts, m.own[..], now)
        decreases fuel
      {
        var nxt := q.next[x];
        var t := x - n;
        if deadline[t] <= now {
          ExpireDue(t, now, k1, ts);
          ts := ts + [t];
        }
        x := nxt;
        fuel := fuel - 1;
      }
    }

    // One expiry of Tick's loop: t's deadline is due.
    method ExpireDue(t: u32, now: u64, ghost k1: Tcbs, ghost ts: seq<u32>)
      requires Valid() && t < n && deadline[t] <= now && Expires(n, ne, k1, Snap(), ts, m.own[..], now)
      modifies this, state, prio, err, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner, m.runsOn
      ensures Valid() && Expires(n, ne, k1, Snap(), ts + [t], m.own[..], now)
    {
      SnapNow();
      ghost var kb := Snap();
      Expire(t);
      ExpiresSnoc(n, ne, k1, kb, Snap(), ts, t, m.own[..], now);
    }

    // Long IPC: copies the next chunk (at most ChunkWords words) of the transfer thread t takes part in; a
    // preemption point follows each chunk. Returns Pending while words remain, OK when the IPC completed.
    method TransferChunk(t: u32, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: TransferStep(n, ne, old(Snap()), k1, old(Msg()), t, now, r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if t >= n {
        r := ErrInvalidThread;
      } else if !IsXfer(state[t]) {
        r := ErrWrongState;
      } else {
        StateFacts(t);
        var s := if state[t] == XferSend then t else obj[t];
        var rc := if state[t] == XferSend then obj[t] else t;
        StateFacts(s);
        if pfPending[s] != 0 || pfPending[rc] != 0 {
          r := ErrWrongState;
        } else {
          r := CopyChunk(s, rc, now);
        }
      }
      ghost var k1 := Snap();
      assert TransferStep(n, ne, old(Snap()), k1, old(Msg()), t, now, r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // The next chunk of sender s's transfer to rc; after the last one the IPC completes.
    method CopyChunk(s: u32, rc: u32, now: u64) returns (r: u32)
      requires Valid() && s < n && rc < n && state[s] == XferSend && obj[s] == rc && state[rc] == XferRecv
      modifies this, state, prio, obj, err, deadline, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.xferDone, m.isCall, m.runsOn
      ensures Valid()
      ensures (r == Pending && Snap() == old(Snap())) ||
              (r == OK && Snap() == CompleteEffect(n, ne, BreakEffect(n, ne, old(Snap()), s, rc, OK), s, rc,
                                                   old(Msg()).call[s] == 1, DeadlineOf(now, old(Msg()).rto[s])))
    {
      MsgNow();
      var call, rto := m.isCall[s], m.rcvTimeout[s];
      var done, len := m.xferDone[s], m.msgLen[s];
      if done < len && len - done > ChunkWords as u64 {
        SetCopied(s, done + ChunkWords as u64);
        return Pending;
      }
      LastChunk(s, rc, len, call, rto, now);
      return OK;
    }

    // The last chunk: the transfer ends and the IPC completes.
    method LastChunk(s: u32, rc: u32, len: u64, call: u64, rto: u64, now: u64)
      requires Valid() && s < n && rc < n && state[s] == XferSend && obj[s] == rc && state[rc] == XferRecv
      modifies this, state, prio, obj, err, deadline, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.xferDone, m.isCall, m.runsOn
      ensures Valid()
      ensures Snap() == CompleteEffect(n, ne, BreakEffect(n, ne, old(Snap()), s, rc, OK), s, rc, call == 1,
                                       DeadlineOf(now, rto))
    {
      SetCopied(s, len);
      BreakXfer(s, OK);
      Complete(s, rc, call, rto, now);
    }

    // A page fault hit thread t's side of a transfer: the transfer is suspended while the nested page-fault IPC
    // to t's pager runs, at most `timeout` ticks.
    method PageFault(t: u32, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: PageFaultStep(n, ne, old(Snap()), k1, t, DeadlineOf(now, timeout), r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if t >= n {
        r := ErrInvalidThread;
      } else if !IsXfer(state[t]) || pfPending[t] != 0 {
        r := ErrWrongState;
      } else {
        Suspend(t, DeadlineOf(now, timeout));
        r := OK;
      }
      ghost var k1 := Snap();
      assert PageFaultStep(n, ne, old(Snap()), k1, t, DeadlineOf(now, timeout), r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }

    // The nested page-fault IPC of thread t ended: resolved resumes the transfer; canceled or failed aborts the
    // outer IPC on both sides with ErrNestedPf.
    method PageFaultDone(t: u32, resolved: bool) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall, m.ntfWord,
               m.own, m.runsOn, m.left, m.server
      ensures Valid() && Scheduled()
      ensures exists k1 :: PageFaultDoneStep(n, ne, old(Snap()), k1, t, resolved, r) && ScheduleStep(n, ne, k1, Snap())
    {
      SnapNow();
      if t >= n {
        r := ErrInvalidThread;
      } else if !IsXfer(state[t]) || pfPending[t] == 0 {
        r := ErrWrongState;
      } else if resolved {
        Resume(t);
        r := OK;
      } else {
        BreakXfer(t, ErrNestedPf);
        r := OK;
      }
      ghost var k1 := Snap();
      assert PageFaultDoneStep(n, ne, old(Snap()), k1, t, resolved, r);
      Reschedule();
      assert ScheduleStep(n, ne, k1, Snap());
    }
  }
}
