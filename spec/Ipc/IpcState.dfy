// The IPC core's state: struct-of-arrays TCB fields, endpoints, and one LinkedQueues object holding the ready,
// endpoint and closed-receive queues and the timer wheel; the primitive moves every operation is built from.
//
// Valid() (proved for every method): array shapes, the queues' link invariant (IpcQueues: every queue is a
// well-formed doubly-linked list equal to its abstract sequence, a node in at most one queue), state words and
// priorities in range, `current` is NoThread or a thread id. The cross-structure invariant (a thread's state names
// exactly the queue that holds it; partner links symmetric; the running thread has the highest priority) is
// checked after every step by the hosted property test (tests/Verified.Core.Tests/Ipc), not yet proved: the
// primitives below re-check queue membership at run time (O(1)) so that memory safety never depends on it.
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

    ghost predicate Ok(n: u32)
      reads this
    {
      && msgWord.Length == n as int && msgLen.Length == n as int && mapRights.Length == n as int
      && recvMax.Length == n as int && recvRights.Length == n as int && recvWord.Length == n as int
      && recvLen.Length == n as int && recvFrom.Length == n as int && xferDone.Length == n as int
      && rcvTimeout.Length == n as int && isCall.Length == n as int
    }

    constructor(n: u32)
      ensures Ok(n)
      ensures fresh(msgWord) && fresh(msgLen) && fresh(mapRights) && fresh(recvMax) && fresh(recvRights)
      ensures fresh(recvWord) && fresh(recvLen) && fresh(recvFrom) && fresh(xferDone) && fresh(rcvTimeout)
      ensures fresh(isCall)
    {
      msgWord, msgLen, mapRights, recvMax, recvRights := new u64[n], new u64[n], new u64[n], new u64[n], new u64[n];
      recvWord, recvLen, recvFrom, xferDone, rcvTimeout := new u64[n], new u64[n], new u64[n], new u64[n], new u64[n];
      isCall := new u64[n];
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
      && q.n == 2 * n && q.nq as int == NumQueues(n, ne) as int + WheelSlots as int && m.Ok(n)
      && deadline != m.msgWord && deadline != m.msgLen && deadline != m.mapRights && deadline != m.recvMax
      && deadline != m.recvRights && deadline != m.recvWord && deadline != m.recvLen && deadline != m.recvFrom
      && deadline != m.xferDone && deadline != m.rcvTimeout && deadline != m.isCall
      && state != prio && state != pfPending && state != epAlive && prio != pfPending && prio != epAlive
      && pfPending != epAlive && obj != err
      // No array of this object is one of the queues' arrays (the u8 and u64 ones differ by type).
      && obj != q.next && obj != q.prev && obj != q.head && obj != q.tail && obj != q.owner
      && err != q.next && err != q.prev && err != q.head && err != q.tail && err != q.owner
    }

    ghost predicate Valid()
      reads this, m, state, prio, q, q.next, q.prev, q.head, q.tail, q.owner
    {
      && Shape() && q.Valid()
      && (current == NoThread || current < n)
      && (forall t: u32 :: t < n ==> state[t] <= MaxState && prio[t] as u32 < NPrio)
    }

    constructor {:isolate_assertions} (threads: u32, endpoints: u32)
      requires 0 < threads <= MaxThreads && endpoints <= MaxEndpoints
      ensures Valid() && n == threads && ne == endpoints && current == NoThread
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
      m := new IpcMessages(threads);
      var qs := new LinkedQueues(2 * threads, NumQueues(threads, endpoints) + WheelSlots as u32);
      n, ne := threads, endpoints;
      state, prio, pfPending, deadline, epAlive, obj, err := st, pr, pf, dl, ep, ob, er;
      q := qs;
      current := NoThread;
    }

    // ---- Primitive moves (O(1) each). ----

    // The wheel slot of a deadline, as a queue number.
    function WheelQ(d: u64): (r: u32)
      requires Shape()
      reads this, m
      ensures r < q.nq
    {
      NumQueues(n, ne) + Slot(d)
    }

    // Takes thread t out of its IPC queue (if in one).
    method Dequeue(t: u32)
      requires Valid() && t < n
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && q.owner[t] == Nil
    {
      if q.owner[t] != Nil {
        q.Remove(t);
      }
    }

    // Takes thread t out of the wheel (if in it).
    method WheelOut(t: u32)
      requires Valid() && t < n
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && q.owner[n + t] == Nil && q.owner[t] == old(q.owner[t])
    {
      if q.owner[n + t] != Nil {
        q.Remove(n + t);
      }
    }

    // Puts thread t at the back of the queue its state names.
    method Enqueue(t: u32)
      requires Valid() && t < n
      modifies q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid()
    {
      var qid := QueueFor(n, ne, state[t], prio[t], obj[t]);
      if qid != Nil && q.owner[t] == Nil {
        q.PushBack(qid, t);
      }
    }

    // Thread t becomes Ready with result `code`: out of any IPC queue and the wheel, into its ready queue.
    method {:isolate_assertions} MakeReady(t: u32, code: u32)
      requires Valid() && t < n
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[t] == Ready && err[t] == code
      ensures current == (if old(current) == t then NoThread else old(current))
    {
      Dequeue(t);
      WheelOut(t);
      if current == t {
        current := NoThread;
      }
      state[t] := Ready;
      err[t] := code;
      Enqueue(t);
    }

    // Thread t leaves every queue and the wheel and stops running.
    method {:isolate_assertions} Detach(t: u32)
      requires Valid() && t < n
      modifies this, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && q.owner[t] == Nil && q.owner[n + t] == Nil
      ensures current == (if old(current) == t then NoThread else old(current))
    {
      Dequeue(t);
      WheelOut(t);
      if current == t {
        current := NoThread;
      }
    }

    // Puts thread t into the wheel slot of deadline dl (not at all when dl is Forever).
    method {:isolate_assertions} WheelIn(t: u32, dl: u64)
      requires Valid() && t < n
      modifies this, deadline, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && deadline[t] == dl && current == old(current)
    {
      deadline[t] := dl;
      if dl != Forever && q.owner[n + t] == Nil {
        q.PushBack(WheelQ(dl), n + t);
      }
    }

    // Thread t starts waiting in state s on o until deadline dl: into the queue s names and, for a finite deadline,
    // into the wheel slot of dl.
    method {:isolate_assertions} Park(t: u32, s: u8, o: u32, dl: u64)
      requires Valid() && t < n && s <= MaxState
      modifies this, state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && state[t] == s && obj[t] == o && err[t] == Pending
      ensures current == (if old(current) == t then NoThread else old(current))
    {
      Detach(t);
      state[t] := s;
      obj[t] := o;
      err[t] := Pending;
      Enqueue(t);
      WheelIn(t, dl);
    }

    // The highest-priority Ready thread (front of the highest non-empty ready queue), or Nil. Scans NPrio = 32
    // queue heads: constant time.
    method HighestReady() returns (t: u32)
      requires Valid()
      ensures t == Nil || t < n
    {
      var p: u32 := NPrio;
      while p > 0
        invariant p <= NPrio
      {
        p := p - 1;
        q.HeadFacts(p);
        var h := q.head[p];
        if h != Nil && h < n {
          return h;
        }
      }
      return Nil;
    }

    // Thread t (Ready) runs; the previous current thread (if still Running) becomes Ready.
    method {:isolate_assertions} SwitchTo(t: u32)
      requires Valid() && t < n
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && current == t && state[t] == Running
    {
      if current != NoThread && current != t && state[current] == Running {
        var c := current;
        MakeReady(c, err[c]);
      }
      Dequeue(t);
      state[t] := Running;
      current := t;
    }

    // Lazy scheduling at kernel exit: the highest-priority Ready thread runs if it outranks the current one (or
    // if the current thread blocked); otherwise the current thread keeps the CPU.
    method {:isolate_assertions} Reschedule()
      requires Valid()
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid()
    {
      var h := HighestReady();
      if current != NoThread && state[current] != Running {
        current := NoThread;
      }
      if h != Nil && state[h] == Ready && (current == NoThread || prio[h] > prio[current]) {
        SwitchTo(h);
      }
    }

    // ---- Message transfer at the rendezvous ----

    // Absolute deadline of a relative timeout given at time `now` (Forever for TimeoutNever or on overflow).
    function DeadlineOf(now: u64, timeout: u64): u64 {
      if timeout == TimeoutNever || now >= Forever - timeout then Forever else now + timeout
    }

    // The highest-priority thread in endpoint e's queue of direction dir, or Nil (scans NPrio heads: constant time).
    method FindWaiter(e: u32, dir: u32) returns (t: u32)
      requires Valid() && e < ne && dir <= 1
      ensures t == Nil || t < n
    {
      var p: u32 := NPrio;
      while p > 0
        invariant p <= NPrio
      {
        p := p - 1;
        var h := q.head[EpQ(n, e, dir, p as u8)];
        if h != Nil && h < n {
          return h;
        }
      }
      return Nil;
    }

    // Copies the message of sender s into receiver r's buffer; copy failure and map failure are checked first.
    method Deliver(s: u32, r: u32) returns (code: u32)
      requires Valid() && s < n && r < n
      modifies m.recvWord, m.recvLen, m.recvFrom
      ensures Valid()
    {
      if m.msgLen[s] > m.recvMax[r] { return ErrCopyFailed; }
      if m.mapRights[s] > m.recvRights[r] { return ErrMapFailed; }
      m.recvWord[r] := m.msgWord[s];
      m.recvLen[r] := m.msgLen[s];
      m.recvFrom[r] := s as u64;
      return OK;
    }

    // Thread t gets result `code`: the current thread keeps running, any other becomes Ready.
    method Finish(t: u32, code: u32)
      requires Valid() && t < n
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid() && err[t] == code
    {
      if t == current && state[t] == Running {
        err[t] := code;
      } else {
        MakeReady(t, code);
      }
    }

    // The IPC of sender s and receiver r completed: both get OK; a Call's sender now waits for the reply from r.
    method {:isolate_assertions} Complete(s: u32, r: u32, now: u64)
      requires Valid() && s < n && r < n && s != r
      modifies this, state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner, m.isCall
      ensures Valid()
    {
      Finish(r, OK);
      if m.isCall[s] == 1 {
        m.isCall[s] := 0;
        Park(s, RecvClosed, r, DeadlineOf(now, m.rcvTimeout[s]));
      } else {
        Finish(s, OK);
      }
    }

    // Both sides fail with `code` (copy or map failure at the rendezvous, abort, partner timeout).
    method {:isolate_assertions} FailBoth(s: u32, r: u32, code: u32)
      requires Valid() && s < n && r < n
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid()
    {
      Finish(s, code);
      Finish(r, code);
    }

    // Rendezvous of sender s and receiver r: short messages complete at once; long ones (more than InlineWords
    // words) enter the transfer phase, copied chunk by chunk by TransferChunk.
    method {:isolate_assertions} Rendezvous(s: u32, r: u32, now: u64)
      requires Valid() && s < n && r < n && s != r
      modifies this, state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone
      ensures Valid()
    {
      var code := Deliver(s, r);
      if code != OK {
        FailBoth(s, r, code);
      } else if m.msgLen[s] > InlineWords as u64 {
        m.xferDone[s] := InlineWords as u64;
        Park(s, XferSend, r, Forever);
        Park(r, XferRecv, s, Forever);
      } else {
        Complete(s, r, now);
      }
    }

    // ---- Operations (system calls and kernel events). Each validates its arguments, returns an error code, and
    // ends with Reschedule(). `now` is the current time in ticks; the result of a blocked call arrives in err[t]. ----

    // Creates thread t with priority p (Free or Dead -> Ready).
    method {:isolate_assertions} CreateThread(t: u32, p: u8) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      if t >= n { return ErrInvalidThread; }
      if p as u32 >= NPrio { return ErrInvalidArgument; }
      if state[t] != Free && state[t] != Dead { return ErrWrongState; }
      Detach(t);
      prio[t] := p;
      pfPending[t] := 0;
      MakeReady(t, OK);
      Reschedule();
      return OK;
    }

    method CreateEndpoint(e: u32) returns (r: u32)
      requires Valid()
      modifies epAlive
      ensures Valid()
    {
      if e >= ne { return ErrInvalidArgument; }
      if epAlive[e] != 0 { return ErrWrongState; }
      epAlive[e] := 1;
      return OK;
    }

    // Send (isCall = 0) and Call (isCall = 1) on endpoint ep: rendezvous with the highest-priority receiver, or
    // block in the send queue (timeout zero: fail at once with ErrSendTimeout).
    method {:isolate_assertions} SendPhase(ep: u32, word: u64, len: u64, rights: u64, sndTimeout: u64,
                                           rcvTimeout: u64, isCall: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if ep >= ne || epAlive[ep] == 0 { err[c] := ErrNoPartner; return ErrNoPartner; }
      StoreMessage(c, word, len, rights);
      m.rcvTimeout[c] := rcvTimeout;
      m.isCall[c] := isCall;
      SendOrBlock(c, ep, sndTimeout, isCall, now);
      return err[c];
    }

    // The UTCB message registers of thread t (first word, length, map item rights).
    method StoreMessage(t: u32, word: u64, len: u64, rights: u64)
      requires Valid() && t < n
      modifies m.msgWord, m.msgLen, m.mapRights
      ensures Valid()
    {
      m.msgWord[t] := word;
      m.msgLen[t] := len;
      m.mapRights[t] := rights;
    }

    // The receive buffer of thread t (size in words, accepted map rights).
    method StoreBuffer(t: u32, recvMax: u64, recvRights: u64)
      requires Valid() && t < n
      modifies m.recvMax, m.recvRights
      ensures Valid()
    {
      m.recvMax[t] := recvMax;
      m.recvRights[t] := recvRights;
    }

    // The send phase of the current thread c on live endpoint ep.
    method {:isolate_assertions} SendOrBlock(c: u32, ep: u32, sndTimeout: u64, isCall: u64, now: u64)
      requires Valid() && c < n && ep < ne
      modifies this, state, obj, err, deadline, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.recvWord, m.recvLen, m.recvFrom, m.isCall, m.xferDone
      ensures Valid()
    {
      var rcv := FindWaiter(ep, DirRecv);
      if rcv != Nil && rcv != c && state[rcv] == RecvBlocked {
        Rendezvous(c, rcv, now);
        DirectSwitch(rcv);
      } else if sndTimeout == TimeoutZero {
        err[c] := ErrSendTimeout;
      } else {
        Park(c, if isCall == 1 then CallBlocked else SendBlocked, ep, DeadlineOf(now, sndTimeout));
        Reschedule();
      }
    }

    method Send(ep: u32, word: u64, len: u64, rights: u64, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      r := SendPhase(ep, word, len, rights, timeout, TimeoutNever, 0, now);
    }

    method Call(ep: u32, word: u64, len: u64, rights: u64, sndTimeout: u64, rcvTimeout: u64, now: u64)
      returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      r := SendPhase(ep, word, len, rights, sndTimeout, rcvTimeout, 1, now);
    }

    // Direct switch on rendezvous: the woken receiver runs at once unless a higher-priority thread is Ready or
    // the current thread still runs at a higher priority.
    method {:isolate_assertions} DirectSwitch(r: u32)
      requires Valid() && r < n
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid()
    {
      var h := HighestReady();
      var curRuns := current != NoThread && state[current] == Running;
      if state[r] == Ready && (h == Nil || prio[r] >= prio[h]) && (!curRuns || prio[r] >= prio[current]) {
        SwitchTo(r);
      } else {
        Reschedule();
      }
    }

    // Wait (open receive) on endpoint ep: take the highest-priority sender, or block in the receive queue.
    method {:isolate_assertions} Wait(ep: u32, recvMax: u64, recvRights: u64, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if ep >= ne || epAlive[ep] == 0 { err[c] := ErrNoPartner; return ErrNoPartner; }
      StoreBuffer(c, recvMax, recvRights);
      var snd := FindWaiter(ep, DirSend);
      if snd != Nil && snd != c && (state[snd] == SendBlocked || state[snd] == CallBlocked) {
        Rendezvous(snd, c, now);
        Reschedule();
      } else if timeout == TimeoutZero {
        err[c] := ErrRecvTimeout;
      } else {
        Park(c, RecvBlocked, ep, DeadlineOf(now, timeout));
        Reschedule();
      }
      return err[c];
    }

    // Receive (closed) from thread `from`: take it if it is blocked sending, else wait for its Send or Reply.
    method {:isolate_assertions} Receive(from: u32, recvMax: u64, recvRights: u64, timeout: u64, now: u64)
      returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if from >= n || from == c || state[from] == Free || state[from] == Dead { err[c] := ErrNoPartner; return ErrNoPartner; }
      StoreBuffer(c, recvMax, recvRights);
      if state[from] == SendBlocked || state[from] == CallBlocked {
        Rendezvous(from, c, now);
        Reschedule();
      } else if timeout == TimeoutZero {
        err[c] := ErrRecvTimeout;
      } else {
        Park(c, RecvClosed, from, DeadlineOf(now, timeout));
        Reschedule();
      }
      return err[c];
    }

    // Reply to thread `to` (waiting in a closed receive for the current thread, e.g. after its Call); never blocks.
    method {:isolate_assertions} Reply(to: u32, word: u64, len: u64, rights: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      r := ReplyPhase(to, word, len, rights, now);
      Reschedule();
    }

    // The reply without rescheduling: the replier stays current (unless a long reply put it into the transfer), so
    // ReplyWait's receive phase is its own.
    method {:isolate_assertions} ReplyPhase(to: u32, word: u64, len: u64, rights: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if to >= n || to == c || state[to] != RecvClosed || obj[to] != c { err[c] := ErrNoPartner; return ErrNoPartner; }
      StoreMessage(c, word, len, rights);
      m.isCall[c] := 0;
      Rendezvous(c, to, now);
      return err[c];
    }

    // ReplyWait: reply to `to`, then wait on ep. A failed reply ends the call (its error, no receive phase); a long
    // reply first runs its transfer (the caller is then in the transfer, and the result is Pending).
    method {:isolate_assertions} ReplyWait(to: u32, word: u64, len: u64, rights: u64, ep: u32, recvMax: u64,
                                           recvRights: u64, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      var c := current;
      r := ReplyPhase(to, word, len, rights, now);
      if r != OK || c != current {
        Reschedule();
        return;
      }
      r := Wait(ep, recvMax, recvRights, timeout, now);
      Reschedule();   // Wait may fail on its arguments after the reply woke a higher-priority caller
    }

    // Sleep: timeout zero yields; otherwise the thread waits (no partner) until the timeout, which is success.
    method {:isolate_assertions} Sleep(timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      var c := current;
      if c == NoThread || state[c] != Running { return ErrNoCurrent; }
      if timeout == TimeoutZero {
        MakeReady(c, OK);
      } else {
        Park(c, Sleeping, 0, DeadlineOf(now, timeout));
      }
      Reschedule();
      return err[c];
    }

    // Cancel thread t's IPC before the rendezvous (it waits in a send or receive phase or sleeps): ErrCanceled.
    method {:isolate_assertions} Cancel(t: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      if t >= n { return ErrInvalidThread; }
      if !IsWaiting(state[t]) { return ErrWrongState; }
      MakeReady(t, ErrCanceled);
      Reschedule();
      return OK;
    }

    // Abort thread t's IPC after the rendezvous (during the transfer): both sides get ErrAborted.
    method {:isolate_assertions} Abort(t: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      if t >= n { return ErrInvalidThread; }
      if !IsXfer(state[t]) { return ErrWrongState; }
      EndTransfer(t, ErrAborted);
      Reschedule();
      return OK;
    }

    // Ends the transfer of thread t (in XferSend or XferRecv) and of its partner with `code`.
    method {:isolate_assertions} EndTransfer(t: u32, code: u32)
      requires Valid() && t < n
      modifies this, state, err, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid()
    {
      var p := obj[t];
      pfPending[t] := 0;
      MakeReady(t, code);
      if p < n && IsXfer(state[p]) && obj[p] == t {
        pfPending[p] := 0;
        MakeReady(p, code);
      }
    }

    // Wakes every thread in queue qid with `code` (threads waiting on a killed thread or a destroyed endpoint).
    // Work is proportional to the number of waiters.
    method {:isolate_assertions} DrainQueue(qid: u32, code: u32)
      requires Valid() && qid < q.nq
      modifies this, state, err, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid()
    {
      var fuel: u32 := n;
      while fuel > 0
        invariant Valid()
        decreases fuel
      {
        var h := q.head[qid];
        if h == Nil || h >= n { return; }
        MakeReady(h, code);
        fuel := fuel - 1;
      }
    }

    // Kill thread t: threads in a closed receive on t and a transfer partner get ErrPartnerKilled; t leaves
    // every queue and becomes Dead, so no thread refers to it.
    method {:isolate_assertions} Kill(t: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      if t >= n { return ErrInvalidThread; }
      if state[t] == Free || state[t] == Dead { return ErrWrongState; }
      DrainQueue(ClosedQ(t), ErrPartnerKilled);
      if IsXfer(state[t]) {
        EndTransfer(t, ErrPartnerKilled);
      }
      Detach(t);
      state[t] := Dead;
      pfPending[t] := 0;
      Reschedule();
      return OK;
    }

    // Destroy endpoint e (its last capability was deleted): every thread queued on it gets ErrNoPartner.
    method {:isolate_assertions} DestroyEndpoint(e: u32) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      if e >= ne { return ErrInvalidArgument; }
      if epAlive[e] == 0 { return ErrWrongState; }
      for p: u32 := 0 to NPrio
        invariant Valid()
      {
        DrainQueue(EpQ(n, e, DirSend, p as u8), ErrNoPartner);
        DrainQueue(EpQ(n, e, DirRecv, p as u8), ErrNoPartner);
      }
      epAlive[e] := 0;
      Reschedule();
      return OK;
    }

    // The timeout of thread t expired: the error code names the phase that timed out.
    method {:isolate_assertions} Expire(t: u32)
      requires Valid() && t < n
      modifies this, state, err, pfPending, q, q.next, q.prev, q.head, q.tail, q.owner
      ensures Valid()
    {
      var s := state[t];
      if s == SendBlocked || s == CallBlocked {
        MakeReady(t, ErrSendTimeout);
      } else if s == RecvBlocked || s == RecvClosed {
        MakeReady(t, ErrRecvTimeout);
      } else if s == Sleeping {
        MakeReady(t, OK);
      } else if IsXfer(s) && pfPending[t] != 0 {
        EndTransfer(t, if s == XferSend then ErrSendPfTimeout else ErrRecvPfTimeout);
      }
    }

    // Timer tick at time `now`: expires the entries of now's wheel slot whose deadline has passed. Work is
    // proportional to the entries of one slot (those expiring plus those due in a later round of the wheel).
    method {:isolate_assertions} Tick(now: u64)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      var slot := WheelQ(now);
      var x := q.head[slot];
      var fuel: u32 := n;
      while fuel > 0 && x != Nil && n <= x < 2 * n
        invariant Valid()
        decreases fuel
      {
        var nxt := q.next[x];
        var t := x - n;
        if deadline[t] <= now {
          Expire(t);
        }
        x := nxt;
        fuel := fuel - 1;
      }
      Reschedule();
    }

    // Long IPC: copies the next chunk (at most ChunkWords words) of the transfer thread t takes part in; a
    // preemption point follows each chunk. Returns Pending while words remain, OK when the IPC completed.
    method {:isolate_assertions} TransferChunk(t: u32, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      if t >= n { return ErrInvalidThread; }
      if !IsXfer(state[t]) { return ErrWrongState; }
      var s := if state[t] == XferSend then t else obj[t];
      var rc := if state[t] == XferSend then obj[t] else t;
      if s >= n || rc >= n || s == rc || state[s] != XferSend || state[rc] != XferRecv { return ErrWrongState; }
      if pfPending[s] != 0 || pfPending[rc] != 0 { return ErrWrongState; }
      var done := m.xferDone[s];
      var len := m.msgLen[s];
      if done < len && len - done > ChunkWords as u64 {
        m.xferDone[s] := done + ChunkWords as u64;
        return Pending;
      }
      m.xferDone[s] := len;
      Complete(s, rc, now);
      Reschedule();
      return OK;
    }

    // A page fault hit thread t's side of a transfer: the transfer is suspended while the nested page-fault IPC
    // to t's pager runs, at most `timeout` ticks.
    method {:isolate_assertions} PageFault(t: u32, timeout: u64, now: u64) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      if t >= n { return ErrInvalidThread; }
      if !IsXfer(state[t]) || pfPending[t] != 0 { return ErrWrongState; }
      pfPending[t] := 1;
      WheelIn(t, DeadlineOf(now, timeout));
      return OK;
    }

    // The nested page-fault IPC of thread t ended: resolved resumes the transfer; canceled or failed aborts the
    // outer IPC on both sides with ErrNestedPf.
    method {:isolate_assertions} PageFaultDone(t: u32, resolved: bool) returns (r: u32)
      requires Valid()
      modifies this, state, prio, obj, err, deadline, pfPending, epAlive, q, q.next, q.prev, q.head, q.tail, q.owner,
               m.msgWord, m.msgLen, m.mapRights, m.recvMax, m.recvRights, m.recvWord, m.recvLen, m.recvFrom,
               m.xferDone, m.rcvTimeout, m.isCall
      ensures Valid()
    {
      if t >= n { return ErrInvalidThread; }
      if !IsXfer(state[t]) || pfPending[t] == 0 { return ErrWrongState; }
      if resolved {
        pfPending[t] := 0;
        WheelOut(t);
        return OK;
      }
      EndTransfer(t, ErrNestedPf);
      Reschedule();
      return OK;
    }
  }
}
