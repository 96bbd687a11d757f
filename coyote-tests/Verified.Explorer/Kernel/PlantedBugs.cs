extern alias mutant;

using Bug = mutant::Verified.Kernel.Core.PlantedBug;

namespace Verified.Explorer.Kernel;

/// <summary>The planted bugs of the mutants build (kernel/Core/PlantedBug.cs), named for the scenarios.</summary>
public static class PlantedBugs
{
    public const int CancelLosesError = Bug.CancelLosesError;
    public const int NotifyDropsBits = Bug.NotifyDropsBits;
    public const int TimeoutLosesPhase = Bug.TimeoutLosesPhase;
    public const int TickSkipsSlots = Bug.TickSkipsSlots;
    public const int CancelSkipsReplyWait = Bug.CancelSkipsReplyWait;
    public const int ReplyWaitLosesPhase = Bug.ReplyWaitLosesPhase;
    public const int BadgeOfReceiver = Bug.BadgeOfReceiver;
    public const int ReplyTargetKept = Bug.ReplyTargetKept;
    public const int PreemptionIgnored = Bug.PreemptionIgnored;
    public const int CallTimeoutsSwapped = Bug.CallTimeoutsSwapped;
    public const int LentPriorityIgnored = Bug.LentPriorityIgnored;
    public const int NestedCancelResumes = Bug.NestedCancelResumes;
    public const int ShadowNotWithdrawn = Bug.ShadowNotWithdrawn;
    public const int TransferredNotReported = Bug.TransferredNotReported;
    public const int FaultChunkCounted = Bug.FaultChunkCounted;
}
