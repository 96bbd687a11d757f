using System.Threading.Tasks;
using IpcState;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;
using IpcStates = IpcTypes.__default;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A timeslice-donation chain with a timeout (spec/Ipc/IpcState.dfy: Lend, ReturnLent). A high-priority client Calls
/// a low-priority front server, which Calls a back server with a receive timeout; the back server works a few steps
/// before it replies, so the reply races the timeout. A medium-priority busy thread is Ready meanwhile. While the
/// client waits for its reply the chain runs at the client's priority, so the medium thread never runs; when the
/// timeout or the reply ends a wait, the lent context goes back: once the client has its answer every thread is at
/// its own priority again. Two outcomes, each exact on all three sides: the back server's reply in time (it reaches
/// the client), or the front server's receive timeout (the client gets the front server's "timed out" answer and
/// the late reply finds nobody waiting).
/// </summary>
public static class DonationChainTimeout
{
    private const byte ClientPriority = 7;
    private const byte MediumPriority = 5;
    private const byte BackPriority = 3;
    private const byte FrontPriority = 2;
    private const uint BackEndpoint = 3;      // slot of the second endpoint (IPC object 2)
    // The client and the medium thread sleep first, so that the servers usually wait before the Call comes (timer
    // events can cut the sleep short: then the client's send phase waits for the front server, lending nothing).
    private const ulong Start = 4;
    private const ulong FrontTimeout = 4;     // the front server's wait for the back server's reply
    // The back server's Null syscalls before it replies: with the Reply 3 steps of a tick each, in time unless the
    // timer fires in between (each timer event moves the clock a tick on).
    private const int BackWork = 2;
    private const int MediumWork = 6;
    private const ulong Request = 0x51;
    private const ulong TimedOut = 0xDEAD;
    private const ulong NoPartner = 5;        // ErrNoPartner: nobody waits for the reply
    private const int Client = 0, Medium = 1, Back = 2, Front = 3; // indices into the thread ids

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the Sim kernel that schedules threads at their own priority, not the lent one.</summary>
    public static Task LentPriorityIgnored(ControlledRuntime runtime) => Run(runtime, PlantedBugs.LentPriorityIgnored);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        world.BootEndpoint(2, BackEndpoint);
        IpcKernel ipc = world.Kernel.Ipc;
        var ids = new uint[4]; // filled in as the threads are spawned
        ulong clientResult = ulong.MaxValue, frontCall = ulong.MaxValue, frontReply = ulong.MaxValue;
        ulong backReply = ulong.MaxValue;
        ulong[] clientWords = [], frontWords = [];

        SimThread client = world.Spawn("client", async ctx =>
        {
            await Ipc.Sleep(ctx, User.Sim.Timeout.Ticks(Start));
            IpcResult answer = await Called(ctx, "client", KernelWorld.Endpoint, [Request]);
            clientResult = answer.Result;
            clientWords = answer.Words;
            // Nobody waits for anybody now: every lent context has gone back.
            foreach (uint t in ids)
            {
                AssertOwnContext(ipc, t, "after the client's Call returned");
            }
        }, ClientPriority);
        ids[Client] = world.Kernel.IdOf(client);
        SimThread medium = world.Spawn("medium", async ctx =>
        {
            await Ipc.Sleep(ctx, User.Sim.Timeout.Ticks(Start));
            for (int i = 0; i < MediumWork; i++)
            {
                Specification.Assert(ipc.state[ids[Client]] != IpcStates.RecvClosed,
                    $"medium thread (priority {MediumPriority}) ran while the client (priority {ClientPriority}) " +
                    $"waited for its reply at tick {world.Machine.Timer.Now}: the chain the client waits on outranks it");
                await Threads.Null(ctx);
            }
        }, MediumPriority);
        ids[Medium] = world.Kernel.IdOf(medium);
        SimThread back = world.Spawn("back", async ctx =>
        {
            IpcResult request = await Ipc.Wait(ctx, BackEndpoint);
            Specification.Assert(request.Result == Ok && request.Words is [Request + 1], $"back server Wait {request.Result:x}");
            for (int i = 0; i < BackWork; i++)
            {
                AssertHelpsWhileWaitedFor(ipc, ids, "back server working");
                await Threads.Null(ctx);
            }
            backReply = (await Ipc.Reply(ctx, 0, [Request + 2])).Result;
        }, BackPriority);
        ids[Back] = world.Kernel.IdOf(back);
        SimThread front = world.Spawn("front", async ctx =>
        {
            IpcResult request = await Ipc.Wait(ctx, KernelWorld.Endpoint);
            Specification.Assert(request.Result == Ok && request.Words is [Request], $"front server Wait {request.Result:x}");
            Specification.Assert(ipc.prio[ids[Front]] == ClientPriority && ipc.m.runsOn[ids[Front]] == ids[Client],
                $"front server serves the client at priority {ipc.prio[ids[Front]]} on the timeslice of {ipc.m.runsOn[ids[Front]]}");
            IpcResult answer = await Called(ctx, "front", BackEndpoint, [Request + 1], User.Sim.Timeout.Ticks(FrontTimeout));
            frontCall = answer.Result;
            frontWords = answer.Words;
            // Its own wait is over, the client's goes on: the front server keeps the client's context, the back
            // server has its own back.
            Specification.Assert(ipc.prio[ids[Front]] == ClientPriority && ipc.m.runsOn[ids[Front]] == ids[Client],
                $"front server after its Call ({frontCall:x}) at priority {ipc.prio[ids[Front]]}");
            AssertOwnContext(ipc, ids[Back], $"after the front server's Call ended with {frontCall:x}");
            ulong word = frontCall == Ok ? frontWords[0] + 1 : TimedOut;
            frontReply = (await Ipc.Reply(ctx, 0, [word])).Result;
        }, FrontPriority);
        ids[Front] = world.Kernel.IdOf(front);

        world.RunToEnd();
        bool replied = frontCall == Ok && frontWords is [Request + 2] && backReply == Ok && clientWords is [Request + 3];
        bool timedOut = frontCall == (IpcRecvTimeout | ReceivePhase) && backReply == NoPartner && clientWords is [TimedOut];
        Specification.Assert(clientResult == Ok && frontReply == Ok && (replied || timedOut),
            $"client ended with {clientResult:x} {Words(clientWords)}, front server's Call with {frontCall:x} " +
            $"{Words(frontWords)} and its Reply with {frontReply:x}, back server's Reply with {backReply:x}");
        return Task.CompletedTask;
    }

    private static Task<IpcResult> Called(SimUserContext ctx, string who, uint endpoint, ulong[] words,
        ushort receiveTimeout = User.Sim.Timeout.Never) =>
        Answered.Watch(who, () => Ipc.Call(ctx, endpoint, 1, words, receiveTimeout: receiveTimeout));

    /// <summary>The back server runs at the client's priority, on its timeslice, exactly while the front server
    /// (which the client waits for) waits for it: the chain of closed waits.</summary>
    private static void AssertHelpsWhileWaitedFor(IpcKernel ipc, uint[] ids, string when)
    {
        bool waitedFor = ipc.state[ids[Front]] == IpcStates.RecvClosed && ipc.obj[ids[Front]] == ids[Back];
        if (waitedFor)
        {
            Specification.Assert(ipc.prio[ids[Back]] == ClientPriority && ipc.m.runsOn[ids[Back]] == ids[Client],
                $"{when}: at priority {ipc.prio[ids[Back]]} on the timeslice of {ipc.m.runsOn[ids[Back]]} while the chain waits");
        }
        else
        {
            AssertOwnContext(ipc, ids[Back], when);
        }
    }

    /// <summary>Thread <paramref name="t"/>, if it still exists, runs at its own priority on its own timeslice.</summary>
    private static void AssertOwnContext(IpcKernel ipc, uint t, string when)
    {
        if (ipc.state[t] == IpcStates.Free || ipc.state[t] == IpcStates.Dead)
        {
            return;
        }
        Specification.Assert(ipc.prio[t] == ipc.m.own[t] && ipc.m.runsOn[t] == t,
            $"{when}: thread {t} at priority {ipc.prio[t]} (own {ipc.m.own[t]}) on the timeslice of {ipc.m.runsOn[t]}");
    }

    private static string Words(ulong[] words) => $"[{string.Join(' ', System.Array.ConvertAll(words, w => w.ToString("x")))}]";
}
