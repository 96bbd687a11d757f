// Removes per-type helper members that exist for the runtime: IntegerRange, _TYPE, _TypeDescriptor, Witness, ...
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>
/// Every newtype class gets `IntegerRange` (a BigInteger iterator), `_TYPE` and `_TypeDescriptor()` (runtime type
/// descriptors), `_Is` and sometimes `Witness`; datatypes get `Default()`. The compiled bodies of methods use none of
/// them. Such a member is removed when nothing else in the file names it; repeated until no more can go (removing
/// `_TypeDescriptor()` frees `_TYPE`, which frees `Witness`). A member still named elsewhere stays, and the checker
/// reports whatever runtime use it has.
/// Names with one leading underscore cannot come from Dafny source (Dafny doubles `_`), so those go whenever
/// unreferenced. The others could also be user names: they go only if static and using the runtime themselves.
/// </summary>
internal sealed class HelperMemberRemover : IRewriter
{
    /// <summary>Names only the translator emits.</summary>
    public static readonly string[] TranslatorOnlyNames = { "_TYPE", "_TypeDescriptor", "_Is" };

    /// <summary>Names the translator emits that a Dafny program could also declare.</summary>
    public static readonly string[] SharedNames = { "IntegerRange", "Witness", "Default", "theDefault" };

    public string Name => "runtime helper members";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        while (true)
        {
            var declared = RuntimeNames.DeclaredTypeNames(unit);
            var doomed = unit.DescendantNodes().OfType<MemberDeclarationSyntax>()
                .Where(m => MemberName(m) is string name && IsHelper(m, name, declared) && !NamedElsewhere(unit, m, name))
                .ToList();
            if (doomed.Count == 0)
            {
                return unit;
            }
            foreach (var m in doomed)
            {
                log.Removed(m, $"member {((TypeDeclarationSyntax)m.Parent!).Identifier.ValueText}.{MemberName(m)}");
            }
            unit = unit.RemoveNodes(doomed, SyntaxRemoveOptions.KeepNoTrivia)!;
        }
    }

    private static bool IsHelper(MemberDeclarationSyntax member, string name, ISet<string> declaredTypes) =>
        TranslatorOnlyNames.Contains(name)
        || (SharedNames.Contains(name)
            && member.Modifiers.Any(m => m.ValueText == "static")
            && RuntimeNames.ReferencesRuntime(member, declaredTypes));

    private static string? MemberName(MemberDeclarationSyntax member)
    {
        if (member.Parent is not TypeDeclarationSyntax)
        {
            return null;
        }
        return member switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            PropertyDeclarationSyntax p => p.Identifier.ValueText,
            FieldDeclarationSyntax { Declaration.Variables.Count: 1 } f => f.Declaration.Variables[0].Identifier.ValueText,
            _ => null,
        };
    }

    /// <summary>
    /// True if a name outside `member` may refer to it: `Name` alone, or `T.Name` where `T` is the member's own type
    /// or not a type of this file. `u16._Is` does not keep `u8._Is`.
    /// </summary>
    private static bool NamedElsewhere(SyntaxNode root, MemberDeclarationSyntax member, string name)
    {
        string owner = ((TypeDeclarationSyntax)member.Parent!).Identifier.ValueText;
        var types = RuntimeNames.DeclaredTypeNames(root);
        return root.DescendantNodes().OfType<SimpleNameSyntax>()
            .Where(n => n.Identifier.ValueText == name && !member.Span.Contains(n.Span))
            .Any(n => Qualifier(n) is not string q || q == owner || !types.Contains(q));
    }

    private static string? Qualifier(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax m when m.Name == name => LastIdentifier(m.Expression),
        QualifiedNameSyntax q when q.Right == name => LastIdentifier(q.Left),
        _ => null,
    };

    private static string? LastIdentifier(SyntaxNode node) => node switch
    {
        SimpleNameSyntax s => s.Identifier.ValueText,
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        _ => null,
    };
}
