using System;
using System.Runtime.CompilerServices;

namespace Verified.Coyote.Specifications;

/// <summary>
/// The message of <c>Specification.Assert(predicate, $"...")</c>, formatted only when the predicate is false (the
/// pattern of Debug.Assert). Tests assert inside loops and after every machine step with messages that format
/// numbers; formatting each one although it passes was a large share of the explorer's time.
/// </summary>
[InterpolatedStringHandler]
public ref struct AssertMessageHandler
{
    private DefaultInterpolatedStringHandler _message;

    public AssertMessageHandler(int literalLength, int formattedCount, bool predicate, out bool shouldAppend)
    {
        shouldAppend = !predicate;
        _message = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _message.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _message.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _message.AppendFormatted(value, format);

    public void AppendFormatted<T>(T value, int alignment) => _message.AppendFormatted(value, alignment);

    public void AppendFormatted<T>(T value, int alignment, string? format) =>
        _message.AppendFormatted(value, alignment, format);

    public void AppendFormatted(ReadOnlySpan<char> value) => _message.AppendFormatted(value);

    public void AppendFormatted(string? value) => _message.AppendFormatted(value);

    internal string ToStringAndClear() => _message.ToStringAndClear();
}
