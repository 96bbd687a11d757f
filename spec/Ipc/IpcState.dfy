// The IPC core's state: struct-of-arrays TCB fields, endpoints, the IPC queues and the wakeup structure, with the
// invariant Valid() and the primitive moves every operation is built from (Park, Unpark, Reschedule).
//
// Valid() = CoreValid() && SchedValid():
//   CoreValid: each thread's state word names exactly the queue that holds it (ready queue of its priority, send or
//     receive queue of its endpoint, closed-receive queue of its partner, or none): property (a); a closed receive
//     waits on a live thread and a transfer's partner links are symmetric: property (b); a thread is in the wakeup
//     structure exactly when it waits with a finite deadline, in the slot of that deadline; the Running thread is
//     exactly `current`.
//   SchedValid: `current` has the highest priority among Ready threads, and the CPU idles (current = NoThread)
//     only when no thread is Ready: property (e).
include "IpcTypes.dfy"
include "IpcQueues.dfy"

module IpcState {
  import opened NativeTypes
  import opened IpcTypes
  import opened IpcQueues

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
  // so it lives outside IpcKernel.Valid() (cheap framing: storing a message never touches the invariant).
  class IpcMessages {
    const msgWord: array<u64>       // first message word (the rest lives in the UTCB; the core copies the length)
    const msgLen: array<u32>        // message length in words
    const mapRights: array<u8>      // map item rights (0: no map item)
    const recvMax: array<u32>       // receive buffer size in words
    const recvRights: array<u8>     // largest rights the receive window accepts
    const recvWord: array<u64>      // received first word
    const recvLen: array<u32>       // received length
    const recvFrom: array<u32>      // sender of the received message
    const xferDone: array<u32>      // long IPC: words copied so far (saved in the TCB between chunks)
    const rcvTimeout: array<u64>    // Call: relative timeout of the receive phase that follows the rendezvous

    ghost predicate Ok(n: u32)
      reads this
    {
      && msgWord.Length == n as int && msgLen.Length == n as int && mapRights.Length == n as int
      && recvMax.Length == n as int && recvRights.Length == n as int && recvWord.Length == n as int
      && recvLen.Length == n as int && recvFrom.Length == n as int && xferDone.Length == n as int
      && rcvTimeout.Length == n as int
    }

    constructor(n: u32)
      ensures Ok(n)
    {
      msgWord, msgLen, mapRights, recvMax, recvRights := new u64[n], new u32[n], new u8[n], new u32[n], new u8[n];
      recvWord, recvLen, recvFrom, xferDone, rcvTimeout := new u64[n], new u32[n], new u32[n], new u32[n], new u64[n];
    }
  }

  // The queue a thread in state s with priority p, waiting on o, must be in (Nil: in no IPC queue). A function of
  // values, not of the heap, and opaque, so the invariant of one thread is framed by its own array entries.
  opaque function QueueFor(n: u32, ne: u32, s: u8, p: u8, o: u32): u32
    requires n <= MaxThreads && ne <= MaxEndpoints
  {
    if p as u32 >= NPrio then Nil
    else if s == Ready then ReadyQ(p)
    else if (s == SendBlocked || s == CallBlocked) && o < ne then EpQ(n, o, DirSend, p)
    else if s == RecvBlocked && o < ne then EpQ(n, o, DirRecv, p)
    else if s == RecvClosed && o < n then ClosedQ(o)
    else Nil
  }

  // A thread waits for a timeout (it sits in the wakeup structure iff its deadline is finite).
  predicate Timed(s: u8, pf: u8) {
    IsWaiting(s) || (IsXfer(s) && pf != 0)
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
      reads this
    {
      && 0 < n <= MaxThreads && ne <= MaxEndpoints
      && state.Length == n as int && prio.Length == n as int && obj.Length == n as int && err.Length == n as int
      && deadline.Length == n as int && pfPending.Length == n as int && epAlive.Length == ne as int
      && q.n == 2 * n && q.nq as int == NumQueues(n, ne) as int + WheelSlots as int && q.owner.Length == 2 * n as int
      && state != prio && state != pfPending && state != epAlive && prio != pfPending && prio != epAlive
      && pfPending != epAlive && obj != err
      // No array of this object is one of the queues' arrays (the u8 and u64 ones differ by type).
      && obj != q.next && obj != q.prev && obj != q.head && obj != q.tail && obj != q.owner
      && err != q.next && err != q.prev && err != q.head && err != q.tail && err != q.owner
    }
    // The node that links thread t into the timer wheel.
    function WheelNode(t: u32): u32
      requires Shape() && t < n
      reads this
    {
      n + t
    }

    // The wheel slot of a deadline, as a queue number.
    function WheelQ(d: u64): u32
      requires Shape()
      reads this
    {
      NumQueues(n, ne) + Slot(d)
    }


    ghost predicate ThreadOk(t: u32)
      requires Shape() && t < n
      reads this, state, prio, obj, deadline, pfPending, epAlive, q.owner
    {
      var s := state[t];
      && s <= MaxState && prio[t] as u32 < NPrio
      && q.owner[t] == QueueFor(n, ne, s, prio[t], obj[t])
      && (s == Running <==> t == current)
      && (IsEpBlocked(s) ==> obj[t] < ne && epAlive[obj[t]] == 1)
      && (s == RecvClosed ==> obj[t] < n && IsLive(state[obj[t]]))
      && (s == XferSend ==> obj[t] < n && obj[t] != t && state[obj[t]] == XferRecv && obj[obj[t]] == t)
      && (s == XferRecv ==> obj[t] < n && obj[t] != t && state[obj[t]] == XferSend && obj[obj[t]] == t)
      && (pfPending[t] != 0 ==> IsXfer(s))
      && (q.owner[n + t] != Nil <==> (Timed(s, pfPending[t]) && deadline[t] != Forever))
      && (q.owner[n + t] != Nil ==> q.owner[n + t] == WheelQ(deadline[t]))
    }

    ghost predicate CoreValid()
      reads this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner
    {
      && Shape() && q.Valid()
      && (current == NoThread || current < n)
      && (forall t: u32 :: t < n ==> ThreadOk(t))
    }

    ghost predicate SchedValid()
      requires Shape()
      reads this, state, prio
    {
      && (current == NoThread ==> forall t: u32 :: t < n ==> state[t] != Ready)
      && (current != NoThread ==> current < n && forall t: u32 :: t < n && state[t] == Ready ==> prio[t] <= prio[current])
    }

    ghost predicate Valid()
      reads this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner
    {
      CoreValid() && SchedValid()
    }

    constructor(threads: u32, endpoints: u32)
      requires 0 < threads <= MaxThreads && endpoints <= MaxEndpoints
      ensures Valid() && n == threads && ne == endpoints && current == NoThread && m.Ok(n)
      ensures forall t: u32 :: t < n ==> state[t] == Free
      ensures forall e: u32 :: e < ne ==> epAlive[e] == 0
    {
      // Dafny leaves new array elements unspecified (C# zeroes them anyway): fill the ones Valid() reads.
      var st := FilledU8(threads, Free);
      var pr := FilledU8(threads, 0);
      var pf := FilledU8(threads, 0);
      var ep := FilledU8(endpoints, 0);
      var dl := FilledU64(threads, Forever);
      var ob, er := new u32[threads], new u32[threads];
      m := new IpcMessages(threads);
      // The queues last: no allocation after them, so their Valid() needs no framing through many heap updates.
      var qs := new LinkedQueues(2 * threads, NumQueues(threads, endpoints) + WheelSlots as u32);
      n, ne := threads, endpoints;
      state, prio, pfPending, deadline, epAlive, obj, err := st, pr, pf, dl, ep, ob, er;
      q := qs;
      current := NoThread;
      new;
      forall t: u32 | t < n ensures ThreadOk(t) {
        assert q.owner[t] == Nil && q.owner[n + t] == Nil;
        reveal QueueFor();
      }
    }
  }
}
