// A pager thread a scenario runs for threads of its own task (set with ThreadControl.Pager on a badged endpoint
// capability): it records each page fault it is asked to resolve in the scenario's pages (label, address, #PF code,
// badge), answers it with a map item of a page of its own, and signals once the scenario's faults are in. Every
// other fault (a heap or stack page the thread's code happens to touch first on X64) it forwards to the task's
// pager, as an L4 pager hierarchy does: a page-fault Call on the service slot whose map reply lands in this thread's
// window (the task's), then an empty reply lets the faulting access retry. It serves until the scenario deletes it.
// Held faults (Prepare with hold ticks) are recorded and answered late, without a map, to let a page-fault timeout
// run out first.
using Verified.User.Library;

namespace Verified.User.Scenarios.Paging
{
    public static unsafe class ScenarioPager
    {
        public const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;
        public const ulong NestedBit = 1UL << 63;
        public const int MaxFaults = 8;

        /// <summary>#PF codes of faults on pages that are not present: a user-mode read, a user-mode write.</summary>
        public const ulong ReadCode = 4, WriteCode = 6;

        private static uint s_endpoint, s_done;
        private static ulong s_doneBit;
        private static int s_expected;
        private static delegate*<ulong, ulong> s_pageFor;
        private static ushort s_hold;

        public static readonly ulong[] Label = new ulong[MaxFaults], Address = new ulong[MaxFaults], Code = new ulong[MaxFaults],
            Badge = new ulong[MaxFaults];

        /// <summary>The faults recorded (those <c>pageFor</c> had a page for), at most MaxFaults.</summary>
        public static int Count { get; private set; }

        /// <summary>The result of the last late reply to a held fault.</summary>
        public static ulong HeldReply { get; private set; }

        /// <summary>Before the thread starts: faults arrive on <paramref name="endpoint"/>; <paramref name="pageFor"/>
        /// gives the page of its own to map at a faulting page (0: not the scenario's, forward it); after
        /// <paramref name="expected"/> recorded faults it notifies <paramref name="doneBit"/> on
        /// <paramref name="done"/>.</summary>
        public static void Prepare(uint endpoint, delegate*<ulong, ulong> pageFor, int expected, uint done, ulong doneBit) =>
            Prepare(endpoint, pageFor, expected, done, doneBit, Timeout.Zero);

        /// <summary>As above, but each of the scenario's faults is held: recorded, then after a sleep of
        /// <paramref name="holdTicks"/> answered without a map (HeldReply); the notification follows the reply.</summary>
        public static void Prepare(uint endpoint, delegate*<ulong, ulong> pageFor, int expected, uint done, ulong doneBit,
            ushort holdTicks)
        {
            s_hold = holdTicks;
            HeldReply = ulong.MaxValue;
            s_endpoint = endpoint;
            s_pageFor = pageFor;
            s_expected = expected;
            s_done = done;
            s_doneBit = doneBit;
            Count = 0;
            for (int i = 0; i < MaxFaults; i++)
            {
                Label[i] = Address[i] = Code[i] = Badge[i] = 0;
            }
        }

        /// <summary>The thread's entry (Workers.Start).</summary>
        public static void Serve(ulong argument)
        {
            // A forwarded fault's map reply lands where it faulted: accept the whole window.
            Memory.Accept(Memory.Flexpage(Memory.WindowBase, 12, Memory.RightsAll), false, 0);
            IpcResult request = Ipc.Wait(s_endpoint);
            while (true)
            {
                MessageFrame reply = new MessageFrame(0);
                if (request.IsOk && request.Label == PageFaultLabel)
                {
                    ulong page = request.Word(0) & ~(Layout.PageSize - 1);
                    ulong mine = s_pageFor(page);
                    if (mine != 0 && Count < MaxFaults && s_hold != Timeout.Zero)
                    {
                        Record(request);
                        Ipc.Sleep(s_hold);
                        HeldReply = Ipc.Reply(reply).Result;
                        Signal();
                        request = Ipc.Wait(s_endpoint);
                        continue;
                    }
                    if (mine != 0 && Count < MaxFaults)
                    {
                        Record(request);
                        Signal();
                        reply.Put(TypedItem.Map(Memory.Flexpage(mine, 0, Memory.RightsRW), page));
                    }
                    else
                    {
                        Ipc.Call(Layout.ServiceSlot, PageFaultLabel, new ulong[] { request.Word(0), request.Word(1), request.Word(2) });
                    }
                }
                request = Ipc.ReplyWait(s_endpoint, reply);
            }
        }

        private static void Record(IpcResult request)
        {
            int i = Count;
            Label[i] = request.ReplyExpected ? request.Label : 0;
            Address[i] = request.Word(0);
            Code[i] = request.Word(1);
            Badge[i] = request.Badge;
            Count = i + 1;
        }

        private static void Signal()
        {
            if (Count == s_expected)
            {
                Notifications.Notify(s_done, s_doneBit);
            }
        }
    }
}
