// The IPC core's arrays at fixed addresses (boot/Runtime/FixedArrays.cs says why): every array field of the core's
// state classes (IpcKernel, its queues and its message state, and the capability spaces the IPC path looks its
// endpoints up in) gets a slot, numbered in the order the unit declares
// them; the proved accesses to those fields become FixedArrays.At with the slot as a constant, and each class's
// constructor ends by moving its arrays into their slots (FixedArrays.Place).
// Sound only when every access through a slot reaches the object whose arrays are in it. The rewrite checks, and
// leaves the unit alone when one does not hold:
// - each class is declared once, and each of its array fields is written only in its constructors, so a placed
//   array is never replaced: every write of a field of that name anywhere is a constructor's write to its own
//   object (`this`, or Dafny's `_lhsN` bound to `this`), and a ref to it is only ProvedArray.At's read;
// - every `__ctor` runs on an object just made, has no early return (the placing would be skipped) and calls none
//   of its own class's methods (one would reach the slots before the arrays are in them);
// - an access is rewritten only in a method of the class itself (`(this)._f`) or of the owner of one of its
//   instances through the owner's copy (`(this)._m__f`, OwnedArrayShortcut).
// That one object of each class uses the slots at a time is the kernel's to keep: the IpcKernel holds the only
// queues and message state, a KernelCore the only CapSpace, the boot's self-checks make theirs one after another, and
// FixedArrays.Seal refuses any after the kernel's own.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.PostProcess.Rewriters;

/// <summary>The IPC core's arrays in slots at fixed addresses, reached by constant addresses.</summary>
internal sealed class FixedArraySlots : IRewriter
{
    private const string At = ProvedIndexAccess.FieldElementOf;   // the accesses it rewrites are that rewriter's
    private const string FixedAt = "Verified.Boot.Runtime.FixedArrays.At";
    private const string Place = "Verified.Boot.Runtime.FixedArrays.Place";

    // The element types FixedArrays.Place takes (the core's arrays have no others); an array of another type keeps its
    // field.
    private static readonly SyntaxKind[] Placeable = { SyntaxKind.ByteKeyword, SyntaxKind.UIntKeyword, SyntaxKind.ULongKeyword };

    /// <summary>The classes whose arrays get slots (those the unit declares once); the kernel has one object of each.</summary>
    internal static readonly string[] StateClasses = { "CapSpace", "LinkedQueues", "IpcMessages", "IpcKernel" };

    /// <summary>Slots FixedArrays.Slots provides (boot/Runtime/FixedArrays.cs, boot/X64/linker.ld).</summary>
    internal const int SlotCount = 48;

    public string Name => "fixed array slots";

    public CompilationUnitSyntax Rewrite(CompilationUnitSyntax unit, RewriteLog log)
    {
        var classes = unit.DescendantNodes().OfType<ClassDeclarationSyntax>().ToList();
        var byName = classes.GroupBy(c => c.Identifier.ValueText).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        if (!StateClasses.Any(byName.ContainsKey) || !OwnedArrayShortcut.ConstructorsRunOnFreshObjects(unit))
        {
            return unit;
        }
        // The state classes the unit declares once, in its order.
        var stateClasses = classes.Where(c => StateClasses.Contains(c.Identifier.ValueText) && byName.ContainsKey(c.Identifier.ValueText)).ToList();
        // (class, array field) -> (slot, element type), in declaration order.
        var slots = new Dictionary<(string Class, string Field), (int Slot, string Element)>();
        foreach (var cls in stateClasses)
        {
            if (!ConstructorPlaces(cls))
            {
                return unit;
            }
            foreach (var (field, element) in ArrayFields(cls))
            {
                if (!WrittenOnlyByOwnConstructors(unit, field, cls))
                {
                    return unit;
                }
                slots[(cls.Identifier.ValueText, field)] = (slots.Count, element);
            }
        }
        if (slots.Count == 0 || slots.Count > SlotCount)
        {
            return unit;
        }
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        int accesses = 0;
        foreach (var cls in stateClasses)
        {
            string name = cls.Identifier.ValueText;
            var rewriter = new AccessRewriter(name, MemberClasses(cls, byName), slots);
            var rewritten = (ClassDeclarationSyntax)rewriter.Visit(cls)!;
            accesses += rewriter.Count;
            var ctor = rewritten.Members.OfType<MethodDeclarationSyntax>().Single(OwnedArrayShortcut.IsConstructor);
            var indent = ctor.Body!.Statements.LastOrDefault()?.GetLeadingTrivia() ?? default;
            var places = slots.Where(s => s.Key.Class == name).OrderBy(s => s.Value.Slot)
                .Select(s => SyntaxFactory.ParseStatement($"{Place}(ref (this).{s.Key.Field}, {s.Value.Slot}U);\n").WithLeadingTrivia(indent))
                .ToArray();
            rewritten = rewritten.ReplaceNode(ctor, ctor.WithBody(ctor.Body.AddStatements(places)));
            replacements[cls] = rewritten;
        }
        log.Replaced(unit, $"{accesses} proved accesses to {slots.Count} arrays of the IPC core by constant addresses (fixed slots)");
        return unit.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }

    // The class's own array fields (not the copies OwnedArrayShortcut made of a member's arrays, `_m__f`) and their
    // element types.
    private static IEnumerable<(string Field, string Element)> ArrayFields(ClassDeclarationSyntax cls)
    {
        var names = cls.Members.OfType<FieldDeclarationSyntax>().SelectMany(f => f.Declaration.Variables)
            .Select(v => v.Identifier.ValueText).ToHashSet();
        foreach (var field in cls.Members.OfType<FieldDeclarationSyntax>())
        {
            if (field.Modifiers.Any(SyntaxKind.StaticKeyword) || field.Declaration.Type is not ArrayTypeSyntax array
                || array.RankSpecifiers.Count != 1 || array.RankSpecifiers[0].Rank != 1
                || array.ElementType is not PredefinedTypeSyntax element || !Placeable.Contains(element.Keyword.Kind()))
            {
                continue;
            }
            foreach (var variable in field.Declaration.Variables)
            {
                string name = variable.Identifier.ValueText;
                if (OwnedCopy(name, names) is null)
                {
                    yield return (name, array.ElementType.ToString());
                }
            }
        }
    }

    // `_m__f` when the class has a field `_m`: ("_m", "_f"); else null.
    private static (string Member, string Array)? OwnedCopy(string name, ICollection<string> fields)
    {
        int split = name.IndexOf("__", 1, System.StringComparison.Ordinal);
        if (split < 0)
        {
            return null;
        }
        string member = name[..split];
        return fields.Contains(member) ? (member, name[(split + 1)..]) : null;
    }

    // The class's fields whose type is another state class: field -> that class's name.
    private static Dictionary<string, string> MemberClasses(ClassDeclarationSyntax cls, Dictionary<string, ClassDeclarationSyntax> byName) =>
        cls.Members.OfType<FieldDeclarationSyntax>()
            .Where(f => !f.Modifiers.Any(SyntaxKind.StaticKeyword) && StateClasses.Contains(OwnedArrayShortcut.LastName(f.Declaration.Type))
                && byName.ContainsKey(OwnedArrayShortcut.LastName(f.Declaration.Type)))
            .SelectMany(f => f.Declaration.Variables.Select(v => (v.Identifier.ValueText, OwnedArrayShortcut.LastName(f.Declaration.Type))))
            .ToDictionary(p => p.Item1, p => p.Item2);

    // Every assignment to a member named `field` is in a constructor (C# or `__ctor`) of a class that declares a field
    // of that name, to its own object; a ref to one is only ProvedArray.At's read of the field. Another class with a
    // field of the same name (CapSpace's `_next`) then writes only its own.
    private static bool WrittenOnlyByOwnConstructors(CompilationUnitSyntax unit, string field, ClassDeclarationSyntax cls)
    {
        foreach (var assignment in unit.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (OwnedArrayShortcut.Unparenthesized(assignment.Left) is not MemberAccessExpressionSyntax target
                || target.Name.Identifier.ValueText != field)
            {
                continue;
            }
            var owner = assignment.Ancestors().OfType<ClassDeclarationSyntax>().FirstOrDefault();
            var method = assignment.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault();
            bool constructor = method is ConstructorDeclarationSyntax || method is MethodDeclarationSyntax m && OwnedArrayShortcut.IsConstructor(m);
            if (owner is null || method is null || !constructor || !Declares(owner, field) || !IsOwnObject(target.Expression, method))
            {
                return false;
            }
        }
        return unit.DescendantNodes().OfType<ArgumentSyntax>().All(argument =>
            argument.RefKindKeyword.IsKind(SyntaxKind.None)
            || OwnedArrayShortcut.Unparenthesized(argument.Expression) is not MemberAccessExpressionSyntax target
            || target.Name.Identifier.ValueText != field
            || argument.Parent is ArgumentListSyntax { Arguments.Count: 2 } list && list.Arguments[0] == argument
               && list.Parent is InvocationExpressionSyntax invocation && invocation.Expression.ToString() == At);
    }

    private static bool Declares(ClassDeclarationSyntax cls, string field) =>
        cls.Members.OfType<FieldDeclarationSyntax>().Any(f => f.Declaration.Variables.Any(v => v.Identifier.ValueText == field));

    // `this`, `(this)`, or a local of the method declared once with `this` as its value and never assigned again.
    private static bool IsOwnObject(ExpressionSyntax receiver, BaseMethodDeclarationSyntax method)
    {
        if (OwnedArrayShortcut.IsThis(receiver))
        {
            return true;
        }
        if (OwnedArrayShortcut.Unparenthesized(receiver) is not IdentifierNameSyntax local)
        {
            return false;
        }
        string name = local.Identifier.ValueText;
        var declarations = method.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(v => v.Identifier.ValueText == name).ToList();
        return declarations.Count == 1 && declarations[0].Initializer?.Value is { } value && OwnedArrayShortcut.IsThis(value)
            && !method.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a =>
                OwnedArrayShortcut.Unparenthesized(a.Left) is IdentifierNameSyntax l && l.Identifier.ValueText == name);
    }

    // One `__ctor`, with a body that always reaches its end and calls none of the class's methods.
    private static bool ConstructorPlaces(ClassDeclarationSyntax cls)
    {
        var ctors = cls.Members.OfType<MethodDeclarationSyntax>().Where(OwnedArrayShortcut.IsConstructor).ToList();
        return ctors.Count == 1 && ctors[0].Body is { } body && !body.DescendantNodes().OfType<ReturnStatementSyntax>().Any()
            && !body.DescendantNodes().OfType<ThrowStatementSyntax>().Any() && !OwnedArrayShortcut.CallsOwnMethods(body);
    }

    // Outside the constructors: `ProvedArray.At(ref (this)._f, i)` -> `FixedArrays.At<T>(slot, i)` for a slotted
    // field of this class or a copy of one of a member's.
    private sealed class AccessRewriter : CSharpSyntaxRewriter
    {
        private readonly string _class;
        private readonly Dictionary<string, string> _members;
        private readonly Dictionary<(string Class, string Field), (int Slot, string Element)> _slots;

        public AccessRewriter(string cls, Dictionary<string, string> members,
            Dictionary<(string Class, string Field), (int Slot, string Element)> slots)
        {
            _class = cls;
            _members = members;
            _slots = slots;
        }

        public int Count { get; private set; }

        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
            OwnedArrayShortcut.IsConstructor(node) ? node : base.VisitMethodDeclaration(node);

        public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) => node;

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (visited.Expression.ToString() != At || visited.ArgumentList.Arguments.Count != 2
                || !visited.ArgumentList.Arguments[0].RefKindKeyword.IsKind(SyntaxKind.RefKeyword)
                || OwnedArrayShortcut.Unparenthesized(visited.ArgumentList.Arguments[0].Expression) is not MemberAccessExpressionSyntax field
                || !OwnedArrayShortcut.IsThis(field.Expression) || Slot(field.Name.Identifier.ValueText) is not var (slot, element))
            {
                return visited;
            }
            Count++;
            var index = visited.ArgumentList.Arguments[1];
            return SyntaxFactory.ParseExpression($"{FixedAt}<{element}>({slot}UL, {index})").WithTriviaFrom(visited);
        }

        private (int Slot, string Element)? Slot(string field)
        {
            if (_slots.TryGetValue((_class, field), out var own))
            {
                return own;
            }
            if (OwnedCopy(field, _members.Keys) is var (member, array) && _slots.TryGetValue((_members[member], array), out var copied))
            {
                return copied;
            }
            return null;
        }
    }
}
