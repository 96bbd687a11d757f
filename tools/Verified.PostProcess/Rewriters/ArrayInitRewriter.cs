// Replaces Dafny.ArrayHelpers.InitNewArrayN<T>(zero, n...) with `new T[n...]`: C# zeroes new arrays.
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>
/// `Dafny.ArrayHelpers.InitNewArray1&lt;T&gt;(z, n)` fills a new array with `z`. When `z` is the C# default (0,
/// false, null), `new T[n]` means the same. Any other `z` (a newtype whose witness is not 0) is left alone: its
/// elements must satisfy the newtype's constraint, so zeroes would be unsound. The checker then rejects it.
/// </summary>
internal sealed class ArrayInitRewriter : CSharpSyntaxRewriter, IRewriter
{
    private RewriteLog? _log;

    public string Name => "array initialisation";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        _log = log;
        return (CompilationUnitSyntax)Visit(unit);
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (visited.Expression is not MemberAccessExpressionSyntax access
            || access.Name is not GenericNameSyntax generic
            || !generic.Identifier.ValueText.StartsWith("InitNewArray", System.StringComparison.Ordinal)
            || !access.Expression.ToString().EndsWith("ArrayHelpers", System.StringComparison.Ordinal)
            || generic.TypeArgumentList.Arguments.Count != 1)
        {
            return visited;
        }
        var args = visited.ArgumentList.Arguments;
        int rank = args.Count - 1;
        if (rank < 1 || generic.Identifier.ValueText != $"InitNewArray{rank}" || !RuntimeNames.IsZeroValue(args[0].Expression))
        {
            return visited;
        }
        var sizes = SyntaxFactory.SeparatedList(args.Skip(1).Select(a => a.Expression.WithoutTrivia()));
        var creation = SyntaxFactory.ArrayCreationExpression(
            SyntaxFactory.ArrayType(
                generic.TypeArgumentList.Arguments[0].WithoutTrivia(),
                SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier(sizes))))
            .NormalizeWhitespace()
            .WithTriviaFrom(visited);
        _log?.Replaced(node, $"{generic.Identifier.ValueText}<{generic.TypeArgumentList.Arguments[0]}>(0, ...) by new T[...]");
        return creation;
    }
}
