// ErrPartnerKilled when another thread deletes the partner with ThreadControl: a closed receiver waiting for a
// sleeping thread, and a caller whose server took its Call and sleeps, get the error in their receive phase; the
// deleted threads never run again (they are Dead and never reach the code after their Sleep).
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class DeletedPartnerScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Partner = 4, Receiver = 5, Server = 6, Client = 7;
        private static ulong s_received, s_request, s_call;
        private static bool s_partnerContinued, s_serverReplied;

        public DeletedPartnerScenario() : base("deleted-partner")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_request = s_call = ulong.MaxValue;
            s_partnerContinued = s_serverReplied = false;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.Start(check, Partner, 1, &SleepForever, 0) && Workers.Start(check, Receiver, 2, &ReceiveFromPartner, 0)
                && Workers.WaitForState(check, Receiver, ThreadStates.RecvClosed)
                && Workers.WaitForState(check, Partner, ThreadStates.Sleeping))
            {
                check.Equal(ResultWord.Ok, ThreadControl.DeleteThread(Partner), "delete the partner");
                check.Equal(ThreadStates.Dead, Threads.StateOf(Partner), "the deleted partner");
            }
            if (Workers.Start(check, Server, 3, &TakeAndSleep, 0) && Workers.Start(check, Client, 4, &Call, 0)
                && Workers.WaitForState(check, Client, ThreadStates.RecvClosed)
                && Workers.WaitForState(check, Server, ThreadStates.Sleeping))
            {
                check.Equal(ResultWord.Ok, ThreadControl.DeleteThread(Server), "delete the server");
                check.Equal(ThreadStates.Dead, Threads.StateOf(Server), "the deleted server");
            }
            if (Workers.Join(check, Done, 3))
            {
                check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit, s_received, "the closed receiver");
                check.Equal(ResultWord.Ok, s_request, "the server's receive");
                check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit, s_call, "the caller");
                check.True(!s_partnerContinued, "the deleted partner ran on");
                check.True(!s_serverReplied, "the deleted server ran on");
            }
            Workers.Delete(check, new uint[] { Partner, Receiver, Server, Client, Endpoint, Done });
        }

        private static void SleepForever(ulong argument)
        {
            Ipc.Sleep(Timeout.Never);
            s_partnerContinued = true;
        }

        private static void ReceiveFromPartner(ulong argument)
        {
            s_received = Ipc.Receive(Partner).Result;
            Notifications.Notify(Done, 1);
        }

        private static void TakeAndSleep(ulong argument)
        {
            s_request = Ipc.Wait(Endpoint).Result;
            Ipc.Sleep(Timeout.Never);
            s_serverReplied = true;
        }

        private static void Call(ulong argument)
        {
            s_call = Ipc.Call(Endpoint, 1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 2);
        }
    }
}
