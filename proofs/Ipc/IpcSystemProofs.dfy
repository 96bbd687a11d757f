// The IPC core's system properties (issue: proved properties a-e), as lemmas over every reachable state: every
// operation of spec/Ipc/IpcState.dfy requires only Valid() and ensures Valid() (and the system calls Scheduled()),
// so what holds in every Valid() state holds after every transition. Each lemma reads off one part of the invariant.
include "../../spec/Ipc/IpcState.dfy"

module IpcSystemProofs {
  import opened NativeTypes
  import opened IpcTypes
  import opened IpcQueues
  import opened IpcInvariant
  import opened IpcState

  // (a) A blocked thread is in exactly the queue its state names...
  lemma BlockedThreadIsInItsQueue(k: IpcKernel, t: u32)
    requires k.Valid() && t < k.n && IsWaiting(k.state[t]) && k.state[t] != Sleeping
    ensures k.q.owner[t] == QueueFor(k.n, k.ne, k.state[t], k.prio[t], k.obj[t]) != Nil
    ensures t in k.q.lists[k.q.owner[t]]
    ensures forall x :: 0 <= x < k.q.nq as int && x != k.q.owner[t] as int ==> t !in k.q.lists[x]
  {
    k.StateFacts(t);
    k.q.OwnerFacts(t);
    forall x | 0 <= x < k.q.nq as int && x != k.q.owner[t] as int ensures t !in k.q.lists[x] {
      if t in k.q.lists[x] { k.q.MemberFacts(x as u32, t); }
    }
  }

  // ... and every queue holds only threads in the state it names: ready queue p only Ready threads of priority p,
  // closed queue of thread o only closed receives from o, endpoint queues only threads blocked on that endpoint in
  // that direction at that priority.
  lemma QueueHoldsOnlyItsState(k: IpcKernel, qid: u32, t: u32)
    requires k.Valid() && qid < NumQueues(k.n, k.ne) && t in k.q.lists[qid]
    ensures t < k.n && QueueFor(k.n, k.ne, k.state[t], k.prio[t], k.obj[t]) == qid
    ensures qid < NPrio ==> k.state[t] == Ready && k.prio[t] as u32 == qid
    ensures NPrio <= qid < NPrio + k.n ==> k.state[t] == RecvClosed && k.obj[t] == qid - NPrio
    ensures qid >= NPrio + k.n ==> IsEpBlocked(k.state[t]) && k.obj[t] < k.ne
  {
    k.q.MemberFacts(qid, t);
    k.NodeFacts(t);
    k.StateFacts(t);
  }

  // (a) The wheel holds exactly the timed waits with a finite deadline, each in the slot of its deadline.
  lemma WheelHoldsTimedWaits(k: IpcKernel, t: u32)
    requires k.Valid() && t < k.n
    ensures k.q.owner[k.n + t] != Nil <==> Timed(k.state[t], k.pfPending[t]) && k.deadline[t] != Forever
    ensures k.q.owner[k.n + t] != Nil ==> k.q.owner[k.n + t] == WheelQueue(k.n, k.ne, k.deadline[t])
  {
    k.StateFacts(t);
  }

  // (b) Partner links are symmetric during a transfer.
  lemma TransferPartnersSymmetric(k: IpcKernel, t: u32)
    requires k.Valid() && t < k.n && IsXfer(k.state[t])
    ensures k.obj[t] < k.n && k.obj[t] != t && IsXfer(k.state[k.obj[t]]) && k.obj[k.obj[t]] == t
    ensures k.state[t] == XferSend <==> k.state[k.obj[t]] == XferRecv
  {
    k.StateFacts(t);
  }

  // (b) After kill (and for any slot that is not a live thread) no thread refers to it: no closed receive waits
  // on it and no transfer has it as partner. Likewise no thread waits on a destroyed endpoint.
  lemma DeadThreadUnreferenced(k: IpcKernel, t: u32)
    requires k.Valid() && t < k.n && !IsLive(k.state[t])
    ensures forall u: u32 :: u < k.n && (k.state[u] == RecvClosed || IsXfer(k.state[u])) ==> k.obj[u] != t
    ensures t != k.current
  {
    forall u: u32 | u < k.n && (k.state[u] == RecvClosed || IsXfer(k.state[u])) ensures k.obj[u] != t {
      k.StateFacts(u);
    }
    if k.current != NoThread { k.StateFacts(k.current); }
  }

  lemma DestroyedEndpointUnreferenced(k: IpcKernel, e: u32)
    requires k.Valid() && e < k.ne && k.epAlive[e] == 0
    ensures forall u: u32 :: u < k.n && IsEpBlocked(k.state[u]) ==> k.obj[u] != e
  {
    forall u: u32 | u < k.n && IsEpBlocked(k.state[u]) ensures k.obj[u] != e {
      k.StateFacts(u);
    }
  }

  // (c) Nothing is lost silently: a live thread's result is Pending exactly while it is blocked, so whenever an
  // IPC stops blocking a thread (completion, failure, cancel, abort, timeout, kill of the partner, destruction of
  // the endpoint) the thread holds a result code. Delivery goes to the chosen receiver only (IpcKernel.Deliver's
  // contract) and takes the sender out of every send queue (Rendezvous ensures !IsEpBlocked(sender)), so a message
  // is delivered at most once.
  lemma ResultPendingIffBlocked(k: IpcKernel, t: u32)
    requires k.Valid() && t < k.n && IsLive(k.state[t])
    ensures k.err[t] == Pending <==> Blocked(k.state[t])
  {
    k.StateFacts(t);
  }

  // (e) Exactly one running thread per CPU (or the idle loop), and it is never blocked.
  lemma OneRunningThread(k: IpcKernel)
    requires k.Valid()
    ensures forall t: u32 :: t < k.n ==> (k.state[t] == Running <==> t == k.current)
    ensures k.current != NoThread ==> k.current < k.n && !Blocked(k.state[k.current])
  {
    forall t: u32 | t < k.n ensures k.state[t] == Running <==> t == k.current {
      k.StateFacts(t);
    }
  }

  // (d) Cancel, abort, timeout and kill are defined from every state and preserve Valid(); every kernel exit
  // leaves the highest-priority Ready thread running (e). A client that may call them in any Valid() state, with
  // any argument, in any order.
  method AnyTerminationFromAnyState(k: IpcKernel, t: u32, now: u64)
    requires k.Valid()
    modifies k, k.state, k.prio, k.obj, k.err, k.deadline, k.pfPending, k.epAlive, k.q, k.q.next, k.q.prev,
             k.q.head, k.q.tail, k.q.owner, k.m.msgWord, k.m.msgLen, k.m.mapRights, k.m.recvMax, k.m.recvRights,
             k.m.recvWord, k.m.recvLen, k.m.recvFrom, k.m.xferDone, k.m.rcvTimeout, k.m.isCall, k.m.ntfWord,
             k.m.own, k.m.runsOn, k.m.left, k.m.server
    ensures k.Valid() && k.Scheduled()
  {
    var r := k.Cancel(t);
    r := k.Abort(t);
    r := k.PageFaultDone(t, false);
    k.Tick(now);
    r := k.Kill(t);
  }
}
