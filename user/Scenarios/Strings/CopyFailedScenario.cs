// ErrCopyFailed: the string bytes of a message must fit the receiver's buffers. 99 bytes into a 99-byte buffer
// arrive; 100 bytes into it fail both sides at the rendezvous (the receiver in its receive phase) and write nothing;
// a receiver with no string buffer takes no string at all, not even one byte.
using Verified.User.Library;

namespace Verified.User.Scenarios.Strings
{
    public sealed unsafe class CopyFailedScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4;
        private const ulong Fits = 99, FitSeed = 9, TooLongSeed = 13;
        private static readonly ulong Source = Layout.Scratch(0) + 0x400;
        private static readonly ulong Buffer = Layout.Scratch(1) + 0x400;
        private static ulong s_fits, s_fitsMoved, s_tooLong, s_noBuffer;

        public CopyFailedScenario() : base("string-copy-failed")
        {
        }

        public override void Run(Check check)
        {
            s_fits = s_fitsMoved = s_tooLong = s_noBuffer = ulong.MaxValue;
            UserBytes.Set(Buffer, Fits + 1, UserBytes.Sentinel);
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            UserBytes.Fill(Source, Fits, FitSeed, 0);
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, new MessageFrame(1).Put(TypedItem.String(Source, Fits))).Result,
                "send 99 bytes into 99");
            UserBytes.Fill(Source, Fits + 1, TooLongSeed, 0);
            check.Equal(Errors.CopyFailed, Ipc.Send(Endpoint, new MessageFrame(2).Put(TypedItem.String(Source, Fits + 1))).Result,
                "send 100 bytes into 99");
            check.Equal(Errors.CopyFailed, Ipc.Send(Endpoint, new MessageFrame(3).Put(TypedItem.String(Source, 1))).Result,
                "send a byte to a receiver without buffers");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_fits, "receive 99 bytes into 99");
                check.Equal(Fits, s_fitsMoved, "bytes moved into an exact fit");
                check.Equal(Errors.CopyFailed | ResultWord.ReceivePhaseBit, s_tooLong, "receive 100 bytes into 99");
                check.Equal(Errors.CopyFailed | ResultWord.ReceivePhaseBit, s_noBuffer, "receive a string without buffers");
                // Still the first message's bytes: the failed ones wrote nothing.
                UserBytes.HasPattern(check, Buffer, Fits, FitSeed, 0, "the buffer");
                UserBytes.AllAre(check, Buffer + Fits, 1, UserBytes.Sentinel, "the byte after the buffer");
            }
            Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
        }

        private static void Receive(ulong argument)
        {
            Memory.SetStringBuffer(0, 1, Buffer, Fits);
            s_fits = Ipc.Wait(Endpoint).Result;
            s_fitsMoved = Utcb.Transferred;
            s_tooLong = Ipc.Wait(Endpoint).Result;
            Memory.SetStringBuffer(0, 0, 0, 0);
            s_noBuffer = Ipc.Wait(Endpoint).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
