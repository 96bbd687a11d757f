// Syscall 11 Unmap. Bad arguments return their codes and change nothing (the pages derived from the flexpage still
// read the sender's words); Unmap without the own flag takes what was derived from the pages and keeps the caller's
// own mapping; with the own flag the caller's mapping goes too, and with it what was derived from it. A page whose
// mapping went faults at its next touch and the pager maps a fresh zero page; pages not mapped are skipped.
using Verified.User.Library;

namespace Verified.User.Scenarios.Mapping
{
    public sealed unsafe class UnmapScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4;
        private const uint Source = 120, Window = 122, OwnSource = 124, OwnWindow = 125;
        private static ulong s_first, s_second;

        public UnmapScenario() : base("unmap")
        {
        }

        public override void Run(Check check)
        {
            s_first = s_second = ulong.MaxValue;
            Machine.WriteWord(Layout.Scratch(Source), 0x120);
            Machine.WriteWord(Layout.Scratch(Source + 1), 0x121);
            Machine.WriteWord(Layout.Scratch(OwnSource), 99);
            if (!UserBytes.Unmap(check, Window, 1) || !UserBytes.Unmap(check, OwnWindow, 0)
                || !Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            ulong pair = Memory.Flexpage(Layout.Scratch(Source), 1, Memory.RightsRW);
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, new MessageFrame(1).Put(TypedItem.Map(pair))).Result, "map two pages");
            ulong own = Memory.Flexpage(Layout.Scratch(OwnSource), 0, Memory.RightsR);
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, new MessageFrame(2).Put(TypedItem.Map(own))).Result, "map a page read-only");
            if (!Workers.Join(check, Done, 1) || !check.Equal(ResultWord.Ok, s_first, "receive two pages")
                || !check.Equal(ResultWord.Ok, s_second, "receive a page read-only"))
            {
                Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
                return;
            }
            Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
            BadArguments(check);
            check.Equal(0x120, Machine.ReadWord(Layout.Scratch(Window)), "window page 0 after the refused unmaps");
            check.Equal(0x121, Machine.ReadWord(Layout.Scratch(Window + 1)), "window page 1 after the refused unmaps");

            check.Equal(ResultWord.Ok, Memory.Unmap(Memory.Flexpage(Layout.Scratch(Source), 1, Memory.RightsAll), false),
                "unmap what was derived from two pages");
            check.Equal(0x120, Machine.ReadWord(Layout.Scratch(Source)), "the caller's own page 0 stays");
            check.Equal(0x121, Machine.ReadWord(Layout.Scratch(Source + 1)), "the caller's own page 1 stays");
            check.Equal(0, Machine.ReadWord(Layout.Scratch(Window)), "the derived page 0 went (a fresh page)");
            check.Equal(0, Machine.ReadWord(Layout.Scratch(Window + 1)), "the derived page 1 went (a fresh page)");

            check.Equal(99, Machine.ReadWord(Layout.Scratch(OwnWindow)), "the read-only copy before the unmap");
            check.Equal(ResultWord.Ok, Memory.Unmap(Memory.Flexpage(Layout.Scratch(OwnSource), 0, Memory.RightsAll), true),
                "unmap with the own flag");
            check.Equal(0, Machine.ReadWord(Layout.Scratch(OwnSource)), "the caller's own page went (a fresh page)");
            check.Equal(0, Machine.ReadWord(Layout.Scratch(OwnWindow)), "the page derived from it went too (a fresh page)");
            check.Equal(ResultWord.Ok, Memory.Unmap(Memory.Flexpage(Layout.Scratch(Window), 1, Memory.RightsAll), true),
                "unmap the fresh pages");
            check.Equal(ResultWord.Ok, Memory.Unmap(Memory.Flexpage(Layout.Scratch(Window), 1, Memory.RightsAll), true),
                "unmap pages that are not mapped");
        }

        // Each refused before anything changes; the nil flexpage does nothing.
        private static void BadArguments(Check check)
        {
            ulong good = Memory.Flexpage(Layout.Scratch(Source), 1, Memory.RightsAll);
            check.Equal(Errors.InvalidArgument, Memory.UnmapRaw(good | 8, 0), "unmap with reserved bit 3");
            check.Equal(Errors.InvalidArgument, Memory.UnmapRaw(good | 0x400, 0), "unmap with reserved bit 10");
            check.Equal(Errors.InvalidArgument, Memory.UnmapRaw(good, 2), "unmap with rsi bit 1");
            check.Equal(Errors.MappingInvalidPage, Memory.Unmap(Memory.Flexpage(Layout.Scratch(Source), 13, Memory.RightsAll), false),
                "unmap of order 13");
            check.Equal(Errors.MappingInvalidPage, Memory.Unmap(Memory.Flexpage(Layout.Scratch(Source + 1), 1, Memory.RightsAll), false),
                "unmap of a misaligned flexpage");
            check.Equal(Errors.MappingInvalidPage, Memory.Unmap(Memory.Flexpage(0x1000, 0, Memory.RightsAll), false),
                "unmap below the window");
            check.Equal(Errors.MappingInvalidPage, Memory.Unmap(Memory.Flexpage(Memory.Page(4096), 0, Memory.RightsAll), false),
                "unmap of the UTCB area");
            check.Equal(Errors.InvalidArgument, Memory.Unmap(Memory.Flexpage(Layout.Scratch(Source), 1, Memory.RightsR), true),
                "unmap of the own mapping without all rights");
            check.Equal(ResultWord.Ok, Memory.Unmap(0, true), "unmap of the nil flexpage");
        }

        private static void Receive(ulong argument)
        {
            Memory.Accept(Memory.Flexpage(Layout.Scratch(Window), 1, Memory.RightsRW), false, 0);
            s_first = Ipc.Wait(Endpoint).Result;
            Memory.Accept(Memory.Flexpage(Layout.Scratch(OwnWindow), 0, Memory.RightsR), false, 0);
            s_second = Ipc.Wait(Endpoint).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
