namespace Verified.Cli.Testing;

/// <summary>What one stage of <c>verified test</c> counted: checks passed and failed, in that stage's own unit.</summary>
internal sealed record StageResult(string Name, int Passed, int Failed, string Unit)
{
    public bool Succeeded => Failed == 0;
}
