// One step of the post-processing pipeline.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>A syntax-tree rewrite of a generated compilation unit.</summary>
internal interface IRewriter
{
    /// <summary>Short name for logs.</summary>
    string Name { get; }

    /// <summary>Returns the rewritten unit and records what it removed or replaced.</summary>
    CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log);
}

/// <summary>What the rewriters did, one line each, with lines of the input file.</summary>
internal sealed class RewriteLog
{
    private readonly List<string> _entries = new();

    public IReadOnlyList<string> Entries => _entries;

    public void Removed(SyntaxNode node, string what) => _entries.Add($"line {OriginalLine.Of(node)}: removed {what}");

    public void Replaced(SyntaxNode node, string what) => _entries.Add($"line {OriginalLine.Of(node)}: replaced {what}");
}
