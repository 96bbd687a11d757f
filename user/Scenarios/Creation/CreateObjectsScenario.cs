// Create of endpoints and notifications up to the boot layout's limit of eight at a time: each one works, and the
// eight are independent objects (a signal on one is not seen on another).
using Verified.User.Library;

namespace Verified.User.Scenarios.Creation
{
    public sealed class CreateObjectsScenario : Scenario
    {
        private const uint First = 2;

        public CreateObjectsScenario() : base("create-objects")
        {
        }

        public override void Run(Check check)
        {
            for (uint i = 0; i < Layout.MaxIpcObjects; i++)
            {
                bool created = i % 2 == 0 ? Workers.CreateEndpoint(check, First + i) : Workers.CreateNotification(check, First + i);
                if (!created)
                {
                    return;
                }
            }
            for (uint i = 0; i < Layout.MaxIpcObjects; i++)
            {
                if (i % 2 == 0)
                {
                    check.Equal(Errors.SendTimeout, Ipc.Send(First + i, 1, Ipc.NoWords, Timeout.Zero).Result, "send on a new endpoint");
                }
                else
                {
                    check.Equal(ResultWord.Ok, Notifications.Notify(First + i, 1UL << (int)i), "notify a new notification");
                }
            }
            for (uint i = 1; i < Layout.MaxIpcObjects; i += 2)
            {
                ulong bits;
                check.Equal(ResultWord.Ok, Notifications.Wait(First + i, Timeout.Zero, out bits), "wait on a new notification");
                check.Equal(1UL << (int)i, bits, "only its own bits");
            }
            for (uint i = 0; i < Layout.MaxIpcObjects; i++)
            {
                Workers.Delete(check, First + i);
            }
        }
    }
}
