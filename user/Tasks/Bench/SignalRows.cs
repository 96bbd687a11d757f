// A notification round trip: the client signals Ping and waits on Pong; a partner thread waits on Ping and signals
// Pong. Timed on the client: Notify + NotifyWait, with the partner's NotifyWait return and Notify in between.
namespace Verified.User.Bench
{
    internal static unsafe class SignalRows
    {
        public static void Partner(ulong unused)
        {
            while (true)
            {
                BenchCalls.NotifyWait(Slots.Ping);
                BenchCalls.Notify(Slots.Pong);
            }
        }

        public static void Run() => Sampler.Measure("notification signal + wait roundtrip", &PingPong);

        private static ulong PingPong()
        {
            ulong sent = BenchCalls.Notify(Slots.Ping);
            return sent | BenchCalls.NotifyWait(Slots.Pong);
        }
    }
}
