// The IPC state diagram as data: every (from, to, operation) transition the IpcKernel methods perform on a thread's
// state word. Compiled (integers only) so that tools/Verified.Docs generates docs/ipc-states.dot from it; the
// hosted test IpcTransitionTableTests checks that every transition seen in the random-sequence run is listed.
include "IpcTypes.dfy"

module IpcTransitions {
  import opened NativeTypes
  import opened IpcTypes

  // Operation labels (the C# generator names them).
  const OpCreate: u8 := 0
  const OpSchedule: u8 := 1      // Reschedule / direct switch / preemption / Sleep(0)
  const OpSend: u8 := 2
  const OpCall: u8 := 3
  const OpWait: u8 := 4          // Wait, and the receive phase of ReplyWait
  const OpReceive: u8 := 5       // closed receive; also Call's reply phase after the rendezvous
  const OpSleep: u8 := 6
  const OpRendezvous: u8 := 7    // completed by the partner (OK, copy or map failure)
  const OpCancel: u8 := 8
  const OpTimeout: u8 := 9       // Tick -> Expire
  const OpLong: u8 := 10         // rendezvous of a long message: transfer phase
  const OpFinish: u8 := 11       // TransferChunk completed, Abort, page-fault timeout or failure, partner killed
  const OpKill: u8 := 12
  const OpDestroy: u8 := 13      // DestroyEndpoint / partner killed while waiting

  const Count: u32 := 31
  // Kill applies to every live state; the table lists Ready -> Dead and the diagram draws one edge per live state.

  // One transition packed into an integer (compiled code has no tuples): from * 0x10000 + to * 0x100 + op.
  function Pack(from: u8, to: u8, op: u8): u32 {
    from as u32 * 0x10000 + to as u32 * 0x100 + op as u32
  }

  // Transition i, packed.
  function Entry(i: u32): u32
    requires i < Count
  {
    if i == 0 then Pack(Free, Ready, OpCreate)
    else if i == 1 then Pack(Dead, Ready, OpCreate)
    else if i == 2 then Pack(Ready, Running, OpSchedule)
    else if i == 3 then Pack(Running, Ready, OpSchedule)
    else if i == 4 then Pack(Running, SendBlocked, OpSend)
    else if i == 5 then Pack(Running, CallBlocked, OpCall)
    else if i == 6 then Pack(Running, RecvBlocked, OpWait)
    else if i == 7 then Pack(Running, RecvClosed, OpReceive)
    else if i == 8 then Pack(Running, Sleeping, OpSleep)
    else if i == 9 then Pack(CallBlocked, RecvClosed, OpRendezvous)
    else if i == 10 then Pack(SendBlocked, Ready, OpRendezvous)
    else if i == 11 then Pack(CallBlocked, Ready, OpRendezvous)
    else if i == 12 then Pack(RecvBlocked, Ready, OpRendezvous)
    else if i == 13 then Pack(RecvClosed, Ready, OpRendezvous)
    else if i == 14 then Pack(SendBlocked, Ready, OpCancel)
    else if i == 15 then Pack(RecvBlocked, Ready, OpCancel)
    else if i == 16 then Pack(RecvClosed, Ready, OpTimeout)
    else if i == 17 then Pack(Sleeping, Ready, OpTimeout)
    else if i == 18 then Pack(SendBlocked, Ready, OpTimeout)
    else if i == 19 then Pack(RecvBlocked, Ready, OpDestroy)
    else if i == 20 then Pack(RecvClosed, Ready, OpDestroy)
    else if i == 21 then Pack(Running, XferSend, OpLong)
    else if i == 22 then Pack(Running, XferRecv, OpLong)
    else if i == 23 then Pack(SendBlocked, XferSend, OpLong)
    else if i == 24 then Pack(CallBlocked, XferSend, OpLong)
    else if i == 25 then Pack(RecvBlocked, XferRecv, OpLong)
    else if i == 26 then Pack(RecvClosed, XferRecv, OpLong)
    else if i == 27 then Pack(XferSend, Ready, OpFinish)
    else if i == 28 then Pack(XferRecv, Ready, OpFinish)
    else if i == 29 then Pack(XferSend, RecvClosed, OpFinish)
    else Pack(Ready, Dead, OpKill)
  }
}
