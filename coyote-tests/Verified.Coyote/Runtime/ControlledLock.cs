using System.Collections.Generic;

namespace Verified.Coyote.Runtime;

/// <summary>
/// A mutual-exclusion lock under the engine's control: acquiring is a scheduling point, a contended acquire blocks
/// the operation (so lock-order deadlocks are found and reported with who holds what), release hands the lock to the
/// longest waiter.
/// </summary>
public sealed class ControlledLock
{
    private readonly ControlledRuntime _runtime;
    private readonly Queue<ControlledOperation> _waiters = new();

    public ControlledLock(ControlledRuntime runtime, string name)
    {
        _runtime = runtime;
        Name = name;
    }

    public string Name { get; }

    public ControlledOperation? Holder { get; private set; }

    public async System.Threading.Tasks.Task AcquireAsync()
    {
        await _runtime.SchedulingPoint();
        ControlledOperation self = _runtime.CurrentOperation!;
        if (Holder is null)
        {
            Holder = self;
            return;
        }
        _waiters.Enqueue(self);
        await _runtime.Block($"lock '{Name}' held by {Holder}");
        // Release handed the lock over before unblocking us.
    }

    public void Release()
    {
        if (_waiters.TryDequeue(out ControlledOperation? next))
        {
            Holder = next;
            _runtime.Unblock(next);
        }
        else
        {
            Holder = null;
        }
    }
}
