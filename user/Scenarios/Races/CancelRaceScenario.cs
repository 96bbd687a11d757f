// Cancel racing a receiver for a blocked sender: the sender is either canceled (ErrCanceled; the canceler saw it
// SendBlocked and the zero-timeout receiver found nobody) or received (OK on both sides); never both, never neither.
using Verified.User.Library;

namespace Verified.User.Scenarios.Races
{
    public sealed unsafe class CancelRaceScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Sender = 4, Receiver = 5, Canceler = 6;
        private const int Rounds = 4;
        private static ulong s_sent, s_received, s_cancel, s_state;

        public CancelRaceScenario() : base("cancel-race")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            for (int round = 0; round < Rounds && check.Passed; round++)
            {
                s_sent = s_received = s_cancel = s_state = ulong.MaxValue;
                if (!Workers.Start(check, Sender, 1, &Send, 0) || !Workers.WaitForState(check, Sender, ThreadStates.SendBlocked)
                    || !Workers.Start(check, Receiver, 2, &Receive, 0) || !Workers.Start(check, Canceler, 3, &Cancel, 0)
                    || !Workers.Join(check, Done, 7))
                {
                    return;
                }
                check.Equal(ResultWord.Ok, s_cancel, "cancel");
                if (s_sent == ResultWord.Ok)
                {
                    check.Equal(ResultWord.Ok, s_received, "the receiver of a delivered message");
                    check.True(s_state != ThreadStates.SendBlocked, "the canceler found the delivered sender still blocked");
                }
                else
                {
                    check.Equal(Errors.Canceled, s_sent, "a sender that was not received");
                    check.Equal(ThreadStates.SendBlocked, s_state, "the state the cancel found");
                    check.Equal(Errors.RecvTimeout | ResultWord.ReceivePhaseBit, s_received, "the receiver that came too late");
                }
                Workers.Delete(check, new uint[] { Sender, Receiver, Canceler });
            }
            Workers.Delete(check, new uint[] { Endpoint, Done });
        }

        private static void Send(ulong argument)
        {
            s_sent = Ipc.Send(Endpoint, 1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 1);
        }

        private static void Receive(ulong argument)
        {
            Threads.Yield();
            s_received = Ipc.Wait(Endpoint, Timeout.Zero).Result;
            Notifications.Notify(Done, 2);
        }

        private static void Cancel(ulong argument)
        {
            Threads.Yield();
            s_cancel = Threads.Cancel(Sender, out s_state);
            Notifications.Notify(Done, 4);
        }
    }
}
