// The servers the round trips call: each waits for its first request, then answers every request with ReplyWait
// (the reply and the wait for the next request in one kernel entry), forever. They run as threads of the bench task
// or of the server task; the statics they read and write are in memory both tasks share (ServerTask.cs).
namespace Verified.User.Bench
{
    internal static class Servers
    {
        /// <summary>The tag every reply carries (its word count): set by the client before it measures.</summary>
        public static ulong s_replyTag;

        /// <summary>The stamping server's counter readings: just after a request arrived, just before its reply.</summary>
        public static ulong s_received;
        public static ulong s_replying;

        public static void Plain(ulong endpoint)
        {
            uint slot = (uint)endpoint;
            ulong result = BenchCalls.Wait(slot);
            while (true)
            {
                result = result == 0 ? BenchCalls.ReplyWait(slot, s_replyTag) : Refused(slot, result);
            }
        }

        /// <summary>As Plain, with a counter reading on each side of its own work, for the halves of a round trip.</summary>
        public static void Stamped(ulong endpoint)
        {
            uint slot = (uint)endpoint;
            ulong result = BenchCalls.Wait(slot);
            while (true)
            {
                if (result != 0)
                {
                    result = Refused(slot, result);
                    continue;
                }
                s_received = BenchCalls.Rdtsc();
                s_replying = BenchCalls.Rdtsc();
                result = BenchCalls.ReplyWait(slot, s_replyTag);
            }
        }

        // A failed IPC leaves the client waiting (its benchmark then stops making progress): say why, wait afresh.
        private static ulong Refused(uint slot, ulong result)
        {
            Report.Note(string.Concat("server on slot ", slot.ToString(), ": IPC result ", Library.Text.Hex(result)));
            return BenchCalls.Wait(slot);
        }

        /// <summary>As Plain, accepting one string of up to a page into StringTarget and map items into MapWindow.</summary>
        public static void Items(ulong endpoint)
        {
            Library.Memory.Accept(Library.Memory.Flexpage(ItemRows.MapWindow, 0, Library.Memory.RightsRW), false, 0);
            Library.Memory.SetStringBuffer(0, 1, ItemRows.StringTarget, Library.Memory.PageSize);
            Plain(endpoint);
        }
    }
}
