// One string item: its bytes go from the sender's memory into the receiver's string buffer, both sides learn how
// many bytes moved (UTCB word 99), the receiver gets the item's words with the message, and nothing past the bytes
// sent is written (the rest of the buffer keeps its sentinel).
using Verified.User.Library;

namespace Verified.User.Scenarios.Strings
{
    public sealed unsafe class StringItemScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4;
        private const ulong Length = 200, BufferLength = 300, Seed = 3;
        private static readonly ulong Source = Layout.Scratch(0) + 5;
        private static readonly ulong Buffer = Layout.Scratch(1) + 0x10;
        private static ulong s_received, s_transferred, s_word, s_items;

        public StringItemScenario() : base("string-item")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_transferred = s_word = s_items = ulong.MaxValue;
            UserBytes.Fill(Source, Length, Seed, 0);
            UserBytes.Set(Buffer, BufferLength, UserBytes.Sentinel);
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            MessageFrame message = new MessageFrame(7).Put(42).Put(TypedItem.String(Source, Length));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, message).Result, "send a string");
            check.Equal(Length, Utcb.Transferred, "bytes moved, at the sender");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_received, "receive a string");
                check.Equal(Length, s_transferred, "bytes moved, at the receiver");
                check.Equal(42, s_word, "the untyped word");
                check.Equal(1, s_items, "typed items in the received tag");
                UserBytes.HasPattern(check, Buffer, Length, Seed, 0, "the string in the buffer");
                UserBytes.AllAre(check, Buffer + Length, BufferLength - Length, UserBytes.Sentinel, "the buffer after the string");
            }
            Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
        }

        private static void Receive(ulong argument)
        {
            Memory.SetStringBuffer(0, 1, Buffer, BufferLength);
            IpcResult received = Ipc.Wait(Endpoint);
            s_received = received.Result;
            s_transferred = Utcb.Transferred;
            s_word = received.Word(0);
            s_items = (ulong)received.Items;
            Notifications.Notify(Done, 1);
        }
    }
}
