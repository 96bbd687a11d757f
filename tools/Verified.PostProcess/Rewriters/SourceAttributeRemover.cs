// Removes the assembly attribute that embeds the whole Dafny source (DafnyAssembly.DafnySourceAttribute).
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>Drops `[assembly: DafnyAssembly.DafnySourceAttribute(...)]`.</summary>
internal sealed class SourceAttributeRemover : IRewriter
{
    public string Name => "source attribute";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        var doomed = unit.AttributeLists
            .Where(list => list.Attributes.Any(a => a.Name.ToString().Contains("DafnySourceAttribute")))
            .ToList();
        foreach (var list in doomed)
        {
            log.Removed(list, "assembly attribute DafnySourceAttribute (embedded Dafny source)");
        }
        return unit.RemoveNodes(doomed, SyntaxRemoveOptions.KeepNoTrivia)!;
    }
}
