// What scenarios with threads share: starting them, waiting for their "done" bits, waiting until one reaches an IPC
// state (so the main thread acts exactly when another is blocked where it wants it), and deleting capabilities.
using Verified.User.Library;

namespace Verified.User.Scenarios
{
    public static unsafe class Workers
    {
        /// <summary>Long enough for any scenario's threads on either machine, short enough that a kernel bug ends in a
        /// failed check rather than a hung selftest.</summary>
        public static readonly ushort JoinTimeout = Timeout.Ticks(20_000);

        /// <summary>Polls of another thread's state (one tick of sleep between two).</summary>
        public const int StatePolls = 5_000;

        public static bool Start(Check check, uint threadSlot, uint utcbSlot, delegate*<ulong, void> entry, ulong argument) =>
            check.Equal(ResultWord.Ok, Machine.StartThread(threadSlot, utcbSlot, entry, argument),
                string.Concat("start a thread in slot ", threadSlot.ToString()));

        /// <summary>As Start, with the thread at <paramref name="priority"/> (at most Layout.MainPriority).</summary>
        public static bool StartAt(Check check, uint threadSlot, uint utcbSlot, uint priority, delegate*<ulong, void> entry,
            ulong argument) =>
            check.Equal(ResultWord.Ok, Machine.StartThreadAt(threadSlot, utcbSlot, priority, entry, argument),
                string.Concat("start a thread at priority ", priority.ToString(), string.Concat(" in slot ", threadSlot.ToString())));

        /// <summary>Waits until every bit of <paramref name="bits"/> was signalled on <paramref name="notification"/>
        /// (threads signal their bit last).</summary>
        public static bool Join(Check check, uint notification, ulong bits)
        {
            ulong seen = 0;
            while ((seen & bits) != bits)
            {
                ulong more;
                ulong result = Notifications.Wait(notification, JoinTimeout, out more);
                if (result != ResultWord.Ok)
                {
                    // The message is built only on failure: X64's heap frees nothing.
                    return check.Equal(ResultWord.Ok, result, string.Concat("wait for the threads' bits ", Text.Hex(bits & ~seen)));
                }
                seen |= more;
            }
            return check.Equal(bits, seen, "the threads' bits");
        }

        /// <summary>Sleeps a tick at a time until the thread in <paramref name="threadSlot"/> is in IPC state
        /// <paramref name="state"/> (ThreadStates), read with ExchangeRegisters without control bits.</summary>
        public static bool WaitForState(Check check, uint threadSlot, ulong state)
        {
            ulong seen = 0;
            for (int i = 0; i < StatePolls; i++)
            {
                if (!check.Equal(ResultWord.Ok, Threads.Exchange(threadSlot, 0, out seen), "read a thread's state"))
                {
                    return false;
                }
                if (seen == state)
                {
                    return true;
                }
                Ipc.Sleep(Timeout.Ticks(1));
            }
            return check.Equal(state, seen, string.Concat("the state of the thread in slot ", threadSlot.ToString()));
        }

        /// <summary>Deletes each capability (the objects they were the last of go with them); each must succeed.</summary>
        public static bool Delete(Check check, uint[] slots)
        {
            bool all = true;
            for (int i = 0; i < slots.Length; i++)
            {
                all &= check.Equal(ResultWord.Ok, Capabilities.Delete(slots[i]), string.Concat("delete slot ", slots[i].ToString()));
            }
            return all;
        }

        public static bool Delete(Check check, uint slot) =>
            check.Equal(ResultWord.Ok, Capabilities.Delete(slot), string.Concat("delete slot ", slot.ToString()));

        public static bool CreateEndpoint(Check check, uint slot) =>
            check.Equal(ResultWord.Ok, Objects.CreateEndpoint(slot, Layout.TaskSlot), string.Concat("create an endpoint in slot ", slot.ToString()));

        public static bool CreateNotification(Check check, uint slot) =>
            check.Equal(ResultWord.Ok, Objects.CreateNotification(slot, Layout.TaskSlot),
                string.Concat("create a notification in slot ", slot.ToString()));

        /// <summary>Words 1..n (or from <paramref name="first"/>).</summary>
        public static ulong[] Sequence(int count, ulong first)
        {
            ulong[] words = new ulong[count];
            for (int i = 0; i < count; i++)
            {
                words[i] = first + (ulong)i;
            }
            return words;
        }
    }
}
