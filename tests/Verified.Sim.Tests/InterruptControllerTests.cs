// The interrupt controller: pending, masking, in service, acknowledge, fixed priority by line number.
using System;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class InterruptControllerTests
    {
        [Fact]
        public void RaisedLineIsPendingUntilAcceptedThenInServiceUntilAcknowledged()
        {
            var pic = new InterruptController(8);
            pic.Raise(3);
            Assert.True(pic.IsPending(3));
            Assert.Equal(0b1000UL, pic.PendingBits);
            Assert.Equal(3, pic.Accept());
            Assert.False(pic.IsPending(3));
            Assert.True(pic.IsInService(3));
            pic.Raise(3);
            Assert.Equal(-1, pic.Accept());          // in service: not delivered again yet
            Assert.True(pic.Acknowledge(3));
            Assert.False(pic.Acknowledge(3));
            Assert.Equal(3, pic.Accept());           // the second raise, held pending meanwhile
        }

        [Fact]
        public void MaskedLineStaysPendingAndIsDeliveredAfterUnmask()
        {
            var pic = new InterruptController(8);
            pic.Mask(5);
            pic.Raise(5);
            Assert.False(pic.HasDeliverable);
            Assert.Equal(-1, pic.Accept());
            Assert.True(pic.IsPending(5));
            pic.Unmask(5);
            Assert.True(pic.HasDeliverable);
            Assert.Equal(5, pic.Accept());
        }

        [Fact]
        public void LowestLineWinsAndRaisesCoalesce()
        {
            var pic = new InterruptController(64);
            pic.Raise(63);
            pic.Raise(9);
            pic.Raise(9);
            pic.Raise(2);
            Assert.Equal(4, pic.Raised);
            Assert.Equal(2, pic.Accept());
            Assert.Equal(9, pic.Accept());
            Assert.Equal(63, pic.Accept());
            Assert.Equal(-1, pic.Accept());   // the two raises of line 9 were one
            Assert.Equal((1UL << 63) | (1UL << 9) | (1UL << 2), pic.InServiceBits);
        }

        [Fact]
        public void LinesOutsideTheControllerAreRejected()
        {
            var pic = new InterruptController(4);
            Assert.Throws<ArgumentOutOfRangeException>(() => pic.Raise(4));
            Assert.Throws<ArgumentOutOfRangeException>(() => pic.Mask(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new InterruptController(65));
        }
    }
}
