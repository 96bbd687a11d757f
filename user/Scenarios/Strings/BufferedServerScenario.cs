// A server loop whose receive buffers stay set: every ReplyWait replies and then waits with a string buffer (BR0 not
// 0), so the buffers recorded at the ReplyWait are the ones the next message lands in. The first ReplyWait finds no
// sender and hands the CPU to its caller; the caller's next Call carries a string into the buffer. The second
// ReplyWait finds a second client already queued and takes its string at once, while its caller gets the reply.
// Last, once the second client has its reply, the client sets a buffer of its own and makes a plain Call whose reply
// carries a string into it.
using Verified.User.Library;

namespace Verified.User.Scenarios.Strings
{
    public sealed unsafe class BufferedServerScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Server = 4, Second = 5, Go = 6;
        private const ulong Length = 1800, SecondLength = 700, BufferBytes = 2500, Seed = 31, SecondSeed = 47;
        private const ulong ReplyLength = 900, ReplyBuffer = 1000, ReplySeed = 53;
        private static readonly ulong ReplySource = Layout.Scratch(5) + 3;
        private static readonly ulong ReplyTarget = Layout.Scratch(6) + 11;
        private static readonly ulong Source = Layout.Scratch(2) + 40;
        private static readonly ulong SecondSource = Layout.Scratch(3) + 5;
        private static readonly ulong Target = Layout.Scratch(4) + 16;
        private static IpcResult? s_first, s_string, s_queued, s_secondReply, s_last;
        private static ulong s_stringMoved, s_queuedMoved;
        private static bool s_firstLanded;

        public BufferedServerScenario() : base("buffered-server")
        {
        }

        public override void Run(Check check)
        {
            s_first = s_string = s_queued = s_secondReply = s_last = null;
            s_stringMoved = s_queuedMoved = ulong.MaxValue;
            s_firstLanded = false;
            UserBytes.Fill(Source, Length, Seed, 0);
            UserBytes.Fill(SecondSource, SecondLength, SecondSeed, 0);
            UserBytes.Set(Target, BufferBytes, UserBytes.Sentinel);
            UserBytes.Fill(ReplySource, ReplyLength, ReplySeed, 0);
            UserBytes.Set(ReplyTarget, ReplyBuffer, UserBytes.Sentinel);
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Go) || !Workers.Start(check, Server, 1, &Serve, 0)
                || !Workers.Start(check, Second, 2, &CallSecond, 0))
            {
                return;
            }
            IpcResult plain = Ipc.Call(Endpoint, 1, new ulong[] { 10 });
            check.Equal(ResultWord.Ok, plain.Result, "plain call");
            check.Words(new ulong[] { 11 }, plain.Words, "reply to the plain call");
            IpcResult withString = Ipc.Call(Endpoint, new MessageFrame(2).Put(20).Put(TypedItem.String(Source, Length)));
            check.Equal(ResultWord.Ok, withString.Result, "call with a string");
            check.Words(new ulong[] { 22 }, withString.Words, "reply to the call with a string");
            // The second client has its reply (the server's next request is then this thread's).
            bool secondDone = Workers.Join(check, Done, 2);
            Memory.SetStringBuffer(0, 1, ReplyTarget, ReplyBuffer);
            IpcResult stringReply = Ipc.Call(Endpoint, 5, new ulong[] { 50 });
            ulong replyMoved = Utcb.Transferred;
            Memory.SetStringBuffer(0, 0, 0, 0);
            check.Equal(ResultWord.Ok, stringReply.Result, "plain call with a buffer for the reply");
            check.Equal(4, stringReply.Label, "label of the reply with a string");
            check.Equal(ReplyLength, replyMoved, "bytes moved into the client's buffer");
            UserBytes.HasPattern(check, ReplyTarget, ReplyLength, ReplySeed, 0, "the reply's string in the client's buffer");
            UserBytes.AllAre(check, ReplyTarget + ReplyLength, ReplyBuffer - ReplyLength, UserBytes.Sentinel,
                "the client's buffer after the reply's string");
            if (secondDone && Workers.Join(check, Done, 1) && s_first is not null && s_string is not null && s_queued is not null
                && s_secondReply is not null && s_last is not null)
            {
                check.Words(new ulong[] { 10 }, s_first.Words, "plain request");
                check.Equal(ResultWord.Ok, s_string.Result, "the string received by the first ReplyWait");
                check.Equal(Length, s_stringMoved, "bytes moved into the buffer the first ReplyWait set");
                check.True(s_firstLanded, "the first string in the buffer");
                check.Equal(ResultWord.Ok, s_queued.Result, "the queued string received by the second ReplyWait");
                check.Equal(3, s_queued.Label, "label of the queued call");
                check.Equal(SecondLength, s_queuedMoved, "bytes moved from the queued call");
                UserBytes.HasPattern(check, Target, SecondLength, SecondSeed, 0, "the queued string in the buffer");
                UserBytes.HasPattern(check, Target + SecondLength, Length - SecondLength, Seed, SecondLength,
                    "the first string's rest after it");
                UserBytes.AllAre(check, Target + Length, BufferBytes - Length, UserBytes.Sentinel, "the buffer after the strings");
                check.Equal(ResultWord.Ok, s_secondReply.Result, "the queued call's reply");
                check.Words(new ulong[] { 33 }, s_secondReply.Words, "reply to the queued call");
                check.Words(new ulong[] { 50 }, s_last.Words, "the last request");
            }
            Workers.Delete(check, new uint[] { Server, Second, Endpoint, Done, Go });
        }

        private static void Serve(ulong argument)
        {
            Memory.SetStringBuffer(0, 1, Target, BufferBytes);
            s_first = Ipc.Wait(Endpoint);
            s_string = Ipc.ReplyWait(Endpoint, 1, new ulong[] { 11 });
            s_stringMoved = Utcb.Transferred;
            s_firstLanded = UserBytes.Matches(Target, Length, Seed, 0);
            // Lets the second client queue its call while this thread does not wait: it waits for Go, and this
            // thread sleeps a tick.
            Notifications.Notify(Go, 1);
            Ipc.Sleep(Timeout.Ticks(1));
            s_queued = Ipc.ReplyWait(Endpoint, 2, new ulong[] { 22 });
            s_queuedMoved = Utcb.Transferred;
            s_last = Ipc.ReplyWait(Endpoint, 3, new ulong[] { 33 });
            Ipc.Reply(new MessageFrame(4).Put(TypedItem.String(ReplySource, ReplyLength)));
            Notifications.Notify(Done, 1);
        }

        private static void CallSecond(ulong argument)
        {
            Notifications.Wait(Go, Workers.JoinTimeout, out ulong unused);
            s_secondReply = Ipc.Call(Endpoint, new MessageFrame(3).Put(TypedItem.String(SecondSource, SecondLength)));
            Notifications.Notify(Done, 2);
        }
    }
}
