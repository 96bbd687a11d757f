// The pipeline: parse, strip the runtime boilerplate with the rewriters, check what remains.
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verified.PostProcess.Rewriters;

namespace Verified.PostProcess;

/// <summary>Result of post-processing one generated file.</summary>
internal sealed record StripResult(string Text, IReadOnlyList<string> Log, IReadOnlyList<Violation> Violations)
{
    public bool Ok => Violations.Count == 0;
}

/// <summary>Strips Dafny-generated C# (output of `dafny translate cs`) down to runtime-free code.</summary>
internal static class GeneratedCodeStripper
{
    /// <summary>The rewriters, in the order they run.</summary>
    public static IReadOnlyList<IRewriter> Pipeline() => new IRewriter[]
    {
        new SourceAttributeRemover(),
        new BoilerplateTypeRemover(),
        new SpecOnlyTypeRemover(),
        new ArrayInitRewriter(),
        new HelperMemberRemover(),
        new UnreachableCodeRemover(),
        new CleanupRewriter(),
        new HotPathShaper(),
        new ProvedIndexAccess(),
        new OwnedArrayShortcut(),
        new WideIndexCopies(),
        new FixedArraySlots(),
    };

    public static StripResult Strip(string source)
    {
        var unit = (CompilationUnitSyntax)OriginalLine.Annotate(CSharpSyntaxTree.ParseText(source).GetRoot());
        var log = new RewriteLog();
        foreach (var rewriter in Pipeline())
        {
            unit = rewriter.Rewrite(unit, log);
        }
        return new StripResult(unit.ToFullString(), log.Entries, RuntimeReferenceChecker.Check(unit));
    }

    /// <summary>Checks a file without rewriting it.</summary>
    public static IReadOnlyList<Violation> Check(string source)
    {
        var root = OriginalLine.Annotate(CSharpSyntaxTree.ParseText(source).GetRoot());
        return RuntimeReferenceChecker.Check(root);
    }
}
