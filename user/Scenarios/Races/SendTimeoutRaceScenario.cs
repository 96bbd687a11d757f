// A timeout racing a partner that arrives late, both ways: a sender blocked with a send timeout and a receiver
// arriving after a delay with a zero timeout, and a receiver waiting with a receive timeout and a sender arriving
// late with a zero timeout. For each delay both sides agree: the message passed (OK on both) or it did not (the
// waiting side timed out, the late side found nobody). Which one a delay gives depends on the machine's schedule.
using Verified.User.Library;

namespace Verified.User.Scenarios.Races
{
    public sealed unsafe class SendTimeoutRaceScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Waiting = 4;
        private const ulong Deadline = 10;
        private static ulong s_waiting;

        public SendTimeoutRaceScenario() : base("send-timeout-race")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            for (ulong delay = 0; delay <= 2 * Deadline && check.Passed; delay += 4)
            {
                // A blocked sender and a late receiver.
                s_waiting = ulong.MaxValue;
                if (!Workers.Start(check, Waiting, 1, &SendWithDeadline, 0))
                {
                    break;
                }
                SleepFor(delay);
                ulong late = Ipc.Wait(Endpoint, Timeout.Zero).Result;
                if (Workers.Join(check, Done, 1))
                {
                    Agree(check, s_waiting, late, Errors.SendTimeout, Errors.RecvTimeout | ResultWord.ReceivePhaseBit, "sender and late receiver");
                }
                Workers.Delete(check, Waiting);

                // A waiting receiver and a late sender.
                s_waiting = ulong.MaxValue;
                if (!Workers.Start(check, Waiting, 1, &WaitWithDeadline, 0))
                {
                    break;
                }
                SleepFor(delay);
                late = Ipc.Send(Endpoint, 1, new ulong[] { 5 }, Timeout.Zero).Result;
                if (Workers.Join(check, Done, 1))
                {
                    Agree(check, s_waiting, late, Errors.RecvTimeout | ResultWord.ReceivePhaseBit, Errors.SendTimeout, "receiver and late sender");
                }
                Workers.Delete(check, Waiting);
            }
            Workers.Delete(check, new uint[] { Endpoint, Done });
        }

        /// <summary>Both OK, or the waiting side's and the late side's timeout codes.</summary>
        private static void Agree(Check check, ulong waiting, ulong late, ulong waitingTimeout, ulong lateTimeout, string what)
        {
            if (waiting == ResultWord.Ok)
            {
                check.Equal(ResultWord.Ok, late, string.Concat(what, ": the late side of a message that passed"));
            }
            else
            {
                check.Equal(waitingTimeout, waiting, string.Concat(what, ": the waiting side"));
                check.Equal(lateTimeout, late, string.Concat(what, ": the late side of a message that did not pass"));
            }
        }

        private static void SleepFor(ulong ticks)
        {
            if (ticks != 0)
            {
                Ipc.Sleep(Timeout.Ticks(ticks));
            }
        }

        private static void SendWithDeadline(ulong argument)
        {
            s_waiting = Ipc.Send(Endpoint, 1, new ulong[] { 5 }, Timeout.Ticks(Deadline)).Result;
            Notifications.Notify(Done, 1);
        }

        private static void WaitWithDeadline(ulong argument)
        {
            s_waiting = Ipc.Wait(Endpoint, Timeout.Ticks(Deadline)).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
