// Shapes the generated core for the code generator. The verified core is a chain of small methods on purpose (each
// proof sees one call, not a dozen writes), and Dafny compiles named constants to static getters and class fields to
// an auto-property behind a getter. Left alone, every such step is a call: the AOT compiler's inliner takes a small
// method only while its per-method budget lasts, and a kernel entry runs through dozens of them. So:
// - a static getter that returns a constant becomes a C# const (no call, folded into comparisons);
// - an auto-property backing a Dafny field becomes a plain field;
// - every other getter and every method asks to be inlined (AggressiveInlining), so that a primitive compiles to one
//   body per caller. The compiler still refuses recursion and honours its own hard limits.
// - the general step behind a direct path (OutOfLine) stays a call, so that the inliner's budget goes to the direct
//   path in its callers instead.
// Semantics do not change: the same statements run, only call boundaries move.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>Constants as consts, auto-properties as fields, methods and getters marked for inlining.</summary>
internal sealed class HotPathShaper : IRewriter
{
    private const string MethodImpl = "System.Runtime.CompilerServices.MethodImpl";
    private const string Aggressive = "(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)";

    // Larger methods stay calls. Measured (docs/performance.md): the IPC rows improved up to 24 and were flat from 24
    // to 48; marking every method saved 18 more instructions per round trip for 11% more kernel code. 28 keeps the
    // direct paths' checks (CallRuns, ReplyRuns, which test the ready word in place) inlined, for 1% more code; 40
    // gains only a few rows' 6 to 8 instructions for 1.5% more.
    private const int MaxInlinedStatements = 28;

    // The core's general Call and ReplyWait, which run only when the direct path (CallRun, the ReplyWait's Ran) does
    // not apply. Inlined into the fast path's handlers, they spent the code generator's inlining budget for the whole
    // handler, and the hand-overs and the partner's switch after them stayed calls; kept out of line, all of those are
    // inlined (the round trip 845 -> 803, docs/performance.md). A method renamed in spec/ must be renamed here.
    internal static readonly string[] OutOfLine = { "CallAll", "ReplyWaitAll" };

    private const string Never = "(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)";

    public string Name => "hot-path shaping";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var property in unit.DescendantNodes().OfType<PropertyDeclarationSyntax>())
        {
            if (ConstantOf(property) is { } constant)
            {
                log.Replaced(property, $"constant getter {property.Identifier.ValueText} by a const");
                replacements[property] = constant;
            }
            else if (FieldOf(property) is { } field)
            {
                log.Replaced(property, $"auto-property {property.Identifier.ValueText} by a field");
                replacements[property] = field;
            }
            else if (InlinedGetter(property) is { } inlined)
            {
                replacements[property] = inlined;
            }
        }
        foreach (var method in unit.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (method.Body == null || method.Identifier.ValueText.StartsWith("__") || HasMethodImpl(method.AttributeLists))
            {
                continue;
            }
            if (OutOfLine.Contains(method.Identifier.ValueText))
            {
                log.Replaced(method, $"inlining of {method.Identifier.ValueText}, a general step behind a direct path, by a call");
                replacements[method] = method.WithAttributeLists(method.AttributeLists.Add(Attribute(Never)))
                    .WithLeadingTrivia(method.GetLeadingTrivia());
            }
            else if (Size(method.Body) <= MaxInlinedStatements)
            {
                replacements[method] = method.WithAttributeLists(method.AttributeLists.Add(InlineAttribute()))
                    .WithLeadingTrivia(method.GetLeadingTrivia());
            }
        }
        return unit.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }

    // `public static T X { get { return C; } }` with C a literal (or a cast or parentheses around one).
    private static FieldDeclarationSyntax? ConstantOf(PropertyDeclarationSyntax property)
    {
        if (!property.Modifiers.Any(SyntaxKind.StaticKeyword) || property.Type is not PredefinedTypeSyntax
            || SingleReturn(property) is not { } value || !IsLiteral(value))
        {
            return null;
        }
        var modifiers = SyntaxFactory.TokenList(property.Modifiers.Where(m => !m.IsKind(SyntaxKind.StaticKeyword)))
            .Add(SyntaxFactory.Token(SyntaxKind.ConstKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        return SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(property.Type,
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(property.Identifier.WithoutTrivia())
                        .WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))))
            .WithModifiers(modifiers)
            .NormalizeWhitespace()
            .WithTriviaFrom(property);
    }

    // `public T _x {get; set;}`: Dafny's storage for a class field, read through a getter of its own.
    private static FieldDeclarationSyntax? FieldOf(PropertyDeclarationSyntax property)
    {
        var accessors = property.AccessorList?.Accessors;
        if (accessors is not { Count: 2 } list || list.Any(a => a.Body != null || a.ExpressionBody != null)
            || !list.Any(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)) || !list.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration))
            || property.Initializer != null || property.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return null;
        }
        return SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(property.Type.WithoutTrivia(),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(property.Identifier.WithoutTrivia()))))
            .WithModifiers(property.Modifiers)
            .NormalizeWhitespace()
            .WithTriviaFrom(property);
    }

    private static PropertyDeclarationSyntax? InlinedGetter(PropertyDeclarationSyntax property)
    {
        var getter = property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
        if (getter == null || getter.Body == null && getter.ExpressionBody == null || HasMethodImpl(getter.AttributeLists))
        {
            return null;
        }
        return property.ReplaceNode(getter, getter.WithAttributeLists(getter.AttributeLists.Add(InlineAttribute()))
            .WithLeadingTrivia(getter.GetLeadingTrivia()));
    }

    private static ExpressionSyntax? SingleReturn(PropertyDeclarationSyntax property)
    {
        var accessors = property.AccessorList?.Accessors;
        if (accessors is not { Count: 1 } list || !list[0].IsKind(SyntaxKind.GetAccessorDeclaration))
        {
            return null;
        }
        return list[0].Body?.Statements is { Count: 1 } statements && statements[0] is ReturnStatementSyntax ret
            ? ret.Expression
            : list[0].ExpressionBody?.Expression;
    }

    private static bool IsLiteral(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => !literal.IsKind(SyntaxKind.StringLiteralExpression)
            && !literal.IsKind(SyntaxKind.NullLiteralExpression) && !literal.IsKind(SyntaxKind.DefaultLiteralExpression),
        ParenthesizedExpressionSyntax inner => IsLiteral(inner.Expression),
        CastExpressionSyntax cast => cast.Type is PredefinedTypeSyntax && IsLiteral(cast.Expression),
        PrefixUnaryExpressionSyntax minus => minus.IsKind(SyntaxKind.UnaryMinusExpression) && IsLiteral(minus.Operand),
        _ => false,
    };

    // Statements other than blocks: a measure of what inlining copies into each caller.
    private static int Size(BlockSyntax body) =>
        body.DescendantNodes().OfType<StatementSyntax>().Count(s => s is not BlockSyntax);

    private static bool HasMethodImpl(SyntaxList<AttributeListSyntax> lists) =>
        lists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("MethodImpl"));

    private static AttributeListSyntax InlineAttribute() => Attribute(Aggressive);

    private static AttributeListSyntax Attribute(string options) =>
        SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                SyntaxFactory.ParseName(MethodImpl), SyntaxFactory.ParseAttributeArgumentList(options))))
            .WithTrailingTrivia(SyntaxFactory.Space);
}
