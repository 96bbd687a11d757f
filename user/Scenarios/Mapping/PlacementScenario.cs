// The L4 placement rule of map items: a 4-page flexpage sent into a 16-page window lands at the 4-page aligned slot
// the hot spot's offset selects (offset 9: pages 8..11 of the window), and the window's other pages stay unmapped
// (they read as fresh zero pages, not as the sender's); a 16-page flexpage sent into a 2-page window gives the two
// pages the hot spot selects (offset 6: pages 6 and 7 of the flexpage).
using Verified.User.Library;

namespace Verified.User.Scenarios.Mapping
{
    public sealed unsafe class PlacementScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4;
        private const uint SmallSource = 48, LargeWindow = 64, LargeSource = 80, SmallWindow = 96;
        private static readonly ulong[] s_seen = new ulong[8];
        private static ulong s_first, s_second, s_firstDetail, s_secondDetail;

        public PlacementScenario() : base("map-placement")
        {
        }

        public override void Run(Check check)
        {
            s_first = s_second = s_firstDetail = s_secondDetail = ulong.MaxValue;
            for (int i = 0; i < s_seen.Length; i++)
            {
                s_seen[i] = ulong.MaxValue;
            }
            for (uint i = 0; i < 4; i++)
            {
                Machine.WriteWord(Layout.Scratch(SmallSource + i), 100 + i);
            }
            Machine.WriteWord(Layout.Scratch(LargeSource + 6), 206);
            Machine.WriteWord(Layout.Scratch(LargeSource + 7), 207);
            if (!UserBytes.Unmap(check, LargeWindow, 4) || !UserBytes.Unmap(check, SmallWindow, 1)
                || !Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            ulong small = Memory.Flexpage(Layout.Scratch(SmallSource), 2, Memory.RightsR);
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, new MessageFrame(1).Put(TypedItem.Map(small, Memory.Page(16 * 5 + 9)))).Result,
                "send 4 pages into 16");
            ulong large = Memory.Flexpage(Layout.Scratch(LargeSource), 4, Memory.RightsRW);
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, new MessageFrame(2).Put(TypedItem.Map(large, Memory.Page(6)))).Result,
                "send 16 pages into 2");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_first, "receive 4 pages into 16");
                check.Equal(ResultWord.Ok, s_second, "receive 16 pages into 2");
                check.Equal(0, s_firstDetail, "the error detail of 4 into 16");
                check.Equal(0, s_secondDetail, "the error detail of 16 into 2");
                for (int i = 0; i < 4; i++)
                {
                    check.Equal(100 + (ulong)i, s_seen[i], string.Concat("window page ", (8 + i).ToString(), " of 16"));
                }
                check.Equal(0, s_seen[4], "window page 7 of 16 (not mapped)");
                check.Equal(0, s_seen[5], "window page 12 of 16 (not mapped)");
                check.Equal(206, s_seen[6], "window page 0 of 2");
                check.Equal(207, s_seen[7], "window page 1 of 2");
            }
            Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
            UserBytes.Unmap(check, LargeWindow, 4);
            UserBytes.Unmap(check, SmallWindow, 1);
        }

        private static void Receive(ulong argument)
        {
            Memory.Accept(Memory.Flexpage(Layout.Scratch(LargeWindow), 4, Memory.RightsRW), false, 0);
            s_first = Ipc.Wait(Endpoint).Result;
            s_firstDetail = Utcb.ErrorDetail;
            for (uint i = 0; i < 4; i++)
            {
                s_seen[i] = Machine.ReadWord(Layout.Scratch(LargeWindow + 8 + i));
            }
            s_seen[4] = Machine.ReadWord(Layout.Scratch(LargeWindow + 7));
            s_seen[5] = Machine.ReadWord(Layout.Scratch(LargeWindow + 12));
            Memory.Accept(Memory.Flexpage(Layout.Scratch(SmallWindow), 1, Memory.RightsRW), false, 0);
            s_second = Ipc.Wait(Endpoint).Result;
            s_secondDetail = Utcb.ErrorDetail;
            s_seen[6] = Machine.ReadWord(Layout.Scratch(SmallWindow));
            s_seen[7] = Machine.ReadWord(Layout.Scratch(SmallWindow + 1));
            Notifications.Notify(Done, 1);
        }
    }
}
