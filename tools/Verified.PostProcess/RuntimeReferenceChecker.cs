// Rejects generated code that still reaches the Dafny runtime or System.Numerics after stripping.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess;

/// <summary>One remaining reference to the runtime.</summary>
/// <param name="Line">1-based line in the file Dafny produced (the input of the post-processor).</param>
/// <param name="Construct">The construct, e.g. `Dafny.Sequence.FromElements` or `BigInteger`.</param>
/// <param name="Text">The source text of the reference.</param>
internal sealed record Violation(int Line, string Construct, string Text)
{
    /// <summary>What is wrong, without the line.</summary>
    public string Message =>
        $"'{Construct}' references the Dafny runtime or System.Numerics, which the freestanding build does not have "
        + $"(in `{Text}`){Hint}";

    private string Hint => Construct.Contains("InitNewArray", System.StringComparison.Ordinal)
        ? "; an array of a newtype whose witness is not 0 cannot be zero-filled: use a type whose default is 0"
        : Construct.Contains("BigInteger", System.StringComparison.Ordinal) || Construct.StartsWith("System.Numerics", System.StringComparison.Ordinal)
            ? "; compiled code must use bounded native newtypes, not int/nat"
            : "";

    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>
/// Finds every name that refers to the Dafny runtime (`Dafny.*`, `DafnyAssembly.*`, `_System.*`, runtime types used
/// unqualified) or to `System.Numerics` / `BigInteger`, except the shims the freestanding corelib provides.
/// </summary>
internal static class RuntimeReferenceChecker
{
    /// <summary>
    /// The shims the freestanding corelib provides, as dotted name and argument count. Dafny emits
    /// `Dafny.Helpers.ToIntChecked(n, "array size exceeds memory limit")` for every `new T[n]`.
    /// </summary>
    public static readonly (string Name, int Arguments)[] AllowList =
    {
        ("Dafny.Helpers.ToIntChecked", 2),
    };

    public static IReadOnlyList<Violation> Check(SyntaxNode root)
    {
        var declared = RuntimeNames.DeclaredTypeNames(root);
        var found = new List<Violation>();
        foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>().Where(RuntimeNames.IsLeftmost))
        {
            string? construct = RuntimeNames.RuntimeConstruct(name, declared);
            if (construct == null || IsAllowed(name))
            {
                continue;
            }
            var (_, outer) = RuntimeNames.Chain(name);
            found.Add(new Violation(OriginalLine.Of(name), construct, Shorten(outer.ToString())));
        }
        foreach (var type in root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>()
                     .Where(RuntimeNames.IsBoilerplateType))
        {
            found.Add(new Violation(OriginalLine.Of(type), type.Identifier.ValueText, $"class {type.Identifier.ValueText}"));
        }
        return found
            .GroupBy(v => (v.Line, v.Construct)).Select(g => g.First())
            .OrderBy(v => v.Line).ThenBy(v => v.Construct, System.StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsAllowed(SimpleNameSyntax leftmost)
    {
        var (dotted, outer) = RuntimeNames.Chain(leftmost);
        return AllowList.Any(a => a.Name == dotted
            && outer.Parent is InvocationExpressionSyntax call && call.Expression == outer
            && call.ArgumentList.Arguments.Count == a.Arguments);
    }

    private static string Shorten(string text)
    {
        text = string.Join(" ", text.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
