// The abstract transitions of the message-passing operations (Send, Call, Wait, Receive, Reply, ReplyWait) and of
// what they share: the rendezvous and the lending of scheduling contexts along a chain of closed waits. The message
// itself lives outside the abstract state (IpcState.IpcMessages); the relations take what they need of it as
// `Msgs`, a snapshot of the message registers and receive buffers after the operation stored its own.
include "IpcSteps.dfy"

module IpcMessageSteps {
  import opened NativeTypes
  import opened IpcTypes
  import opened IpcInvariant
  import opened IpcSteps

  // ---- Lending a scheduling context (IpcState.Lend) ----

  // s (waiting for t) lends priority p along the chain of closed waits from t: each thread that is live and runs
  // at most at p gets p; the chain goes on through threads that themselves wait in a closed receive, and ends at
  // a thread above p, at a thread that does not wait so, back at s, or after `fuel` links.
  opaque ghost function LendEffect(n: u32, ne: u32, k: Tcbs, t: u32, p: u8, s: u32, fuel: u32): Tcbs
    requires Shaped(n, ne, k)
    ensures Shaped(n, ne, LendEffect(n, ne, k, t, p, s, fuel))
    decreases fuel
  {
    if fuel == 0 || t >= n || t == s || !IsLive(k.st[t]) || k.pr[t] > p then k
    else
      var k1 := if k.pr[t] < p then PrioEffect(n, ne, k, t, p) else k;
      if k.st[t] != RecvClosed then k1 else LendEffect(n, ne, k1, k.ob[t], p, s, fuel - 1)
  }

  // Helping a busy server: the thread that took endpoint e's last Call by an open receive (srv[e] - 1), while it
  // still owes a reply (a thread waits for it in a closed receive); NoThread otherwise.
  ghost function HelpTarget(n: u32, k: Tcbs, srv: seq<ServerOf>, e: u32): u32
    requires |k.st| == n as int && |k.ob| == n as int
  {
    if e as int < |srv| && srv[e] != 0 && srv[e] - 1 < n as ServerOf && !Unreferenced(n, k, (srv[e] - 1) as u32)
    then (srv[e] - 1) as u32
    else NoThread
  }

  // The running thread c, blocked in a Call's send phase, lends its context to the busy server t (if any).
  ghost function HelpEffect(n: u32, ne: u32, k: Tcbs, c: u32, t: u32): Tcbs
    requires Shaped(n, ne, k) && c < n
    ensures Shaped(n, ne, HelpEffect(n, ne, k, c, t))
  {
    if t < n && t != c then LendEffect(n, ne, k, t, k.pr[c], c, n) else k
  }

  // The running thread blocks in the send queue of e until d; a Call then helps e's busy server.
  ghost function SendWaitEffect(n: u32, ne: u32, k: Tcbs, srv: seq<ServerOf>, e: u32, call: bool, d: u64): Tcbs
    requires Shaped(n, ne, k) && k.cur < n
  {
    var k1 := ParkEffect(n, ne, k, k.cur, if call then CallBlocked else SendBlocked, e, d);
    if call then HelpEffect(n, ne, k1, k.cur, HelpTarget(n, k1, srv, e)) else k1
  }

  // ---- The rendezvous (IpcState.Rendezvous) ----

  // What the rendezvous reads of the message registers and receive buffers, per thread: the message length and
  // map item rights of a sender, the size and accepted rights of a receiver's buffer, whether a send is a Call and
  // the timeout of the receive phase that follows it.
  datatype Msgs = Msgs(len: seq<u64>, rights: seq<u64>, max: seq<u64>, accept: seq<u64>, call: seq<u64>,
                       rto: seq<u64>)

  ghost predicate MsgsShaped(n: u32, g: Msgs) {
    && |g.len| == n as int && |g.rights| == n as int && |g.max| == n as int && |g.accept| == n as int
    && |g.call| == n as int && |g.rto| == n as int
  }

  // Deliver's verdict: the message must fit the receive buffer, the map item the receive window.
  ghost function DeliverCode(n: u32, g: Msgs, s: u32, r: u32): u32
    requires MsgsShaped(n, g) && s < n && r < n
  {
    if g.len[s] > g.max[r] then ErrCopyFailed else if g.rights[s] > g.accept[r] then ErrMapFailed else OK
  }

  // Finish(t, code): the running thread keeps running with the result; any other thread becomes Ready with it.
  ghost function FinishEffect(n: u32, ne: u32, k: Tcbs, t: u32, code: u32): Tcbs
    requires Shaped(n, ne, k) && t < n
    ensures Shaped(n, ne, FinishEffect(n, ne, k, t, code))
  {
    if t == k.cur && k.st[t] == Running then ResultEffect(k, t, code) else ReadyEffect(n, ne, k, t, code)
  }

  // Complete(s, r): r gets OK; a Call's sender waits for r's reply until d and lends r its context; any other
  // sender gets OK.
  opaque ghost function CompleteEffect(n: u32, ne: u32, k: Tcbs, s: u32, r: u32, call: bool, d: u64): Tcbs
    requires Shaped(n, ne, k) && s < n && r < n
    ensures Shaped(n, ne, CompleteEffect(n, ne, k, s, r, call, d))
  {
    var k1 := FinishEffect(n, ne, k, r, OK);
    if call then LendEffect(n, ne, ParkEffect(n, ne, k1, s, RecvClosed, r, d), r, k.pr[s], s, n)
    else FinishEffect(n, ne, k1, s, OK)
  }

  // Rendezvous(s, r): a message that does not fit fails on both sides; a long one starts the transfer; a short
  // one completes.
  opaque ghost function RendezvousEffect(n: u32, ne: u32, k: Tcbs, g: Msgs, s: u32, r: u32, now: u64): Tcbs
    requires Shaped(n, ne, k) && MsgsShaped(n, g) && s < n && r < n
    ensures Shaped(n, ne, RendezvousEffect(n, ne, k, g, s, r, now))
  {
    var code := DeliverCode(n, g, s, r);
    if code != OK then FinishEffect(n, ne, FinishEffect(n, ne, k, s, code), r, code)
    else if g.len[s] > InlineWords as u64 then XferEffect(n, k, s, r)
    else CompleteEffect(n, ne, k, s, r, g.call[s] == 1, DeadlineOf(now, g.rto[s]))
  }

  // RendezvousEffect case by case (it is opaque: a caller's proof sees only the case it takes).
  lemma RendezvousFails(n: u32, ne: u32, k: Tcbs, g: Msgs, s: u32, r: u32, now: u64)
    requires Shaped(n, ne, k) && MsgsShaped(n, g) && s < n && r < n && DeliverCode(n, g, s, r) != OK
    ensures RendezvousEffect(n, ne, k, g, s, r, now) ==
            FinishEffect(n, ne, FinishEffect(n, ne, k, s, DeliverCode(n, g, s, r)), r, DeliverCode(n, g, s, r))
  {
    reveal RendezvousEffect();
  }

  lemma RendezvousLong(n: u32, ne: u32, k: Tcbs, g: Msgs, s: u32, r: u32, now: u64)
    requires Shaped(n, ne, k) && MsgsShaped(n, g) && s < n && r < n && DeliverCode(n, g, s, r) == OK
    requires g.len[s] > InlineWords as u64
    ensures RendezvousEffect(n, ne, k, g, s, r, now) == XferEffect(n, k, s, r)
  {
    reveal RendezvousEffect();
  }

  lemma RendezvousShort(n: u32, ne: u32, k: Tcbs, g: Msgs, s: u32, r: u32, now: u64)
    requires Shaped(n, ne, k) && MsgsShaped(n, g) && s < n && r < n && DeliverCode(n, g, s, r) == OK
    requires g.len[s] <= InlineWords as u64
    ensures RendezvousEffect(n, ne, k, g, s, r, now) ==
            CompleteEffect(n, ne, k, s, r, g.call[s] == 1, DeadlineOf(now, g.rto[s]))
  {
    reveal RendezvousEffect();
  }

  lemma CompleteCall(n: u32, ne: u32, k: Tcbs, s: u32, r: u32, d: u64)
    requires Shaped(n, ne, k) && s < n && r < n
    ensures CompleteEffect(n, ne, k, s, r, true, d) ==
            LendEffect(n, ne, ParkEffect(n, ne, FinishEffect(n, ne, k, r, OK), s, RecvClosed, r, d), r, k.pr[s], s, n)
  {
    reveal CompleteEffect();
  }

  lemma CompleteSend(n: u32, ne: u32, k: Tcbs, s: u32, r: u32, d: u64)
    requires Shaped(n, ne, k) && s < n && r < n
    ensures CompleteEffect(n, ne, k, s, r, false, d) == FinishEffect(n, ne, FinishEffect(n, ne, k, r, OK), s, OK)
  {
    reveal CompleteEffect();
  }

  // ---- What the operations store before the rendezvous ----

  // A sender's message length and map item rights (Send, Call, Reply).
  ghost function Stored(g: Msgs, t: u32, len: u64, rights: u64): Msgs
    requires t as int < |g.len| && t as int < |g.rights|
  {
    g.(len := g.len[t := len], rights := g.rights[t := rights])
  }

  // Whether a send is a Call, and its receive-phase timeout.
  ghost function Called(g: Msgs, t: u32, rto: u64, call: u64): Msgs
    requires t as int < |g.rto| && t as int < |g.call|
  {
    g.(rto := g.rto[t := rto], call := g.call[t := call])
  }

  // A receiver's buffer size and accepted rights (Wait, Receive).
  ghost function Buffered(g: Msgs, t: u32, max: u64, accept: u64): Msgs
    requires t as int < |g.max| && t as int < |g.accept|
  {
    g.(max := g.max[t := max], accept := g.accept[t := accept])
  }

  // A reply: the replier's message, never a Call.
  ghost function Replied(g: Msgs, t: u32, len: u64, rights: u64): Msgs
    requires t as int < |g.len| && t as int < |g.rights| && t as int < |g.call|
  {
    Stored(g, t, len, rights).(call := g.call[t := 0])
  }

  // ---- Direct switch (IpcState.DirectSwitch) ----

  // The woken receiver r runs at once when it is Ready and neither a Ready thread nor the current one runs above
  // it; otherwise the ordinary scheduling step.
  ghost predicate DirectStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, r: u32) {
    && Shaped(n, ne, k)
    && if r < n && k.st[r] == Ready && (forall u :: 0 <= u < n as int && k.st[u] == Ready ==> k.pr[u] <= k.pr[r])
          && (k.cur >= n || k.pr[r] >= k.pr[k.cur])
       then k' == RunEffect(n, Preempted(n, ne, k), r)
       else ScheduleStep(n, ne, k, k')
  }

  // ---- The direct Call handoff (IpcState.CallHandoff) ----

  // Making two threads Ready commutes (NotifyRun: the woken waiter and the preempted thread).
  lemma ReadyReadyCommute(n: u32, ne: u32, k: Tcbs, t: u32, c: u32, code: u32)
    requires Shaped(n, ne, k) && t < n && c < n && t != c && k.cur == c
    ensures ReadyEffect(n, ne, ReadyEffect(n, ne, k, t, OK), c, code) ==
            ReadyEffect(n, ne, ReadyEffect(n, ne, k, c, code), t, OK)
  {
    var a := ReadyEffect(n, ne, ReadyEffect(n, ne, k, t, OK), c, code);
    var b := ReadyEffect(n, ne, ReadyEffect(n, ne, k, c, code), t, OK);
    assert a.st == b.st && a.er == b.er && a.ow == b.ow;
  }

  // NotifyRun's moves (c Ready, then t straight to Running) reach what Notify's step (t Ready) and the scheduling
  // step that runs t reach.
  lemma NotifyRunStep(n: u32, ne: u32, k: Tcbs, t: u32, c: u32)
    requires Shaped(n, ne, k) && t < n && c < n && t != c && k.cur == c
    ensures RunEffect(n, ReadyEffect(n, ne, ReadyEffect(n, ne, k, c, k.er[c]), t, OK), t) ==
            RunEffect(n, Preempted(n, ne, ReadyEffect(n, ne, k, t, OK)), t)
  {
    var k1 := ReadyEffect(n, ne, k, t, OK);
    assert k1.cur == c && k1.er[c] == k.er[c];
    assert Preempted(n, ne, k1) == ReadyEffect(n, ne, k1, c, k.er[c]);
    ReadyReadyCommute(n, ne, k, t, c, k.er[c]);
  }

  // Waking r and parking the running thread c commute.
  lemma ReadyParkCommute(n: u32, ne: u32, k: Tcbs, c: u32, r: u32, s: u8, o: u32, d: u64)
    requires Shaped(n, ne, k) && c < n && r < n && c != r && k.cur == c
    ensures ParkEffect(n, ne, ReadyEffect(n, ne, k, r, OK), c, s, o, d) ==
            ReadyEffect(n, ne, ParkEffect(n, ne, k, c, s, o, d), r, OK)
  {
    var a := ParkEffect(n, ne, ReadyEffect(n, ne, k, r, OK), c, s, o, d);
    var b := ReadyEffect(n, ne, ParkEffect(n, ne, k, c, s, o, d), r, OK);
    assert a.st == b.st && a.er == b.er && a.ow == b.ow;
  }

  // The Ready thread r (neither s nor waiting in a closed receive) lends nothing further: lending to it and
  // running it commute.
  lemma LendRunCommute(n: u32, ne: u32, b: Tcbs, r: u32, p: u8, s: u32)
    requires Shaped(n, ne, b) && r < n && r != s && b.st[r] == Ready
    ensures RunEffect(n, LendEffect(n, ne, b, r, p, s, n), r) == LendEffect(n, ne, RunEffect(n, b, r), r, p, s, n)
    ensures LendEffect(n, ne, b, r, p, s, n).st == b.st && LendEffect(n, ne, b, r, p, s, n).cur == b.cur
    ensures LendEffect(n, ne, b, r, p, s, n).pr == b.pr[r := if b.pr[r] < p then p else b.pr[r]]
  {
    reveal LendEffect();
    var rb := RunEffect(n, b, r);
    if b.pr[r] < p {
      var x := RunEffect(n, PrioEffect(n, ne, b, r, p), r);
      var y := PrioEffect(n, ne, rb, r, p);
      assert x.ow == y.ow;
    } else {
      assert b.pr == b.pr[r := b.pr[r]];
    }
  }

  // The Call of the running thread c meets the open receiver r and completes at once (a short message that fits):
  // when no Ready thread runs above both, r runs directly. The state that reaches is the one DirectStep asks for
  // after the rendezvous, reached without r ever entering its ready queue.
  lemma DirectCall(n: u32, ne: u32, k: Tcbs, g: Msgs, c: u32, r: u32, now: u64)
    requires Shaped(n, ne, k) && MsgsShaped(n, g) && c < n && r < n && c != r && k.cur == c
    requires k.st[c] == Running && k.st[r] == RecvBlocked
    requires DeliverCode(n, g, c, r) == OK && g.len[c] <= InlineWords as u64 && g.call[c] == 1
    requires forall u :: 0 <= u < n as int && k.st[u] == Ready ==> k.pr[u] <= k.pr[r] || k.pr[u] <= k.pr[c]
    ensures var d := DeadlineOf(now, g.rto[c]);
            var k1 := RendezvousEffect(n, ne, k, g, c, r, now);
            && k1.er[c] == Pending
            && DirectStep(n, ne, k1, LendEffect(n, ne, RunEffect(n, ReadyEffect(n, ne, ParkEffect(n, ne, k, c, RecvClosed, r, d), r, OK), r), r, k.pr[c], c, n), r)
  {
    var d := DeadlineOf(now, g.rto[c]);
    RendezvousShort(n, ne, k, g, c, r, now);
    CompleteCall(n, ne, k, c, r, d);
    ReadyParkCommute(n, ne, k, c, r, RecvClosed, r, d);
    var b := ReadyEffect(n, ne, ParkEffect(n, ne, k, c, RecvClosed, r, d), r, OK);
    LendRunCommute(n, ne, b, r, k.pr[c], c);
    var k1 := LendEffect(n, ne, b, r, k.pr[c], c, n);
    assert k1 == RendezvousEffect(n, ne, k, g, c, r, now);
    assert k1.er[c] == Pending by { reveal LendEffect(); }
    assert Preempted(n, ne, k1) == k1;
    forall u | 0 <= u < n as int && k1.st[u] == Ready ensures k1.pr[u] <= k1.pr[r] {
      if u != r as int { assert k.st[u] == Ready; }
    }
  }

  // The Send (not a Call) of the running thread c meets the open receiver r and completes at once (a short message
  // that fits): when no Ready thread runs above r and c does not either, r runs directly. The state that reaches is
  // the one DirectStep asks for: c Ready with OK, then r run straight from its wait.
  lemma DirectSend(n: u32, ne: u32, k: Tcbs, g: Msgs, c: u32, r: u32, now: u64)
    requires Shaped(n, ne, k) && MsgsShaped(n, g) && c < n && r < n && c != r && k.cur == c
    requires k.st[c] == Running && k.st[r] == RecvBlocked
    requires DeliverCode(n, g, c, r) == OK && g.len[c] <= InlineWords as u64 && g.call[c] != 1
    requires forall u :: 0 <= u < n as int && k.st[u] == Ready ==> k.pr[u] <= k.pr[r]
    requires k.pr[r] >= k.pr[c]
    ensures var k1 := RendezvousEffect(n, ne, k, g, c, r, now);
            && k1.er[c] == OK && k1.st[r] == Ready && k1.cur == c && k1.pr[c] <= k1.pr[r]
            && (forall u :: 0 <= u < n as int && k1.st[u] == Ready ==> k1.pr[u] <= k1.pr[r])
            && RunEffect(n, Preempted(n, ne, k1), r) == RunEffect(n, ReadyEffect(n, ne, ReadyEffect(n, ne, k, c, OK), r, OK), r)
            && DirectStep(n, ne, k1, RunEffect(n, ReadyEffect(n, ne, ReadyEffect(n, ne, k, c, OK), r, OK), r), r)
  {
    var d := DeadlineOf(now, g.rto[c]);
    RendezvousShort(n, ne, k, g, c, r, now);
    CompleteSend(n, ne, k, c, r, d);
    var a := ReadyEffect(n, ne, k, r, OK);
    var k1 := FinishEffect(n, ne, a, c, OK);
    assert k1 == RendezvousEffect(n, ne, k, g, c, r, now);
    assert a.cur == c && a.st[c] == Running;
    assert k1 == ResultEffect(a, c, OK);
    assert Preempted(n, ne, k1) == ReadyEffect(n, ne, k1, c, OK);
    assert ReadyEffect(n, ne, k1, c, OK) == ReadyEffect(n, ne, a, c, OK);
    ReadyReadyCommute(n, ne, k, r, c, OK);
    forall u | 0 <= u < n as int && k1.st[u] == Ready ensures k1.pr[u] <= k1.pr[r] {
      if u != r as int { assert k.st[u] == Ready; }
    }
  }

  // ---- The operations after their arguments were validated (the running thread is k.cur) ----

  // s waits in a send phase on endpoint e.
  ghost predicate SendWaiter(n: u32, k: Tcbs, e: u32, w: u32)
    requires |k.st| == n as int && |k.ob| == n as int
  {
    w < n && (k.st[w] == SendBlocked || k.st[w] == CallBlocked) && k.ob[w] == e
  }

  // Send or Call on endpoint e with the message stored (g): rendezvous with a highest-priority open receiver, which
  // then runs at once if it may (DirectStep); or fail at once (zero timeout); or block in the send queue until d,
  // a Call helping the endpoint's busy server (srv: IpcMessages.server).
  ghost predicate SendOnStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, srv: seq<ServerOf>, e: u32, call: bool,
                             zero: bool, d: u64, now: u64, r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g) && k.cur < n
    && if exists w :: RecvWaiter(n, k, e, w) then
         exists w :: RecvWaiter(n, k, e, w) && (forall u :: RecvWaiter(n, k, e, u) ==> k.pr[u] <= k.pr[w]) &&
           var k1 := RendezvousEffect(n, ne, k, g, k.cur, w, now);
           r == k1.er[k.cur] && DirectStep(n, ne, k1, k', w)
       else if zero then r == ErrSendTimeout && k' == ResultEffect(k, k.cur, r)
       else r == Pending && k' == SendWaitEffect(n, ne, k, srv, e, call, d)
  }

  // Wait on endpoint e with the buffer stored (g): rendezvous with a highest-priority sender; or fail at once; or
  // block in the receive queue until d.
  ghost predicate WaitOnStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, e: u32, zero: bool, d: u64, now: u64,
                             r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g) && k.cur < n
    && if exists w :: SendWaiter(n, k, e, w) then
         exists w :: SendWaiter(n, k, e, w) && (forall u :: SendWaiter(n, k, e, u) ==> k.pr[u] <= k.pr[w]) &&
           k' == RendezvousEffect(n, ne, k, g, w, k.cur, now) && r == k'.er[k.cur]
       else if zero then r == ErrRecvTimeout && k' == ResultEffect(k, k.cur, r)
       else r == Pending && k' == ParkEffect(n, ne, k, k.cur, RecvBlocked, e, d)
  }

  // Receive from thread `from` with the buffer stored (g): rendezvous if it waits in a send phase; or fail at once;
  // or wait for it in a closed receive until d, lending it the running thread's context.
  ghost predicate ReceiveOnStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, from: u32, zero: bool, d: u64,
                                now: u64, r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g) && k.cur < n && from < n
    && if k.st[from] == SendBlocked || k.st[from] == CallBlocked then
         k' == RendezvousEffect(n, ne, k, g, from, k.cur, now) && r == k'.er[k.cur]
       else if zero then r == ErrRecvTimeout && k' == ResultEffect(k, k.cur, r)
       else r == Pending && k' == LendEffect(n, ne, ParkEffect(n, ne, k, k.cur, RecvClosed, from, d), from,
                                             k.pr[k.cur], k.cur, n)
  }

  // ---- The operations, argument validation included ----

  // The running thread, if any.
  ghost predicate HasCurrent(n: u32, k: Tcbs)
    requires |k.st| == n as int
  {
    k.cur < n && k.st[k.cur] == Running
  }

  ghost predicate SendStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, srv: seq<ServerOf>, e: u32, len: u64,
                           rights: u64, rto: u64, call: u64, zero: bool, d: u64, now: u64, r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g)
    && if !HasCurrent(n, k) then r == ErrNoCurrent && k' == k
       else if e >= ne || k.ep[e] == NoObject then r == ErrNoPartner && k' == ResultEffect(k, k.cur, r)
       else if k.ep[e] != EndpointKind then r == ErrWrongObject && k' == ResultEffect(k, k.cur, r)
       else SendOnStep(n, ne, k, k', Called(Stored(g, k.cur, len, rights), k.cur, rto, call), srv, e, call == 1, zero,
                       d, now, r)
  }

  // A send of the running thread on a live endpoint is its send phase with the message stored (for proofs that reach
  // SendOnStep without going through SendStep's validation).
  lemma SendStepOn(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, srv: seq<ServerOf>, e: u32, len: u64, rights: u64,
                   rto: u64, call: u64, zero: bool, d: u64, now: u64, r: u32)
    requires Shaped(n, ne, k) && MsgsShaped(n, g) && HasCurrent(n, k) && e < ne && k.ep[e] == EndpointKind
    requires SendOnStep(n, ne, k, k', Called(Stored(g, k.cur, len, rights), k.cur, rto, call), srv, e, call == 1, zero,
                        d, now, r)
    ensures SendStep(n, ne, k, k', g, srv, e, len, rights, rto, call, zero, d, now, r)
  {
  }

  ghost predicate WaitStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, e: u32, max: u64, accept: u64, zero: bool,
                           d: u64, now: u64, r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g)
    && if !HasCurrent(n, k) then r == ErrNoCurrent && k' == k
       else if e >= ne || k.ep[e] == NoObject then r == ErrNoPartner && k' == ResultEffect(k, k.cur, r)
       else if k.ep[e] != EndpointKind then r == ErrWrongObject && k' == ResultEffect(k, k.cur, r)
       else WaitOnStep(n, ne, k, k', Buffered(g, k.cur, max, accept), e, zero, d, now, r)
  }

  ghost predicate ReceiveStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, from: u32, max: u64, accept: u64,
                              zero: bool, d: u64, now: u64, r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g)
    && if !HasCurrent(n, k) then r == ErrNoCurrent && k' == k
       else if from >= n || from == k.cur || !IsLive(k.st[from]) then r == ErrNoPartner && k' == ResultEffect(k, k.cur, r)
       else ReceiveOnStep(n, ne, k, k', Buffered(g, k.cur, max, accept), from, zero, d, now, r)
  }

  // The reply can go to `to`: it waits in a closed receive for the running thread.
  ghost predicate ReplyTarget(n: u32, k: Tcbs, to: u32)
    requires |k.st| == n as int && |k.ob| == n as int
  {
    HasCurrent(n, k) && to < n && to != k.cur && k.st[to] == RecvClosed && k.ob[to] == k.cur
  }

  // Reply to `to`: the rendezvous (the replier is the sender), then the replier gives back what was lent to it
  // once nobody waits for it (own: the threads' own priorities).
  ghost predicate ReplyStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, to: u32, len: u64, rights: u64,
                            own: seq<OwnPrio>, now: u64, r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g)
    && if !HasCurrent(n, k) then r == ErrNoCurrent && k' == k
       else if !ReplyTarget(n, k, to) then r == ErrNoPartner && k' == ResultEffect(k, k.cur, r)
       else
         k' == ReturnEffect(n, ne, RendezvousEffect(n, ne, k, Replied(g, k.cur, len, rights), k.cur, to, now), k.cur,
                            own) && r == k'.er[k.cur]
  }

  // ReplyWait: the reply; if it completed (OK) and the replier still runs, the wait on e follows.
  ghost predicate ReplyWaitStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, to: u32, len: u64, rights: u64,
                                own: seq<OwnPrio>, e: u32, max: u64, accept: u64, zero: bool, d: u64, now: u64,
                                r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g)
    && exists k1, r1 :: ReplyStep(n, ne, k, k1, g, to, len, rights, own, now, r1) &&
         if r1 == OK && k1.cur == k.cur
         then WaitStep(n, ne, k1, k', Replied(g, k.cur, len, rights), e, max, accept, zero, d, now, r)
         else k' == k1 && r == r1
  }

  // ---- Long IPC (IpcState.TransferChunk) ----

  // One chunk of the transfer thread t takes part in: none while a side waits for its nested page fault; else the
  // transfer goes on (words remain: how many lives outside the abstract state) or it ends and the IPC completes
  // as a short one would have at the rendezvous.
  ghost predicate TransferStep(n: u32, ne: u32, k: Tcbs, k': Tcbs, g: Msgs, t: u32, now: u64, r: u32) {
    && Shaped(n, ne, k) && MsgsShaped(n, g)
    && if t >= n then r == ErrInvalidThread && k' == k
       else if !IsXfer(k.st[t]) then r == ErrWrongState && k' == k
       else
         var s := if k.st[t] == XferSend then t else k.ob[t];
         var rc := if k.st[t] == XferSend then k.ob[t] else t;
         && s < n && rc < n
         && if k.pf[s] != 0 || k.pf[rc] != 0 then r == ErrWrongState && k' == k
            else (r == Pending && k' == k) ||
                 (r == OK && k' == CompleteEffect(n, ne, BreakEffect(n, ne, k, s, rc, OK), s, rc, g.call[s] == 1,
                                                  DeadlineOf(now, g.rto[s])))
  }

  // ---- The direct ReplyWait (IpcState.ReplyRun) ----

  // What giving back a lent context changes: at most the priority (and queue) of r.
  lemma ReturnFacts(n: u32, ne: u32, k: Tcbs, r: u32, own: seq<OwnPrio>)
    requires Shaped(n, ne, k) && r < n
    ensures var k' := ReturnEffect(n, ne, k, r, own);
            && k'.st == k.st && k'.er == k.er && k'.ob == k.ob && k'.cur == k.cur
            && (forall u :: 0 <= u < n as int && u != r as int ==> k'.pr[u] == k.pr[u])
            && (forall u :: 0 <= u < 2 * n as int && u != r as int ==> k'.ow[u] == k.ow[u])
  {
  }

  // The running thread c giving back its lent context and then waiting on e, or the other way round: the same.
  lemma ReturnParkCommute(n: u32, ne: u32, k: Tcbs, c: u32, e: u32, d: u64, own: seq<OwnPrio>)
    requires Shaped(n, ne, k) && c < n && e < ne && k.st[c] == Running
    ensures ParkEffect(n, ne, ReturnEffect(n, ne, k, c, own), c, RecvBlocked, e, d) ==
            ReturnEffect(n, ne, ParkEffect(n, ne, k, c, RecvBlocked, e, d), c, own)
  {
    var kp := ParkEffect(n, ne, k, c, RecvBlocked, e, d);
    assert Unreferenced(n, kp, c) == Unreferenced(n, k, c) by {
      if Unreferenced(n, k, c) {
        forall u | 0 <= u < n as int && kp.st[u] == RecvClosed ensures kp.ob[u] != c {
          assert u != c as int;
        }
      } else {
        var u :| 0 <= u < n as int && k.st[u] == RecvClosed && k.ob[u] == c;
        assert u != c as int && kp.st[u] == RecvClosed;
      }
    }
    if c as int < |own| && Unreferenced(n, k, c) && own[c] < NPrio as OwnPrio && k.pr[c] as OwnPrio != own[c] {
      var a := ParkEffect(n, ne, PrioEffect(n, ne, k, c, own[c] as u8), c, RecvBlocked, e, d);
      var b := PrioEffect(n, ne, kp, c, own[c] as u8);
      assert a.ow == b.ow;
    }
  }

  // Running the Ready thread t and giving back what was lent to c != t: the same in either order.
  lemma ReturnRunCommute(n: u32, ne: u32, y: Tcbs, c: u32, t: u32, own: seq<OwnPrio>)
    requires Shaped(n, ne, y) && c < n && t < n && c != t && y.st[t] == Ready
    ensures RunEffect(n, ReturnEffect(n, ne, y, c, own), t) == ReturnEffect(n, ne, RunEffect(n, y, t), c, own)
  {
    var yr := RunEffect(n, y, t);
    assert Unreferenced(n, yr, c) == Unreferenced(n, y, c) by {
      if Unreferenced(n, y, c) {
        forall u | 0 <= u < n as int && yr.st[u] == RecvClosed ensures yr.ob[u] != c {
          assert u != t as int;
        }
      } else {
        var u :| 0 <= u < n as int && y.st[u] == RecvClosed && y.ob[u] == c;
        assert u != t as int && yr.st[u] == RecvClosed;
      }
    }
    if c as int < |own| && IsLive(y.st[c]) && Unreferenced(n, y, c) && own[c] < NPrio as OwnPrio && y.pr[c] as OwnPrio != own[c] {
      var a := RunEffect(n, PrioEffect(n, ne, y, c, own[c] as u8), t);
      var b := PrioEffect(n, ne, yr, c, own[c] as u8);
      assert a.ow == b.ow;
    }
  }

  // ReplyRun's state: the replier c, its result OK, waits on e until d; its caller `to` runs; c gives back what was
  // lent to it. Opaque: the method reaching it and DirectReply, which relates it to the steps, reveal it.
  opaque ghost function ReplyRunEffect(n: u32, ne: u32, k: Tcbs, c: u32, to: u32, e: u32, d: u64,
                                       own: seq<OwnPrio>): Tcbs
    requires Shaped(n, ne, k) && c < n && to < n
  {
    ReturnEffect(n, ne, RunEffect(n, ReadyEffect(n, ne, ParkEffect(n, ne, ResultEffect(k, c, OK), c, RecvBlocked, e, d),
                                                  to, OK), to), c, own)
  }

  // ReplyWait of the running thread c: a short reply that fits to its caller `to`, then a wait on e where no
  // sender waits, and no Ready thread runs above `to`. Then c waits on e and `to` runs (ScheduleStep's first case
  // at kernel exit); the state the direct path reaches (woken straight into Running) is that one.
  lemma DirectReply(n: u32, ne: u32, k: Tcbs, g: Msgs, to: u32, len: u64, rights: u64, own: seq<OwnPrio>, e: u32,
                    max: u64, accept: u64, zero: bool, d: u64, now: u64) returns (k2: Tcbs)
    requires Shaped(n, ne, k) && MsgsShaped(n, g) && ReplyTarget(n, k, to) && !zero
    requires len <= InlineWords as u64 && len <= g.max[to] && rights <= g.accept[to]
    requires e < ne && k.ep[e] == EndpointKind && forall w :: !SendWaiter(n, k, e, w)
    requires forall u :: 0 <= u < n as int && k.st[u] == Ready ==> k.pr[u] <= k.pr[to]
    ensures var kf := ReplyRunEffect(n, ne, k, k.cur, to, e, d, own);
            && ReplyWaitStep(n, ne, k, k2, g, to, len, rights, own, e, max, accept, zero, d, now, Pending)
            && ScheduleStep(n, ne, k2, kf)
            && kf.cur == to && kf.st[to] == Running && kf.er[to] == OK && kf.st[k.cur] == RecvBlocked
            && forall u :: 0 <= u < n as int && kf.st[u] == Ready ==> kf.pr[u] <= kf.pr[to]
  {
    reveal ReplyRunEffect();
    var c := k.cur;
    var g' := Replied(g, c, len, rights);
    RendezvousShort(n, ne, k, g', c, to, now);
    CompleteSend(n, ne, k, c, to, DeadlineOf(now, g'.rto[c]));
    var x := ResultEffect(k, c, OK);
    var kA := ReadyEffect(n, ne, x, to, OK);
    assert FinishEffect(n, ne, FinishEffect(n, ne, k, to, OK), c, OK) == kA by {
      var a := FinishEffect(n, ne, FinishEffect(n, ne, k, to, OK), c, OK);
      assert a.er == kA.er;
    }
    var k1 := ReturnEffect(n, ne, kA, c, own);
    ReturnFacts(n, ne, kA, c, own);
    assert ReplyStep(n, ne, k, k1, g, to, len, rights, own, now, OK);
    k2 := ParkEffect(n, ne, k1, c, RecvBlocked, e, d);
    assert WaitStep(n, ne, k1, k2, g', e, max, accept, false, d, now, Pending) by {
      forall w | SendWaiter(n, k1, e, w) ensures false {
        assert w != to && SendWaiter(n, k, e, w);
      }
    }
    assert ReplyWaitStep(n, ne, k, k2, g, to, len, rights, own, e, max, accept, false, d, now, Pending);
    assert {:split_here} true;
    ReturnParkCommute(n, ne, kA, c, e, d, own);
    ReadyParkCommute(n, ne, x, c, to, RecvBlocked, e, d);
    var y := ReadyEffect(n, ne, ParkEffect(n, ne, x, c, RecvBlocked, e, d), to, OK);
    ReturnRunCommute(n, ne, y, c, to, own);
    var kf := ReturnEffect(n, ne, RunEffect(n, y, to), c, own);
    assert k2 == ReturnEffect(n, ne, y, c, own);
    ReturnFacts(n, ne, y, c, own);
    assert Preempted(n, ne, k2) == k2;
    assert Outranks(n, k2, to) && Highest(n, k2, to) by {
      forall u | 0 <= u < n as int && k2.st[u] == Ready ensures k2.pr[u] <= k2.pr[to] {
        if u != to as int { assert k.st[u] == Ready; }
      }
    }
    assert kf == RunEffect(n, Preempted(n, ne, k2), to);
    assert ScheduleStep(n, ne, k2, kf);
    forall u | 0 <= u < n as int && kf.st[u] == Ready ensures kf.pr[u] <= kf.pr[to] {
      assert k.st[u] == Ready;
    }
  }
}
