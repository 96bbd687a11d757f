// The abstract transitions of the IPC operations. The abstract state is the snapshot `Tcbs` of IpcInvariant (per
// thread: IPC state, priority, partner or object waited on, result, deadline, page-fault flag, queue and wheel slot;
// per IPC object its kind; the current thread). Each relation says exactly what one operation does to it, as a
// composition of the primitive effects (ReadyEffect, ParkEffect, ...), and IpcState's operations prove that they
// refine it: a system call is its operation step followed by the scheduling step at kernel exit.
include "IpcInvariant.dfy"

module IpcSteps {
  import opened NativeTypes
  import opened IpcTypes
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
