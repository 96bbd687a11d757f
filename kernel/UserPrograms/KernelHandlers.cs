// The kernel's answers to what the HAL reports: timer ticks and exceptions raised by user programs.
using Verified.Hal.X64;

namespace Verified.Kernel.UserPrograms
{
    internal static unsafe class KernelHandlers
    {
        /// <summary>Timer ticks since the timer started.</summary>
        public static ulong Ticks { get; private set; }

        public static void Install()
        {
            InterruptRouter.TimerHandler = &OnTimer;
            InterruptRouter.UserExceptionHandler = &OnUserException;
        }

        private static void OnTimer(InterruptFrame* frame)
        {
            Ticks++;
            UserRun.Tick((frame->Cs & 3) == 3);
        }

        // Until exception IPC exists, a faulting user program is reported and stopped; the kernel goes on.
        private static void OnUserException(InterruptFrame* frame)
        {
            ExceptionReport.Write("user exception", frame);
            UserRun.Finish(UserRun.Faulted(frame->Vector));
        }
    }
}
