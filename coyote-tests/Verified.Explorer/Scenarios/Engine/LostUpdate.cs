using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;

namespace Verified.Explorer.Scenarios.Engine;

/// <summary>Two writers increment a counter with a read, a scheduling point, and a write: an update can be lost.</summary>
public static class LostUpdate
{
    public static async Task Buggy(ControlledRuntime runtime) => await Run(runtime, locked: false);

    /// <summary>The same with the read-modify-write under a lock: no schedule loses an update.</summary>
    public static async Task Fixed(ControlledRuntime runtime) => await Run(runtime, locked: true);

    private static async Task Run(ControlledRuntime runtime, bool locked)
    {
        int counter = 0;
        var guard = new ControlledLock(runtime, "counter");
        async Task Increment()
        {
            if (locked)
            {
                await guard.AcquireAsync();
            }
            int read = counter;
            await runtime.SchedulingPoint();
            counter = read + 1;
            if (locked)
            {
                guard.Release();
            }
        }
        ControlledOperation a = runtime.CreateOperation("writer-a", Increment);
        ControlledOperation b = runtime.CreateOperation("writer-b", Increment);
        await runtime.Join(a);
        await runtime.Join(b);
        Specification.Assert(counter == 2, $"lost update: counter is {counter}, expected 2");
    }
}
