extern alias mutant;

using Bug = mutant::Verified.Kernel.Core.PlantedBug;

namespace Verified.Explorer.Kernel;

/// <summary>The planted bugs of the mutants build (kernel/Core/PlantedBug.cs), named for the scenarios.</summary>
public static class PlantedBugs
{
    public const int CancelLosesError = Bug.CancelLosesError;
    public const int NotifyDropsBits = Bug.NotifyDropsBits;
    public const int TimeoutLosesPhase = Bug.TimeoutLosesPhase;
}
