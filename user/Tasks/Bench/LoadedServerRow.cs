// A server under load: its ReplyWait answers one client and finds the other client's Call already queued, so it
// takes that request in the same kernel entry and goes on serving. Two threads of the bench task call a server thread
// of the server task in a loop; the server times its own ReplyWait (the reply, and the request taken), and after each
// (untimed) yields, so that the client it has just answered runs and queues its next Call. The bench task's first
// thread waits on LoadDone meanwhile.
using System.Runtime.CompilerServices;
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static unsafe class LoadedServerRow
    {
        private static ulong s_calls;     // Calls the clients began
        private static ulong s_replies;   // replies the server made

        /// <summary>Starts the server, then the two clients; waits for the row. 0 or the first refusal.</summary>
        public static ulong Run(uint firstThread, uint firstUtcb)
        {
            ulong result = ServerTask.StartThread(firstThread, firstUtcb, &Serve, 0);
            result = result != 0 ? result : Machine.StartThread(firstThread + 1, firstUtcb + 1, &Client, 0);
            result = result != 0 ? result : Machine.StartThread(firstThread + 2, firstUtcb + 2, &Client, 0);
            return result != 0 ? result : BenchCalls.NotifyWait(Slots.LoadDone);
        }

        // Each Call is counted before it is made. The clients end when the server has gone (their Call then fails).
        private static void Client(ulong unused)
        {
            do
            {
                s_calls++;
            }
            while (BenchCalls.Call(Slots.LoadEndpoint, 0) == 0);
        }

        // The server: takes the first request, measures, signals LoadDone and ends (its clients' Calls then fail).
        private static void Serve(ulong unused)
        {
            if (BenchCalls.Wait(Slots.LoadEndpoint) == 0)
            {
                Sampler.Sample("replywait, next caller queued, cross-AS", &ServeOnce, &Release);
            }
            else
            {
                Report.Note("loaded-server row: the server's first Wait failed");
            }
            BenchCalls.Notify(Slots.LoadDone);
        }

        // One client is being served and the other waits in the queue (each has begun one Call more than the server
        // has answered): the ReplyWait answers the one and takes the other's request.
        private static ulong ServeOnce()
        {
            if (s_calls != s_replies + 2)
            {
                return Sampler.Failed;
            }
            ulong start = BenchCalls.Rdtsc();
            ulong result = BenchCalls.ReplyWait(Slots.LoadEndpoint, 0);
            ulong end = BenchCalls.Rdtsc();
            s_replies++;
            return result == 0 ? end - start : Sampler.Failed;
        }

        // The client just answered runs: it begins its next Call, which queues, and the server goes on.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ulong Release()
        {
            ulong before = s_calls;
            ulong result = BenchCalls.Yield();
            return result == 0 && s_calls == before + 1 ? 0 : Sampler.Failed;
        }
    }
}
