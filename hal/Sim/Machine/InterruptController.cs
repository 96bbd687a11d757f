// An interrupt controller with up to 64 lines in the manner of the 8259/IOAPIC pair: a raised line becomes pending;
// the CPU accepts the lowest-numbered pending line that is neither masked nor in service (pending -> in service);
// the kernel acknowledges it (end of interrupt) to let that line be delivered again. Edge-triggered: raising a line
// that is already pending changes nothing.
using System;
using System.Numerics;

namespace Verified.Hal.Sim.Machine
{
    public sealed class InterruptController
    {
        private ulong _pending;
        private ulong _masked;
        private ulong _inService;

        public InterruptController(int lines)
        {
            if (lines < 1 || lines > 64)
            {
                throw new ArgumentOutOfRangeException(nameof(lines), "1..64 lines");
            }
            Lines = lines;
        }

        public int Lines { get; }

        public ulong PendingBits => _pending;

        public ulong MaskedBits => _masked;

        public ulong InServiceBits => _inService;

        /// <summary>Raises recorded since creation, including those that coalesced into an already pending line.</summary>
        public long Raised { get; private set; }

        /// <summary>A device signals <paramref name="line"/>.</summary>
        public void Raise(int line)
        {
            _pending |= Bit(line);
            Raised++;
        }

        public void Mask(int line) => _masked |= Bit(line);

        public void Unmask(int line) => _masked &= ~Bit(line);

        public bool IsMasked(int line) => (_masked & Bit(line)) != 0;

        public bool IsPending(int line) => (_pending & Bit(line)) != 0;

        public bool IsInService(int line) => (_inService & Bit(line)) != 0;

        /// <summary>End of interrupt for <paramref name="line"/>; false if it was not in service.</summary>
        public bool Acknowledge(int line)
        {
            ulong bit = Bit(line);
            bool was = (_inService & bit) != 0;
            _inService &= ~bit;
            return was;
        }

        /// <summary>True when some line can be delivered now.</summary>
        public bool HasDeliverable => Deliverable != 0;

        /// <summary>The CPU takes the interrupt: the lowest deliverable line moves from pending to in service. -1 if none.</summary>
        public int Accept()
        {
            ulong deliverable = Deliverable;
            if (deliverable == 0)
            {
                return -1;
            }
            int line = BitOperations.TrailingZeroCount(deliverable);
            ulong bit = 1UL << line;
            _pending &= ~bit;
            _inService |= bit;
            return line;
        }

        private ulong Deliverable => _pending & ~_masked & ~_inService;

        private ulong Bit(int line)
        {
            if ((uint)line >= (uint)Lines)
            {
                throw new ArgumentOutOfRangeException(nameof(line), $"line {line} of {Lines}");
            }
            return 1UL << line;
        }
    }
}
