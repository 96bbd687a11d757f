using System.Collections.Generic;
using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;

namespace Verified.Explorer.Scenarios.Engine;

/// <summary>Every request sent must be answered: hot while some request is owed an answer.</summary>
public sealed class EveryRequestAnswered : Monitor
{
    private int _owed;

    protected override void OnEvent(MonitorEvent monitorEvent)
    {
        _owed += monitorEvent switch
        {
            RequestSent => 1,
            RequestAnswered => -1,
            _ => 0,
        };
        Assert(_owed >= 0, "a request was answered twice");
        if (_owed > 0)
        {
            GotoHotState("owed");
        }
        else
        {
            GotoColdState("settled");
        }
    }
}

public sealed record RequestSent : MonitorEvent;

public sealed record RequestAnswered : MonitorEvent;

/// <summary>
/// A server with a one-slot mailbox polls for requests; two clients each send one. The planted bug: a client that
/// finds the slot full overwrites it, so one request is never answered (a liveness bug: the monitor stays hot).
/// The server stops once both clients are done and the slot is empty, so a buggy run ends owing an answer.
/// </summary>
public static class DroppedRequest
{
    public static Task Buggy(ControlledRuntime runtime) => Run(runtime, waitForSlot: false, forever: false);

    /// <summary>Clients wait while the slot is full: every request is answered in every schedule.</summary>
    public static Task Fixed(ControlledRuntime runtime) => Run(runtime, waitForSlot: true, forever: false);

    /// <summary>The server never stops polling: only a fair schedule can tell that the owed answer never comes.</summary>
    public static Task BuggyNonTerminating(ControlledRuntime runtime) => Run(runtime, waitForSlot: false, forever: true);

    private static async Task Run(ControlledRuntime runtime, bool waitForSlot, bool forever)
    {
        runtime.RegisterMonitor(new EveryRequestAnswered());
        int? slot = null;
        int clientsDone = 0;
        var waiting = new Queue<ControlledOperation>();
        async Task Client(int id)
        {
            await runtime.SchedulingPoint();
            while (waitForSlot && slot is not null)
            {
                // Sleep until the server empties the slot (a busy wait would starve it under unfair schedules).
                waiting.Enqueue(runtime.CurrentOperation!);
                await runtime.Block("the mailbox slot to empty");
            }
            Specification.Monitor<EveryRequestAnswered>(new RequestSent());
            slot = id;
            clientsDone++;
        }
        ControlledOperation server = runtime.CreateOperation("server", async () =>
        {
            while (forever || clientsDone < 2 || slot is not null)
            {
                await runtime.SchedulingPoint();
                if (slot is not null)
                {
                    slot = null;
                    if (waiting.TryDequeue(out ControlledOperation? client))
                    {
                        runtime.Unblock(client);
                    }
                    Specification.Monitor<EveryRequestAnswered>(new RequestAnswered());
                }
            }
        });
        runtime.CreateOperation("client-1", () => Client(1));
        runtime.CreateOperation("client-2", () => Client(2));
        await runtime.Join(server);
    }
}
