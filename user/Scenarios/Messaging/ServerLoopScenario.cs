// Call/ReplyWait server loops with several clients: every request is answered exactly once and each client gets the
// answer to its own request (the reply goes to the caller the server received last, never to another one), with one
// server thread or two on the same endpoint. Clients run at two priorities, the servers between them; the loops end
// when no request comes within their receive timeout.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class ServerLoopScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, FirstServer = 4, FirstClient = 6;
        private const int Clients = 4, Requests = 6, MaxServers = 2;
        private const uint ServerPriority = 5;
        private static readonly ushort s_idle = Timeout.Ticks(200);

        // Each server records what it served in its own row: two servers never write the same word.
        private static readonly ulong[] s_served = new ulong[MaxServers * Clients * Requests];
        private static readonly int[] s_servedCount = new int[MaxServers];
        private static readonly ulong[] s_serverEnd = new ulong[MaxServers];
        private static readonly int[] s_answered = new int[Clients];
        private readonly int _servers;

        public ServerLoopScenario(int servers) : base(servers == 1 ? "server-loop" : "two-server-threads")
        {
            _servers = servers;
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            int servers = 0, clients = 0;
            for (int s = 0; s < _servers && check.Passed; s++)
            {
                s_servedCount[s] = 0;
                s_serverEnd[s] = ulong.MaxValue;
                if (Workers.StartAt(check, FirstServer + (uint)s, 1 + (uint)s, ServerPriority, &Serve, (ulong)s))
                {
                    servers++;
                }
            }
            for (int c = 0; c < Clients && check.Passed; c++)
            {
                s_answered[c] = 0;
                if (Workers.StartAt(check, FirstClient + (uint)c, 3 + (uint)c, 4 + (uint)(c % 2), &Client, (ulong)c))
                {
                    clients++;
                }
            }
            ulong all = (((1UL << _servers) - 1) << Clients) | ((1UL << Clients) - 1);
            if (check.Passed && Workers.Join(check, Done, all))
            {
                for (int c = 0; c < Clients; c++)
                {
                    check.Equal(Requests, (ulong)s_answered[c], "the requests a client got its own answer to");
                }
                int total = 0;
                for (int s = 0; s < _servers; s++)
                {
                    check.Equal(Errors.RecvTimeout | ResultWord.ReceivePhaseBit, s_serverEnd[s], "a server's end");
                    total += s_servedCount[s];
                }
                check.Equal(Clients * Requests, (ulong)total, "requests served");
                check.True(EachServedOnce(), "a request was served twice");
            }
            for (int c = 0; c < clients; c++)
            {
                Workers.Delete(check, FirstClient + (uint)c);
            }
            for (int s = 0; s < servers; s++)
            {
                Workers.Delete(check, FirstServer + (uint)s);
            }
            Workers.Delete(check, new uint[] { Endpoint, Done });
        }

        /// <summary>Every request id client * 100 + r appears once among the servers' rows.</summary>
        private bool EachServedOnce()
        {
            for (ulong c = 0; c < Clients; c++)
            {
                for (ulong r = 0; r < Requests; r++)
                {
                    int seen = 0;
                    for (int s = 0; s < _servers; s++)
                    {
                        for (int i = 0; i < s_servedCount[s]; i++)
                        {
                            if (s_served[s * Clients * Requests + i] == c * 100 + r)
                            {
                                seen++;
                            }
                        }
                    }
                    if (seen != 1)
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        private static void Serve(ulong server)
        {
            int row = (int)server * Clients * Requests;
            IpcResult request = Ipc.Wait(Endpoint, s_idle);
            while (request.Result == ResultWord.Ok && request.ReplyExpected && request.Words.Length == 2)
            {
                ulong id = request.Words[0] * 100 + request.Words[1];
                if (s_servedCount[(int)server] < Clients * Requests)
                {
                    s_served[row + s_servedCount[(int)server]++] = id;
                }
                // The answer names the request, so a crossed reply shows in the client's check.
                request = Ipc.ReplyWait(Endpoint, request.Label, new ulong[] { id * 2 + 1 }, s_idle);
            }
            s_serverEnd[(int)server] = request.Result;
            Notifications.Notify(Done, 1UL << (Clients + (int)server));
        }

        private static void Client(ulong client)
        {
            for (ulong r = 0; r < Requests; r++)
            {
                IpcResult reply = Ipc.Call(Endpoint, 0x10 + client, new ulong[] { client, r });
                if (reply.Result == ResultWord.Ok && reply.Label == 0x10 + client && reply.Words.Length == 1
                    && reply.Words[0] == (client * 100 + r) * 2 + 1)
                {
                    s_answered[(int)client]++;
                }
            }
            Notifications.Notify(Done, 1UL << (int)client);
        }
    }
}
