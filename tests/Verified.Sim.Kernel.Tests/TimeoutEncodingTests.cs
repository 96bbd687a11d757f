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

        /// <summary>TryDecodeAll (with its shortcut for the common words) decodes each field as TryDecodeField does, and
        /// refuses the word exactly when a field is invalid.</summary>
        [Fact]
        public void AWholeWordDecodesFieldByField()
        {
            ulong[] fields = { 0, 0xFFFF, 1, 0x0C05, 0x8000, 0xFFFE, (23UL << 10) | 1 };
            foreach (ulong a in fields)
            {
                foreach (ulong b in fields)
                {
                    foreach (ulong c in fields)
                    {
                        foreach (ulong d in fields)
                        {
                            ulong word = a | (b << 16) | (c << 32) | (d << 48);
                            bool valid = Timeouts.TryDecodeAll(word, out ulong send, out ulong receive, out ulong sendPf,
                                out ulong receivePf);
                            bool va = Timeouts.TryDecodeField(a, out ulong ta), vb = Timeouts.TryDecodeField(b, out ulong tb);
                            bool vc = Timeouts.TryDecodeField(c, out ulong tc), vd = Timeouts.TryDecodeField(d, out ulong td);
                            Assert.Equal(va && vb && vc && vd, valid);
                            if (valid)
                            {
                                Assert.Equal((ta, tb, tc, td), (send, receive, sendPf, receivePf));
                            }
                        }
                    }
                }
            }
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
