// Removes the helper types every generated file carries for the runtime: Dafny.ArrayHelpers and FuncExtensions.
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>
/// Drops `class FuncExtensions` (delegate downcasts, emitted in the global namespace) and `class ArrayHelpers`
/// (BigInteger-sized array fills, emitted in namespace `Dafny`). Classes of these names that a Dafny module declares
/// live in the module's namespace and stay.
/// </summary>
internal sealed class BoilerplateTypeRemover : IRewriter
{
    public string Name => "boilerplate types";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        var doomed = unit.DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Where(RuntimeNames.IsBoilerplateType)
            .ToList();
        foreach (var c in doomed)
        {
            log.Removed(c, $"class {c.Identifier.ValueText}");
        }
        return unit.RemoveNodes(doomed, SyntaxRemoveOptions.KeepNoTrivia)!;
    }
}
