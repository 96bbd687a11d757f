// A Call's reply timeout racing the server's late reply: for each delay exactly one outcome, the same on both sides
// - the reply arrived (client OK with the words, server's Reply OK) or the wait expired first (client ErrRecvTimeout
// in its receive phase, server's Reply ErrNoPartner). Which one a delay gives depends on the machine's schedule.
using Verified.User.Library;

namespace Verified.User.Scenarios.Races
{
    public sealed unsafe class ReplyTimeoutRaceScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Client = 4;
        private const ulong ReplyTimeout = 10;
        private static ulong s_call;
        private static ulong s_word;

        public ReplyTimeoutRaceScenario() : base("reply-timeout-race")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            for (ulong delay = 0; delay <= 2 * ReplyTimeout && check.Passed; delay += 4)
            {
                s_call = s_word = ulong.MaxValue;
                if (!Workers.Start(check, Client, 1, &Call, 0) || !check.Equal(ResultWord.Ok, Ipc.Wait(Endpoint).Result, "take the call"))
                {
                    return;
                }
                if (delay != 0)
                {
                    Ipc.Sleep(Timeout.Ticks(delay));
                }
                ulong reply = Ipc.Reply(0, new ulong[] { 77 }).Result;
                if (!Workers.Join(check, Done, 1))
                {
                    return;
                }
                if (s_call == ResultWord.Ok)
                {
                    check.Equal(ResultWord.Ok, reply, "the reply of a call that got it");
                    check.Equal(77, s_word, "the reply's word");
                }
                else
                {
                    check.Equal(Errors.RecvTimeout | ResultWord.ReceivePhaseBit, s_call, "a call that got no reply");
                    check.Equal(Errors.NoPartner, reply, "the reply to a call that timed out");
                }
                Workers.Delete(check, Client);
            }
            Workers.Delete(check, new uint[] { Endpoint, Done });
        }

        private static void Call(ulong argument)
        {
            IpcResult result = Ipc.Call(Endpoint, 1, Ipc.NoWords, Timeout.Never, Timeout.Ticks(ReplyTimeout));
            s_call = result.Result;
            s_word = result.Word(0);
            Notifications.Notify(Done, 1);
        }
    }
}
