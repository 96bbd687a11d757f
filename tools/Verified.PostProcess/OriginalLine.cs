// Lines of the input file, carried through the rewrites as token annotations.
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Verified.PostProcess;

/// <summary>
/// Annotates every identifier token with its 1-based line in the input, so diagnostics on the rewritten tree can
/// name the line a reader finds in the file Dafny produced.
/// </summary>
internal static class OriginalLine
{
    private const string Kind = "Verified.OriginalLine";

    public static SyntaxNode Annotate(SyntaxNode root) => new Annotator().Visit(root);

    /// <summary>The input line of the first annotated token in `node`, else its line in the current tree.</summary>
    public static int Of(SyntaxNode node)
    {
        foreach (var token in node.DescendantTokens())
        {
            var annotation = token.GetAnnotations(Kind).FirstOrDefault();
            if (annotation?.Data != null)
            {
                return int.Parse(annotation.Data, CultureInfo.InvariantCulture);
            }
        }
        return node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
    }

    private sealed class Annotator : CSharpSyntaxRewriter
    {
        public override SyntaxToken VisitToken(SyntaxToken token)
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken))
            {
                return token;
            }
            int line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            return token.WithAdditionalAnnotations(new SyntaxAnnotation(Kind, line.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
