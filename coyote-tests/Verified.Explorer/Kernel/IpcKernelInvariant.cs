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
    public static uint ExpectedQueue(IpcKernel k, uint t)
    {
        byte s = k.state[t];
        uint p = k.prio[t];
        uint o = k.obj[t];
        uint n = k.n;
        if (p >= NPrio) return QNil;
        if (s == Ready) return p;
        if ((s == SendBlocked || s == CallBlocked) && o < k.ne) return 32 + n + o * 64 + p;
        if (s == RecvBlocked && o < k.ne) return 32 + n + o * 64 + 32 + p;
        if (s == RecvClosed && o < n) return 32 + o;
        return QNil;
    }

    private static bool Live(byte s) => s != Free && s != Dead;

    private static bool Timed(IpcKernel k, uint t)
    {
        byte s = k.state[t];
        bool waiting = s == SendBlocked || s == CallBlocked || s == RecvBlocked || s == RecvClosed || s == Sleeping;
        return waiting || ((s == XferSend || s == XferRecv) && k.pfPending[t] != 0);
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
        uint n = k.n;
        var q = k.q;
        int running = 0;
        for (uint t = 0; t < n; t++)
        {
            byte s = k.state[t];
            if (s > MaxState) return $"thread {t}: state {s}";
            if (q.owner[t] != ExpectedQueue(k, t)) return $"thread {t} state {s}: in queue {q.owner[t]}, expected {ExpectedQueue(k, t)}";
            if (s == Running) { running++; if (k.current != t) return $"thread {t} Running but current {k.current}"; }
            uint o = k.obj[t];
            if (s == RecvClosed && (o >= n || !Live(k.state[o]))) return $"thread {t} waits closed on dead {o}";
            if (s == XferSend && (o >= n || k.state[o] != XferRecv || k.obj[o] != t)) return $"thread {t} XferSend partner {o} not symmetric";
            if (s == XferRecv && (o >= n || k.state[o] != XferSend || k.obj[o] != t)) return $"thread {t} XferRecv partner {o} not symmetric";
            if ((s == SendBlocked || s == CallBlocked || s == RecvBlocked) && (o >= k.ne || k.epAlive[o] == NoObject)) return $"thread {t} on dead object {o}";
            bool inWheel = q.owner[n + t] != QNil;
            bool shouldBe = Timed(k, t) && k.deadline[t] != Forever;
            if (inWheel != shouldBe) return $"thread {t} state {s}: in wheel {inWheel}, expected {shouldBe}";
            if (inWheel && q.owner[n + t] != 32 + n + k.ne * 64 + (uint)(k.deadline[t] % WheelSlots)) return $"thread {t} in wrong wheel slot";
            if (k.pfPending[t] != 0 && s != XferSend && s != XferRecv) return $"thread {t} page fault outside a transfer";
        }
        if (running > 1) return "more than one Running thread";
        if (k.current != NoThread && (k.current >= n || k.state[k.current] != Running)) return $"current {k.current} not Running";
        for (uint t = 0; t < n; t++)
        {
            if (k.state[t] != Ready) continue;
            if (k.current == NoThread) return $"idle while thread {t} is Ready";
            if (k.prio[t] > k.prio[k.current]) return $"Ready thread {t} outranks current {k.current}";
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
