// ExchangeRegisters without control bits reports a thread's IPC state (spec/Ipc/IpcTypes.dfy) and changes nothing:
// a sleeper is Sleeping until canceled (its Sleep then ends with ErrCanceled in the receive phase, as any receive
// wait), a caller is CallBlocked before the rendezvous, and a thread that ended is Dead.
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class ThreadStatesScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Sleeper = 4, Caller = 5;
        private static ulong s_slept, s_call;

        public ThreadStatesScenario() : base("thread-states")
        {
        }

        public override void Run(Check check)
        {
            s_slept = s_call = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            ulong state;
            if (Workers.Start(check, Sleeper, 1, &Sleep, 0) && Workers.WaitForState(check, Sleeper, ThreadStates.Sleeping))
            {
                check.Equal(ThreadStates.Sleeping, Threads.StateOf(Sleeper), "read twice, still sleeping");
                check.Equal(ResultWord.Ok, Threads.Cancel(Sleeper, out state), "cancel the sleeper");
                check.Equal(ThreadStates.Sleeping, state, "the state the cancel found");
            }
            if (Workers.Start(check, Caller, 2, &Call, 0) && Workers.WaitForState(check, Caller, ThreadStates.CallBlocked))
            {
                IpcResult request = Ipc.Wait(Endpoint);
                check.Equal(ResultWord.Ok, request.Result, "take the call");
                check.Equal(ThreadStates.RecvClosed, Threads.StateOf(Caller), "the caller waits for the reply");
                check.Equal(ResultWord.Ok, Ipc.Reply(0, Ipc.NoWords).Result, "reply");
            }
            if (Workers.Join(check, Done, 3))
            {
                check.Equal(Errors.Canceled | ResultWord.ReceivePhaseBit, s_slept, "the canceled sleep");
                check.Equal(ResultWord.Ok, s_call, "the call");
                check.True(Workers.WaitForState(check, Sleeper, ThreadStates.Dead), "the sleeper ended");
            }
            Workers.Delete(check, new uint[] { Sleeper, Caller, Endpoint, Done });
        }

        private static void Sleep(ulong argument)
        {
            s_slept = Ipc.Sleep(Timeout.Ticks(100_000)).Result;
            Notifications.Notify(Done, 1);
        }

        private static void Call(ulong argument)
        {
            s_call = Ipc.Call(Endpoint, 1, Ipc.NoWords).Result;
            Notifications.Notify(Done, 2);
        }
    }
}
