// Static initialization in all its forms: preinitialized by the compiler, run on first access,
// run eagerly at start-up, and module initializers.
using System.Runtime.CompilerServices;
using Verified.Hal.X64;

namespace Verified.Kernel.SelfTest
{
    // Simple enough for ILC to evaluate at compile time (the statics become frozen image data).
    internal static class Registry
    {
        public static readonly int[] Primes;
        public static readonly string Greeting;

        static Registry()
        {
            Primes = new int[] { 2, 3, 5, 7 };
            Greeting = string.Concat("hel", "lo");
        }
    }

    // Reads a control register: ILC cannot evaluate that at compile time, so the constructor runs
    // on first access through ClassConstructorRunner.
    internal static class LazyMachineFacts
    {
        public static readonly ulong PageTableRoot;
        public static readonly object Token;

        static LazyMachineFacts()
        {
            InitializationLog.LazyRuns++;
            PageTableRoot = Cpu.ReadCr3();
            Token = new object();
        }
    }

    // Runs during Startup.Run (EagerCctor section), before the banner.
    [EagerStaticClassConstruction]
    internal static class EagerMachineFacts
    {
        public static readonly ulong PageTableRoot;

        static EagerMachineFacts()
        {
            InitializationLog.EagerRuns++;
            PageTableRoot = Cpu.ReadCr3();
        }
    }

    internal static class InitializationLog
    {
        public static int LazyRuns;
        public static int EagerRuns;
        public static int ModuleInitializerRuns;

        // Runs during Startup.Run (ModuleInitializerList section).
        [ModuleInitializer]
        internal static void OnModuleStart() => ModuleInitializerRuns++;
    }

    internal sealed class StaticConstructorCheck : SelfCheck
    {
        public override string Name => "static constructors and module initializers ran";

        public override string? Run()
        {
            if (Registry.Primes is null || Registry.Primes.Length != 4 || Registry.Primes[3] != 7 || Registry.Greeting != "hello")
            {
                return "compile-time initialized statics are wrong";
            }

            if (InitializationLog.ModuleInitializerRuns != 1)
            {
                return string.Concat("module initializer ran ", InitializationLog.ModuleInitializerRuns.ToString(), " times");
            }

            if (InitializationLog.EagerRuns != 1)
            {
                return string.Concat("eager class constructor ran ", InitializationLog.EagerRuns.ToString(), " times");
            }

            if (InitializationLog.LazyRuns != 0)
            {
                return "lazy class constructor ran before first access";
            }

            ulong root = LazyMachineFacts.PageTableRoot;
            object token = LazyMachineFacts.Token;
            if (InitializationLog.LazyRuns != 1 || root != Cpu.ReadCr3() || token is null || LazyMachineFacts.Token != token)
            {
                return string.Concat("lazy class constructor ran ", InitializationLog.LazyRuns.ToString(), " times");
            }

            return EagerMachineFacts.PageTableRoot == root ? null : "eager class constructor saw another CR3";
        }
    }
}
