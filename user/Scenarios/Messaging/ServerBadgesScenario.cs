// A server loop tells its clients apart by the badge of the capability each one calls through: a client with a
// minted copy and a client with the plain (unbadged) capability call three times each; the server answers each
// request with the badge it saw, so each client checks that it was recognised, and the server counts three of each.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class ServerBadgesScenario : Scenario
    {
        private const uint Endpoint = 2, Badged = 3, Done = 4, Server = 5, BadgedClient = 6, PlainClient = 7;
        private const ulong Badge = 0xBAD6E;
        private const int Calls = 3;
        private static readonly ushort s_idle = Timeout.Ticks(200);
        private static int s_badgedSeen, s_plainSeen, s_otherSeen;
        private static ulong s_serverEnd;
        private static readonly int[] s_recognised = new int[2];

        public ServerBadgesScenario() : base("server-badges")
        {
        }

        public override void Run(Check check)
        {
            s_badgedSeen = s_plainSeen = s_otherSeen = 0;
            s_serverEnd = ulong.MaxValue;
            s_recognised[0] = s_recognised[1] = 0;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, Badged, Capabilities.AllRights, Badge), "mint a badged copy"))
            {
                return;
            }
            if (Workers.Start(check, Server, 1, &Serve, 0) && Workers.Start(check, BadgedClient, 2, &Client, Badged)
                && Workers.Start(check, PlainClient, 3, &Client, Endpoint) && Workers.Join(check, Done, 0b111))
            {
                check.Equal(Calls, (ulong)s_recognised[0], "calls answered with the badged client's badge");
                check.Equal(Calls, (ulong)s_recognised[1], "calls answered with no badge");
                check.Equal(Calls, (ulong)s_badgedSeen, "requests the server saw with the badge");
                check.Equal(Calls, (ulong)s_plainSeen, "requests the server saw without a badge");
                check.Equal(0, (ulong)s_otherSeen, "requests with any other badge");
                check.Equal(Errors.RecvTimeout | ResultWord.ReceivePhaseBit, s_serverEnd, "the server's end");
            }
            Workers.Delete(check, new uint[] { PlainClient, BadgedClient, Server, Badged, Endpoint, Done });
        }

        private static void Serve(ulong argument)
        {
            IpcResult request = Ipc.Wait(Endpoint, s_idle);
            while (request.Result == ResultWord.Ok)
            {
                if (request.Badge == Badge)
                {
                    s_badgedSeen++;
                }
                else if (request.Badge == 0)
                {
                    s_plainSeen++;
                }
                else
                {
                    s_otherSeen++;
                }
                request = Ipc.ReplyWait(Endpoint, 0, new ulong[] { request.Badge }, s_idle);
            }
            s_serverEnd = request.Result;
            Notifications.Notify(Done, 1);
        }

        private static void Client(ulong slot)
        {
            ulong expected = slot == Badged ? Badge : 0;
            int index = slot == Badged ? 0 : 1;
            for (int i = 0; i < Calls; i++)
            {
                IpcResult reply = Ipc.Call((uint)slot, 1, Ipc.NoWords);
                if (reply.Result == ResultWord.Ok && reply.Words.Length == 1 && reply.Words[0] == expected)
                {
                    s_recognised[index]++;
                }
            }
            Notifications.Notify(Done, slot == Badged ? 2UL : 4UL);
        }
    }
}
