// A simulated device that raises one interrupt line a bounded number of times, whenever the scheduler chooses.
namespace Verified.Hal.Sim.Machine
{
    public sealed class SimDevice
    {
        internal SimDevice(int id, string name, int line, long interrupts)
        {
            Id = id;
            Name = name;
            Line = line;
            Remaining = interrupts;
        }

        /// <summary>Creation order from 0: names the device in schedules and traces.</summary>
        public int Id { get; }

        public string Name { get; }

        public int Line { get; }

        /// <summary>Interrupts the device may still raise; while positive, raising it is an event the scheduler may pick.</summary>
        public long Remaining { get; set; }

        public long Raised { get; internal set; }

        public override string ToString() => $"{Name}(irq {Line})";
    }
}
