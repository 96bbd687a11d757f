// IPC core constants: thread IPC states (the TCB state word), error codes (one per termination case), timeouts,
// priorities and capacities, and the numbering of the queues that the IPC core keeps in one LinkedQueues object.
include "../NativeTypes.dfy"

module IpcTypes {
  import opened NativeTypes

  // ---- Thread IPC states (the TCB state word) ----
  const Free: u8 := 0          // slot unused
  const Ready: u8 := 1         // runnable, in the ready queue of its priority
  const Running: u8 := 2       // the current thread (exactly `current`)
  const SendBlocked: u8 := 3   // Send's send phase: in the send queue of endpoint obj[t] at its priority
  const CallBlocked: u8 := 4   // Call's send phase: as SendBlocked; after the rendezvous it waits for the reply
  const RecvBlocked: u8 := 5   // open receive (Wait): in the receive queue of endpoint obj[t] at its priority
  const RecvClosed: u8 := 6    // closed receive (Call's reply, Receive(from)): in the closed queue of thread obj[t]
  const Sleeping: u8 := 7      // Sleep: only in the wakeup structure (or nowhere when the timeout is infinite)
  const XferSend: u8 := 8      // long IPC after the rendezvous, sending side; obj[t] is the receiver
  const XferRecv: u8 := 9      // long IPC after the rendezvous, receiving side; obj[t] is the sender
  const Dead: u8 := 10         // killed; the slot can be re-created
  const MaxState: u8 := 10

  // ---- Error codes: one per termination case (docs/ipc-termination.md) ----
  const OK: u32 := 0
  const ErrInvalidThread: u32 := 1     // thread id out of range
  const ErrWrongState: u32 := 2        // the thread is not in a state the operation applies to
  const ErrNoCurrent: u32 := 3         // the operation needs a running thread and there is none
  const ErrInvalidArgument: u32 := 4   // some other argument is out of range
  const ErrNoPartner: u32 := 5         // invalid/destroyed endpoint, dead partner, nobody waiting for the reply
  const ErrCopyFailed: u32 := 6        // the message is longer than the receive buffer
  const ErrMapFailed: u32 := 7         // a map item asks for more rights than the receive window accepts
  const ErrCanceled: u32 := 8          // canceled before the rendezvous
  const ErrAborted: u32 := 9           // aborted after the rendezvous, during the transfer
  const ErrPartnerKilled: u32 := 10    // the partner was killed (waiting for it, or during the transfer)
  const ErrSendTimeout: u32 := 11      // send phase timed out (no receiver came)
  const ErrRecvTimeout: u32 := 12      // receive phase timed out (no sender / no reply came)
  const ErrSendPfTimeout: u32 := 13    // a page fault on the sender's side was not resolved in time
  const ErrRecvPfTimeout: u32 := 14    // a page fault on the receiver's side was not resolved in time
  const ErrNestedPf: u32 := 15         // the nested page-fault IPC was canceled or failed: outer IPC aborted
  const ErrWrongObject: u32 := 16      // a notification where an endpoint is expected, or the reverse
  const Pending: u32 := 0xFFFF         // result not known yet: the thread blocked; err[t] receives it on wakeup

  // ---- Timeouts (relative, in ticks) ----
  const TimeoutZero: u64 := 0                            // do not block
  const TimeoutNever: u64 := 0xFFFF_FFFF_FFFF_FFFF       // block without a deadline
  const MaxRelTimeout: u64 := 0xFFFF_FFFF                // largest finite relative timeout
  const Forever: u64 := 0xFFFF_FFFF_FFFF_FFFF            // deadline of a wait without timeout

  // ---- Capacities ----
  const NPrio: u32 := 32                 // priorities 0 (lowest) .. 31
  const MaxThreads: u32 := 0x10_0000
  const MaxEndpoints: u32 := 0x1_0000
  const WheelSlots: u64 := 1024          // the timer wheel: slot = deadline % WheelSlots
  const NoThread: u32 := 0xFFFF_FFFF     // `current` when only the idle loop runs; never a valid id
  // Messages up to this many words are copied at the rendezvous, as one step: every message of the ABI's 63 message
  // registers (MR1..MR63) but a string item's, so only strings, whose length has no bound here, need the chunked
  // transfer and its preemption points. The copy is bounded and shorter than one chunk.
  const InlineWords: u32 := 63
  // Long IPC moves at most this many units between preemption points. The kernel's unit is one byte of a string
  // (kernel/Core/LongTransfer.cs: a chunk is 4096 bytes, a page's worth, one TransferChunk).
  const ChunkWords: u32 := 4096
  const Quantum: u64 := 10               // timeslice in timer ticks (round robin among equal priorities)
  const MaxRights: u8 := 7               // map item rights: 0 = no map item, 1..7 = rights bits (r, w, x)

  // Element types of the scheduling-context arrays (IpcState.SchedContexts), one per array: arrays of different
  // element types never alias, so writing one costs the proofs of the TCB arrays nothing.
  newtype OwnPrio = x: int | 0 <= x < 0x100                        // a priority; compiles to byte
  newtype SliceOwner = x: int | 0 <= x < 0x1_0000_0000             // a thread id; compiles to uint
  newtype Ticks = x: int | 0 <= x < 0x1_0000_0000_0000_0000        // timer ticks; compiles to ulong
  newtype ServerOf = x: int | 0 <= x < 0x1_0000_0000               // a thread id + 1, 0 for none; compiles to uint

  // Absolute deadline of a relative timeout given at time `now` (Forever for TimeoutNever or on overflow).
  function DeadlineOf(now: u64, timeout: u64): u64 {
    if timeout == TimeoutNever || now >= Forever - timeout then Forever else now + timeout
  }

  // ---- Queue numbering in the IPC LinkedQueues: ready queues, closed-receive queues, endpoint queues ----
  // An IPC object slot e holds nothing, an endpoint or a notification (epAlive[e]). Both kinds keep their waiters
  // in the slot's queues: endpoint senders and receivers, notification waiters in the receive queues.
  const NoObject: u8 := 0
  const EndpointKind: u8 := 1
  const NotificationKind: u8 := 2

  const DirSend: u32 := 0
  const DirRecv: u32 := 1

  function ReadyQ(p: u8): u32
    requires p as u32 < NPrio
  {
    p as u32
  }

  function ClosedQ(t: u32): u32
    requires t < MaxThreads
  {
    32 + t
  }

  function EpQ(n: u32, e: u32, dir: u32, p: u8): u32
    requires n <= MaxThreads && e < MaxEndpoints && dir <= 1 && p as u32 < NPrio
  {
    32 + n + e * 64 + dir * 32 + p as u32
  }

  function NumQueues(n: u32, ne: u32): u32
    requires n <= MaxThreads && ne <= MaxEndpoints
  {
    32 + n + ne * 64
  }

  // The timer-wheel slot of an absolute deadline. Opaque: the solver never needs to reason about `%`.
  opaque function Slot(d: u64): (r: u32)
    ensures r as u64 < WheelSlots
  {
    (d % WheelSlots) as u32
  }

  predicate IsWaiting(s: u8) {
    s == SendBlocked || s == CallBlocked || s == RecvBlocked || s == RecvClosed || s == Sleeping
  }

  predicate IsEpBlocked(s: u8) {
    s == SendBlocked || s == CallBlocked || s == RecvBlocked
  }

  predicate IsLive(s: u8) {
    s != Free && s != Dead
  }

  predicate IsXfer(s: u8) {
    s == XferSend || s == XferRecv
  }
}
