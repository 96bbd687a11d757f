// The virtual clock and its programmable timer (one-shot or periodic, like the LAPIC timer). Time is a tick count
// that only the machine advances: by a fixed amount per scheduling step, or by a jump to the deadline when the
// scheduler decides the timer fires now. When the timer fires it raises its interrupt line.
using System;

namespace Verified.Hal.Sim.Machine
{
    public sealed class SimTimer
    {
        private readonly InterruptController _controller;

        public SimTimer(InterruptController controller, int line)
        {
            if ((uint)line >= (uint)controller.Lines)
            {
                throw new ArgumentOutOfRangeException(nameof(line));
            }
            _controller = controller;
            Line = line;
        }

        /// <summary>The interrupt line the timer raises.</summary>
        public int Line { get; }

        /// <summary>The virtual clock, in ticks.</summary>
        public ulong Now { get; private set; }

        public bool IsArmed { get; private set; }

        /// <summary>The tick at which the armed timer fires.</summary>
        public ulong Deadline { get; private set; }

        /// <summary>0 for one-shot; otherwise the timer re-arms itself this many ticks after each deadline.</summary>
        public ulong Period { get; private set; }

        public long Fired { get; private set; }

        /// <summary>Fires once at <paramref name="deadline"/> (at once, at the next step, if it is already past).</summary>
        public void ArmAt(ulong deadline)
        {
            Deadline = deadline;
            Period = 0;
            IsArmed = true;
        }

        /// <summary>Fires once <paramref name="delta"/> ticks from now.</summary>
        public void ArmIn(ulong delta) => ArmAt(SaturatingAdd(Now, delta));

        /// <summary>Fires every <paramref name="period"/> ticks, the first time one period from now.</summary>
        public void ArmPeriodic(ulong period)
        {
            if (period == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(period));
            }
            ArmIn(period);
            Period = period;
        }

        public void Disarm()
        {
            IsArmed = false;
            Period = 0;
        }

        /// <summary>True when the clock has reached the deadline: the timer must fire before anything else happens.</summary>
        public bool IsDue => IsArmed && Now >= Deadline;

        /// <summary>Time passes (a step of user code); never past a due deadline's firing, which the machine does next.</summary>
        internal void Advance(ulong ticks) => Now = SaturatingAdd(Now, ticks);

        /// <summary>Fires now: the clock jumps to the deadline if it is earlier, the line is raised, a periodic timer
        /// re-arms.</summary>
        internal void Fire()
        {
            if (!IsArmed)
            {
                throw new InvalidOperationException("the timer is not armed");
            }
            if (Now < Deadline)
            {
                Now = Deadline;
            }
            Fired++;
            _controller.Raise(Line);
            if (Period != 0)
            {
                Deadline = SaturatingAdd(Deadline, Period);
            }
            else
            {
                IsArmed = false;
            }
        }

        private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;
    }
}
