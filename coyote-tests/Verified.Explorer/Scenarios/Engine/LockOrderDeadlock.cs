using System.Threading.Tasks;
using Verified.Coyote.Runtime;

namespace Verified.Explorer.Scenarios.Engine;

/// <summary>Two operations take two locks in opposite orders: some schedules deadlock.</summary>
public static class LockOrderDeadlock
{
    public static async Task Buggy(ControlledRuntime runtime)
    {
        var first = new ControlledLock(runtime, "first");
        var second = new ControlledLock(runtime, "second");
        ControlledOperation forward = runtime.CreateOperation("forward", () => Both(first, second));
        ControlledOperation backward = runtime.CreateOperation("backward", () => Both(second, first));
        await runtime.Join(forward);
        await runtime.Join(backward);
    }

    private static async Task Both(ControlledLock outer, ControlledLock inner)
    {
        await outer.AcquireAsync();
        await inner.AcquireAsync();
        inner.Release();
        outer.Release();
    }
}
