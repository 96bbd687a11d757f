// The virtual clock and timer, alone and inside the machine: deadlines reached by steps, early firing chosen by the
// scheduler (the clock jumps), periodic re-arming, and the interrupt the kernel sees.
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class TimerTests
    {
        [Fact]
        public void OneShotFiresOnceAtItsDeadline()
        {
            var pic = new InterruptController(4);
            var timer = new SimTimer(pic, 0);
            timer.ArmIn(10);
            Assert.Equal(10UL, timer.Deadline);
            timer.Advance(9);
            Assert.False(timer.IsDue);
            timer.Advance(1);
            Assert.True(timer.IsDue);
            timer.Fire();
            Assert.False(timer.IsArmed);
            Assert.True(pic.IsPending(0));
            Assert.Equal(1, timer.Fired);
        }

        [Fact]
        public void EarlyFireJumpsTheClockAndPeriodicRearms()
        {
            var pic = new InterruptController(4);
            var timer = new SimTimer(pic, 1);
            timer.ArmPeriodic(100);
            timer.Advance(3);
            timer.Fire();
            Assert.Equal(100UL, timer.Now);
            Assert.Equal(200UL, timer.Deadline);
            Assert.True(timer.IsArmed);
            Assert.True(pic.IsPending(1));
            timer.Disarm();
            Assert.False(timer.IsArmed);
        }

        [Fact]
        public void ClockAdvancesPerStepAndTheDueTimerInterruptsTheKernelBeforeTheNextStep()
        {
            // Only one thread, so every step is forced except when the timer is armed too; the script always picks the thread.
            var scheduler = new ScriptedScheduler(Repeat(SimEvent.Thread(0), 20));
            var machine = new SimMachine(scheduler, recordTrace: true) { TicksPerStep = 5 };
            var kernel = new TestKernel(machine);
            machine.Timer.ArmAt(12);
            machine.CreateThread("spin", machine.CreateAddressSpace(), async ctx =>
            {
                for (int i = 0; i < 6; i++)
                {
                    await ctx.Syscall(TestKernel.Null);
                }
            });
            Assert.Equal(SimStopReason.AllThreadsFinished, machine.Run(100));
            Assert.Equal(new[] { SimMachine.TimerLine }, kernel.InterruptsTaken.ToArray());
            Assert.Equal(35UL, machine.Timer.Now);   // 7 steps (6 syscalls + the return) of 5 ticks
            // Steps 1-3 reach tick 15 >= 12: the timer fires before step 4 and the kernel takes line 0.
            int fired = TraceIndex(machine, SimEvent.Timer);
            Assert.Equal(3, CountThreadSteps(machine, fired));
            Assert.Equal(new SimEvent(SimEventKind.Interrupt, 0), machine.Trace.Events[fired + 1]);
        }

        [Fact]
        public void SchedulerMayFireTheTimerEarly()
        {
            var scheduler = new ScriptedScheduler(new[] { SimEvent.Thread(0), SimEvent.Timer });
            var machine = new SimMachine(scheduler);
            var kernel = new TestKernel(machine);
            machine.Timer.ArmAt(1000);
            machine.CreateThread("spin", machine.CreateAddressSpace(), async ctx =>
            {
                while (true)
                {
                    await ctx.Syscall(TestKernel.Null);
                }
            });
            machine.Run(3);
            Assert.Equal(1001UL, machine.Timer.Now);   // tick 1 after the first step, the jump to 1000, one more step
            Assert.Equal(new[] { 0 }, kernel.InterruptsTaken.ToArray());
        }

        [Fact]
        public void IdleMachineSleepsUntilTheTimer()
        {
            var machine = new SimMachine(new ScriptedScheduler(new[] { SimEvent.Thread(0) }));
            var kernel = new TestKernel(machine);
            SimThread sleeper = machine.CreateThread("sleeper", machine.CreateAddressSpace(), async ctx =>
            {
                await ctx.Syscall(TestKernel.Exit);
            });
            machine.Timer.ArmAt(500);
            Assert.Equal(SimStopReason.NothingEnabled, machine.Run(10));
            Assert.Equal(500UL, machine.Timer.Now);
            Assert.Equal(new[] { 0 }, kernel.InterruptsTaken.ToArray());
            Assert.False(sleeper.IsRunnable);
            Assert.Equal(2, machine.Steps);   // the thread's step, then the timer (forced)
        }

        private static SimEvent[] Repeat(SimEvent e, int n)
        {
            var events = new SimEvent[n];
            for (int i = 0; i < n; i++)
            {
                events[i] = e;
            }
            return events;
        }

        private static int TraceIndex(SimMachine machine, SimEvent e)
        {
            for (int i = 0; i < machine.Trace.Events.Count; i++)
            {
                if (machine.Trace.Events[i] == e)
                {
                    return i;
                }
            }
            return -1;
        }

        private static int CountThreadSteps(SimMachine machine, int before)
        {
            int n = 0;
            for (int i = 0; i < before; i++)
            {
                n += machine.Trace.Events[i].Kind == SimEventKind.Thread ? 1 : 0;
            }
            return n;
        }
    }
}
