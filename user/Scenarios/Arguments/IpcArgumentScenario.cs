// Bad words of the Ipc syscall fail with ErrInvalidArgument before anything happens: malformed timeouts in any of
// the four fields (also those the call does not use), reserved tag bits, more words than MR1..MR63, a typed item of
// no kind, reserved specifier bits; a send with a receive phase has no primitive.
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed class IpcArgumentScenario : Scenario
    {
        private const uint Endpoint = 2;

        public IpcArgumentScenario() : base("ipc-bad-arguments")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint))
            {
                return;
            }
            check.Equal(Errors.InvalidArgument, Raw(Endpoint, Ipc.Nil, 0x8001, 0), "send timeout 0x8001");
            check.Equal(Errors.InvalidArgument, Raw(Endpoint, Ipc.Nil, 0xFFFF_FFFF_0000_7C00, 0), "send timeout exponent 31");
            check.Equal(Errors.InvalidArgument, Raw(Ipc.Nil, Endpoint, 0x7C00UL << 16, 0), "receive timeout exponent 31");
            check.Equal(Errors.InvalidArgument, Raw(Ipc.Nil, Ipc.Nil, 0xFFFE_0000_0000_0000, 0), "receive page-fault timeout 0xFFFE");
            check.Equal(Errors.InvalidArgument, Raw(Ipc.Nil, Ipc.Nil, 0x0000_8000_FFFF_0000, 0), "send page-fault timeout 0x8000");
            check.Equal(Errors.InvalidArgument,
                Ipc.Invoke(Endpoint, Ipc.Nil, Timeout.AllNever, MessageTag.Of(0, 0, 1), new ulong[] { 0, 0 }).Result, "an item of kind 0");
            check.Equal(Errors.InvalidArgument, Raw(Endpoint, Ipc.Nil, Timeout.AllNever, MessageTag.Of(0, 60, 2)), "u + 2t = 64");
            check.Equal(Errors.InvalidArgument, Raw(Endpoint, Ipc.Nil, Timeout.AllNever, 1UL << 12), "tag bit 12 on a send");
            check.Equal(Errors.InvalidArgument, Raw(Endpoint, Ipc.Nil, Timeout.AllNever, 1UL << 14), "tag bit 14");
            check.Equal(Errors.InvalidArgument, Raw(Endpoint | (1UL << 40), Ipc.Nil, Timeout.AllNever, 0), "send specifier bit 40");
            check.Equal(Errors.InvalidArgument, Raw(Ipc.Nil, Endpoint | (1UL << 33), Timeout.AllNever, 0), "receive specifier bit 33");
            check.Equal(Errors.InvalidArgument, Raw(Endpoint, Endpoint, Timeout.AllNever, 0), "a send with an open wait");
            check.Equal(Errors.SendTimeout, Ipc.Send(Endpoint, 1, Ipc.NoWords, Timeout.Zero).Result, "the endpoint is unchanged");
            Workers.Delete(check, Endpoint);
        }

        private static ulong Raw(ulong send, ulong receive, ulong timeouts, ulong tag) =>
            Ipc.Invoke(send, receive, timeouts, tag, Ipc.NoWords).Result;
    }
}
