// Boot self-checks of the verified IPC core (spec/Ipc): short IPC sequences on the compiled core, each step
// checking the error codes of both sides and the thread states the spec names.
using IpcState;
using Ipc = IpcTypes.__default;

namespace Verified.Kernel.SelfTest
{
    internal static class IpcSelfChecks
    {
        public static SelfCheck[] All() => new SelfCheck[]
        {
            new IpcCallReplyCheck(),
            new IpcTimeoutCheck(),
            new IpcCancelKillCheck(),
            new IpcNotificationCheck(),
            new IpcYieldCheck(),
        };

        internal static IpcKernel NewKernel()
        {
            IpcKernel k = new IpcKernel();
            k.__ctor(8, 2);
            return k;
        }

        internal static string? Expect(string step, uint actual, uint expected) =>
            actual == expected ? null : string.Concat(step, ": ", actual.ToString(), ", expected ", expected.ToString());

        internal static string? ExpectState(IpcKernel k, string step, uint t, byte expected) =>
            k.state[(int)t] == expected
                ? null
                : string.Concat(step, ": thread ", t.ToString(), " state ", k.state[(int)t].ToString(), ", expected ", expected.ToString());
    }

    internal sealed class IpcCallReplyCheck : SelfCheck
    {
        public override string Name => "ipc: Call/ReplyWait round trip (Dafny)";

        public override string? Run()
        {
            IpcKernel k = IpcSelfChecks.NewKernel();
            return IpcSelfChecks.Expect("create endpoint", k.CreateEndpoint(0), Ipc.OK)
                ?? IpcSelfChecks.Expect("create server", k.CreateThread(0, 10), Ipc.OK)
                ?? IpcSelfChecks.Expect("server runs", k.current, 0)
                ?? IpcSelfChecks.Expect("server waits", k.Wait(0, 16, 7, Ipc.TimeoutNever, 0), Ipc.Pending)
                ?? IpcSelfChecks.ExpectState(k, "server blocked", 0, Ipc.RecvBlocked)
                ?? IpcSelfChecks.Expect("create client", k.CreateThread(1, 5), Ipc.OK)
                ?? SetBuffer(k, 1)
                ?? Calls(k)
                ?? IpcSelfChecks.ExpectState(k, "client waits for the reply", 1, Ipc.RecvClosed)
                ?? IpcSelfChecks.Expect("direct switch to the server", k.current, 0)
                ?? IpcSelfChecks.Expect("server got OK", k.err[0], Ipc.OK)
                ?? IpcSelfChecks.Expect("server got the word", (uint)k.m.recvWord[0], 42)
                ?? ReplyWaits(k)
                ?? IpcSelfChecks.Expect("client got OK", k.err[1], Ipc.OK)
                ?? IpcSelfChecks.Expect("client got the reply", (uint)k.m.recvWord[1], 99)
                ?? IpcSelfChecks.ExpectState(k, "client runs", 1, Ipc.Running)
                ?? IpcSelfChecks.ExpectState(k, "server waits again", 0, Ipc.RecvBlocked);
        }

        // The client's call is short and fits, and nothing outranks the two: the core takes its direct path and says so.
        private static string? Calls(IpcKernel k)
        {
            uint r;
            bool ran;
            k.Call(0, 42, 2, 0, Ipc.TimeoutNever, Ipc.TimeoutNever, 1, out r, out ran);
            return IpcSelfChecks.Expect("client calls", r, Ipc.Pending)
                ?? IpcSelfChecks.Expect("the call ran the server at once", ran ? 1U : 0U, 1);
        }

        // The server's reply is short and fits, and no sender waits: the core takes its direct path and says so.
        private static string? ReplyWaits(IpcKernel k)
        {
            uint r;
            bool ran;
            k.ReplyWait(1, 99, 1, 0, 0, 16, 7, Ipc.TimeoutNever, 2, out r, out ran, out _);
            return IpcSelfChecks.Expect("server replies and waits", r, Ipc.Pending)
                ?? IpcSelfChecks.Expect("the reply ran the client at once", ran ? 1U : 0U, 1);
        }

        private static string? SetBuffer(IpcKernel k, uint t)
        {
            k.m.recvMax[(int)t] = 16;   // the client's UTCB receive buffer
            k.m.recvRights[(int)t] = 7;
            return null;
        }
    }

    internal sealed class IpcTimeoutCheck : SelfCheck
    {
        public override string Name => "ipc: send and receive timeouts (Dafny)";

        public override string? Run()
        {
            IpcKernel k = IpcSelfChecks.NewKernel();
            string? r = IpcSelfChecks.Expect("create endpoint", k.CreateEndpoint(0), Ipc.OK)
                ?? IpcSelfChecks.Expect("create thread", k.CreateThread(0, 3), Ipc.OK)
                ?? IpcSelfChecks.Expect("zero send timeout", k.Send(0, 1, 1, 0, Ipc.TimeoutZero, 0), Ipc.ErrSendTimeout)
                ?? IpcSelfChecks.Expect("zero receive timeout", k.Wait(0, 16, 7, Ipc.TimeoutZero, 0), Ipc.ErrRecvTimeout)
                ?? IpcSelfChecks.Expect("send with timeout 3", k.Send(0, 1, 1, 0, 3, 10), Ipc.Pending);
            if (r != null) return r;
            k.Tick(11);
            k.Tick(12);
            r = IpcSelfChecks.ExpectState(k, "still blocked before the deadline", 0, Ipc.SendBlocked);
            if (r != null) return r;
            k.Tick(13);
            return IpcSelfChecks.Expect("send timeout", k.err[0], Ipc.ErrSendTimeout)
                ?? IpcSelfChecks.ExpectState(k, "runs again", 0, Ipc.Running);
        }
    }

    internal sealed class IpcCancelKillCheck : SelfCheck
    {
        public override string Name => "ipc: cancel, abort and kill (Dafny)";

        // Long enough for a transfer of three chunks after the words copied at the rendezvous.
        private const ulong LongLength = Ipc.InlineWords + 2 * Ipc.ChunkWords + 10;

        public override string? Run()
        {
            IpcKernel k = IpcSelfChecks.NewKernel();
            string? r = IpcSelfChecks.Expect("create endpoint", k.CreateEndpoint(0), Ipc.OK)
                ?? IpcSelfChecks.Expect("create receiver", k.CreateThread(0, 9), Ipc.OK)
                ?? IpcSelfChecks.Expect("receiver waits", k.Wait(0, 2 * LongLength, 7, Ipc.TimeoutNever, 0), Ipc.Pending)
                ?? IpcSelfChecks.Expect("cancel", k.Cancel(0), Ipc.OK)
                ?? IpcSelfChecks.Expect("canceled", k.err[0], Ipc.ErrCanceled)
                ?? IpcSelfChecks.Expect("receiver waits again", k.Wait(0, 2 * LongLength, 7, Ipc.TimeoutNever, 1), Ipc.Pending)
                ?? IpcSelfChecks.Expect("create sender", k.CreateThread(1, 4), Ipc.OK)
                ?? IpcSelfChecks.Expect("long send", k.Send(0, 5, LongLength, 0, Ipc.TimeoutNever, 2), Ipc.Pending)
                ?? IpcSelfChecks.ExpectState(k, "sender in transfer", 1, Ipc.XferSend)
                ?? IpcSelfChecks.ExpectState(k, "receiver in transfer", 0, Ipc.XferRecv)
                ?? IpcSelfChecks.Expect("one chunk", k.TransferChunk(1, 3), Ipc.Pending)
                ?? IpcSelfChecks.Expect("abort", k.Abort(0), Ipc.OK)
                ?? IpcSelfChecks.Expect("sender aborted", k.err[1], Ipc.ErrAborted)
                ?? IpcSelfChecks.Expect("receiver aborted", k.err[0], Ipc.ErrAborted)
                ?? IpcSelfChecks.Expect("kill the sender", k.Kill(1), Ipc.OK)
                ?? IpcSelfChecks.ExpectState(k, "sender dead", 1, Ipc.Dead)
                ?? IpcSelfChecks.Expect("killing twice", k.Kill(1), Ipc.ErrWrongState);
            return r;
        }
    }

    internal sealed class IpcNotificationCheck : SelfCheck
    {
        public override string Name => "ipc: notification bits wake a waiter (Dafny)";

        public override string? Run()
        {
            IpcKernel k = IpcSelfChecks.NewKernel();
            return IpcSelfChecks.Expect("create notification", k.CreateNotification(0), Ipc.OK)
                ?? IpcSelfChecks.Expect("create waiter", k.CreateThread(0, 10), Ipc.OK)
                ?? IpcSelfChecks.Expect("waiter blocks", k.NotifyWait(0, Ipc.TimeoutNever, 0), Ipc.Pending)
                ?? IpcSelfChecks.ExpectState(k, "waiter blocked", 0, Ipc.RecvBlocked)
                ?? IpcSelfChecks.Expect("create signaler", k.CreateThread(1, 5), Ipc.OK)
                ?? IpcSelfChecks.Expect("send on a notification is refused", k.Send(0, 1, 1, 0, Ipc.TimeoutNever, 1), Ipc.ErrWrongObject)
                ?? IpcSelfChecks.Expect("notify", k.Notify(0, 0x21), Ipc.OK)
                ?? IpcSelfChecks.Expect("waiter got OK", k.err[0], Ipc.OK)
                ?? IpcSelfChecks.Expect("waiter got the bits", (uint)k.m.recvWord[0], 0x21)
                ?? IpcSelfChecks.Expect("waiter preempts the signaler", k.current, 0)
                ?? IpcSelfChecks.Expect("bits accumulate", k.Notify(0, 4) | k.Notify(0, 8), Ipc.OK)
                ?? IpcSelfChecks.Expect("bits taken at once", k.NotifyWait(0, Ipc.TimeoutNever, 2), Ipc.OK)
                ?? IpcSelfChecks.Expect("the OR of both", (uint)k.m.recvWord[0], 12);
        }
    }

    internal sealed class IpcYieldCheck : SelfCheck
    {
        public override string Name => "ipc: Yield runs the next thread of the same priority (Dafny)";

        public override string? Run()
        {
            IpcKernel k = IpcSelfChecks.NewKernel();
            string? failed = IpcSelfChecks.Expect("create first", k.CreateThread(0, 10), Ipc.OK)
                ?? IpcSelfChecks.Expect("create second", k.CreateThread(1, 10), Ipc.OK)
                ?? IpcSelfChecks.Expect("create a lower one", k.CreateThread(2, 5), Ipc.OK)
                ?? IpcSelfChecks.Expect("the first runs", k.current, 0);
            if (failed != null)
            {
                return failed;
            }
            k.Yield();
            failed = IpcSelfChecks.Expect("the second runs after the first yields", k.current, 1)
                ?? IpcSelfChecks.ExpectState(k, "the first waits behind it", 0, Ipc.Ready);
            if (failed != null)
            {
                return failed;
            }
            k.Yield();
            failed = IpcSelfChecks.Expect("the first runs again", k.current, 0);
            if (failed != null)
            {
                return failed;
            }
            k.Yield();
            k.Yield();
            return IpcSelfChecks.Expect("two yields later it runs once more", k.current, 0)
                ?? IpcSelfChecks.ExpectState(k, "the lower one never ran", 2, Ipc.Ready);
        }
    }
}
