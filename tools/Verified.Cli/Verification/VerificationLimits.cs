namespace Verified.Cli.Verification;

/// <summary>
/// The limits every proof must meet, enforced by <c>./verified verify</c> and so by CI. A proof that needs more is split
/// or made cheaper (opaque functions, smaller lemmas); the limit is never raised to make a slow proof pass.
/// </summary>
internal static class VerificationLimits
{
    /// <summary>
    /// Z3 resource units per verification condition (Dafny's <c>--resource-limit</c>). Deterministic, unlike a time
    /// limit. Chosen about 10x above the costliest procedure measured with <c>dafny measure-complexity</c> (see
    /// docs/verification.md), so ordinary solver variation passes and a proof that degrades fails.
    /// </summary>
    public const int ResourceLimit = 2_000_000;

    /// <summary>Solver threads; CI machines have two cores.</summary>
    public const int Cores = 2;
}
