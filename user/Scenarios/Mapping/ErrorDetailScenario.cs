// Refusals after the rendezvous are not IPC errors: the IPC returns OK, the pages the mapping core accepts are
// mapped, and the first refusal goes to the error-detail word of both threads (its code with the mapping domain,
// and the index of the item). A page the sender does not have (item 0, then item 1) and a window page the receiver
// already has.
using Verified.User.Library;

namespace Verified.User.Scenarios.Mapping
{
    public sealed unsafe class ErrorDetailScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4;
        private const uint Third = 108, Occupier = 109, Missing = 110, First = 111, Window = 112;
        private const int Messages = 3;
        private static readonly ulong[] s_result = new ulong[Messages], s_detail = new ulong[Messages], s_seen = new ulong[Messages];

        public ErrorDetailScenario() : base("map-error-detail")
        {
        }

        public override void Run(Check check)
        {
            for (int i = 0; i < Messages; i++)
            {
                s_result[i] = s_detail[i] = s_seen[i] = ulong.MaxValue;
            }
            Machine.WriteWord(Layout.Scratch(First), 0x111);
            Machine.WriteWord(Layout.Scratch(Occupier), 0x109);
            Machine.WriteWord(Layout.Scratch(Third), 0x108);
            if (!UserBytes.Unmap(check, Missing, 0) || !UserBytes.Unmap(check, Window, 2)
                || !Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            // Window pages 0..3 are the window's pages 112..115; the hot spot's page number picks one.
            ulong notMappedFirst = Errors.MappingNotMapped, occupied = Errors.MappingOccupied;
            ulong notMappedSecond = Errors.MappingNotMapped | (1UL << 24);
            Send(check, 0, Item(Missing, 0), Item(First, 1), notMappedFirst);
            Send(check, 1, Item(Occupier, 1), new TypedItem(0, 0), occupied);
            Send(check, 2, Item(Third, 2), Item(Missing, 3), notMappedSecond);
            if (Workers.Join(check, Done, 1))
            {
                ulong[] detail = { notMappedFirst, occupied, notMappedSecond };
                ulong[] seen = { 0x111, 0x111, 0x108 };
                for (int i = 0; i < Messages; i++)
                {
                    check.Equal(ResultWord.Ok, s_result[i], string.Concat("receive message ", i.ToString()));
                    check.Equal(detail[i], s_detail[i], string.Concat("the receiver's error detail of message ", i.ToString()));
                    check.Equal(seen[i], s_seen[i], string.Concat("the window page mapped by message ", i.ToString()));
                }
            }
            Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
            UserBytes.Unmap(check, Window, 2);
        }

        private static TypedItem Item(uint page, ulong windowPage) =>
            TypedItem.Map(Memory.Flexpage(Layout.Scratch(page), 0, Memory.RightsRW), Memory.Page(windowPage));

        private static void Send(Check check, int index, TypedItem first, TypedItem second, ulong detail)
        {
            MessageFrame message = new MessageFrame((ulong)index + 1).Put(first);
            if (second.Word0 != 0)
            {
                message.Put(second);
            }
            string what = string.Concat("message ", index.ToString());
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, message).Result, string.Concat("send ", what));
            check.Equal(detail, Utcb.ErrorDetail, string.Concat("the sender's error detail of ", what));
        }

        private static void Receive(ulong argument)
        {
            Memory.Accept(Memory.Flexpage(Layout.Scratch(Window), 2, Memory.RightsRW), false, 0);
            uint[] page = { Window + 1, Window + 1, Window + 2 };
            for (int i = 0; i < Messages; i++)
            {
                s_result[i] = Ipc.Wait(Endpoint).Result;
                s_detail[i] = Utcb.ErrorDetail;
                s_seen[i] = Machine.ReadWord(Layout.Scratch(page[i]));
            }
            Notifications.Notify(Done, 1);
        }
    }
}
