using System.IO;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class IncrementalStepTests : System.IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("verified-step-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void RunsOnceThenOnlyWhenInputsOrCommandChange()
    {
        var workspace = new Workspace(_root, _root);
        string input = Path.Combine(_root, "in.txt");
        string output = Path.Combine(_root, "out.txt");
        File.WriteAllText(input, "one");
        int runs = 0;
        bool Step(string flag) => new IncrementalStep(workspace, "copy", [input], [output], ["copy", flag])
            .Run("test", () => { runs++; File.Copy(input, output, overwrite: true); });

        Assert.True(Step("a"));
        Assert.False(Step("a"));
        File.SetLastWriteTimeUtc(input, System.DateTime.UtcNow.AddMinutes(1)); // touched, same content
        Assert.False(Step("a"));
        File.WriteAllText(input, "two");
        Assert.True(Step("a"));
        Assert.True(Step("b"));
        File.Delete(output);
        Assert.True(Step("b"));
        Assert.Equal(4, runs);
    }

    [Fact]
    public void FailedStepLeavesNoStamp()
    {
        var workspace = new Workspace(_root, _root);
        string input = Path.Combine(_root, "in.txt");
        string output = Path.Combine(_root, "out.txt");
        File.WriteAllText(input, "x");
        var step = new IncrementalStep(workspace, "fails", [input], [output], ["cmd"]);
        Assert.Throws<CliException>(() => step.Run("test", () => { }));
        int runs = 0;
        step.Run("test", () => { runs++; File.WriteAllText(output, "y"); });
        Assert.Equal(1, runs);
    }
}
