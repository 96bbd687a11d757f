// Deleting a thread's last capability deletes the thread: the receiver names its partner through a copy, so deleting
// the original first revokes that copy and then, with the last capability gone, deletes the sleeping partner; the
// receiver's closed receive ends with ErrPartnerKilled and the partner never runs again.
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class LastThreadCapabilityScenario : Scenario
    {
        private const uint Done = 2, Partner = 3, Receiver = 4, PartnerCopy = 5;
        private static ulong s_copy, s_received;
        private static bool s_partnerContinued;

        public LastThreadCapabilityScenario() : base("last-thread-capability")
        {
        }

        public override void Run(Check check)
        {
            s_copy = s_received = ulong.MaxValue;
            s_partnerContinued = false;
            if (!Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.Start(check, Partner, 1, &SleepForever, 0) && Workers.Start(check, Receiver, 2, &ReceiveThroughCopy, 0)
                && Workers.WaitForState(check, Receiver, ThreadStates.RecvClosed)
                && Workers.WaitForState(check, Partner, ThreadStates.Sleeping))
            {
                check.Equal(ResultWord.Ok, Capabilities.Delete(Partner), "delete the partner's original capability");
                check.Equal(Errors.CapsEmptySlot, Capabilities.Delete(PartnerCopy), "the copy went with it");
                if (Workers.Join(check, Done, 1))
                {
                    check.Equal(ResultWord.Ok, s_copy, "copy the partner's capability");
                    check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit, s_received, "the closed receiver");
                    check.True(!s_partnerContinued, "the deleted partner ran on");
                }
            }
            Capabilities.Delete(Partner);    // still there only if a step above failed
            Workers.Delete(check, new uint[] { Receiver, Done });
        }

        private static void SleepForever(ulong argument)
        {
            Ipc.Sleep(Timeout.Never);
            s_partnerContinued = true;
        }

        private static void ReceiveThroughCopy(ulong argument)
        {
            s_copy = Capabilities.Copy(Partner, PartnerCopy);
            s_received = Ipc.Receive(PartnerCopy).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
