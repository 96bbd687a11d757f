// Create (thread) with a priority (docs/abi.md section 3, bits 40-44 with bit 45): above the creator's own, bits
// 40-44 without bit 45, and reserved bit 46 are ErrInvalidArgument; a thread created one level below its creator does
// not run while the creator is runnable (not even across a Yield), only once the creator blocks.
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class CreatePriorityScenario : Scenario
    {
        private const uint Done = 2, Child = 3, Refused = 4;
        private const ulong Given = 1UL << 45;
        private static bool s_childRanFirst, s_mainDone;

        public CreatePriorityScenario() : base("create-priority")
        {
        }

        public override void Run(Check check)
        {
            s_childRanFirst = false;
            s_mainDone = false;
            if (!Workers.CreateNotification(check, Done))
            {
                return;
            }
            ulong taskAndUtcb = Objects.ThreadArgument(Layout.TaskSlot, 1);
            check.Equal(Errors.InvalidArgument,
                Objects.Create(Objects.TypeThread, Refused, taskAndUtcb | Given | ((ulong)(Layout.MainPriority + 1) << 40), Layout.TaskSlot),
                "a priority above the creator's");
            check.Equal(Errors.InvalidArgument,
                Objects.Create(Objects.TypeThread, Refused, taskAndUtcb | ((ulong)(Layout.MainPriority - 1) << 40), Layout.TaskSlot),
                "a priority without bit 45");
            check.Equal(Errors.InvalidArgument, Objects.Create(Objects.TypeThread, Refused, taskAndUtcb | Given | (1UL << 46), Layout.TaskSlot),
                "reserved bit 46");
            if (!Workers.StartAt(check, Child, 1, Layout.MainPriority - 1, &Lower, 0))
            {
                Workers.Delete(check, Done);
                return;
            }
            // Scheduling points that leave this thread runnable: the lower child must not run at any of them.
            Threads.Yield();
            Threads.Null();
            s_mainDone = true;
            if (Workers.Join(check, Done, 1))
            {
                check.True(!s_childRanFirst, "the lower-priority child ran while its creator was runnable");
            }
            Workers.Delete(check, new uint[] { Child, Done });
        }

        private static void Lower(ulong argument)
        {
            s_childRanFirst = !s_mainDone;
            Threads.Yield();
            Notifications.Notify(Done, 1);
        }
    }
}
