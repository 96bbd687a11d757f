// The arrays of an object the core keeps in a constant field, reached from the owner in one load instead of two.
// IpcKernel keeps its message state in `m` and its queues in `q` (separate objects, so that each proof frames only
// what it writes), and an IPC step reads and writes their arrays dozens of times: `ProvedArray.At(ref this._m._msgLen,
// i)` loads `_m`, then `_msgLen`, then the element. The element writes go through references, so the code generator
// may not assume `_m` unchanged after one and loads it again at every access.
// Dafny's `const` fields are written only while the object is constructed: the owner's field in the owner's
// constructor, the arrays in the member's. So the owner can keep a copy of each array reference (`_m__msgLen`), set
// at the end of its constructor (`__ctor`), and every access the owner makes through the member reads the copy. The
// rewrite checks that premise in the whole unit (every write of the member field and of the arrays is in a
// constructor of their class; the owner's `__ctor` has no early return and calls none of the owner's methods, which
// would see copies not set yet; every `__ctor` is called only on an object just made) and leaves a class alone when
// it does not hold. Hand-written code reads these fields but never writes them.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>Owner-held copies of the array references of an object in a constant field.</summary>
internal sealed class OwnedArrayShortcut : IRewriter
{
    private const string Constructor = "__ctor";

    public string Name => "owned array shortcut";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        var classes = unit.DescendantNodes().OfType<ClassDeclarationSyntax>().ToList();
        var byName = classes.GroupBy(c => c.Identifier.ValueText).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        if (!ConstructorsRunOnFreshObjects(unit))
        {
            return unit;
        }
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var owner in classes)
        {
            var members = ShortcutMembers(unit, owner, byName);
            if (members.Count == 0)
            {
                continue;
            }
            var rewritten = new AccessRewriter(members).Visit(owner) as ClassDeclarationSyntax;
            if (rewritten == null || ReferenceEquals(rewritten, owner))
            {
                continue;
            }
            var fields = new List<MemberDeclarationSyntax>();
            var copies = new List<StatementSyntax>();
            foreach (var (member, arrays) in members.OrderBy(m => m.Key))
            {
                foreach (var (array, type) in arrays.OrderBy(a => a.Key))
                {
                    string copy = CopyName(member, array);
                    if (!rewritten.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == copy))
                    {
                        continue;
                    }
                    fields.Add(SyntaxFactory.ParseMemberDeclaration($"public {type} {copy};\n")!);
                    copies.Add(SyntaxFactory.ParseStatement($"(this).{copy} = (this).{member}.{array};\n"));
                }
            }
            var ctor = rewritten.Members.OfType<MethodDeclarationSyntax>().Single(IsConstructor);
            // Indented as the constructor's statements and the owner's fields are.
            var indent = ctor.Body!.Statements.LastOrDefault()?.GetLeadingTrivia() ?? default;
            var body = ctor.Body.AddStatements(copies.Select(c => c.WithLeadingTrivia(indent)).ToArray());
            var fieldIndent = rewritten.Members.OfType<FieldDeclarationSyntax>().FirstOrDefault()?.GetLeadingTrivia() ?? default;
            fields = fields.Select(f => f.WithLeadingTrivia(fieldIndent)).ToList();
            rewritten = rewritten.ReplaceNode(ctor, ctor.WithBody(body)).AddMembers(fields.ToArray());
            log.Replaced(owner, $"{copies.Count} arrays reached through constant fields of {owner.Identifier.ValueText} by copies it keeps");
            replacements[owner] = rewritten;
        }
        return unit.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }

    private static string CopyName(string member, string array) => member + "_" + array;

    // The owner's fields `D _f` whose arrays can be copied: _f is written only in the owner's constructors, D is a class
    // of the unit whose array fields are written only in D's constructors. Field name -> (array field -> its type).
    private static Dictionary<string, Dictionary<string, string>> ShortcutMembers(CompilationUnitSyntax unit,
        ClassDeclarationSyntax owner, Dictionary<string, ClassDeclarationSyntax> byName)
    {
        var result = new Dictionary<string, Dictionary<string, string>>();
        if (owner.Members.OfType<MethodDeclarationSyntax>().Count(IsConstructor) != 1
            || owner.Members.OfType<MethodDeclarationSyntax>().Single(IsConstructor).Body is not { } ctorBody
            || ctorBody.DescendantNodes().OfType<ReturnStatementSyntax>().Any() || CallsOwnMethods(ctorBody))
        {
            return result;
        }
        foreach (var field in owner.Members.OfType<FieldDeclarationSyntax>())
        {
            if (field.Modifiers.Any(SyntaxKind.StaticKeyword) || field.Modifiers.Any(SyntaxKind.ConstKeyword)
                || field.Declaration.Type is not QualifiedNameSyntax and not IdentifierNameSyntax
                || !byName.TryGetValue(LastName(field.Declaration.Type), out var memberClass) || memberClass == owner)
            {
                continue;
            }
            foreach (var variable in field.Declaration.Variables)
            {
                string name = variable.Identifier.ValueText;
                if (!WrittenOnlyInConstructors(unit, name, owner))
                {
                    continue;
                }
                var arrays = memberClass.Members.OfType<FieldDeclarationSyntax>()
                    .Where(f => f.Declaration.Type is ArrayTypeSyntax && !f.Modifiers.Any(SyntaxKind.StaticKeyword))
                    .SelectMany(f => f.Declaration.Variables.Select(v => (v.Identifier.ValueText, f.Declaration.Type.ToString())))
                    .Where(a => WrittenOnlyInConstructors(unit, a.Item1, memberClass))
                    .ToDictionary(a => a.Item1, a => a.Item2);
                if (arrays.Count > 0)
                {
                    result[name] = arrays;
                }
            }
        }
        return result;
    }

    // A method of the owner called while it is constructed would read copies not set yet: `this.M(...)`, `(this).M(...)`
    // or `M(...)`, and `this` passed anywhere.
    internal static bool CallsOwnMethods(BlockSyntax body) =>
        body.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call =>
            call.Expression is IdentifierNameSyntax
            || call.Expression is MemberAccessExpressionSyntax access && IsThis(access.Expression)
            || call.ArgumentList.Arguments.Any(a => IsThis(a.Expression)));

    internal static string LastName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        IdentifierNameSyntax i => i.Identifier.ValueText,
        _ => "",
    };

    internal static bool IsConstructor(MethodDeclarationSyntax method) => method.Identifier.ValueText == Constructor;

    // Every assignment to a member named `field` (anywhere in the unit, through any expression) is inside a constructor
    // of `cls` (its C# constructor or __ctor). A ref to it would be a write as well, unless it is the array read of
    // ProvedArray.At, whose ref names the field that holds an array, not the array's element.
    internal static bool WrittenOnlyInConstructors(CompilationUnitSyntax unit, string field, ClassDeclarationSyntax cls)
    {
        foreach (var assignment in unit.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (Unparenthesized(assignment.Left) is MemberAccessExpressionSyntax target && target.Name.Identifier.ValueText == field
                && !InConstructorOf(assignment, cls))
            {
                return false;
            }
        }
        foreach (var argument in unit.DescendantNodes().OfType<ArgumentSyntax>())
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None) && Unparenthesized(argument.Expression) is MemberAccessExpressionSyntax target
                && target.Name.Identifier.ValueText == field && !IsProvedArrayRead(argument))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsProvedArrayRead(ArgumentSyntax argument) =>
        argument.Parent is ArgumentListSyntax { Arguments.Count: 2 } list && list.Arguments[0] == argument
        && list.Parent is InvocationExpressionSyntax invocation && invocation.Expression.ToString().EndsWith("ProvedArray.At");

    private static bool InConstructorOf(SyntaxNode node, ClassDeclarationSyntax cls)
    {
        var enclosing = node.Ancestors().FirstOrDefault(a => a is MethodDeclarationSyntax or ConstructorDeclarationSyntax
            or PropertyDeclarationSyntax or AccessorDeclarationSyntax);
        bool constructor = enclosing is ConstructorDeclarationSyntax || enclosing is MethodDeclarationSyntax m && IsConstructor(m);
        return constructor && node.Ancestors().OfType<ClassDeclarationSyntax>().First() == cls;
    }

    // Every `x.__ctor(...)` is called on a local made by `new` in the same method (as Dafny compiles `new C.ctor(...)`),
    // so a constructor never writes the fields of an object already in use.
    internal static bool ConstructorsRunOnFreshObjects(CompilationUnitSyntax unit)
    {
        foreach (var call in unit.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax access || access.Name.Identifier.ValueText != Constructor)
            {
                continue;
            }
            if (access.Expression is not IdentifierNameSyntax local)
            {
                return false;
            }
            var method = call.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault();
            bool fresh = method != null && method.DescendantNodes().OfType<VariableDeclaratorSyntax>().Any(v =>
                v.Identifier.ValueText == local.Identifier.ValueText && v.Initializer?.Value is ObjectCreationExpressionSyntax);
            bool reassigned = method != null && method.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a =>
                a.Left is IdentifierNameSyntax l && l.Identifier.ValueText == local.Identifier.ValueText);
            if (!fresh || reassigned)
            {
                return false;
            }
        }
        return true;
    }

    internal static ExpressionSyntax Unparenthesized(ExpressionSyntax e) =>
        e is ParenthesizedExpressionSyntax p ? Unparenthesized(p.Expression) : e;

    // `this`, `(this)`.
    internal static bool IsThis(ExpressionSyntax e) => Unparenthesized(e) is ThisExpressionSyntax;

    // Within the owner, outside its constructors: `M._X`, M the member field `_f` or its getter `f` on this and X one of
    // the member's arrays, becomes the copy `(this)._f__X`.
    private sealed class AccessRewriter : CSharpSyntaxRewriter
    {
        private readonly Dictionary<string, Dictionary<string, string>> _members;

        public AccessRewriter(Dictionary<string, Dictionary<string, string>> members)
        {
            _members = members;
        }

        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
        {
            var visited = (MemberAccessExpressionSyntax)base.VisitMemberAccessExpression(node)!;
            if (Unparenthesized(visited.Expression) is not MemberAccessExpressionSyntax holder || !IsThis(holder.Expression))
            {
                return visited;
            }
            string name = holder.Name.Identifier.ValueText;
            string field = _members.ContainsKey(name) ? name : "_" + name;
            string array = visited.Name.Identifier.ValueText;
            if (!_members.TryGetValue(field, out var arrays) || !arrays.ContainsKey(array)
                || node.Ancestors().Any(a => a is MethodDeclarationSyntax m && IsConstructor(m) || a is ConstructorDeclarationSyntax))
            {
                return visited;
            }
            return SyntaxFactory.ParseExpression($"(this).{CopyName(field, array)}").WithTriviaFrom(visited);
        }
    }
}
