// Array accesses of the verified core without the runtime's bounds check. Dafny's verifier proves every index of every
// array access in compiled code in range (an access it cannot prove is a verification error, and `./verified test`
// verifies the same sources this file is generated from), and Dafny arrays are never null. So the check the code
// generator adds to each access (a load of the length, a compare and a branch to a throw) can never fire, and in the
// core's array-per-field state it is about a third of the instructions of an IPC step.
// `a[i]` becomes `Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), i)`: a reference to the same element, read or
// written as before (both intrinsics are compiled to an address computation; the freestanding corelib has them,
// and hosted .NET has them too). Only the generated core is rewritten: hand-written code keeps its checks.
// An access whose target is not an array no longer compiles, so the rewrite cannot silently change another indexer.
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>One-dimensional array accesses as unchecked element references (their indices are proved in range).</summary>
internal sealed class ProvedIndexAccess : IRewriter
{
    private const string ElementOf = "System.Runtime.CompilerServices.Unsafe.Add";
    private const string FirstElementOf = "System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference";

    public string Name => "proved index access";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        int before = unit.DescendantNodes().OfType<ElementAccessExpressionSyntax>().Count(IsArrayElement);
        var rewritten = (CompilationUnitSyntax)new AccessRewriter().Visit(unit);
        if (before > 0)
        {
            log.Replaced(unit, $"{before} bounds-checked array accesses by unchecked element references");
        }
        return rewritten;
    }

    // `x[i]`: one plain argument. Multi-dimensional arrays (none in the core) and ref arguments stay as they are.
    private static bool IsArrayElement(ElementAccessExpressionSyntax access) =>
        access.ArgumentList.Arguments is { Count: 1 } arguments && arguments[0].RefKindKeyword.IsKind(SyntaxKind.None)
        && arguments[0].NameColon is null;

    // Dafny writes an index as `(int)(e)` with e of an unsigned native type (the proof bounds it by the length, so
    // below 2^31). As a native unsigned offset it needs no sign extension: `(nuint)(e)` names the same element.
    private static ExpressionSyntax Unsigned(ExpressionSyntax index)
    {
        ExpressionSyntax value = index is CastExpressionSyntax { Type: PredefinedTypeSyntax type } cast
            && type.Keyword.IsKind(SyntaxKind.IntKeyword)
            ? cast.Expression
            : SyntaxFactory.ParenthesizedExpression(index);
        return SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName("nuint"), value);
    }

    private sealed class AccessRewriter : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitElementAccessExpression(ElementAccessExpressionSyntax node)
        {
            var visited = (ElementAccessExpressionSyntax)base.VisitElementAccessExpression(node)!;
            if (!IsArrayElement(visited))
            {
                return visited;
            }
            ExpressionSyntax array = visited.Expression.WithoutTrivia();
            ExpressionSyntax index = Unsigned(visited.ArgumentList.Arguments[0].Expression.WithoutTrivia());
            var first = SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression(FirstElementOf),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(array))));
            var element = SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression(ElementOf),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
                    new[]
                    {
                        SyntaxFactory.Argument(null, SyntaxFactory.Token(SyntaxKind.RefKeyword).WithTrailingTrivia(SyntaxFactory.Space), first),
                        SyntaxFactory.Argument(index),
                    },
                    new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) })));
            return element.WithTriviaFrom(visited);
        }
    }
}
