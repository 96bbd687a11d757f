using System;
using System.Threading.Tasks;
using Verified.Coyote.Runtime;

namespace Verified.Explorer.Scenarios;

/// <summary>
/// A test the engine explores: a name (used on the command line and in trace headers), what it exercises, its entry,
/// and, for bugs planted on purpose, the bug the engine must find (its report contains this text).
/// </summary>
public sealed record Scenario(string Name, string Description, Func<ControlledRuntime, Task> Test, string? PlantedBug = null)
{
    public bool ExpectsBug => PlantedBug is not null;
}
