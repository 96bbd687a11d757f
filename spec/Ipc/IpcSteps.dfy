// The abstract transitions of the IPC operations. The abstract state is the snapshot `Tcbs` of IpcInvariant (per
// thread: IPC state, priority, partner or object waited on, result, deadline, page-fault flag, queue and wheel slot;
// per IPC object its kind; the current thread). Each relation says exactly what one operation does to it, as a
// composition of the primitive effects (ReadyEffect, ParkEffect, ...), and IpcState's operations prove that they
// refine it: a system call is its operation step followed by the scheduling step at kernel exit.
include "IpcInvariant.dfy"

module IpcSteps {
  import opened NativeTypes
  import opened IpcTypes
  import opened IpcQueues
  import opened IpcInvariant

  // ---- Scheduling at kernel exit (lazy scheduling: IpcState.Reschedule) ----

  // h is Ready and would run before the current thread (or the CPU is idle).
  ghost predicate Outranks(n: u32, k: Tcbs, h: u32)
    requires |k.st| == n as int && |k.pr| == n as int
  {
    h < n && k.st[h] == Ready && (k.cur == NoThread || (k.cur < n && k.pr[h] > k.pr[k.cur]))
  }

  // h has the highest priority among the Ready threads.
  ghost predicate Highest(n: u32, k: Tcbs, h: u32)
    requires |k.st| == n as int && |k.pr| == n as int
  {
    h < n && k.st[h] == Ready && forall u :: 0 <= u < n as int && k.st[u] == Ready ==> k.pr[u] <= k.pr[h]
  }

  // The current thread (if any) goes back to the ready queue, keeping its result.
  ghost function Preempted(n: u32, ne: u32, k: Tcbs): Tcbs
    requires Shaped(n, ne, k)
  {
    if k.cur < n then ReadyEffect(n, ne, k, k.cur, k.er[k.cur]) else k
  }

  // Nothing changes unless a Ready thread outranks the current one; then a highest-priority Ready thread runs and
  // the current thread becomes Ready.
  ghost predicate ScheduleStep(n: u32, ne: u32, k: Tcbs, k': Tcbs) {
    && Shaped(n, ne, k)
    && if exists h :: Outranks(n, k, h)
       then exists h :: Highest(n, k, h) && Outranks(n, k, h) && k' == RunEffect(n, Preempted(n, ne, k), h)
       else k' == k
  }

  // ---- Termination operations ----

  // Thread u woken by a drain with `code`, as ReadyEffect(n, ne, k, u, code) does it for one thread: Ready with
  // result `code`, in the ready queue of its priority, in no wheel slot.
  ghost predicate Woken(n: u32, ne: u32, k: Tcbs, k': Tcbs, u: int, code: u32)
    requires Shaped(n, ne, k) && Shaped(n, ne, k') && 0 <= u < n as int
  {
    && k'.st[u] == Ready && k'.er[u] == code
    && k'.ow[u] == QueueFor(n, ne, Ready, k.pr[u], 0) && k'.ow[n as int + u] == Nil
  }

  // Thread u's state, result, queue and wheel slot are unchanged.
  ghost predicate Kept(n: u32, ne: u32, k: Tcbs, k': Tcbs, u: int)
    requires Shaped(n, ne, k) && Shaped(n, ne, k') && 0 <= u < n as int
  {
    && k'.st[u] == k.st[u] && k'.er[u] == k.er[u]
    && k'.ow[u] == k.ow[u] && k'.ow[n as int + u] == k.ow[n as int + u]
  }

  // What a drain never changes: priorities, objects waited on, deadlines, page-fault flags, IPC objects and the
  // current thread (a thread in a wait queue is never the current one).
  ghost predicate DrainFrame(n: u32, ne: u32, k: Tcbs, k': Tcbs) {
    && Shaped(n, ne, k) && Shaped(n, ne, k')
    && k'.pr == k.pr && k'.ob == k.ob && k'.dl == k.dl && k'.pf == k.pf && k'.ep == k.ep && k'.cur == k.cur
  }

  // Drained(qs, code): every thread whose IPC queue node is in one of the wait queues qs becomes Ready with
  // `code` (Woken); every other thread is unchanged (Kept).
  ghost predicate Drained(n: u32, ne: u32, k: Tcbs, k': Tcbs, qs: iset<u32>, code: u32) {
    && DrainFrame(n, ne, k, k')
    && forall u :: 0 <= u < n as int ==> if k.ow[u] in qs then Woken(n, ne, k, k', u, code) else Kept(n, ne, k, k', u)
  }

  // Part way through draining queue qid (IpcState.DrainQueue's loop): each thread is unchanged, or was in qid
  // and has been woken.
  ghost predicate Draining(n: u32, ne: u32, k: Tcbs, k': Tcbs, qid: u32, code: u32) {
    && DrainFrame(n, ne, k, k')
    && forall u :: 0 <= u < n as int ==> Kept(n, ne, k, k', u) || (k.ow[u] == qid && Woken(n, ne, k, k', u, code))
  }

  lemma DrainingStart(n: u32, ne: u32, k: Tcbs, qid: u32, code: u32)
    requires Shaped(n, ne, k)
    ensures Draining(n, ne, k, k, qid, code)
  {
  }

  // Waking h, a thread still in the wait queue qid (so not the current thread), drains one more.
  lemma DrainingStep(n: u32, ne: u32, k0: Tcbs, k: Tcbs, qid: u32, code: u32, h: u32)
    requires Draining(n, ne, k0, k, qid, code) && NPrio <= qid < Nil && h < n && k.ow[h] == qid && k.cur != h
    ensures Draining(n, ne, k0, ReadyEffect(n, ne, k, h, code), qid, code)
  {
    var k' := ReadyEffect(n, ne, k, h, code);
    assert Kept(n, ne, k0, k, h as int);
    forall u | 0 <= u < n as int ensures Kept(n, ne, k0, k', u) || (k0.ow[u] == qid && Woken(n, ne, k0, k', u, code)) {
      if u != h as int {
        assert Kept(n, ne, k, k', u);
      }
    }
  }

  // Queue qid is empty: each of its threads has been woken.
  lemma DrainingDone(n: u32, ne: u32, k0: Tcbs, k: Tcbs, qid: u32, code: u32)
    requires Draining(n, ne, k0, k, qid, code) && NPrio <= qid < Nil
    requires forall u :: 0 <= u < n as int ==> k.ow[u] != qid
    ensures Drained(n, ne, k0, k, iset{qid}, code)
  {
  }

  lemma DrainedNone(n: u32, ne: u32, k: Tcbs, code: u32)
    requires Shaped(n, ne, k)
    ensures Drained(n, ne, k, k, iset{}, code)
  {
  }

  // Draining qs, then the wait queues rs, drains qs + rs (a woken thread is in a ready queue, in none of rs).
  lemma DrainedThen(n: u32, ne: u32, k: Tcbs, k1: Tcbs, k2: Tcbs, qs: iset<u32>, rs: iset<u32>, code: u32)
    requires Drained(n, ne, k, k1, qs, code) && Drained(n, ne, k1, k2, rs, code)
    requires forall y :: y in rs ==> NPrio <= y < Nil
    ensures Drained(n, ne, k, k2, qs + rs, code)
  {
    forall u | 0 <= u < n as int
      ensures if k.ow[u] in qs + rs then Woken(n, ne, k, k2, u, code) else Kept(n, ne, k, k2, u)
    {
      if k.ow[u] in qs {
        assert k1.ow[u] !in rs;
      }
    }
  }

  // The transfer t takes part in (if any) ends: t and its partner become Ready with `code`.
  ghost function PartnerBroken(n: u32, ne: u32, k: Tcbs, t: u32, code: u32): (k': Tcbs)
    requires Shaped(n, ne, k) && t < n
    ensures Shaped(n, ne, k')
  {
    if IsXfer(k.st[t]) && k.ob[t] < n then BreakEffect(n, ne, k, t, k.ob[t], code) else k
  }

  // Kill(t): the threads in a closed receive from t are woken with ErrPartnerKilled (k2); a transfer partner of t
  // too (the transfer breaks); t is buried; if t waited for thread o in a closed receive, o gives back what t
  // lent it.
  ghost predicate KillStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, t: u32, r: u32, own: seq<OwnPrio>) {
    && Shaped(n, ne, k)
    && if t >= n then r == ErrInvalidThread && k' == k
       else if !IsLive(k.st[t]) then r == ErrWrongState && k' == k
       else r == OK && (exists k2 :: Drained(n, ne, k, k2, iset{ClosedQ(t)}, ErrPartnerKilled) &&
                          k' == Released(n, ne, BuryEffect(n, PartnerBroken(n, ne, k2, t, ErrPartnerKilled), t),
                                         k.st[t], k.ob[t], own))
  }

  // The send and receive queues of IPC object e at priorities below p: EpQ(n, e, d, p') for d in {DirSend,
  // DirRecv} and p' < p.
  ghost function EpQueues(n: u32, e: u32, p: u32): iset<u32>
    requires n <= MaxThreads && e < MaxEndpoints && p <= NPrio
  {
    iset y: u32 | EpQueueBelow(n, e, p, y)
  }

  ghost predicate EpQueueBelow(n: u32, e: u32, p: u32, y: u32)
    requires n <= MaxThreads && e < MaxEndpoints && p <= NPrio
  {
    var b := EpQ(n, e, DirSend, 0) as int;
    b <= y as int < b + p as int || b + 32 <= y as int < b + 32 + p as int
  }

  lemma EpQueuesNone(n: u32, e: u32)
    requires n <= MaxThreads && e < MaxEndpoints
    ensures EpQueues(n, e, 0) == iset{}
  {
  }

  lemma EpQueuesNext(n: u32, e: u32, p: u32)
    requires n <= MaxThreads && e < MaxEndpoints && p < NPrio
    ensures EpQueues(n, e, p + 1) == EpQueues(n, e, p) + iset{EpQ(n, e, DirSend, p as u8)} + iset{EpQ(n, e, DirRecv, p as u8)}
  {
  }

  // DestroyEndpoint(e): every thread blocked on IPC object e (in one of its send or receive queues) is woken with
  // ErrNoPartner (k2); then the slot holds no object.
  ghost predicate DestroyStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, e: u32, r: u32) {
    && Shaped(n, ne, k)
    && if e >= ne then r == ErrInvalidArgument && k' == k
       else if k.ep[e] == NoObject then r == ErrWrongState && k' == k
       else r == OK && (exists k2 :: Drained(n, ne, k, k2, EpQueues(n, e, NPrio), ErrNoPartner) &&
                                     k' == k2.(ep := k2.ep[e := NoObject]))
  }

  // ---- Scheduling contexts (IpcState.SchedContexts; `own` holds each thread's own priority) ----

  // r gives back a lent priority: r is live, no thread waits for it in a closed receive any more, and its
  // effective priority differs from its own.
  ghost function ReturnEffect(n: u32, ne: u32, k: Tcbs, r: u32, own: seq<OwnPrio>): Tcbs
    requires Shaped(n, ne, k)
  {
    if r < n && r as int < |own| && IsLive(k.st[r]) && Unreferenced(n, k, r) && own[r] < NPrio as OwnPrio &&
       k.pr[r] as OwnPrio != own[r]
    then PrioEffect(n, ne, k, r, own[r] as u8)
    else k
  }

  // A thread that was in state s waiting on o stopped waiting: if it waited for thread o, o gives back what the
  // waiter lent it once nobody else waits.
  ghost function Released(n: u32, ne: u32, k: Tcbs, s: u8, o: u32, own: seq<OwnPrio>): Tcbs
    requires Shaped(n, ne, k)
  {
    if s == RecvClosed then ReturnEffect(n, ne, k, o, own) else k
  }

  // Cancel(t): a waiting thread (before the rendezvous) becomes Ready with ErrCanceled.
  ghost predicate CancelStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, t: u32, r: u32, own: seq<OwnPrio>) {
    && Shaped(n, ne, k)
    && if t >= n then r == ErrInvalidThread && k' == k
       else if !IsWaiting(k.st[t]) then r == ErrWrongState && k' == k
       else r == OK && k' == Released(n, ne, ReadyEffect(n, ne, k, t, ErrCanceled), k.st[t], k.ob[t], own)
  }

  // Abort(t): the transfer t takes part in ends; both partners become Ready with ErrAborted.
  ghost predicate AbortStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, t: u32, r: u32) {
    && Shaped(n, ne, k)
    && if t >= n then r == ErrInvalidThread && k' == k
       else if !IsXfer(k.st[t]) then r == ErrWrongState && k' == k
       else r == OK && k.ob[t] < n && k' == BreakEffect(n, ne, k, t, k.ob[t], ErrAborted)
  }

  // PageFault(t, timeout, now): t's side of the transfer waits for a nested page-fault IPC until the deadline.
  ghost predicate PageFaultStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, t: u32, d: u64, r: u32) {
    && Shaped(n, ne, k)
    && if t >= n then r == ErrInvalidThread && k' == k
       else if !IsXfer(k.st[t]) || k.pf[t] != 0 then r == ErrWrongState && k' == k
       else r == OK && k' == SuspendEffect(n, ne, k, t, d)
  }

  // PageFaultDone(t, resolved): the transfer resumes, or (the nested IPC failed) ends with ErrNestedPf for both.
  ghost predicate PageFaultDoneStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, t: u32, resolved: bool, r: u32) {
    && Shaped(n, ne, k)
    && if t >= n then r == ErrInvalidThread && k' == k
       else if !IsXfer(k.st[t]) || k.pf[t] == 0 then r == ErrWrongState && k' == k
       else if resolved then r == OK && k' == ResumeEffect(n, k, t)
       else r == OK && k.ob[t] < n && k' == BreakEffect(n, ne, k, t, k.ob[t], ErrNestedPf)
  }

  // ---- Sleep and object creation ----

  // Sleep(timeout): the running thread yields (zero timeout: Ready with OK) or sleeps until the deadline.
  ghost predicate SleepStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, zero: bool, d: u64, r: u32) {
    && Shaped(n, ne, k)
    && if k.cur >= n || k.st[k.cur] != Running then r == ErrNoCurrent && k' == k
       else if zero then r == OK && k' == ReadyEffect(n, ne, k, k.cur, OK)
       else r == Pending && k' == ParkEffect(n, ne, k, k.cur, Sleeping, 0, d)
  }

  // CreateThread(t, p): a Free or Dead slot becomes a Ready thread of priority p.
  ghost predicate CreateThreadStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, t: u32, p: u8, r: u32) {
    && Shaped(n, ne, k)
    && if t >= n then r == ErrInvalidThread && k' == k
       else if p as u32 >= NPrio then r == ErrInvalidArgument && k' == k
       else if IsLive(k.st[t]) then r == ErrWrongState && k' == k
       else r == OK && k' == ReviveEffect(n, ne, k, t, p)
  }

  // CreateEndpoint(e) / CreateNotification(e): a free object slot gets the kind.
  ghost predicate CreateObjectStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, e: u32, kind: u8, r: u32) {
    && Shaped(n, ne, k)
    && if e >= ne then r == ErrInvalidArgument && k' == k
       else if k.ep[e] != NoObject then r == ErrWrongState && k' == k
       else r == OK && k' == k.(ep := k.ep[e := kind])
  }

  // ---- Timeouts ----

  // Expire(t): t's timeout ran out; the error names the phase that timed out (a sleep ends with OK). A thread not
  // in a timed wait is left alone.
  ghost predicate ExpireStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, t: u32, own: seq<OwnPrio>)
    requires t < n
  {
    && Shaped(n, ne, k)
    && var s := k.st[t];
       if s == SendBlocked || s == CallBlocked then k' == ReadyEffect(n, ne, k, t, ErrSendTimeout)
       else if s == RecvBlocked || s == RecvClosed then
         k' == Released(n, ne, ReadyEffect(n, ne, k, t, ErrRecvTimeout), s, k.ob[t], own)
       else if s == Sleeping then k' == ReadyEffect(n, ne, k, t, OK)
       else if IsXfer(s) && k.pf[t] != 0 then
         k.ob[t] < n && k' == BreakEffect(n, ne, k, t, k.ob[t], if s == XferSend then ErrSendPfTimeout else ErrRecvPfTimeout)
       else k' == k
  }
  // The timer charged the running thread's timeslice: nothing changes, or (the timeslice is used up) the thread
  // goes behind the Ready threads of its priority, keeping its result.
  ghost predicate ChargeStep(n: u32, ne: u32, k: Tcbs, k': Tcbs) {
    && Shaped(n, ne, k)
    && (k' == k || (k.cur < n && k' == ReadyEffect(n, ne, k, k.cur, k.er[k.cur])))
  }

  // Yield: the running thread gives up the rest of its slice and goes behind the Ready threads of its priority, its
  // result untouched, as at the slice's expiry. With no other thread Ready at its priority or above (or no thread
  // running) the step changes nothing: it would run again at once.
  ghost predicate YieldStep(n: u32, ne: u32, k: Tcbs, k': Tcbs) {
    && Shaped(n, ne, k)
    && if k.cur < n && k.st[k.cur] == Running && exists u: u32 :: YieldsTo(n, k, u)
       then k' == ReadyEffect(n, ne, k, k.cur, k.er[k.cur])
       else k' == k
  }

  // A thread the running one yields to: Ready at its priority or above.
  ghost predicate YieldsTo(n: u32, k: Tcbs, u: u32)
    requires |k.st| == n as int && |k.pr| == n as int
  {
    u < n && k.st[u] == Ready && k.cur < n && k.pr[u] >= k.pr[k.cur]
  }

  // The expiry of the threads ts, each due at `now`, one after the other.
  ghost predicate Expires(n: u32, ne: u32, k: Tcbs, k': Tcbs, ts: seq<u32>, own: seq<OwnPrio>, now: u64)
    decreases |ts|
  {
    && Shaped(n, ne, k)
    && if |ts| == 0 then k' == k
       else (ts[0] < n && k.dl[ts[0]] <= now &&
             exists k1 :: ExpireStep(n, ne, k, k1, ts[0], own) && Expires(n, ne, k1, k', ts[1..], own, now))
  }

  lemma ExpiresSnoc(n: u32, ne: u32, k: Tcbs, k1: Tcbs, k2: Tcbs, ts: seq<u32>, t: u32, own: seq<OwnPrio>, now: u64)
    requires Expires(n, ne, k, k1, ts, own, now) && Shaped(n, ne, k1) && t < n && k1.dl[t] <= now
    requires ExpireStep(n, ne, k1, k2, t, own) && Shaped(n, ne, k2)
    ensures Expires(n, ne, k, k2, ts + [t], own, now)
    decreases |ts|
  {
    if |ts| == 0 {
      assert ts + [t] == [t];
      assert Expires(n, ne, k2, k2, [], own, now);
    } else {
      var ka :| ExpireStep(n, ne, k, ka, ts[0], own) && Expires(n, ne, ka, k1, ts[1..], own, now);
      ExpiresSnoc(n, ne, ka, k1, k2, ts[1..], t, own, now);
      assert (ts + [t])[1..] == ts[1..] + [t];
    }
  }

  // Tick(now): the charge of the running thread's timeslice, then the expiry of timed waits due at `now` (those
  // of now's wheel slot), then the scheduling step.
  ghost predicate TickStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, own: seq<OwnPrio>, now: u64) {
    exists k1, k2, ts :: ChargeStep(n, ne, k, k1) && Expires(n, ne, k1, k2, ts, own, now) && ScheduleStep(n, ne, k2, k')
  }


  // ---- Notifications (the bits themselves live outside the abstract state, in IpcMessages.ntfWord) ----

  // The running thread's result changes; nothing else.
  ghost function ResultEffect(k: Tcbs, t: u32, code: u32): Tcbs
    requires t as int < |k.er|
  {
    k.(er := k.er[t := code])
  }

  // NotifyWait(e): with bits pending the running thread takes them at once (OK); with none it fails at once
  // (zero timeout) or waits in e's receive queues until the deadline d.
  ghost predicate NotifyWaitStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, e: u32, pending: bool, zero: bool, d: u64,
                                 r: u32) {
    && Shaped(n, ne, k)
    && if k.cur >= n || k.st[k.cur] != Running then r == ErrNoCurrent && k' == k
       else if e >= ne || k.ep[e] == NoObject then r == ErrNoPartner && k' == ResultEffect(k, k.cur, r)
       else if k.ep[e] != NotificationKind then r == ErrWrongObject && k' == ResultEffect(k, k.cur, r)
       else if pending then r == OK && k' == ResultEffect(k, k.cur, r)
       else if zero then r == ErrRecvTimeout && k' == ResultEffect(k, k.cur, r)
       else r == Pending && k' == ParkEffect(n, ne, k, k.cur, RecvBlocked, e, d)
  }

  // w waits for notification (or endpoint) e in an open receive.
  ghost predicate RecvWaiter(n: u32, k: Tcbs, e: u32, w: u32)
    requires |k.st| == n as int && |k.ob| == n as int
  {
    w < n && k.st[w] == RecvBlocked && k.ob[w] == e
  }

  // Notify(e): with bits to give (`bits`: the pending word OR-ed with the new bits is not 0) and a thread waiting,
  // a highest-priority waiter becomes Ready with OK (it takes the bits); otherwise nothing changes in the abstract
  // state (the bits stay pending).
  ghost predicate NotifyStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, e: u32, bits: bool, r: u32) {
    && Shaped(n, ne, k)
    && if e >= ne || k.ep[e] == NoObject then r == ErrNoPartner && k' == k
       else if k.ep[e] != NotificationKind then r == ErrWrongObject && k' == k
       else r == OK && NotifyEffect(n, ne, k, k', e, bits)
  }

  // A successful Notify: a highest-priority waiter woken (with bits to give and a waiter), else no change.
  ghost predicate NotifyEffect(n: u32, ne: u32, k: Tcbs, k': Tcbs, e: u32, bits: bool)
    requires Shaped(n, ne, k)
  {
    if bits && exists w :: RecvWaiter(n, k, e, w) then
      exists w :: RecvWaiter(n, k, e, w) && k' == ReadyEffect(n, ne, k, w, OK) &&
        forall u :: RecvWaiter(n, k, e, u) ==> k.pr[u] <= k.pr[w]
    else
      k' == k
  }
}
