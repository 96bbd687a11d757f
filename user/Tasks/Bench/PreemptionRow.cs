// A send that preempts: a thread below the bench task's priority (Create's priority bits) Sends to a waiting thread
// at the task's priority, which runs at once. Timed from the sender's counter reading before its Send to the
// receiver's just after its Wait returned; the receiver then waits again and the sender goes on. The bench task's
// first thread waits on the Done notification meanwhile, so only these two run.
using System.Runtime.CompilerServices;

namespace Verified.User.Bench
{
    internal static unsafe class PreemptionRow
    {
        private static ulong s_sent;
        private static ulong s_sample;
        private static ulong s_arrivals;

        /// <summary>The higher-priority receiver.</summary>
        public static void Receiver(ulong unused)
        {
            while (true)
            {
                ulong result = BenchCalls.Wait(Slots.PreemptEndpoint);
                Arrived(result, BenchCalls.Rdtsc());
            }
        }

        // Where an operation ends, just after the counter read: `bench --profile` counts each from SendOnce up to here.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Arrived(ulong result, ulong now)
        {
            s_sample = result == 0 ? now - s_sent : Sampler.Failed;
            s_arrivals++;
        }

        /// <summary>The lower-priority sender: measures, then the IRQ row (which needs a thread below its handler too),
        /// then signals Done.</summary>
        public static void Sender(ulong unused)
        {
            Sampler.Sample("send to higher priority (preemption)", &SendOnce, null);
            IrqRow.Run();
            BenchCalls.Notify(Slots.Done);
        }

        // The receiver must have run before the Send returned: otherwise nothing was preempted.
        private static ulong SendOnce()
        {
            ulong before = s_arrivals;
            s_sent = BenchCalls.Rdtsc();
            ulong result = BenchCalls.Send(Slots.PreemptEndpoint, 0);
            return result == 0 && s_arrivals == before + 1 ? s_sample : Sampler.Failed;
        }
    }
}
