using System.Collections.Generic;
using System.Threading;

namespace Verified.Coyote.Runtime;

/// <summary>
/// Keeps every continuation of a test on the engine's own thread: awaited tasks that complete post their continuations
/// here, and the runtime runs them in order as part of the current step. Nothing reaches the thread pool, so a run is
/// a pure function of the scheduling decisions.
/// </summary>
internal sealed class ControlledSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new();

    public override void Post(SendOrPostCallback d, object? state) => _posted.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs posted continuations until none is left.</summary>
    public void Drain()
    {
        while (_posted.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }
}
