// The IPC core's cross-structure invariant recomputed in C# from the compiled core's arrays: the core tests check it
// after every core step and the kernel scenarios after every machine step. Shared as source (linked by
// tests/Verified.Core.Tests) because it needs only the generated core.
using System;
using IpcState;
using static IpcTypes.__default;

namespace Verified.Explorer.Kernel;

public static class IpcKernelInvariant
{
    public const uint QNil = 0xFFFF_FFFF;

    /// <summary>The queue the spec says thread t belongs in (IpcState.QueueFor), restated in C#.</summary>
    public static uint ExpectedQueue(IpcKernel k, uint t) => Expected(k.state[t], k.prio[t], k.obj[t], k.n, k.ne);

    private static uint Expected(byte s, uint p, uint o, uint n, uint ne)
    {
        if (p >= NPrio) return QNil;
        if (s == Ready) return p;
        if ((s == SendBlocked || s == CallBlocked) && o < ne) return 32 + n + o * 64 + p;
        if (s == RecvBlocked && o < ne) return 32 + n + o * 64 + 32 + p;
        if (s == RecvClosed && o < n) return 32 + o;
        return QNil;
    }

    private static bool Live(byte s) => s != Free && s != Dead;

    private static bool Timed(byte s, byte pfPending)
    {
        bool waiting = s == SendBlocked || s == CallBlocked || s == RecvBlocked || s == RecvClosed || s == Sleeping;
        return waiting || ((s == XferSend || s == XferRecv) && pfPending != 0);
    }

    /// <summary>
    /// (a) a thread's state names exactly the queue holding it, and every queue is a consistent doubly-linked list
    /// whose members name it; (b) closed receives wait on live threads, transfer partners point back at each other;
    /// the wheel holds exactly the timed waits with a finite deadline, in their slot; (e) exactly `current` is
    /// Running and has the highest priority among Ready threads; idle only when nothing is Ready; the bound on lent
    /// scheduling contexts: a live thread never runs below its own priority, and above it only while some thread
    /// waits for it in a closed receive (the lender, or a thread further up a chain of such waits).
    /// </summary>
    private static string? CheckLent(IpcKernel k)
    {
        uint n = k.n;
        Span<bool> waitedFor = n <= 256 ? stackalloc bool[(int)n] : new bool[n];
        for (uint u = 0; u < n; u++)
        {
            if (k.state[u] == RecvClosed && k.obj[u] < n) waitedFor[(int)k.obj[u]] = true;
        }
        for (uint t = 0; t < n; t++)
        {
            if (!Live(k.state[t])) continue;
            if (k.prio[t] < k.m.own[t]) return $"thread {t} runs at {k.prio[t]}, below its own priority {k.m.own[t]}";
            if (k.prio[t] > k.m.own[t] && !waitedFor[(int)t]) return $"thread {t} keeps lent priority {k.prio[t]} (own {k.m.own[t]}) with nobody waiting for it";
            if (k.m.runsOn[t] >= n) return $"thread {t} runs on the timeslice of no thread ({k.m.runsOn[t]})";
            if (k.m.runsOn[t] != t && !waitedFor[(int)t]) return $"thread {t} keeps a lent timeslice with nobody waiting for it";
        }
        return null;
    }

    public static string? Check(IpcKernel k)
    {
        uint n = k.n, ne = k.ne;
        var q = k.q;
        // The arrays in locals: read once, not through the generated properties on every access (this runs after
        // every machine step of every schedule the explorer runs).
        byte[] state = k.state, prio = k.prio, pfPending = k.pfPending, epAlive = k.epAlive;
        uint[] obj = k.obj, owner = q.owner;
        ulong[] deadline = k.deadline;
        uint current = k.current;
        int running = 0;
        for (uint t = 0; t < n; t++)
        {
            byte s = state[t];
            if (s > MaxState) return $"thread {t}: state {s}";
            uint o = obj[t];
            uint expected = Expected(s, prio[t], o, n, ne);
            if (owner[t] != expected) return $"thread {t} state {s}: in queue {owner[t]}, expected {expected}";
            if (s == Running) { running++; if (current != t) return $"thread {t} Running but current {current}"; }
            if (s == RecvClosed && (o >= n || !Live(state[o]))) return $"thread {t} waits closed on dead {o}";
            if (s == XferSend && (o >= n || state[o] != XferRecv || obj[o] != t)) return $"thread {t} XferSend partner {o} not symmetric";
            if (s == XferRecv && (o >= n || state[o] != XferSend || obj[o] != t)) return $"thread {t} XferRecv partner {o} not symmetric";
            if ((s == SendBlocked || s == CallBlocked || s == RecvBlocked) && (o >= ne || epAlive[o] == NoObject)) return $"thread {t} on dead object {o}";
            bool inWheel = owner[n + t] != QNil;
            bool shouldBe = Timed(s, pfPending[t]) && deadline[t] != Forever;
            if (inWheel != shouldBe) return $"thread {t} state {s}: in wheel {inWheel}, expected {shouldBe}";
            if (inWheel && owner[n + t] != 32 + n + ne * 64 + (uint)(deadline[t] % WheelSlots)) return $"thread {t} in wrong wheel slot";
            if (pfPending[t] != 0 && s != XferSend && s != XferRecv) return $"thread {t} page fault outside a transfer";
        }
        if (running > 1) return "more than one Running thread";
        if (current != NoThread && (current >= n || state[current] != Running)) return $"current {current} not Running";
        for (uint t = 0; t < n; t++)
        {
            if (state[t] != Ready) continue;
            if (current == NoThread) return $"idle while thread {t} is Ready";
            if (prio[t] > prio[current]) return $"Ready thread {t} outranks current {current}";
        }
        string? lent = CheckLent(k);
        if (lent != null) return lent;
        // Every queue: head/tail/next/prev consistent, members name the queue. The arrays are read into locals once:
        // the generated fields are property getters, which unoptimized (Debug) code calls on every access. Most of the
        // queues (over a thousand: ready, endpoint and wheel queues) are empty, and an empty queue is consistent
        // exactly when its tail is empty too, so vectorized searches go straight to the queues with a head or a tail,
        // in order: the explorer runs this after every machine step of every schedule.
        uint[] heads = q.head, tails = q.tail, nexts = q.next, prevs = q.prev, owners = q.owner;
        uint nodes = q.n;
        ReadOnlySpan<uint> headSpan = heads.AsSpan(0, (int)q.nq), tailSpan = tails.AsSpan(0, (int)q.nq);
        for (int qi = NextUsed(headSpan, tailSpan, 0); qi >= 0; qi = NextUsed(headSpan, tailSpan, qi + 1))
        {
            uint prev = QNil;
            uint x = heads[qi];
            uint steps = 0;
            while (x != QNil)
            {
                if (x >= nodes || owners[x] != qi || prevs[x] != prev) return $"queue {qi} broken at node {x}";
                if (++steps > nodes) return $"queue {qi} has a cycle";
                prev = x;
                x = nexts[x];
            }
            if (tails[qi] != prev) return $"queue {qi} tail {tails[qi]}, last {prev}";
        }
        return null;
    }

    /// <summary>The first queue from <paramref name="from"/> on whose head or tail is set, or -1.</summary>
    private static int NextUsed(ReadOnlySpan<uint> heads, ReadOnlySpan<uint> tails, int from)
    {
        int head = heads[from..].IndexOfAnyExcept(QNil);
        int tail = tails[from..].IndexOfAnyExcept(QNil);
        int first = head < 0 ? tail : tail < 0 ? head : Math.Min(head, tail);
        return first < 0 ? -1 : from + first;
    }
}
