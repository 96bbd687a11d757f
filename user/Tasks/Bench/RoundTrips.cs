// Call + ReplyWait round trips, timed on the client: Call sends the request and waits for the reply; the server's
// ReplyWait answers and waits for the next request. The halves come from the stamping server's counter readings:
// the Call half from the client's reading before its Call to the server's just after its request arrived, the
// reply half from the server's reading before its ReplyWait to the client's just after its Call returned.
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static unsafe class RoundTrips
    {
        private static uint s_endpoint;
        private static ulong s_tag;

        public static void NullSyscall() => Sampler.Measure("null syscall", &NullOperation);

        /// <summary>Yield with nothing else to run: the whole kernel entry and exit (registers and vector state saved
        /// and restored, the decoder, Settle, the scheduler's choice), which the Null syscall no longer pays.</summary>
        public static void FullEntry() => Sampler.Measure("yield (full kernel entry)", &YieldOperation);

        /// <summary>A round trip with <paramref name="words"/> untyped words each way (63: the most a message holds,
        /// MR1..MR8 in registers and MR9..MR63 through the UTCBs).</summary>
        public static void RoundTrip(string space, uint endpoint, int words)
        {
            Use(endpoint, words);
            Sampler.Measure(string.Concat("roundtrip ", space, " ", words.ToString(), " words"), &CallOperation);
        }

        public static void Halves(string space, uint stampingEndpoint, int words)
        {
            Use(stampingEndpoint, words);
            string suffix = string.Concat(" ", space, " ", words.ToString(), " words");
            Sampler.Sample(string.Concat("call half", suffix), &CallHalf, null);
            Sampler.Sample(string.Concat("reply half", suffix), &ReplyHalf, null);
        }

        private static void Use(uint endpoint, int words)
        {
            s_endpoint = endpoint;
            s_tag = MessageTag.Of(0, words, 0);
            Servers.s_replyTag = s_tag;
        }

        private static ulong NullOperation() => BenchCalls.Null();

        private static ulong YieldOperation() => BenchCalls.Yield();

        private static ulong CallOperation() => BenchCalls.Call(s_endpoint, s_tag);

        private static ulong CallHalf()
        {
            ulong start = BenchCalls.Rdtsc();
            ulong result = BenchCalls.Call(s_endpoint, s_tag);
            return result == 0 ? Servers.s_received - start : Sampler.Failed;
        }

        private static ulong ReplyHalf()
        {
            ulong result = BenchCalls.Call(s_endpoint, s_tag);
            ulong end = BenchCalls.Rdtsc();
            return result == 0 ? end - Servers.s_replying : Sampler.Failed;
        }
    }
}
