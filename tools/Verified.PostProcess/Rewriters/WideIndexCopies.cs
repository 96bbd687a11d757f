// Each 32-bit index of the verified core widened once per method, not at every array access. ProvedIndexAccess
// writes an index as `(nuint)(t)`; with t a `uint` (the core's thread, endpoint and queue numbers), the code generator
// emits that widening (a 32-bit register move) at every access, since it does not know the register's upper half
// zero: an IPC step touches a thread's state, object, result and deadline arrays and widens t for each.
// So a `uint` parameter or local that is widened at two or more accesses and never changes after it is first given
// its value gets a `nuint` copy, made right there, and those accesses read the copy:
// - a parameter without ref or out that the body never assigns (Dafny's in-parameters are immutable), copied before
//   the first statement of the body that reads it;
// - a local declared once in the method and given its value once, by its initializer or by one assignment statement
//   in the block that declares it (Dafny's `var x; x := e;`), never passed by ref or out: copied right after that
//   statement, where every later read sees the same value.
// The copy holds the same number, so every access names the same element.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>Widened copies of unchanging 32-bit indices, made once per method.</summary>
internal sealed class WideIndexCopies : IRewriter
{
    private const string Suffix = "_wide";

    public string Name => "wide index copies";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        int copies = 0;
        foreach (var method in unit.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (method.Body is null)
            {
                continue;
            }
            var (body, made) = Widen(method);
            if (made > 0)
            {
                replacements[method.Body] = body;
                copies += made;
            }
        }
        if (copies > 0)
        {
            log.Replaced(unit, $"the widening of {copies} unchanging indices at each access by one copy each");
        }
        return unit.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }

    // The body with a copy for each index that qualifies, and how many copies it made.
    private static (BlockSyntax Body, int Made) Widen(MethodDeclarationSyntax method)
    {
        BlockSyntax body = method.Body!;
        var names = new HashSet<string>(body.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        var widened = body.DescendantNodes().OfType<CastExpressionSyntax>().Where(c => WidenedName(c) is not null)
            .GroupBy(c => WidenedName(c)!).Where(g => g.Count() >= 2 && !names.Contains(g.Key + Suffix))
            .ToDictionary(g => g.Key, g => g.ToList());
        if (widened.Count == 0)
        {
            return (body, 0);
        }
        // Where each copy goes: null for a parameter (before its first read), else the statement it follows.
        var placed = new Dictionary<string, StatementSyntax?>();
        foreach (var parameter in method.ParameterList.Parameters)
        {
            string name = parameter.Identifier.ValueText;
            if (widened.ContainsKey(name) && IsUint(parameter.Type) && parameter.Modifiers.Count == 0 && Writes(body, name).Count == 0
                && DeclarationCount(body, name) == 0)
            {
                placed[name] = null;
            }
        }
        foreach (var declaration in body.DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
        {
            if (!IsUint(declaration.Declaration.Type) || declaration.Declaration.Variables.Count != 1
                || declaration.Parent is not BlockSyntax block)
            {
                continue;
            }
            var variable = declaration.Declaration.Variables[0];
            string name = variable.Identifier.ValueText;
            if (!widened.ContainsKey(name) || placed.ContainsKey(name) || DeclarationCount(body, name) != 1
                || method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name))
            {
                continue;
            }
            var writes = Writes(body, name);
            if (variable.Initializer is not null && writes.Count == 0)
            {
                placed[name] = declaration;
            }
            else if (variable.Initializer is null && writes.Count == 1
                && writes[0] is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assignment
                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && statement.Parent == block)
            {
                placed[name] = statement;
            }
        }
        if (placed.Count == 0)
        {
            return (body, 0);
        }
        var casts = placed.Keys.SelectMany(name => widened[name]).ToList();
        var anchors = placed.Where(p => p.Value is not null).ToList();
        var rewritten = body.TrackNodes(casts.Cast<SyntaxNode>().Concat(anchors.Select(p => p.Value!)));
        rewritten = rewritten.ReplaceNodes(casts.Select(c => rewritten.GetCurrentNode(c)!),
            (original, current) => SyntaxFactory.IdentifierName(WidenedName(original)! + Suffix).WithTriviaFrom(current));
        // A local's copy goes right after the statement that gives it its value.
        foreach (var (name, anchor) in anchors)
        {
            var statement = rewritten.GetCurrentNode(anchor!)!;
            rewritten = rewritten.InsertNodesAfter(statement, new[] { Copy(name, statement) });
        }
        // A parameter's copy goes before the first statement of the body that reads it, not at the top: a guard that
        // returns early then does not keep the copy live.
        foreach (string name in placed.Where(p => p.Value is null).Select(p => p.Key))
        {
            var statements = rewritten.Statements;
            int first = statements.IndexOf(s => s.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name + Suffix));
            rewritten = rewritten.WithStatements(statements.Insert(first, Copy(name, statements[first])));
        }
        return (rewritten, placed.Count);
    }

    // `nuint t_wide = t;`, indented as `like`.
    private static StatementSyntax Copy(string name, StatementSyntax like) =>
        SyntaxFactory.ParseStatement($"nuint {name}{Suffix} = {name};")
            .WithLeadingTrivia(like.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);

    // `(nuint)(x)` or `(nuint)((x))` with x a plain name: the name.
    private static string? WidenedName(CastExpressionSyntax cast)
    {
        if (cast.Type is not IdentifierNameSyntax { Identifier.ValueText: "nuint" })
        {
            return null;
        }
        ExpressionSyntax e = cast.Expression;
        while (e is ParenthesizedExpressionSyntax p)
        {
            e = p.Expression;
        }
        return e is IdentifierNameSyntax name ? name.Identifier.ValueText : null;
    }

    private static bool IsUint(TypeSyntax? type) => type is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.UIntKeyword);

    private static int DeclarationCount(BlockSyntax body, string name) =>
        body.DescendantNodes().OfType<VariableDeclaratorSyntax>().Count(v => v.Identifier.ValueText == name)
        + body.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Count(v => v.Identifier.ValueText == name)
        + body.DescendantNodes().OfType<ForEachStatementSyntax>().Count(f => f.Identifier.ValueText == name)
        + body.DescendantNodes().OfType<ParameterSyntax>().Count(p => p.Identifier.ValueText == name);

    // Every expression that writes the name: an assignment to it (simple or compound), ++ or --, or a ref or out
    // argument (which might).
    private static List<ExpressionSyntax> Writes(BlockSyntax body, string name)
    {
        bool Is(ExpressionSyntax e) => e is IdentifierNameSyntax id && id.Identifier.ValueText == name;
        var writes = new List<ExpressionSyntax>();
        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax a when Is(a.Left):
                    writes.Add(a);
                    break;
                case PrefixUnaryExpressionSyntax u when (u.IsKind(SyntaxKind.PreIncrementExpression) || u.IsKind(SyntaxKind.PreDecrementExpression)) && Is(u.Operand):
                    writes.Add(u);
                    break;
                case PostfixUnaryExpressionSyntax u when Is(u.Operand):
                    writes.Add(u);
                    break;
                case ArgumentSyntax arg when !arg.RefKindKeyword.IsKind(SyntaxKind.None) && Is(arg.Expression):
                    writes.Add(arg.Expression);
                    break;
            }
        }
        return writes;
    }
}
