// Removes datatypes that only specifications use: Dafny compiles every datatype, even one that appears in ghost code
// alone (Dafny has no ghost datatypes), and its fields are runtime sequences.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>
/// A Dafny datatype `D` of module `M` compiles to `interface _ID` and `class D : _ID` in namespace `M_Compile`. When no
/// other code of the file names `D` or `_ID`, nothing compiled can create or read a value of it: it served ghost code
/// only, and both declarations go. A datatype that compiled code does use stays, and the checker then reports any
/// runtime type it holds.
/// </summary>
internal sealed class SpecOnlyTypeRemover : IRewriter
{
    public string Name => "spec-only datatypes";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        var doomed = new List<SyntaxNode>();
        var types = unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>()
            .SelectMany(ns => ns.Members.OfType<TypeDeclarationSyntax>());
        foreach (var iface in types.OfType<InterfaceDeclarationSyntax>())
        {
            string name = iface.Identifier.ValueText;
            if (!name.StartsWith("_I", System.StringComparison.Ordinal) || iface.Parent is not BaseNamespaceDeclarationSyntax ns)
            {
                continue;
            }
            string datatype = name[2..];
            var group = ns.Members.OfType<TypeDeclarationSyntax>()
                .Where(t => t == iface || IsCaseOf(t, name))
                .ToList();
            if (group.Count < 2 || IsReferencedOutside(unit, group, name, datatype, group.Select(t => t.Identifier.ValueText)))
            {
                continue;
            }
            foreach (var t in group)
            {
                log.Removed(t, $"spec-only datatype {ns.Name}.{t.Identifier.ValueText}");
            }
            doomed.AddRange(group);
        }
        return doomed.Count == 0 ? unit : unit.RemoveNodes(doomed, SyntaxRemoveOptions.KeepNoTrivia)!;
    }

    // A class implementing the datatype's interface: the datatype itself, or one of its constructors' classes.
    private static bool IsCaseOf(TypeDeclarationSyntax type, string iface) =>
        type is ClassDeclarationSyntax c && c.BaseList != null
        && c.BaseList.Types.Any(b => b.Type.ToString() == iface || b.Type.ToString().EndsWith("." + iface, System.StringComparison.Ordinal));

    private static bool IsReferencedOutside(CompilationUnitSyntax unit, List<TypeDeclarationSyntax> group, string iface,
        string datatype, IEnumerable<string> caseNames)
    {
        var names = new HashSet<string>(caseNames) { iface, datatype };
        return unit.DescendantNodes().OfType<SimpleNameSyntax>()
            .Any(n => names.Contains(n.Identifier.ValueText) && !group.Any(g => g.Span.Contains(n.Span)));
    }
}
