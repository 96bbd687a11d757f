// The 16-bit timeout encoding of docs/abi.md section 4, decoded by the kernel and produced by the user library.
using Verified.Kernel.Core.Abi;
using Xunit;
using UserTimeout = Verified.User.Sim.Timeout;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class TimeoutEncodingTests
    {
        [Theory]
        [InlineData(0x0000UL, 0UL)]
        [InlineData(0xFFFFUL, ulong.MaxValue)]
        [InlineData(0x0001UL, 1UL)]
        [InlineData(0x03FFUL, 1023UL)]
        [InlineData(0x0401UL, 2UL)]                          // e = 1, m = 1
        [InlineData(0x0C05UL, 40UL)]                         // e = 3, m = 5
        [InlineData((22UL << 10) | 1023, 1023UL << 22)]      // the longest relative timeout
        [InlineData(0x1400UL, 0UL)]                          // m = 0 means zero whatever e is
        public void ValidFieldsDecodeToTicks(ulong field, ulong ticks)
        {
            Assert.True(Timeouts.TryDecodeField(field, out ulong decoded));
            Assert.Equal(ticks, decoded);
        }

        [Theory]
        [InlineData(0x8000UL)]
        [InlineData(0xFFFEUL)]
        [InlineData((23UL << 10) | 1)]                       // e above 22
        [InlineData(0x7FFFUL)]                               // e = 31
        public void InvalidFieldsAreRefused(ulong field) => Assert.False(Timeouts.TryDecodeField(field, out _));

        [Fact]
        public void AGarbageFieldAnywhereMakesTheWordInvalid()
        {
            Assert.True(Timeouts.AllValid(0xFFFF_FFFF_FFFF_FFFF));
            Assert.True(Timeouts.AllValid(0));
            Assert.False(Timeouts.AllValid(0x8001UL << 32));
            Assert.False(Timeouts.AllValid(0xFFFEUL << 48));
        }

        [Theory]
        [InlineData(1UL)]
        [InlineData(1023UL)]
        [InlineData(1024UL)]
        [InlineData(5000UL)]
        [InlineData(1UL << 31)]
        public void TheLibraryEncodesAtLeastTheTicksAskedFor(ulong ticks)
        {
            ushort field = UserTimeout.Ticks(ticks);
            Assert.True(Timeouts.TryDecodeField(field, out ulong decoded));
            Assert.True(decoded >= ticks && decoded <= 2 * ticks, $"{ticks} encoded as {decoded}");
        }
    }
}
