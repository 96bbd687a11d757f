// Malformed typed items are refused at the send with their exact codes, before anything changes: the message is not
// sent (a waiting receiver keeps waiting and gets the next, well-formed message, whose map item lands).
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed unsafe class ItemArgumentScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4, Notification = 5;
        private const uint SourcePage = 170, WindowPage = 171;
        private static ulong s_received, s_detail, s_word, s_seen;

        public ItemArgumentScenario() : base("item-arguments")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_detail = s_word = s_seen = ulong.MaxValue;
            ulong source = Layout.Scratch(SourcePage);
            Machine.WriteWord(source, 0x170);
            ulong good = Memory.Flexpage(source, 0, Memory.RightsRW);
            if (!UserBytes.Unmap(check, WindowPage, 0) || !Workers.CreateEndpoint(check, Endpoint)
                || !Workers.CreateNotification(check, Done) || !Workers.CreateNotification(check, Notification)
                || !Workers.Start(check, Receiver, 1, &Receive, 0) || !Workers.WaitForState(check, Receiver, ThreadStates.RecvBlocked))
            {
                Workers.Delete(check, new uint[] { Receiver, Notification, Endpoint, Done });
                return;
            }
            ulong one = MessageTag.Of(1, 0, 1);
            Refused(check, "string item reserved bits 4-31", one, new ulong[] { 1 | 0x10, source }, Errors.InvalidArgument);
            Refused(check, "unknown kind 3", one, new ulong[] { 3, good }, Errors.InvalidArgument);
            Refused(check, "map item reserved bits 4-11", one, new ulong[] { 8 | 0x10, good }, Errors.InvalidArgument);
            Refused(check, "flexpage reserved bit 3", one, new ulong[] { 8, good | 8 }, Errors.InvalidArgument);
            Refused(check, "misaligned flexpage", one, new ulong[] { 10, Memory.Flexpage(Layout.Scratch(3), 1, Memory.RightsR) },
                Errors.MappingInvalidPage);
            Refused(check, "order 13", one, new ulong[] { 8, Memory.Flexpage(Memory.WindowBase, 13, Memory.RightsR) },
                Errors.MappingInvalidPage);
            Refused(check, "nil flexpage", one, new ulong[] { 8, 0 }, Errors.MappingInvalidPage);
            Refused(check, "capability reserved bits", one, new ulong[] { 12 | (7 << 5) | 0x100, Notification }, Errors.InvalidArgument);
            Refused(check, "capability slot above 32 bits", one, new ulong[] { 12 | (7 << 5), 1UL << 32 }, Errors.InvalidArgument);
            Refused(check, "capability slot out of range", one, new ulong[] { 12 | (7 << 5), Layout.OutOfRangeSlot }, Errors.CapsInvalidSlot);
            Refused(check, "u + 2t above MR63", MessageTag.Of(1, 60, 2), new ulong[] { 0, 8, good, 8, good, 8, good, 8 },
                Errors.InvalidArgument);
            Refused(check, "second item bad", MessageTag.Of(1, 0, 2), new ulong[] { 8, good, 8, good | 0x800 }, Errors.InvalidArgument);
            MessageFrame well = new MessageFrame(9).Put(123).Put(TypedItem.Map(good));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, well).Result, "the well-formed message");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_received, "receive after the refused sends");
                check.Equal(123, s_word, "the well-formed message's word");
                check.Equal(0, s_detail, "the receiver's error detail");
                check.Equal(0x170, s_seen, "the page the well-formed message mapped");
            }
            Workers.Delete(check, new uint[] { Receiver, Notification, Endpoint, Done });
            UserBytes.Unmap(check, WindowPage, 0);
        }

        private static void Refused(Check check, string what, ulong tag, ulong[] words, ulong expected) =>
            check.Equal(expected, Ipc.Invoke(Endpoint, Ipc.Nil, Timeout.Word(Timeout.Never, Timeout.Never), tag, words).Result, what);

        private static void Receive(ulong argument)
        {
            Memory.Accept(Memory.Flexpage(Layout.Scratch(WindowPage), 0, Memory.RightsRW), false, 0);
            IpcResult received = Ipc.Wait(Endpoint);
            s_received = received.Result;
            s_word = received.Word(0);
            s_detail = Utcb.ErrorDetail;
            s_seen = Machine.ReadWord(Layout.Scratch(WindowPage));
            Notifications.Notify(Done, 1);
        }
    }
}
