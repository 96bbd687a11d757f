// Removes statements that follow a return/throw/break/continue/goto in the same block (CS0162 otherwise).
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>
/// Dafny ends every method with `return out;` even after an explicit `return`, which is unreachable code (warning
/// CS0162, an error under warnings-as-errors). Statements after a jump in the same block are dropped unless a label
/// follows (a `goto` could reach it).
/// </summary>
internal sealed class UnreachableCodeRemover : CSharpSyntaxRewriter, IRewriter
{
    private RewriteLog? _log;

    public string Name => "unreachable code";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        _log = log;
        return (CompilationUnitSyntax)Visit(unit);
    }

    public override SyntaxNode? VisitBlock(BlockSyntax node)
    {
        var block = (BlockSyntax)base.VisitBlock(node)!;
        var statements = block.Statements;
        for (int i = 0; i < statements.Count - 1; i++)
        {
            if (!IsJump(statements[i]))
            {
                continue;
            }
            var rest = statements.Skip(i + 1).ToList();
            if (rest.Any(s => s.DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any()))
            {
                return block;
            }
            _log?.Removed(node.Statements[i + 1], $"{rest.Count} unreachable statement(s)");
            return block.WithStatements(SyntaxFactory.List(statements.Take(i + 1)));
        }
        return block;
    }

    private static bool IsJump(StatementSyntax s) => s.Kind() is SyntaxKind.ReturnStatement or SyntaxKind.ThrowStatement
        or SyntaxKind.BreakStatement or SyntaxKind.ContinueStatement or SyntaxKind.GotoStatement;
}
