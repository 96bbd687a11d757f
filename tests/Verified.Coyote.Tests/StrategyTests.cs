using Verified.Coyote.SystematicTesting;
using Verified.Explorer.Scenarios.Engine;
using Xunit;

namespace Verified.Coyote.Tests;

/// <summary>Each strategy finds each planted bug, and each bug replays from its trace.</summary>
public sealed class StrategyTests : EngineTestBase
{
    [Theory]
    [MemberData(nameof(Strategies))]
    public void FindsLostUpdate(string strategy) =>
        TestWithError(ConfigurationFor(strategy), "lost-update", LostUpdate.Buggy, "lost update: counter is 1");

    [Theory]
    [MemberData(nameof(Strategies))]
    public void FindsLockOrderDeadlockAndSaysWhoWaitsForWhat(string strategy)
    {
        TestReport report = TestWithError(ConfigurationFor(strategy), "deadlock", LockOrderDeadlock.Buggy, "deadlock: ");
        Assert.Contains("forward#2 waits for lock 'second' held by backward#3", report.BugReports[0]);
        Assert.Contains("backward#3 waits for lock 'first' held by forward#2", report.BugReports[0]);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void FindsDroppedRequestAsHotMonitorAtTheEnd(string strategy) =>
        TestWithError(ConfigurationFor(strategy), "dropped-request", DroppedRequest.Buggy,
            "liveness: monitor EveryRequestAnswered ends in hot state 'owed'");

    [Theory]
    [MemberData(nameof(Strategies))]
    public void FindsDepthThreeOrderingBug(string strategy) =>
        TestWithError(ConfigurationFor(strategy, iterations: 20_000), "late-initialization", LateInitialization.Buggy,
            "reader saw the configuration between reset and re-initialization");

    [Theory]
    [InlineData("random")]
    [InlineData("fair-pct")]
    public void FairStrategiesFindLivenessBugsThatNeverTerminate(string strategy)
    {
        Configuration configuration = ConfigurationFor(strategy).WithLivenessTemperatureThreshold(200);
        TestWithError(configuration, "dropped-request-forever", DroppedRequest.BuggyNonTerminating,
            "liveness: monitor EveryRequestAnswered stayed in hot state 'owed'");
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void FixedModelsHaveNoBug(string strategy)
    {
        Test(ConfigurationFor(strategy, iterations: 300), "lost-update-fixed", LostUpdate.Fixed);
        Test(ConfigurationFor(strategy, iterations: 300), "dropped-request-fixed", DroppedRequest.Fixed);
    }
}
