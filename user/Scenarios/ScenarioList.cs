// Every shared scenario, in the order the selftest runs them (simple ones first, so a broken kernel shows its most
// basic failure at the top).
using Verified.User.Scenarios.Arguments;
using Verified.User.Scenarios.CapabilitySpace;
using Verified.User.Scenarios.Creation;
using Verified.User.Scenarios.Messaging;
using Verified.User.Scenarios.Races;
using Verified.User.Scenarios.Scheduling;
using Verified.User.Scenarios.Signals;
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
            new LockServerScenario(false),
            new ProducerConsumerScenario(),
            new WakeThenAccumulateScenario(),
            new NotifiesBeforeWaitScenario(),
            new ClosedReceiveSendScenario(),
            new ServerEndedScenario(),
            new CreatePriorityScenario(),
            new NotificationWaiterOrderScenario(),
            new SenderQueueOrderScenario(false),
            new SenderQueueOrderScenario(true),
            new ReceiverQueueOrderScenario(),
            new ServerLoopScenario(1),
            new ServerLoopScenario(2),
            new ServerBadgesScenario(),
            new RoundTripScenario(),
            new DestroyedUnderQueueScenario(),
            new RevokeUnderQueueScenario(),
            new DeletedPartnerScenario(),
            new LastThreadCapabilityScenario(),
            new SelfDeletedPartnerScenario(),
            new DeletedSenderScenario(),
            new EndedPartnerWhileWaitingScenario(),
            new ClosedReceiveTimeoutScenario(),
            new ManyCopiesRevokeScenario(),
            new CopyToArgumentScenario(),
            new CallPollingScenario(),
            new NotificationPollingScenario(),
            new LockServerScenario(true),
            new FastProducerScenario(),
            new FanInWakeupsScenario(),
            new SendTimeoutRaceScenario(),
            new StartAddressScenario(),
            new CreatedThreadCallsScenario(),
        };
    }
}
