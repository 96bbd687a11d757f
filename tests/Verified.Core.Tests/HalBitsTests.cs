// The hosted HAL's bit scan (hal/Sim/HalBitsSim.cs) against the contract of spec/HalBits.dfy, and the priority
// bitmaps' HighBit, which rests on it, against a plain scan.
using System;
using Xunit;

namespace Verified.Core.Tests;

public sealed class HalBitsTests
{
    private static uint Scan(uint w)
    {
        uint p = 31;
        while ((w >> (int)p) == 0)
        {
            p--;
        }
        return p;
    }

    [Fact]
    public void EveryPowerOfTwoAndItsNeighboursHaveTheRightTopBit()
    {
        for (int p = 0; p < 32; p++)
        {
            uint bit = 1u << p;
            foreach (uint w in new[] { bit, bit | (bit - 1), p < 31 ? bit + 1 : bit, p > 0 ? bit - 1 : bit })
            {
                Assert.Equal(Scan(w), HalBits.__default.HalHighestBit(w));
                Assert.Equal(Scan(w), IpcQueues.__default.HighBit(w));
            }
        }
    }

    [Fact]
    public void RandomWordsOfEveryWidthHaveTheRightTopBit()
    {
        var random = new Random(12345);
        for (int i = 0; i < 100_000; i++)
        {
            uint w = (uint)random.NextInt64(1, 1L << 32) >> random.Next(32);
            if (w != 0)
            {
                Assert.Equal(Scan(w), HalBits.__default.HalHighestBit(w));
            }
        }
    }
}
