// Planted bugs, compiled only into the mutants build of the Sim kernel (coyote-tests/Verified.Sim.Kernel.Mutants,
// symbol MUTANTS): the explorer shows that its kernel scenarios find each one. A scenario picks the one active bug
// before it builds its world; the booted image and the real Sim kernel contain none of this.
#if MUTANTS
namespace Verified.Kernel.Core
{
    public static class PlantedBug
    {
        public const int None = 0;
        public const int CancelLosesError = 1;      // a canceled thread is woken with OK
        public const int NotifyDropsBits = 2;       // a woken notification waiter gets OK but no bits
        public const int TimeoutLosesPhase = 3;     // a receive timeout is reported without its receive-phase bit
        public const int TickSkipsSlots = 4;        // the timer advances only the wheel slot of now, not the ticks it missed
        public const int CancelSkipsReplyWait = 5;  // cancel leaves a Call that waits for its reply waiting
        public const int ReplyWaitLosesPhase = 6;   // a Call's reply wait is not marked as its receive phase
        public const int BadgeOfReceiver = 7;       // a received message carries the receiver's badge, not the sender's
        public const int ReplyTargetKept = 8;       // a message that needs no reply leaves the previous caller as reply target
        public const int PreemptionIgnored = 9;     // the Sim machine keeps running a thread a higher-priority one preempted
        public const int CallTimeoutsSwapped = 10;  // a Call passes its receive timeout as the send timeout and the reverse
        public const int LentPriorityIgnored = 11;  // threads are scheduled at their own priority, not at the one lent to them
        public const int NestedCancelResumes = 12;  // a nested page-fault IPC that failed resumes the transfer as if resolved
        public const int ShadowNotWithdrawn = 13;   // the nested page-fault IPC stays when the outer IPC ended first
        public const int TransferredNotReported = 14; // the bytes a transfer moved are not written to the UTCB when it ends
        public const int FaultChunkCounted = 15;    // a chunk cut short by a page fault is counted as copied whole

        public static int Active { get; set; }

        public static bool Is(int bug) => Active == bug;
    }
}
#endif
