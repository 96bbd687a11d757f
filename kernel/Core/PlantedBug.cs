// Planted bugs, compiled only into the mutants build of the Sim kernel (coyote-tests/Verified.Sim.Kernel.Mutants,
// symbol MUTANTS): the explorer shows that its kernel scenarios find each one. A scenario picks the one active bug
// before it builds its world; the booted image and the real Sim kernel contain none of this.
#if MUTANTS
namespace Verified.Kernel.Core
{
    public static class PlantedBug
    {
        public const int None = 0;
        public const int CancelLosesError = 1;      // a canceled thread is woken with OK
        public const int NotifyDropsBits = 2;       // a woken notification waiter gets OK but no bits
        public const int TimeoutLosesPhase = 3;     // a receive timeout is reported without its receive-phase bit

        public static int Active { get; set; }

        public static bool Is(int bug) => Active == bug;
    }
}
#endif
