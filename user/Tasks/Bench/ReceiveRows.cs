// Two receive-side rows the round trips leave out, both across address spaces:
// - a Wait that finds its sender already blocked (sel4bench's one-way receive): a thread of the server task Sends to
//   the wait endpoint in a loop, blocking there each time, and the bench task's first thread times its Wait, which
//   takes the message and makes the sender Ready. After each iteration (untimed) the bench thread yields, so that the
//   sender, at the same priority, runs and blocks in its next Send;
// - a round trip of no words with receive buffers on both sides: a client that accepts a map item and a server that
//   accepts a string and map items (the item server), the usual state of a server that takes strings, and no typed
//   item in either message, so the buffers are read and nothing is transferred by them.
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static unsafe class ReceiveRows
    {
        private const ulong ClientWindow = 0x4000_A000;   // the client's map window: accepted, never mapped into

        private static ulong s_sends;

        /// <summary>Runs both rows; 0 or the refusal of the sender's start.</summary>
        public static ulong Run(uint senderThread, uint senderUtcb)
        {
            ulong result = ServerTask.StartThread(senderThread, senderUtcb, &Sender, 0);
            if (result != 0)
            {
                return result;
            }
            Sampler.Measure("wait, sender already blocked, cross-AS", &WaitOperation, &Release);
            Servers.s_replyTag = 0;
            Memory.Accept(Memory.Flexpage(ClientWindow, 0, Memory.RightsRW), false, 0);
            Sampler.Measure("roundtrip cross-AS 0 words, receive buffers", &BufferedCall);
            Memory.AcceptNothing();
            return 0;
        }

        // The server task's sender: every Send blocks until the bench thread's Wait takes it. It counts each Send
        // before making it, so its first count (a page fault on the shared statics) comes before the first Wait.
        private static void Sender(ulong unused)
        {
            do
            {
                s_sends++;
            }
            while (BenchCalls.Send(Slots.WaitEndpoint, 0) == 0);
            Report.Note("wait row: the sender's Send failed");
        }

        // The message must come from the sender blocked before the Wait: its count moves only once it runs again.
        private static ulong WaitOperation()
        {
            ulong before = s_sends;
            ulong result = BenchCalls.Wait(Slots.WaitEndpoint);
            if (!(result == 0 && s_sends == before)) Report.Note(string.Concat("DBG wait ", Text.Hex(result), " ", before.ToString(), " ", s_sends.ToString()));
            return result == 0 && s_sends == before ? 0 : Sampler.Failed;
        }

        // The sender runs: it returns from the Send just taken, counts its next one and blocks in it.
        private static ulong Release()
        {
            ulong before = s_sends;
            ulong result = BenchCalls.Yield();
            if (!(result == 0 && s_sends == before + 1)) Report.Note(string.Concat("DBG yield ", Text.Hex(result), " ", before.ToString(), " ", s_sends.ToString()));
            return result == 0 && s_sends == before + 1 ? 0 : Sampler.Failed;
        }

        private static ulong BufferedCall() => BenchCalls.Call(Slots.ItemEndpoint, 0);
    }
}
