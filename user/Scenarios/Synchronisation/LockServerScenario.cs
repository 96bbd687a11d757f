// Mutual exclusion through a lock server: a thread hands the lock out by answering a Call on the acquire endpoint and
// takes it back by answering one on the release endpoint, which only the holder calls. Workers increment a shared
// counter with a kernel entry between its read and its write, so any overlap would lose increments; the server checks
// that the release comes from the holder. Run with every thread at the main thread's priority, and with the server
// below workers of three different priorities (a holder preempted by a higher worker must still keep the others out).
using Verified.User.Library;

namespace Verified.User.Scenarios.Synchronisation
{
    public sealed unsafe class LockServerScenario : Scenario
    {
        private const uint Acquire = 2, Release = 3, Done = 4, Server = 5, FirstWorker = 6;
        private const int WorkerCount = 3, Rounds = 4;
        private const ulong Stop = 0xDEAD;
        private const uint MixedServerPriority = 2, MixedFirstWorkerPriority = 3;
        private static ulong s_counter, s_failures, s_inside;
        private readonly bool _mixed;

        public LockServerScenario(bool mixed) : base(mixed ? "lock-server-mixed-priorities" : "lock-server")
        {
            _mixed = mixed;
        }

        public override void Run(Check check)
        {
            s_counter = s_failures = s_inside = 0;
            if (!Workers.CreateEndpoint(check, Acquire) || !Workers.CreateEndpoint(check, Release)
                || !Workers.CreateNotification(check, Done) || !StartOne(check, Server, 1, MixedServerPriority, &Serve, 0))
            {
                return;
            }
            for (uint k = 0; k < WorkerCount; k++)
            {
                if (!StartOne(check, FirstWorker + k, 2 + k, MixedFirstWorkerPriority + k, &Work, k))
                {
                    return;
                }
            }
            if (Workers.Join(check, Done, 7))
            {
                check.Equal(ResultWord.Ok, Ipc.Call(Acquire, Stop, Ipc.NoWords).Result, "stop the server");
                check.Equal(WorkerCount * Rounds, s_counter, "increments");
                check.Equal(0, s_failures, "failed lock calls and overlaps");
                Workers.Join(check, Done, 8);
            }
            Workers.Delete(check, new uint[] { Server, FirstWorker, FirstWorker + 1, FirstWorker + 2, Acquire, Release, Done });
        }

        private bool StartOne(Check check, uint slot, uint utcbSlot, uint mixedPriority, delegate*<ulong, void> entry, ulong argument) =>
            _mixed ? Workers.StartAt(check, slot, utcbSlot, mixedPriority, entry, argument) : Workers.Start(check, slot, utcbSlot, entry, argument);

        private static void Serve(ulong argument)
        {
            while (true)
            {
                IpcResult request = Ipc.Wait(Acquire);
                if (!request.IsOk || Ipc.Reply(0, Ipc.NoWords).Result != ResultWord.Ok)
                {
                    s_failures++;
                }
                if (request.Label == Stop)
                {
                    break;
                }
                IpcResult release = Ipc.Wait(Release);
                if (!release.IsOk || release.Word(0) != request.Word(0) || Ipc.Reply(0, Ipc.NoWords).Result != ResultWord.Ok)
                {
                    s_failures++;
                }
            }
            Notifications.Notify(Done, 8);
        }

        private static void Work(ulong k)
        {
            for (int i = 0; i < Rounds; i++)
            {
                if (!Ipc.Call(Acquire, 1, new ulong[] { k }).IsOk)
                {
                    s_failures++;
                }
                if (++s_inside != 1)
                {
                    s_failures++;
                }
                ulong seen = s_counter;
                Threads.Yield();
                s_counter = seen + 1;
                s_inside--;
                if (!Ipc.Call(Release, 1, new ulong[] { k }).IsOk)
                {
                    s_failures++;
                }
            }
            Notifications.Notify(Done, 1UL << (int)k);
        }
    }
}
