using System;
using System.Collections.Generic;
using System.Linq;
using Verified.Explorer.Scenarios.Engine;
using Verified.Explorer.Scenarios.Kernel;

namespace Verified.Explorer.Scenarios;

/// <summary>Every scenario by name. Names are stable: trace files refer to them.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        // The engine's own planted races: small models that show each kind of bug it reports.
        new("engine/lost-update", "two writers race on a read-modify-write", LostUpdate.Buggy,
            "lost update: counter is 1"),
        new("engine/lost-update-fixed", "the same under a lock: no schedule loses an update", LostUpdate.Fixed),
        new("engine/lock-order-deadlock", "two locks taken in opposite orders", LockOrderDeadlock.Buggy, "deadlock: "),
        new("engine/dropped-request", "a one-slot mailbox overwritten: a request is never answered",
            DroppedRequest.Buggy, "liveness: monitor EveryRequestAnswered ends in hot state 'owed'"),
        new("engine/dropped-request-fixed", "clients wait for the slot: every request is answered", DroppedRequest.Fixed),
        new("engine/late-initialization", "a depth-3 ordering bug hidden among noise", LateInitialization.Buggy,
            "reader saw the configuration between reset and re-initialization"),

        // The kernel on SimMachine, scheduled by the engine; the IPC invariant is checked after every machine step.
        new("kernel/cancel-vs-rendezvous", "a Call canceled while its server waits: reply or ErrCanceled, never both",
            CancelVsRendezvous.Run),
        new("kernel/cancel-loses-error", "the same with the planted bug CancelLosesError (canceled thread woken with OK)",
            CancelVsRendezvous.LostCancelError, "client got OK without a reply"),
        new("kernel/cancel-skips-reply-wait",
            "the same with the planted bug CancelSkipsReplyWait (a Call waiting for its reply is not canceled)",
            CancelVsRendezvous.ReplyWaitNotCanceled, $"client canceled in state {IpcTypes.__default.RecvClosed} ended with 0"),
        new("kernel/reply-wait-loses-phase",
            "the same with the planted bug ReplyWaitLosesPhase (a Call's reply wait is not its receive phase)",
            CancelVsRendezvous.ReplyWaitLosesPhase, "server received the message of a client canceled in its send phase"),
        new("kernel/timeout-vs-send", "a receive timeout racing the send: both OK or both time out",
            TimeoutVsSend.Run),
        new("kernel/timeout-loses-phase", "the same with the planted bug TimeoutLosesPhase (no receive-phase bit)",
            TimeoutVsSend.LostPhase, "receiver c"),
        new("kernel/notify-vs-poll", "signals racing zero-timeout NotifyWaits and a cancel: no bit lost",
            NotifyVsPoll.Run),
        new("kernel/notify-drops-bits", "the same with the planted bug NotifyDropsBits (waiter woken without bits)",
            NotifyVsPoll.DroppedBits, "NotifyWait 0 with bits 0"),
        new("kernel/timeout-while-busy", "a timed Wait while another thread is busy, on a clock of two ticks a step",
            TimeoutWhileBusy.Run),
        new("kernel/tick-skips-slots", "the same with the planted bug TickSkipsSlots (the timer skips missed ticks)",
            TimeoutWhileBusy.SkippedSlot, "receiver still waits at tick"),
        new("kernel/badged-clients", "two clients with differently badged endpoint capabilities Call one server",
            BadgedClients.Run),
        new("kernel/badge-of-receiver", "the same with the planted bug BadgeOfReceiver (the receiver's badge row is read)",
            BadgedClients.WrongBadge, "server got badge 0 with a message from client"),
        new("kernel/reply-after-send", "a Call and a Send to one server, one Reply after both: only to a Call",
            ReplyAfterSend.Run),
        new("kernel/reply-target-kept", "the same with the planted bug ReplyTargetKept (a Send leaves the caller as target)",
            ReplyAfterSend.KeptTarget, "reply accepted after a Send"),
        new("kernel/wake-preempts", "a low-priority Send wakes a high-priority server, which runs first",
            WakePreempts.Run),
        new("kernel/preemption-ignored", "the same with the planted bug PreemptionIgnored (a preempted thread runs on)",
            WakePreempts.NotPreempted, "ran on before the server"),
        new("kernel/polling-call", "a Call with send timeout zero against a server that may not wait yet",
            PollingCall.Run),
        new("kernel/call-timeouts-swapped", "the same with the planted bug CallTimeoutsSwapped (send and receive timeouts swapped)",
            PollingCall.SwappedTimeouts, "the client no longer waits for it"),
        new("kernel/donation-chain-timeout",
            "a high-priority Call through two low-priority servers, the inner Call with a receive timeout, a medium " +
            "thread Ready: the chain runs at the client's priority, every context comes back", DonationChainTimeout.Run),
        new("kernel/lent-priority-ignored",
            "the same with the planted bug LentPriorityIgnored (threads scheduled at their own priority, not the lent one)",
            // Found either by the medium thread running during the chain or, when it is done, by the IPC invariant
            // (the machine runs a server below the Ready one the client lent its priority): both say "outranks".
            DonationChainTimeout.LentPriorityIgnored, "outranks"),

        // Long IPC: string transfers in chunks, page faults during the copy, nested page-fault IPC.
        new("kernel/abort-during-transfer", "a three-chunk string transfer aborted once at any point: all or the bytes reported",
            AbortDuringTransfer.Run),
        new("kernel/transferred-not-reported",
            "the same with the planted bug TransferredNotReported (the bytes moved are not written to the UTCB)",
            AbortDuringTransfer.TransferredNotReported, "bytes moved, aborted"),
        new("kernel/nested-fault-timeout", "a pager's reply to a nested page fault races the send page-fault timeout",
            NestedFaultTimeout.Run),
        new("kernel/shadow-not-withdrawn",
            "the same with the planted bug ShadowNotWithdrawn (the nested IPC stays after the outer one timed out)",
            NestedFaultTimeout.ShadowNotWithdrawn, "nested IPC not withdrawn"),
        new("kernel/fault-chunk-counted",
            "the same with the planted bug FaultChunkCounted (a chunk cut short by a fault counts as copied)",
            NestedFaultTimeout.FaultChunkCounted, "buffer byte"),
        new("kernel/nested-fault-canceled", "a cancel at any point of a long IPC whose nested page-fault IPC is pending",
            NestedFaultCanceled.Run),
        new("kernel/nested-cancel-resumes",
            "the same with the planted bug NestedCancelResumes (a canceled nested IPC resumes the transfer)",
            NestedFaultCanceled.ResumedAfterCancel, "canceled nested fault"),
        new("kernel/cancel-of-pager", "cancel of the pager while it waits for or serves a nested page fault",
            CancelOfPager.Run),
        new("kernel/kill-during-transfer", "the receiver of a string transfer deleted once at any point",
            KillDuringTransfer.Run),
        new("kernel/demap-during-transfer",
            "sigma0 takes back, at any point, the pages a client sends as a string: all of it, or ErrNestedPf and a prefix",
            DemapDuringTransfer.Run),
        new("kernel/interrupt-during-transfer",
            "a device interrupts a high-priority driver while a low-priority pair moves a string: all delivered",
            InterruptDuringTransfer.Run),

        // Capabilities: revoke and delete while threads are queued on the object.
        new("kernel/delete-while-queued",
            "two badged clients Call, the endpoint's capabilities are revoked and deleted once at any point",
            DeleteWhileQueued.Run),
    ];

    /// <summary>The kernel's planted bugs (the mutants build, kernel/Core/PlantedBug.cs): <c>explore --mutants</c>.</summary>
    public static IReadOnlyList<Scenario> Mutants { get; } =
        All.Where(s => s.ExpectsBug && s.Name.StartsWith("kernel/", StringComparison.Ordinal)).ToList();

    public static Scenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>Groups of scenarios: the part of a name before its '/' ("engine", "kernel").</summary>
    public static IReadOnlyList<string> Groups { get; } =
        All.Select(s => s.Name[..s.Name.IndexOf('/', StringComparison.Ordinal)]).Distinct().ToList();

    /// <summary>Scenarios whose name equals a pattern or starts with it followed by '/', e.g. "engine"; all of them
    /// when there is no pattern. A pattern that matches nothing is an error that lists the valid names.</summary>
    public static IReadOnlyList<Scenario> Select(IReadOnlyList<string> patterns)
    {
        if (patterns.Count == 0)
        {
            return All;
        }
        string? unknown = patterns.FirstOrDefault(p => !All.Any(s => Matches(s, p)));
        if (unknown is not null)
        {
            throw new ArgumentException($"unknown scenario '{unknown}'; valid are the groups {string.Join(", ", Groups)} " +
                $"and the scenarios{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", All.Select(s => s.Name))}");
        }
        return All.Where(s => patterns.Any(p => Matches(s, p))).ToList();
    }

    private static bool Matches(Scenario scenario, string pattern) =>
        scenario.Name == pattern || scenario.Name.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal);
}
