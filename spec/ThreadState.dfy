// Thread states (TCB state word) and their transitions: Create, Dispatch, Yield, Block, Wake, Kill.
//
// Abstract model (ghost): the sequence of per-thread states, `seq<u8>`; the running thread is the one whose
// state is Running (Inv: at most one). Each operation has a step relation `XStep(s, s', args..., err)` over the
// abstract state, and the executable ThreadTable method ensures `XStep(old(Abs()), Abs(), ...)`.
// Operations validate their arguments (the kernel passes user-controlled values) and return an error code;
// a failing operation leaves the state unchanged.
// Compiled code uses only native integers and one array, so the generated C# is runtime-free.
include "NativeTypes.dfy"

module ThreadState {
  import opened NativeTypes

  // ---- Thread states ----
  const Free: u8 := 0            // slot unused
  const Ready: u8 := 1           // runnable, not running
  const Running: u8 := 2         // the current thread (at most one)
  const BlockedSend: u8 := 3     // waiting in the send phase of an IPC
  const BlockedReceive: u8 := 4  // waiting in the receive phase of an IPC
  const Dead: u8 := 5            // killed; the slot can be re-created

  // ---- Error codes ----
  const OK: u32 := 0
  const ErrInvalidThread: u32 := 1    // thread id out of range
  const ErrWrongState: u32 := 2       // the thread is not in a state the operation applies to
  const ErrNoCurrent: u32 := 3        // the operation needs a running thread and there is none
  const ErrInvalidArgument: u32 := 4  // some other argument is out of range

  // ---- Capacity ----
  const MaxThreads: u32 := 0x1_0000   // upper bound on a table's capacity
  const NoThread: u32 := 0xFFFF_FFFF  // `current` when no thread runs; never a valid id

  // ---- Abstract model ----

  ghost predicate IsState(x: u8) { x <= Dead }

  ghost predicate IsBlocked(x: u8) { x == BlockedSend || x == BlockedReceive }

  ghost predicate AtMostOneRunning(s: seq<u8>) {
    forall i, j :: 0 <= i < |s| && 0 <= j < |s| && s[i] == Running && s[j] == Running ==> i == j
  }

  ghost predicate HasRunning(s: seq<u8>) {
    exists i :: 0 <= i < |s| && s[i] == Running
  }

  // The system invariant on the abstract state.
  ghost predicate Inv(s: seq<u8>) {
    && 0 < |s| <= MaxThreads as int
    && (forall i :: 0 <= i < |s| ==> IsState(s[i]))
    && AtMostOneRunning(s)
  }

  ghost predicate Init(s: seq<u8>, n: int) {
    |s| == n && forall i :: 0 <= i < |s| ==> s[i] == Free
  }

  // The running thread (if any) leaves Running for `to`; every other thread is unchanged.
  ghost predicate Descheduled(s: seq<u8>, s': seq<u8>, to: u8) {
    |s'| == |s| && forall i :: 0 <= i < |s| ==> s'[i] == (if s[i] == Running then to else s[i])
  }

  // Create(t): Free or Dead -> Ready.
  ghost predicate CreateStep(s: seq<u8>, s': seq<u8>, t: u32, err: u32) {
    if t as int >= |s| then err == ErrInvalidThread && s' == s
    else if s[t] != Free && s[t] != Dead then err == ErrWrongState && s' == s
    else err == OK && s' == s[t := Ready]
  }

  // Dispatch(t): Ready -> Running; the previously running thread (if any) becomes Ready.
  ghost predicate DispatchStep(s: seq<u8>, s': seq<u8>, t: u32, err: u32) {
    if t as int >= |s| then err == ErrInvalidThread && s' == s
    else if s[t] != Ready then err == ErrWrongState && s' == s
    else
      && err == OK && |s'| == |s| && s'[t] == Running
      && forall i :: 0 <= i < |s| && i != t as int ==> s'[i] == (if s[i] == Running then Ready else s[i])
  }

  // Yield(): the running thread becomes Ready; no thread runs afterwards.
  ghost predicate YieldStep(s: seq<u8>, s': seq<u8>, err: u32) {
    if !HasRunning(s) then err == ErrNoCurrent && s' == s
    else err == OK && Descheduled(s, s', Ready)
  }

  // Block(reason): the running thread becomes BlockedSend or BlockedReceive (= reason).
  ghost predicate BlockStep(s: seq<u8>, s': seq<u8>, reason: u8, err: u32) {
    if !IsBlocked(reason) then err == ErrInvalidArgument && s' == s
    else if !HasRunning(s) then err == ErrNoCurrent && s' == s
    else err == OK && Descheduled(s, s', reason)
  }

  // Wake(t): BlockedSend or BlockedReceive -> Ready.
  ghost predicate WakeStep(s: seq<u8>, s': seq<u8>, t: u32, err: u32) {
    if t as int >= |s| then err == ErrInvalidThread && s' == s
    else if !IsBlocked(s[t]) then err == ErrWrongState && s' == s
    else err == OK && s' == s[t := Ready]
  }

  // Kill(t): any live state (Ready, Running, Blocked*) -> Dead.
  ghost predicate KillStep(s: seq<u8>, s': seq<u8>, t: u32, err: u32) {
    if t as int >= |s| then err == ErrInvalidThread && s' == s
    else if s[t] == Free || s[t] == Dead then err == ErrWrongState && s' == s
    else err == OK && s' == s[t := Dead]
  }

  // ---- Implementation: struct-of-arrays thread table ----
  // C# sees `state`, `current` and `capacity` as public members: hand-written code may read them, never write them
  // (only these methods keep Valid()).

  class ThreadTable {
    const capacity: u32
    const state: array<u8>   // state[t] is thread t's state
    var current: u32         // the Running thread, or NoThread

    ghost function Abs(): seq<u8>
      reads state
    {
      state[..]
    }

    ghost predicate Valid()
      reads this, state
    {
      && state.Length == capacity as int
      && Inv(state[..])
      && (current == NoThread ==> !HasRunning(state[..]))
      && (current != NoThread ==> current < capacity && state[current] == Running)
    }

    constructor(n: u32)
      requires 0 < n <= MaxThreads
      ensures Valid() && Init(Abs(), n as int)
      ensures capacity == n && fresh(state)
    {
      capacity := n;
      current := NoThread;
      // Dafny leaves the elements of `new` unspecified (C# zeroes them anyway): set them, and say so.
      var a := new u8[n];
      for i: u32 := 0 to n
        invariant forall j :: 0 <= j < i as int ==> a[j] == Free
      {
        a[i] := Free;
      }
      state := a;
    }

    method Create(t: u32) returns (err: u32)
      requires Valid()
      modifies state
      ensures Valid() && CreateStep(old(Abs()), Abs(), t, err)
    {
      if t >= capacity { return ErrInvalidThread; }
      if state[t] != Free && state[t] != Dead { return ErrWrongState; }
      state[t] := Ready;
      return OK;
    }

    method Dispatch(t: u32) returns (err: u32)
      requires Valid()
      modifies this, state
      ensures Valid() && DispatchStep(old(Abs()), Abs(), t, err)
    {
      if t >= capacity { return ErrInvalidThread; }
      if state[t] != Ready { return ErrWrongState; }
      if current != NoThread {
        state[current] := Ready;
      }
      state[t] := Running;
      current := t;
      assert Abs()[t] == Running;  // witness for HasRunning
      return OK;
    }

    method Yield() returns (err: u32)
      requires Valid()
      modifies this, state
      ensures Valid() && YieldStep(old(Abs()), Abs(), err)
    {
      if current == NoThread { return ErrNoCurrent; }
      assert old(Abs())[current] == Running;  // witness for HasRunning
      state[current] := Ready;
      current := NoThread;
      return OK;
    }

    method Block(reason: u8) returns (err: u32)
      requires Valid()
      modifies this, state
      ensures Valid() && BlockStep(old(Abs()), Abs(), reason, err)
    {
      if reason != BlockedSend && reason != BlockedReceive { return ErrInvalidArgument; }
      if current == NoThread { return ErrNoCurrent; }
      assert old(Abs())[current] == Running;  // witness for HasRunning
      state[current] := reason;
      current := NoThread;
      return OK;
    }

    method Wake(t: u32) returns (err: u32)
      requires Valid()
      modifies state
      ensures Valid() && WakeStep(old(Abs()), Abs(), t, err)
    {
      if t >= capacity { return ErrInvalidThread; }
      if state[t] != BlockedSend && state[t] != BlockedReceive { return ErrWrongState; }
      state[t] := Ready;
      return OK;
    }

    method Kill(t: u32) returns (err: u32)
      requires Valid()
      modifies this, state
      ensures Valid() && KillStep(old(Abs()), Abs(), t, err)
    {
      if t >= capacity { return ErrInvalidThread; }
      if state[t] == Free || state[t] == Dead { return ErrWrongState; }
      if t == current {
        current := NoThread;
      }
      state[t] := Dead;
      return OK;
    }
  }
}
