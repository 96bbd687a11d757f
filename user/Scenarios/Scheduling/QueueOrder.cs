// What the priority-queue scenarios share: the priorities of their seven queued threads (all below the main thread)
// and the order an endpoint queue serves them in: highest priority first, first come first among equals.
namespace Verified.User.Scenarios.Scheduling
{
    internal static class QueueOrder
    {
        public const int Threads = 7;

        public static readonly uint[] Priorities = { 7, 3, 7, 5, 3, 5, 7 };

        /// <summary>Thread indices in serving order, for threads that queued in index order.</summary>
        public static ulong[] Expected()
        {
            ulong[] order = new ulong[Threads];
            int next = 0;
            for (int priority = (int)Layout.MainPriority; priority >= 0; priority--)
            {
                for (int i = 0; i < Threads; i++)
                {
                    if (Priorities[i] == (uint)priority)
                    {
                        order[next++] = (ulong)i;
                    }
                }
            }
            return order;
        }
    }
}
