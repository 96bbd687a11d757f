// Array accesses of the verified core without the runtime's bounds check. Dafny's verifier proves every index of every
// array access in compiled code in range (an access it cannot prove is a verification error, and `./verified test`
// verifies the same sources this file is generated from), and Dafny arrays are never null. So the check the code
// generator adds to each access (a load of the length, a compare and a branch to a throw) can never fire, and in the
// core's array-per-field state it is about a third of the instructions of an IPC step.
// Each access becomes a reference to the same element, read or written as before:
// - `x.f[i]`, f the getter of an array field `_f` (Dafny's field storage, a plain field after HotPathShaper), becomes
//   `ProvedArray.At(ref x._f, i)` (boot/Runtime/ProvedArray.cs): the field is read as the array's address, with no
//   null check either (the freestanding runtime never moves an object);
// - any other `a[i]` becomes `Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), i)`, which keeps a null check.
// Both compile to an address computation. Only the generated core is rewritten: hand-written code keeps its checks.
// An access whose target is not an array no longer compiles, so the rewrite cannot silently change another indexer.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>One-dimensional array accesses as unchecked element references (their indices are proved in range).</summary>
internal sealed class ProvedIndexAccess : IRewriter
{
    private const string ElementOf = "System.Runtime.CompilerServices.Unsafe.Add";
    /// <summary>What a proved access to an array field becomes (FixedArraySlots rewrites it further).</summary>
    internal const string FieldElementOf = "Verified.Boot.Runtime.ProvedArray.At";
    private const string FirstElementOf = "System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference";

    public string Name => "proved index access";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        int before = unit.DescendantNodes().OfType<ElementAccessExpressionSyntax>().Count(IsArrayElement);
        var rewritten = (CompilationUnitSyntax)new AccessRewriter(ArrayFieldsBehindGetters(unit)).Visit(unit);
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

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax e) =>
        e is ParenthesizedExpressionSyntax p ? Unparenthesized(p.Expression) : e;

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

    // Names X of the getters `T[] X { get { return this._X; } }` over an array field `T[] _X` (HotPathShaper's field
    // storage), in any class: an access through such a getter can name the field itself.
    private static HashSet<string> ArrayFieldsBehindGetters(CompilationUnitSyntax unit)
    {
        var fields = new HashSet<string>(unit.DescendantNodes().OfType<FieldDeclarationSyntax>()
            .Where(f => f.Declaration.Type is ArrayTypeSyntax)
            .SelectMany(f => f.Declaration.Variables.Select(v => v.Identifier.ValueText)));
        var names = new HashSet<string>();
        var others = new HashSet<string>();
        foreach (var property in unit.DescendantNodes().OfType<PropertyDeclarationSyntax>())
        {
            string name = property.Identifier.ValueText;
            bool plain = property.Type is ArrayTypeSyntax && fields.Contains("_" + name)
                && property.AccessorList?.Accessors is { Count: 1 } accessors
                && accessors[0].Body?.Statements is { Count: 1 } statements
                && statements[0] is ReturnStatementSyntax { Expression: MemberAccessExpressionSyntax returned }
                && returned.Name.Identifier.ValueText == "_" + name;
            (plain ? names : others).Add(name);
        }
        names.ExceptWith(others);
        return names;
    }

    private sealed class AccessRewriter : CSharpSyntaxRewriter
    {
        private readonly HashSet<string> _fields;

        public AccessRewriter(HashSet<string> fields)
        {
            _fields = fields;
        }

        public override SyntaxNode? VisitElementAccessExpression(ElementAccessExpressionSyntax node)
        {
            var visited = (ElementAccessExpressionSyntax)base.VisitElementAccessExpression(node)!;
            if (!IsArrayElement(visited))
            {
                return visited;
            }
            ExpressionSyntax array = visited.Expression.WithoutTrivia();
            ExpressionSyntax index = Unsigned(visited.ArgumentList.Arguments[0].Expression.WithoutTrivia());
            if (Unparenthesized(array) is MemberAccessExpressionSyntax member && _fields.Contains(member.Name.Identifier.ValueText))
            {
                var field = member.WithName(SyntaxFactory.IdentifierName("_" + member.Name.Identifier.ValueText));
                return ElementReference(FieldElementOf, field, index).WithTriviaFrom(visited);
            }
            var first = SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression(FirstElementOf),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(array))));
            var element = ElementReference(ElementOf, first, index);
            return element.WithTriviaFrom(visited);
        }

        // `method(ref target, index)`.
        private static InvocationExpressionSyntax ElementReference(string method, ExpressionSyntax target, ExpressionSyntax index) =>
            SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression(method),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
                    new[]
                    {
                        SyntaxFactory.Argument(null, SyntaxFactory.Token(SyntaxKind.RefKeyword).WithTrailingTrivia(SyntaxFactory.Space), target),
                        SyntaxFactory.Argument(index),
                    },
                    new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) })));
    }
}
