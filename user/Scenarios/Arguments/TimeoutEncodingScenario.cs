// The library's 16-bit timeout encoding (docs/abi.md section 4): the smallest m * 2^e not below the ticks asked for,
// and the kernel takes every encoding it produces (a Sleep of each ends with OK).
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed class TimeoutEncodingScenario : Scenario
    {
        public TimeoutEncodingScenario() : base("timeout-encoding")
        {
        }

        public override void Run(Check check)
        {
            check.Equal(Timeout.Zero, Timeout.Ticks(0), "0 ticks");
            check.Equal(1, Timeout.Ticks(1), "1 tick");
            check.Equal(1023, Timeout.Ticks(1023), "1023 ticks");
            check.Equal((1 << 10) | 512, Timeout.Ticks(1024), "1024 ticks");
            check.Equal((1 << 10) | 513, Timeout.Ticks(1025), "1025 ticks");
            check.Equal(Timeout.Longest, Timeout.Ticks(ulong.MaxValue), "beyond the longest");
            ulong[] samples = new ulong[] { 1, 2, 1023, 1024, 1025, 4097, 1UL << 20, 1UL << 31 };
            for (int i = 0; i < samples.Length; i++)
            {
                ulong ticks = Timeout.TicksOf(Timeout.Ticks(samples[i]));
                check.True(ticks >= samples[i] && ticks - samples[i] < 1UL << 22, "an encoding waits at least as long");
            }
            check.Equal(ResultWord.Ok, Ipc.Sleep(Timeout.Ticks(2)).Result, "sleep with an encoded timeout");
            check.Equal(Errors.InvalidArgument, Ipc.Invoke(Ipc.Nil, Ipc.Nil, Timeout.Word(Timeout.Never, 0x8000), 0, Ipc.NoWords).Result,
                "0x8000 is no timeout");
        }
    }
}
