using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Xunit;

namespace Verified.Coyote.Tests;

/// <summary>Specification.Assert with an interpolated message: formatted only when the assertion fails.</summary>
public sealed class SpecificationTests
{
    [Fact]
    public void APassingAssertionDoesNotFormatItsMessage()
    {
        int formatted = 0;
        string Count()
        {
            formatted++;
            return "counted";
        }
        Specification.Assert(true, $"never shown: {Count()}");
        Assert.Equal(0, formatted);
    }

    [Fact]
    public void AFailingAssertionFormatsItsMessage()
    {
        ulong word = 0xC0FFEE;
        var failure = Assert.Throws<AssertionFailureException>(() =>
            Specification.Assert(word == 0, $"word {word:x} at step {7}"));
        Assert.Equal("word c0ffee at step 7", failure.Message);
    }
}
