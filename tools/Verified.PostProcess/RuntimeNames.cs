// Names by which generated C# reaches the Dafny runtime or System.Numerics.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess;

/// <summary>Classifies names in generated code: which are the Dafny runtime, which are System.Numerics.</summary>
internal static class RuntimeNames
{
    /// <summary>Namespaces of the Dafny runtime (and of the assembly attribute carrying the source).</summary>
    public static readonly string[] RuntimeNamespaces = { "Dafny", "DafnyAssembly", "_System" };

    /// <summary>Runtime types that can appear unqualified (System.Numerics is imported by every generated file).</summary>
    public static readonly string[] UnqualifiedRuntimeTypes =
    {
        "BigInteger", "BigRational", "ISequence", "Sequence", "ISet", "Set", "IMap", "Map", "IMultiSet", "MultiSet",
        "TypeDescriptor", "Helpers", "ArrayHelpers", "FuncExtensions", "DafnySourceAttribute", "Rune",
    };

    /// <summary>
    /// True for the types the translator emits into each file to serve the runtime: `FuncExtensions` in the global
    /// namespace and `ArrayHelpers` in namespace `Dafny`. (A Dafny module's own class of either name lives in the
    /// module's namespace.)
    /// </summary>
    public static bool IsBoilerplateType(BaseTypeDeclarationSyntax type) => type.Identifier.ValueText switch
    {
        "FuncExtensions" => type.Parent is CompilationUnitSyntax,
        "ArrayHelpers" => type.Parent is BaseNamespaceDeclarationSyntax ns && ns.Name.ToString() == "Dafny",
        _ => false,
    };

    /// <summary>
    /// The dotted name a leftmost simple name starts, e.g. `Dafny.Helpers.ToIntChecked` for the `Dafny` in
    /// `Dafny.Helpers.ToIntChecked(n, "...")`; type arguments are left out. Returns the outermost node of the chain.
    /// </summary>
    public static (string Dotted, SyntaxNode Outermost) Chain(SimpleNameSyntax leftmost)
    {
        var parts = new List<string> { leftmost.Identifier.ValueText };
        SyntaxNode node = leftmost;
        if (node.Parent is AliasQualifiedNameSyntax alias && alias.Name == node)
        {
            node = alias;
        }
        while (true)
        {
            switch (node.Parent)
            {
                case QualifiedNameSyntax q when q.Left == node:
                    parts.Add(q.Right.Identifier.ValueText);
                    node = q;
                    continue;
                case MemberAccessExpressionSyntax m when m.Expression == node:
                    parts.Add(m.Name.Identifier.ValueText);
                    node = m;
                    continue;
            }
            break;
        }
        return (string.Join(".", parts), node);
    }

    /// <summary>True if this simple name is the first segment of its dotted chain.</summary>
    public static bool IsLeftmost(SimpleNameSyntax name) => name.Parent switch
    {
        QualifiedNameSyntax q => q.Left == name,
        MemberAccessExpressionSyntax m => m.Expression == name,
        AliasQualifiedNameSyntax => true,
        MemberBindingExpressionSyntax => false,
        _ => true,
    };

    /// <summary>Type names declared in the file itself, other than the runtime boilerplate types.</summary>
    public static HashSet<string> DeclaredTypeNames(SyntaxNode root) =>
        root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>()
            .Where(t => !IsBoilerplateType(t))
            .Select(t => t.Identifier.ValueText)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// If the chain starting at `leftmost` names the runtime or System.Numerics, the name of that construct
    /// (at most three segments, e.g. `Dafny.Sequence.FromElements`); otherwise null.
    /// </summary>
    public static string? RuntimeConstruct(SimpleNameSyntax leftmost, ISet<string> declaredTypes)
    {
        var (dotted, _) = Chain(leftmost);
        var segments = dotted.Split('.');
        string first = segments[0];
        bool runtime =
            RuntimeNamespaces.Contains(first)
            || (segments.Length >= 2 && first == "System" && segments[1] == "Numerics")
            || (UnqualifiedRuntimeTypes.Contains(first) && !declaredTypes.Contains(first));
        return runtime ? string.Join(".", segments.Take(3)) : null;
    }

    /// <summary>True if any name inside `node` refers to the runtime or System.Numerics.</summary>
    public static bool ReferencesRuntime(SyntaxNode node, ISet<string> declaredTypes) =>
        node.DescendantNodesAndSelf().OfType<SimpleNameSyntax>()
            .Any(n => IsLeftmost(n) && RuntimeConstruct(n, declaredTypes) != null);

    /// <summary>True if `expr` is a literal zero/false/null/default, the value C# gives new array elements.</summary>
    public static bool IsZeroValue(ExpressionSyntax expr)
    {
        switch (expr)
        {
            case ParenthesizedExpressionSyntax p:
                return IsZeroValue(p.Expression);
            case CastExpressionSyntax c:
                return IsZeroValue(c.Expression);
            case CheckedExpressionSyntax c:
                return IsZeroValue(c.Expression);
            case LiteralExpressionSyntax l:
                switch (l.Kind())
                {
                    case SyntaxKind.FalseLiteralExpression:
                    case SyntaxKind.NullLiteralExpression:
                    case SyntaxKind.DefaultLiteralExpression:
                        return true;
                    case SyntaxKind.NumericLiteralExpression:
                        return Convert.ToDecimal(l.Token.Value, System.Globalization.CultureInfo.InvariantCulture) == 0m;
                    case SyntaxKind.CharacterLiteralExpression:
                        return l.Token.Value is char ch && ch == '\0';
                    default:
                        return false;
                }
            case DefaultExpressionSyntax:
                return true;
            default:
                return false;
        }
    }
}
