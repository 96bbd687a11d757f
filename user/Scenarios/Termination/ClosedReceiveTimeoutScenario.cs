// ErrRecvTimeout of a closed receive: from a thread that sleeps and never sends, a zero timeout fails at once and a
// relative one at its deadline, both in the receive phase (bit 24), as the open wait's zero timeout does.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class ClosedReceiveTimeoutScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Other = 4;
        private const ulong RecvTimeout = Errors.RecvTimeout | ResultWord.ReceivePhaseBit;

        public ClosedReceiveTimeoutScenario() : base("closed-receive-timeout")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.Start(check, Other, 1, &Sleep, 0))
            {
                check.Equal(RecvTimeout, Ipc.Wait(Endpoint, Timeout.Zero).Result, "open wait, zero timeout");
                check.Equal(RecvTimeout, Ipc.Receive(Other, Timeout.Zero).Result, "closed receive, zero timeout");
                check.Equal(RecvTimeout, Ipc.Receive(Other, Timeout.Ticks(30)).Result, "closed receive, 30 ticks");
                Workers.Join(check, Done, 1);
            }
            Workers.Delete(check, new uint[] { Other, Endpoint, Done });
        }

        private static void Sleep(ulong argument)
        {
            Ipc.Sleep(Timeout.Ticks(100));
            Notifications.Notify(Done, 1);
        }
    }
}
