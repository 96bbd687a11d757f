// Every shared scenario, in the order the selftest runs them (simple ones first, so a broken kernel shows its most
// basic failure at the top).
using Verified.User.Scenarios.Arguments;
using Verified.User.Scenarios.CapabilitySpace;
using Verified.User.Scenarios.Creation;
using Verified.User.Scenarios.Mapping;
using Verified.User.Scenarios.Messaging;
using Verified.User.Scenarios.Paging;
using Verified.User.Scenarios.Races;
using Verified.User.Scenarios.Signals;
using Verified.User.Scenarios.Strings;
using Verified.User.Scenarios.Synchronisation;
using Verified.User.Scenarios.Termination;
using Verified.User.Scenarios.ThreadLife;
using Verified.User.Scenarios.Transfer;

namespace Verified.User.Scenarios
{
    public static class ScenarioList
    {
        public static Scenario[] All() => new Scenario[]
        {
            new SyscallNumberScenario(),
            new TimeoutEncodingScenario(),
            new SleepScenario(),
            new CreateObjectsScenario(),
            new CreateArgumentScenario(),
            new AccumulateScenario(),
            new SignalTimeoutScenario(),
            new SignalArgumentScenario(),
            new TimeoutScenario(),
            new IpcArgumentScenario(),
            new WrongObjectScenario(),
            new CopyRightsScenario(),
            new CopyArgumentScenario(),
            new DeleteScenario(),
            new RevokeScenario(),
            new SendReceiveScenario(),
            new CallReplyScenario(),
            new LongMessageScenario(),
            new ReplyWaitServerScenario(),
            new BadgedClientsScenario(),
            new ClosedReceiveScenario(),
            new QueueOrderScenario(),
            new NestedCallScenario(),
            new PollingScenario(),
            new MintScenario(),
            new MoveScenario(),
            new WakeWaiterScenario(),
            new FanInScenario(),
            new TwoWaitersScenario(),
            new NoPartnerScenario(),
            new LateReplyScenario(),
            new CancelScenario(),
            new CancelEachStateScenario(),
            new AbortBeforeRendezvousScenario(),
            new PartnerKilledScenario(),
            new SelfDeletedServerScenario(),
            new EndedPartnerScenario(),
            new DestroyedObjectScenario(),
            new QueuedAcrossDeleteScenario(),
            new EndedThreadScenario(),
            new ThreadStatesScenario(),
            new SelfDeleteScenario(),
            new DeleteBlockedThreadScenario(),
            new ThreadArgumentScenario(),
            new ManyThreadsScenario(),
            new CapabilityItemScenario(),
            new CapabilityItemRefusalScenario(),
            new ReplyTimeoutRaceScenario(),
            new CancelRaceScenario(),
            new NotificationTimeoutRaceScenario(),
            new LockServerScenario(),
            new ProducerConsumerScenario(),
            new StringItemScenario(),
            new StringScatterScenario(),
            new CopyFailedScenario(),
            new PagedTransferScenario(),
            new UserPagerScenario(),
            new PageFaultTimeoutScenario(),
            new NestedFaultEndsScenario(),
            new ScratchFaultScenario(),
            new MapItemScenario(),
            new PlacementScenario(),
            new GrantScenario(),
            new MapFailedScenario(),
            new ErrorDetailScenario(),
            new UnmapScenario(),
            new MixedItemScenario(),
            new ItemArgumentScenario(),
        };
    }
}
