// Round trips whose request carries one typed item, to the item server of the server task (the empty reply
// included): a 4 KiB string copied into the server's buffer, and a map item of one page. A page mapped into the
// server's window stays mapped, so after each iteration (untimed) the bench task takes it back with Unmap, and each
// timed Call maps the page afresh. Pages of the scenario scratch area (user/Scenarios/Layout.cs), which the root
// task pages in zeroed, hold the string, its buffer and the mapped page.
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static unsafe class ItemRows
    {
        public const ulong StringSource = 0x4000_1000;
        public const ulong StringTarget = 0x4000_2000;
        public const ulong MappedPage = 0x4000_3000;
        public const ulong MapWindow = 0x4000_8000;   // in the server task: never touched there, only mapped into

        private const ulong Marker = 0x4D41_5050_4544;   // "MAPPED": what the server task must see through the map

        private const ulong NotRead = ulong.MaxValue;
        private static ulong s_seen = NotRead;

        /// <summary>Runs the rows; false when the map item did not make the page visible in the server task.</summary>
        public static bool Run(uint checkerThread, uint checkerUtcb)
        {
            Machine.WriteByte(StringSource, 1);
            Machine.WriteByte(StringTarget, 1);
            Machine.WriteWord(MappedPage, Marker);
            Servers.s_replyTag = 0;
            Sampler.Measure("string item 4 KiB roundtrip cross-AS", &StringCall);
            Sampler.Measure("map item 1 page roundtrip cross-AS", &MapCall, &TakeBack);
            return MapLands(checkerThread, checkerUtcb);
        }

        // One more map, untimed and kept: a thread of the server task reads the window page (had the map not
        // happened, its pager would give it the bench task's zeroed scratch page there, without the marker).
        private static bool MapLands(uint checkerThread, uint checkerUtcb)
        {
            bool ok = MapCall() == 0 && Utcb.ErrorDetail == 0
                && ServerTask.StartThread(checkerThread, checkerUtcb, &ReadWindow, 0) == 0;
            for (int i = 0; ok && s_seen == NotRead && i < 100; i++)
            {
                Ipc.Sleep(1);   // a tick: the reader and its pager run meanwhile
            }
            ok = ok && s_seen == Marker && TakeBack() == 0;
            Report.Note(ok ? "map item: the server task reads the mapped page's contents at its window"
                : s_seen == NotRead ? "map item FAILED: the server task's reader did not run"
                : string.Concat("map item FAILED: the server task read ", Text.Hex(s_seen), " at its window"));
            return ok;
        }

        private static void ReadWindow(ulong unused) => s_seen = Machine.ReadWord(MapWindow);

        private static ulong StringCall() =>
            BenchCalls.CallWithItem(Slots.ItemEndpoint, MessageTag.Of(0, 0, 1), TypedItem.String(StringSource, Memory.PageSize));

        private static ulong MapCall() =>
            BenchCalls.CallWithItem(Slots.ItemEndpoint, MessageTag.Of(0, 0, 1),
                TypedItem.Map(Memory.Flexpage(MappedPage, 0, Memory.RightsRW)));

        // The map must have happened (the mapping core's refusal would only show in the error-detail word); then the
        // server's copy goes.
        private static ulong TakeBack() =>
            Utcb.ErrorDetail != 0 ? Utcb.ErrorDetail : Memory.Unmap(Memory.Flexpage(MappedPage, 0, Memory.RightsAll), false);
    }
}
