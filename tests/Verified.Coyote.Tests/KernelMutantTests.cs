using System.Linq;
using Verified.Coyote.SystematicTesting;
using Verified.Explorer.Scenarios;
using Xunit;

namespace Verified.Coyote.Tests;

/// <summary>
/// The kernel's planted bugs (the mutants build, kernel/Core/PlantedBug.cs), as <c>explore --mutants</c> runs them:
/// each found within the CI budget by pct and random and replayed from its trace; the kernel scenarios without a
/// planted bug pass on the real kernel.
/// </summary>
public sealed class KernelMutantTests : EngineTestBase
{
    public static readonly TheoryData<string, string> Mutants = Cases(ScenarioCatalog.Mutants.Select(s => s.Name));

    public static readonly TheoryData<string, string> RealKernel = Cases(ScenarioCatalog.All
        .Where(s => !s.ExpectsBug && s.Name.StartsWith("kernel/", System.StringComparison.Ordinal)).Select(s => s.Name));

    [Fact]
    public void AtLeastEightMutantsEachFoundByItsOwnMessage()
    {
        Assert.True(ScenarioCatalog.Mutants.Count >= 8, $"{ScenarioCatalog.Mutants.Count} mutants");
        Assert.All(ScenarioCatalog.Mutants, s => Assert.StartsWith("kernel/", s.Name));
        Assert.Equal(ScenarioCatalog.Mutants.Count, ScenarioCatalog.Mutants.Select(s => s.PlantedBug).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Mutants))]
    public void MutantIsFoundAndReplays(string strategy, string name)
    {
        Scenario scenario = ScenarioCatalog.Find(name)!;
        TestWithError(ConfigurationFor(strategy), name, scenario.Test, scenario.PlantedBug!);
    }

    [Theory]
    [MemberData(nameof(RealKernel))]
    public void RealKernelHasNoBug(string strategy, string name) =>
        Test(ConfigurationFor(strategy, iterations: 300), name, ScenarioCatalog.Find(name)!.Test);

    private static TheoryData<string, string> Cases(System.Collections.Generic.IEnumerable<string> names)
    {
        var cases = new TheoryData<string, string>();
        foreach (string name in names)
        {
            cases.Add("pct", name);
            cases.Add("random", name);
        }
        return cases;
    }

    /// <summary>dfs on the kernel: the armed timer can always fire, so only the depth bound makes schedules end. Within
    /// 8 choices it exhausts a kernel scenario without a bug; at the default bound every schedule still ends (no
    /// "threads still running") and it finds a planted bug that every schedule shows.</summary>
    [Fact]
    public void DfsExhaustsKernelScenariosWithinItsDepthBound()
    {
        TestReport bounded = Test(ConfigurationFor("dfs", iterations: 100_000).WithDfsStrategy(depthBound: 8),
            "kernel/polling-call", ScenarioCatalog.Find("kernel/polling-call")!.Test);
        Assert.True(bounded.Exhausted, $"{bounded.NumOfExploredSchedules} schedules");
        Assert.True(bounded.DepthBoundReached);
        Test(ConfigurationFor("dfs", iterations: 300), "kernel/cancel-vs-rendezvous",
            ScenarioCatalog.Find("kernel/cancel-vs-rendezvous")!.Test);
        TestWithError(ConfigurationFor("dfs", iterations: 300), "kernel/badge-of-receiver",
            ScenarioCatalog.Find("kernel/badge-of-receiver")!.Test, "server got badge 0");
    }
}
