// Termination case ErrPartnerKilled: the thread another one waits for is deleted (ThreadControl) - a closed receiver
// waiting for it, and a caller waiting for its reply from it, both get the error in their receive phase.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class PartnerKilledScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Hold = 4, Victim = 5, Receiver = 6, Server = 7, Caller = 8;
        private static ulong s_received, s_call;

        public PartnerKilledScenario() : base("partner-killed")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_call = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Hold))
            {
                return;
            }
            if (Workers.Start(check, Victim, 1, &Hang, 0) && Workers.Start(check, Receiver, 2, &ReceiveFromVictim, 0)
                && Workers.WaitForState(check, Receiver, ThreadStates.RecvClosed))
            {
                check.Equal(ResultWord.Ok, ThreadControl.DeleteThread(Victim), "delete the thread waited for");
            }
            if (Workers.Start(check, Server, 3, &TakeAndHang, 0) && Workers.Start(check, Caller, 4, &Call, 0)
                && Workers.WaitForState(check, Caller, ThreadStates.RecvClosed))
            {
                check.Equal(ResultWord.Ok, ThreadControl.DeleteThread(Server), "delete the server");
            }
            if (Workers.Join(check, Done, 3))
            {
                check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit, s_received, "closed receive");
                check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit, s_call, "call");
            }
            Workers.Delete(check, new uint[] { Victim, Receiver, Server, Caller, Endpoint, Done, Hold });
        }

        private static void Hang(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Hold, Timeout.Never, out bits);
        }

        private static void ReceiveFromVictim(ulong argument)
        {
            s_received = Ipc.Receive(Victim).Result;
            Notifications.Notify(Done, 1);
        }

        private static void TakeAndHang(ulong argument)
        {
            Ipc.Wait(Endpoint);
            Hang(0);
        }

        private static void Call(ulong argument)
        {
            s_call = Ipc.Call(Endpoint, 1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 2);
        }
    }
}
