// CapCopy with a badge mints: the receiver sees the badge of the capability each message came through; copies of a
// minted capability keep its badge, and minting again from it fails with ErrBadgeSet.
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    public sealed unsafe class MintScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Minted = 4, CopyOfMinted = 5, Receiver = 6, Empty = 30;
        private const ulong Badge = 0x5EA1;
        private static readonly ulong[] s_badges = new ulong[3];
        private static ulong s_failures;

        public MintScenario() : base("cap-mint-badges")
        {
        }

        public override void Run(Check check)
        {
            s_failures = 0;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, Minted, Capabilities.AllRights, Badge), "mint")
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Minted, CopyOfMinted), "copy of the minted capability")
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            check.Equal(Errors.CapsBadgeSet, Capabilities.Mint(Minted, Empty, Capabilities.AllRights, 0x99), "mint from a badged capability");
            check.Equal(ResultWord.Ok, Ipc.Send(Minted, 1, new ulong[] { 1 }).Result, "send through the minted one");
            check.Equal(ResultWord.Ok, Ipc.Send(CopyOfMinted, 1, new ulong[] { 2 }).Result, "send through its copy");
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, 1, new ulong[] { 3 }).Result, "send through the original");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(0, s_failures, "failed receives");
                check.Equal(Badge, s_badges[0], "badge through the minted capability");
                check.Equal(Badge, s_badges[1], "badge through its copy");
                check.Equal(0, s_badges[2], "badge through the original");
            }
            Workers.Delete(check, new uint[] { Receiver, CopyOfMinted, Minted, Endpoint, Done });
        }

        private static void Receive(ulong argument)
        {
            for (int i = 0; i < 3; i++)
            {
                IpcResult received = Ipc.Wait(Endpoint);
                if (!received.IsOk || received.Word(0) != (ulong)(i + 1))
                {
                    s_failures++;
                }
                s_badges[i] = received.Badge;
            }
            Notifications.Notify(Done, 1);
        }
    }
}
