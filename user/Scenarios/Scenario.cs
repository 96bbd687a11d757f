// A scenario: a small user program written once against user/Library that runs on both machines (README.md).
namespace Verified.User.Scenarios
{
    public abstract class Scenario
    {
        protected Scenario(string name)
        {
            Name = name;
        }

        /// <summary>Printed as "scenario NAME: ...": lower case words joined by '-'.</summary>
        public string Name { get; }

        /// <summary>Runs from the boot layout (Layout) on the task's main thread and leaves it as it found it: every
        /// capability it made deleted, every thread it started gone. Records what it finds in <paramref name="check"/>.</summary>
        public abstract void Run(Check check);
    }
}
