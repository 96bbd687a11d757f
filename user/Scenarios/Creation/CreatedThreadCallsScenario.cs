// Objects made by Create work at once: a new notification carries bits, a new thread Calls its creator on a new
// endpoint with three words and gets the one-word reply; a second Create into an occupied slot is ErrSlotOccupied
// and leaves the first object as it was.
using Verified.User.Library;

namespace Verified.User.Scenarios.Creation
{
    public sealed unsafe class CreatedThreadCallsScenario : Scenario
    {
        private const uint NewEndpoint = 2, NewNotification = 3, NewThread = 4;
        private static IpcResult? s_reply;

        public CreatedThreadCallsScenario() : base("created-thread-calls")
        {
        }

        public override void Run(Check check)
        {
            s_reply = null;
            if (!Workers.CreateEndpoint(check, NewEndpoint) || !Workers.CreateNotification(check, NewNotification))
            {
                return;
            }
            ulong bits;
            check.Equal(ResultWord.Ok, Notifications.Notify(NewNotification, 0x30), "notify the new notification");
            check.Equal(ResultWord.Ok, Notifications.Wait(NewNotification, Timeout.Zero, out bits), "take its bits");
            check.Equal(0x30, bits, "its bits");
            if (Workers.Start(check, NewThread, 1, &CallParent, 0))
            {
                IpcResult request = Ipc.Wait(NewEndpoint, Workers.JoinTimeout);
                check.Equal(ResultWord.Ok, request.Result, "the child's call");
                check.Words(new ulong[] { 1, 2, 3 }, request.Words, "its words");
                check.True(request.ReplyExpected, "a Call expects a reply");
                check.Equal(ResultWord.Ok, Ipc.Reply(0x8, new ulong[] { 6 }).Result, "reply");
                check.Equal(Errors.CapsSlotOccupied, Objects.CreateNotification(NewNotification, Layout.TaskSlot), "create into an occupied slot");
                check.Equal(ResultWord.Ok, Notifications.Notify(NewNotification, 0x1), "the first notification still works");
                check.Equal(ResultWord.Ok, Notifications.Wait(NewNotification, Timeout.Zero, out bits), "take its bits again");
                check.Equal(0x1, bits, "its bits again");
                if (Workers.WaitForState(check, NewThread, ThreadStates.Dead) && s_reply is not null)
                {
                    check.Equal(ResultWord.Ok, s_reply.Result, "the child's reply");
                    check.Words(new ulong[] { 6 }, s_reply.Words, "the reply's words");
                }
            }
            Workers.Delete(check, new uint[] { NewThread, NewEndpoint, NewNotification });
        }

        private static void CallParent(ulong argument)
        {
            s_reply = Ipc.Call(NewEndpoint, 0x7, new ulong[] { 1, 2, 3 });
        }
    }
}
