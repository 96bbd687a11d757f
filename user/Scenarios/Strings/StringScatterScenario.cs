// Gather and scatter: the strings of a message form one byte sequence and the buffers another, so two strings (3000
// and 1500 bytes) fill a 3500-byte buffer and continue in the next one; both sides count 4500 bytes, and the second
// buffer's bytes after the last one sent keep their sentinel.
using Verified.User.Library;

namespace Verified.User.Scenarios.Strings
{
    public sealed unsafe class StringScatterScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4;
        private const ulong First = 3000, Second = 1500, FirstBuffer = 3500, SecondBuffer = 4000, Seed = 11;
        private static readonly ulong FirstSource = Layout.Scratch(2) + 100;
        private static readonly ulong SecondSource = Layout.Scratch(3) + 7;
        private static readonly ulong FirstTarget = Layout.Scratch(4);
        private static readonly ulong SecondTarget = Layout.Scratch(6) + 8;
        private static ulong s_received, s_transferred;

        public StringScatterScenario() : base("string-scatter")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_transferred = ulong.MaxValue;
            // One pattern over both strings, so the bytes received are pattern bytes 0..4499 in buffer order.
            UserBytes.Fill(FirstSource, First, Seed, 0);
            UserBytes.Fill(SecondSource, Second, Seed, First);
            UserBytes.Set(FirstTarget, FirstBuffer, UserBytes.Sentinel);
            UserBytes.Set(SecondTarget, SecondBuffer, UserBytes.Sentinel);
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            MessageFrame message = new MessageFrame(5).Put(TypedItem.String(FirstSource, First))
                .Put(TypedItem.String(SecondSource, Second));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, message).Result, "send two strings");
            check.Equal(First + Second, Utcb.Transferred, "bytes moved, at the sender");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_received, "receive two strings");
                check.Equal(First + Second, s_transferred, "bytes moved, at the receiver");
                UserBytes.HasPattern(check, FirstTarget, FirstBuffer, Seed, 0, "the first buffer");
                ulong rest = First + Second - FirstBuffer;
                UserBytes.HasPattern(check, SecondTarget, rest, Seed, FirstBuffer, "the second buffer");
                UserBytes.AllAre(check, SecondTarget + rest, SecondBuffer - rest, UserBytes.Sentinel, "the second buffer after the strings");
            }
            Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
        }

        private static void Receive(ulong argument)
        {
            Memory.SetStringBuffer(0, 2, FirstTarget, FirstBuffer);
            Memory.SetStringBuffer(1, 2, SecondTarget, SecondBuffer);
            s_received = Ipc.Wait(Endpoint).Result;
            s_transferred = Utcb.Transferred;
            Notifications.Notify(Done, 1);
        }
    }
}
