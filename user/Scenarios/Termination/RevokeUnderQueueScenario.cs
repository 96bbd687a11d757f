// Revoking while threads are queued removes only capabilities: two senders queued through a minted copy stay queued
// when a revoke of the original takes the copy away (the copy's slot is empty then); the first is received later
// with its badge and words. Deleting the original afterwards deletes the endpoint's last capability, so the second
// queued sender gets ErrNoPartner.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class RevokeUnderQueueScenario : Scenario
    {
        private const uint Endpoint = 2, Badged = 3, Done = 4, First = 5, Second = 6;
        private const ulong Badge = 0xBAD6E;
        private static ulong s_first, s_second;

        public RevokeUnderQueueScenario() : base("revoke-under-queue")
        {
        }

        public override void Run(Check check)
        {
            s_first = s_second = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, Badged, Capabilities.AllRights, Badge), "mint a badged copy"))
            {
                return;
            }
            if (Workers.Start(check, First, 1, &Send, 1) && Workers.WaitForState(check, First, ThreadStates.SendBlocked)
                && Workers.Start(check, Second, 2, &Send, 2) && Workers.WaitForState(check, Second, ThreadStates.SendBlocked))
            {
                check.Equal(ResultWord.Ok, Capabilities.Revoke(Endpoint), "revoke the original");
                check.Equal(Errors.CapsEmptySlot, Ipc.Send(Badged, 3, new ulong[] { 30 }, Timeout.Zero).Result, "a send through the revoked copy");
                IpcResult received = Ipc.Wait(Endpoint, Workers.JoinTimeout);
                check.Equal(ResultWord.Ok, received.Result, "receive the first queued sender");
                check.Equal(Badge, received.Badge, "its badge");
                check.Words(new ulong[] { 10 }, received.Words, "its words");
                check.Equal(ResultWord.Ok, Capabilities.Delete(Endpoint), "delete the original");
                if (Workers.Join(check, Done, 3))
                {
                    check.Equal(ResultWord.Ok, s_first, "the received sender");
                    check.Equal(Errors.NoPartner, s_second, "the sender queued when the endpoint went");
                }
            }
            Capabilities.Delete(Badged);     // still there only if a step above failed
            Capabilities.Delete(Endpoint);
            Workers.Delete(check, new uint[] { First, Second, Done });
        }

        private static void Send(ulong which)
        {
            ulong result = Ipc.Send(Badged, which, new ulong[] { which * 10 }).Result;
            if (which == 1)
            {
                s_first = result;
            }
            else
            {
                s_second = result;
            }
            Notifications.Notify(Done, which);
        }
    }
}
