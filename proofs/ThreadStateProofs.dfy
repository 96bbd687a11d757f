// Whole-system lemmas over the thread-state machine of spec/ThreadState.dfy (ghost only, never compiled).
//
// Verified properties:
//   LemmaInitEstablishesInv / LemmaStepPreservesInv / LemmaRunPreservesInv:
//     every state reached from the initial state by any sequence of operations (successful or failing)
//     satisfies Inv: states in range, at most one Running thread.
//   LemmaKilledStaysDead / LemmaKilledNeverRunsUntilRecreated:
//     after a successful Kill(t), thread t stays Dead, so it is never Running, until a successful Create(t).
//   LemmaOnlyCreateLeavesDead: the one-step fact behind it.
//   LemmaStepDeterministic: each operation's result and successor state are fully determined by the state and
//     the arguments, so the spec leaves the implementation no freedom (and tests can compare with a model).
//   LemmaStepTotal: from every state, every operation with any arguments has an outcome (never stuck).
include "../spec/ThreadState.dfy"

module ThreadStateProofs {
  import opened NativeTypes
  import opened ThreadState

  // The kernel's thread operations with their (user-controlled) arguments.
  datatype Op = Create(t: u32) | Dispatch(t: u32) | Yield | Block(reason: u8) | Wake(t: u32) | Kill(t: u32)

  // One step of the system: operation `op` returned `err` and took `s` to `s'`.
  ghost predicate NextOp(s: seq<u8>, s': seq<u8>, op: Op, err: u32) {
    match op
    case Create(t) => CreateStep(s, s', t, err)
    case Dispatch(t) => DispatchStep(s, s', t, err)
    case Yield => YieldStep(s, s', err)
    case Block(reason) => BlockStep(s, s', reason, err)
    case Wake(t) => WakeStep(s, s', t, err)
    case Kill(t) => KillStep(s, s', t, err)
  }

  // A run: states[i + 1] follows from states[i] by ops[i], which returned errs[i].
  ghost predicate IsRun(states: seq<seq<u8>>, ops: seq<Op>, errs: seq<u32>) {
    && |states| == |ops| + 1
    && |errs| == |ops|
    && forall i :: 0 <= i < |ops| ==> NextOp(states[i], states[i + 1], ops[i], errs[i])
  }

  ghost predicate SuccessfulCreate(op: Op, err: u32, t: u32) {
    op == Create(t) && err == OK
  }

  // ---- The invariant holds in every reachable state ----

  lemma LemmaInitEstablishesInv(s: seq<u8>, n: int)
    requires 0 < n <= MaxThreads as int && Init(s, n)
    ensures Inv(s)
  {
  }

  lemma LemmaStepPreservesLength(s: seq<u8>, s': seq<u8>, op: Op, err: u32)
    requires NextOp(s, s', op, err)
    ensures |s'| == |s|
  {
  }

  lemma LemmaStepPreservesInv(s: seq<u8>, s': seq<u8>, op: Op, err: u32)
    requires Inv(s) && NextOp(s, s', op, err)
    ensures Inv(s')
  {
    match op
    case Dispatch(t) =>
      if t as int < |s| && s[t] == Ready {
        forall i, j | 0 <= i < |s'| && 0 <= j < |s'| && s'[i] == Running && s'[j] == Running
          ensures i == j
        {
          assert i == t as int && j == t as int;  // every other thread is no longer Running
        }
      }
    case _ =>
  }

  lemma LemmaRunPreservesInv(states: seq<seq<u8>>, ops: seq<Op>, errs: seq<u32>, n: int)
    requires IsRun(states, ops, errs) && 0 < n <= MaxThreads as int && Init(states[0], n)
    ensures forall i :: 0 <= i < |states| ==> Inv(states[i])
  {
    LemmaInitEstablishesInv(states[0], n);
    forall i | 0 <= i < |states|
      ensures Inv(states[i])
    {
      LemmaInvAt(states, ops, errs, i);
    }
  }

  lemma LemmaInvAt(states: seq<seq<u8>>, ops: seq<Op>, errs: seq<u32>, i: int)
    requires IsRun(states, ops, errs) && Inv(states[0]) && 0 <= i < |states|
    ensures Inv(states[i])
    decreases i
  {
    if i > 0 {
      LemmaInvAt(states, ops, errs, i - 1);
      LemmaStepPreservesInv(states[i - 1], states[i], ops[i - 1], errs[i - 1]);
    }
  }

  // ---- The step relations are functions of (state, operation) ----

  // The unique outcome of `op` in `s`, as a witness for totality.
  ghost function Outcome(s: seq<u8>, op: Op): (r: (seq<u8>, u32))
    ensures NextOp(s, r.0, op, r.1)
  {
    match op
    case Create(t) =>
      if t as int >= |s| then (s, ErrInvalidThread)
      else if s[t] != Free && s[t] != Dead then (s, ErrWrongState)
      else (s[t := Ready], OK)
    case Dispatch(t) =>
      if t as int >= |s| then (s, ErrInvalidThread)
      else if s[t] != Ready then (s, ErrWrongState)
      else (seq(|s|, i requires 0 <= i < |s| => if i == t as int then Running else Demote(s[i], Ready)), OK)
    case Yield =>
      if !HasRunning(s) then (s, ErrNoCurrent)
      else (seq(|s|, i requires 0 <= i < |s| => Demote(s[i], Ready)), OK)
    case Block(reason) =>
      if !IsBlocked(reason) then (s, ErrInvalidArgument)
      else if !HasRunning(s) then (s, ErrNoCurrent)
      else (seq(|s|, i requires 0 <= i < |s| => Demote(s[i], reason)), OK)
    case Wake(t) =>
      if t as int >= |s| then (s, ErrInvalidThread)
      else if !IsBlocked(s[t]) then (s, ErrWrongState)
      else (s[t := Ready], OK)
    case Kill(t) =>
      if t as int >= |s| then (s, ErrInvalidThread)
      else if s[t] == Free || s[t] == Dead then (s, ErrWrongState)
      else (s[t := Dead], OK)
  }

  ghost function Demote(x: u8, to: u8): u8 { if x == Running then to else x }

  lemma LemmaStepTotal(s: seq<u8>, op: Op)
    ensures exists s', err :: NextOp(s, s', op, err)
  {
    var r := Outcome(s, op);
    assert NextOp(s, r.0, op, r.1);
  }

  lemma LemmaStepDeterministic(s: seq<u8>, s1: seq<u8>, s2: seq<u8>, op: Op, e1: u32, e2: u32)
    requires NextOp(s, s1, op, e1) && NextOp(s, s2, op, e2)
    ensures s1 == s2 && e1 == e2
  {
    assert |s1| == |s2|;
    forall i | 0 <= i < |s1|
      ensures s1[i] == s2[i]
    {
    }
  }

  // ---- A killed thread is never Running again until it is re-created ----

  // Dead is left only by a successful Create of that very thread.
  lemma LemmaOnlyCreateLeavesDead(s: seq<u8>, s': seq<u8>, op: Op, err: u32, t: u32)
    requires NextOp(s, s', op, err) && t as int < |s| && s[t] == Dead
    requires !SuccessfulCreate(op, err, t)
    ensures s'[t] == Dead
  {
  }

  lemma LemmaKilledStaysDead(states: seq<seq<u8>>, ops: seq<Op>, errs: seq<u32>, k: int, t: u32, j: int)
    requires IsRun(states, ops, errs)
    requires 0 <= k < |ops| && ops[k] == Kill(t) && errs[k] == OK
    requires k < j < |states|
    requires forall m :: k < m < j ==> !SuccessfulCreate(ops[m], errs[m], t)
    ensures t as int < |states[j]| && states[j][t] == Dead
    decreases j
  {
    if j == k + 1 {
      assert KillStep(states[k], states[j], t, OK);  // NextOp at k
    } else {
      LemmaKilledStaysDead(states, ops, errs, k, t, j - 1);
      LemmaStepPreservesLength(states[j - 1], states[j], ops[j - 1], errs[j - 1]);
      LemmaOnlyCreateLeavesDead(states[j - 1], states[j], ops[j - 1], errs[j - 1], t);
    }
  }

  lemma LemmaKilledNeverRunsUntilRecreated(states: seq<seq<u8>>, ops: seq<Op>, errs: seq<u32>, k: int, t: u32)
    requires IsRun(states, ops, errs)
    requires 0 <= k < |ops| && ops[k] == Kill(t) && errs[k] == OK
    ensures forall j :: k < j < |states| && (forall m :: k < m < j ==> !SuccessfulCreate(ops[m], errs[m], t))
              ==> t as int < |states[j]| && states[j][t] != Running
  {
    forall j | k < j < |states| && (forall m :: k < m < j ==> !SuccessfulCreate(ops[m], errs[m], t))
      ensures t as int < |states[j]| && states[j][t] != Running
    {
      LemmaKilledStaysDead(states, ops, errs, k, t, j);
    }
  }
}
