// The outcome of one page-table walk: a physical address, or the page fault the CPU would raise.
namespace Verified.Hal.Sim.Machine
{
    public readonly struct Translation
    {
        private Translation(ulong physicalAddress, ulong pageSize, PageFault fault, bool ok)
        {
            PhysicalAddress = physicalAddress;
            PageSize = pageSize;
            Fault = fault;
            IsOk = ok;
        }

        public bool IsOk { get; }

        /// <summary>The physical address of the translated byte (valid when <see cref="IsOk"/>).</summary>
        public ulong PhysicalAddress { get; }

        /// <summary>Size of the page that maps it: 4 KiB, 2 MiB or 1 GiB.</summary>
        public ulong PageSize { get; }

        /// <summary>The fault (valid when not <see cref="IsOk"/>).</summary>
        public PageFault Fault { get; }

        /// <summary>Bytes from the translated address to the end of its page.</summary>
        public ulong BytesToPageEnd => PageSize - (PhysicalAddress & (PageSize - 1));

        public static Translation Ok(ulong physicalAddress, ulong pageSize) => new(physicalAddress, pageSize, default, true);

        public static Translation Faulted(PageFault fault) => new(0, 0, fault, false);

        public override string ToString() => IsOk ? $"-> 0x{PhysicalAddress:X}" : Fault.ToString();
    }
}
