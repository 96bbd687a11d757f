using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;

namespace Verified.Explorer.Scenarios.Engine;

/// <summary>
/// An ordering bug of depth 3 hidden among noise: a reader uses a configuration between the moment a resetter clears
/// it and the moment the initializer has set it again. Each operation takes many steps, so a uniformly random schedule
/// rarely hits the window and priority-based exploration is needed to find it quickly.
/// </summary>
public static class LateInitialization
{
    public const int Noise = 12;

    public static async Task Buggy(ControlledRuntime runtime)
    {
        bool ready = true;
        bool resetDone = false;
        async Task Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                await runtime.SchedulingPoint();
            }
        }
        ControlledOperation resetter = runtime.CreateOperation("resetter", async () =>
        {
            await Steps(Noise);
            ready = false;
            resetDone = true;
        });
        ControlledOperation initializer = runtime.CreateOperation("initializer", async () =>
        {
            await Steps(Noise);
            await Steps(Noise);
            ready = true;
        });
        ControlledOperation reader = runtime.CreateOperation("reader", async () =>
        {
            await Steps(Noise + 4);
            Specification.Assert(!resetDone || ready, "reader saw the configuration between reset and re-initialization");
        });
        await runtime.Join(resetter);
        await runtime.Join(initializer);
        await runtime.Join(reader);
    }
}
