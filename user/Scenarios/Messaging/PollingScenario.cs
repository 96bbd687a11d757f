// Zero-timeout polling: a thread that must not block retries with timeout zero. Every failed try returns its phase's
// timeout code at once; the first one that finds a partner completes normally on both sides. Here the main thread
// polls its receive phase until a sender is blocked, then its send phase until a receiver waits. Each partner starts
// only after the main thread's first try failed (the Go notification), so at least one miss is certain.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class PollingScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Sender = 4, Receiver = 5, Go = 6;
        private const int MaxPolls = 100_000;
        private static ulong s_sent;
        private static IpcResult? s_received;

        public PollingScenario() : base("zero-timeout-polling")
        {
        }

        public override void Run(Check check)
        {
            s_sent = ulong.MaxValue;
            s_received = null;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Go) || !Workers.Start(check, Sender, 1, &Send, 0))
            {
                return;
            }
            int misses = 0;
            IpcResult got = Ipc.Wait(Endpoint, Timeout.Zero);
            Notifications.Notify(Go, 1);
            for (int i = 0; i < MaxPolls && got.Result == Errors.RecvTimeout + ResultWord.ReceivePhaseBit; i++)
            {
                misses++;
                Threads.Yield();
                got = Ipc.Wait(Endpoint, Timeout.Zero);
            }
            check.True(misses > 0, "the receive poll before the sender started found a partner");
            check.Equal(ResultWord.Ok, got.Result, "a receive poll");
            check.Words(new ulong[] { 30 }, got.Words, "the polled message");
            if (!Workers.Start(check, Receiver, 2, &Receive, 0))
            {
                return;
            }
            misses = 0;
            ulong sent = Ipc.Send(Endpoint, 4, new ulong[] { 40 }, Timeout.Zero).Result;
            Notifications.Notify(Go, 2);
            for (int i = 0; i < MaxPolls && sent == Errors.SendTimeout; i++)
            {
                misses++;
                Threads.Yield();
                sent = Ipc.Send(Endpoint, 4, new ulong[] { 40 }, Timeout.Zero).Result;
            }
            check.Equal(ResultWord.Ok, sent, "a send poll");
            check.True(misses > 0, "the send poll before the receiver started found a partner");
            if (Workers.Join(check, Done, 3) && s_received is not null)
            {
                check.Equal(ResultWord.Ok, s_sent, "the polled sender");
                check.Equal(ResultWord.Ok, s_received.Result, "the polled receiver");
                check.Words(new ulong[] { 40 }, s_received.Words, "its message");
            }
            Workers.Delete(check, new uint[] { Sender, Receiver, Endpoint, Done, Go });
        }

        private static void Send(ulong argument)
        {
            WaitForGo();
            Ipc.Sleep(Timeout.Ticks(5));
            s_sent = Ipc.Send(Endpoint, 3, new ulong[] { 30 }).Result;
            Notifications.Notify(Done, 1);
        }

        private static void Receive(ulong argument)
        {
            WaitForGo();
            Ipc.Sleep(Timeout.Ticks(5));
            s_received = Ipc.Wait(Endpoint);
            Notifications.Notify(Done, 2);
        }

        private static void WaitForGo()
        {
            ulong bits;
            Notifications.Wait(Go, Workers.JoinTimeout, out bits);
        }
    }
}
