// Lemmas about the IPC core's queue numbering (spec/Ipc/IpcInvariant.dfy QueueFor, spec/Ipc/IpcTypes.dfy): distinct
// (state kind, endpoint or partner, priority) name distinct queues, and wheel slots never collide with IPC queues.
// With the membership invariant (a thread sits in exactly QueueFor of its state: IpcInvariant.ThreadOk, part of
// IpcKernel.Valid()), this is what makes "every queue holds only threads in the state it names" hold
// (IpcSystemProofs.QueueHoldsOnlyItsState).
include "../../spec/Ipc/IpcState.dfy"

module IpcQueueNumberingProofs {
  import opened NativeTypes
  import opened IpcTypes
  import opened IpcQueues
  import opened IpcInvariant
  import opened IpcState

  predicate SendSide(s: u8) { s == SendBlocked || s == CallBlocked }

  // A non-Nil queue number determines the priority and, for endpoint and closed queues, the object waited on.
  lemma LemmaQueueForInjective(n: u32, ne: u32, s1: u8, p1: u8, o1: u32, s2: u8, p2: u8, o2: u32)
    requires 0 < n <= MaxThreads && ne <= MaxEndpoints
    requires QueueFor(n, ne, s1, p1, o1) == QueueFor(n, ne, s2, p2, o2) != Nil
    ensures (s1 == Ready) == (s2 == Ready)
    ensures SendSide(s1) == SendSide(s2)
    ensures (s1 == RecvBlocked) == (s2 == RecvBlocked)
    ensures (s1 == RecvClosed) == (s2 == RecvClosed)
    ensures s1 != RecvClosed ==> p1 == p2
    ensures s1 != Ready ==> o1 == o2
  {
  }

  // Ready queues, closed-receive queues and endpoint queues occupy disjoint ranges below the wheel slots.
  lemma LemmaQueueRanges(n: u32, ne: u32, p: u8, t: u32, e: u32, dir: u32)
    requires 0 < n <= MaxThreads && ne <= MaxEndpoints && p as u32 < NPrio && t < n && e < ne && dir <= 1
    ensures ReadyQ(p) < 32 <= ClosedQ(t) < 32 + n <= EpQ(n, e, dir, p) < NumQueues(n, ne)
  {
  }

}
