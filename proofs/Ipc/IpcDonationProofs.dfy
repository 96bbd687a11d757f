// Scheduling contexts (issue: property e, the exception donation and helping need, and its bound), as lemmas over
// the step relations of spec/Ipc/IpcSteps.dfy and spec/Ipc/IpcMessageSteps.dfy: lending only raises priorities and
// moves nothing else; a thread nobody waits for any more gets its own priority back; a thread still waited for
// keeps what it was lent.
include "../../spec/Ipc/IpcMessageSteps.dfy"

module IpcDonationProofs {
  import opened NativeTypes
  import opened IpcTypes
  import opened IpcInvariant
  import opened IpcSteps
  import opened IpcMessageSteps

  // Lending only raises: every thread keeps its priority, or runs at the lender's priority p which is above what
  // it had.
  lemma LendNeverLowers(n: u32, ne: u32, k: Tcbs, t: u32, p: u8, s: u32, fuel: u32, u: int)
    requires Shaped(n, ne, k) && 0 <= u < n as int
    ensures LendEffect(n, ne, k, t, p, s, fuel).pr[u] == k.pr[u] ||
            (LendEffect(n, ne, k, t, p, s, fuel).pr[u] == p && k.pr[u] < p)
    decreases fuel
  {
    reveal LendEffect();
    if !(fuel == 0 || t >= n || t == s || !IsLive(k.st[t]) || k.pr[t] > p) && k.st[t] == RecvClosed {
      var k1 := if k.pr[t] < p then PrioEffect(n, ne, k, t, p) else k;
      LendNeverLowers(n, ne, k1, k.ob[t], p, s, fuel - 1, u);
    }
  }

  // Lending wakes, blocks and fails nobody: states, objects waited on, results, deadlines, page-fault flags, IPC
  // objects and the current thread stay as they are (only priorities and the queue positions they key change).
  lemma LendMovesNothingElse(n: u32, ne: u32, k: Tcbs, t: u32, p: u8, s: u32, fuel: u32)
    requires Shaped(n, ne, k)
    ensures var k' := LendEffect(n, ne, k, t, p, s, fuel);
            k'.st == k.st && k'.ob == k.ob && k'.er == k.er && k'.dl == k.dl && k'.pf == k.pf && k'.ep == k.ep &&
            k'.cur == k.cur
    decreases fuel
  {
    reveal LendEffect();
    if !(fuel == 0 || t >= n || t == s || !IsLive(k.st[t]) || k.pr[t] > p) && k.st[t] == RecvClosed {
      var k1 := if k.pr[t] < p then PrioEffect(n, ne, k, t, p) else k;
      LendMovesNothingElse(n, ne, k1, k.ob[t], p, s, fuel - 1);
    }
  }

  // The bound: once no thread waits for r in a closed receive, the return gives r its own priority back ...
  lemma ReturnRestoresOwn(n: u32, ne: u32, k: Tcbs, r: u32, own: seq<OwnPrio>)
    requires Shaped(n, ne, k) && r < n && |own| == n as int && IsLive(k.st[r]) && Unreferenced(n, k, r)
    requires own[r] < NPrio as OwnPrio
    ensures ReturnEffect(n, ne, k, r, own).pr[r] as OwnPrio == own[r]
  {
  }

  // ... while a thread still waits for r, r keeps what it was lent, and the return changes nothing.
  lemma ReturnKeepsWhileWaitedFor(n: u32, ne: u32, k: Tcbs, r: u32, own: seq<OwnPrio>)
    requires Shaped(n, ne, k) && !Unreferenced(n, k, r)
    ensures ReturnEffect(n, ne, k, r, own) == k
  {
  }

  // Cancel of the only thread waiting for r (a Call's reply wait, a Receive from r) gives r its own priority back.
  lemma CancelOfTheLastWaiterReturns(n: u32, ne: u32, k: Tcbs, k': Tcbs, t: u32, r: u32, own: seq<OwnPrio>)
    requires CancelStep(n, ne, k, k', t, r, own) && r == OK && t < n && k.st[t] == RecvClosed
    requires var o := k.ob[t]; o < n && o != t && IsLive(k.st[o]) && |own| == n as int && own[o] < NPrio as OwnPrio
    requires forall u :: 0 <= u < n as int && u != t as int && k.st[u] == RecvClosed ==> k.ob[u] != k.ob[t]
    ensures k'.pr[k.ob[t]] as OwnPrio == own[k.ob[t]]
  {
    var k1 := ReadyEffect(n, ne, k, t, ErrCanceled);
    assert Unreferenced(n, k1, k.ob[t]);
    ReturnRestoresOwn(n, ne, k1, k.ob[t], own);
  }
}
