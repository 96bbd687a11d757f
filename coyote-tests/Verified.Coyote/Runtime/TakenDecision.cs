namespace Verified.Coyote.Runtime;

/// <summary>
/// A decision as a run takes it: its number in the schedule (from 1), the decision, and what it means: for a
/// scheduling decision the name of the operation that runs, for a data choice what the program said it chooses
/// (the simulated kernel names a preemption point's answer, e.g. "preempt sender"), if it said. A replay reports
/// each one as it happens, so its output follows the program.
/// </summary>
public readonly record struct TakenDecision(int Number, Decision Decision, string? Meaning);
