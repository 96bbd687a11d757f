// The machine primitive on the simulated machine (the surface is declared in user/Library/Machine.cs). The calling
// thread is always a SimUserThread's OS thread: each primitive goes through it to the coroutine on SimMachine.
using Verified.User.Machines.Sim;

namespace Verified.User.Library
{
    public static unsafe partial class Machine
    {
        public static partial void Syscall(ref SyscallRegisters registers) => SimUserThread.Current.Relay(ref registers);

        public static partial ulong ReadUtcb(uint word) => SimUserThread.Current.Context.Utcb[(int)word];

        public static partial void WriteUtcb(uint word, ulong value)
        {
            Verified.Hal.Sim.Machine.Utcb utcb = SimUserThread.Current.Context.Utcb;
            utcb[(int)word] = value;
        }

        public static partial void Print(string text) => SimUserThread.Current.Program.Write(text);

        // Sim takes the thread's code at Create: SimKernel.Prepare before the syscall. ExchangeRegisters with set rip
        // and set rsp (bits 2, 3) follows Create on X64; kernel/Core rejects those bits for now (docs/abi.md section
        // 9) and a Sim thread's rip and rsp would only be recorded, so Sim does not make that call.
        public static partial ulong StartThread(uint threadSlot, uint utcbSlot, delegate*<ulong, void> entry, ulong argument) =>
            StartPrepared(threadSlot, Objects.ThreadArgument(0, utcbSlot), entry, argument);

        /// <summary>The same with the priority in Create's type argument (bits 40-45).</summary>
        public static partial ulong StartThreadAt(uint threadSlot, uint utcbSlot, uint priority, delegate*<ulong, void> entry,
            ulong argument) =>
            StartPrepared(threadSlot, Objects.ThreadArgument(0, utcbSlot, priority), entry, argument);

        private static ulong StartPrepared(uint threadSlot, ulong typeArgument, delegate*<ulong, void> entry, ulong argument)
        {
            SimProgram program = SimUserThread.Current.Program;
            nint code = (nint)entry;
            SimUserThread created = program.PrepareThread(string.Concat("thread-", threadSlot.ToString()),
                () => ((delegate*<ulong, void>)code)(argument));
            ulong result = Objects.Create(Objects.TypeThread, threadSlot, typeArgument, 0);
            if (result == ResultWord.Ok)
            {
                program.ThreadBound(created);
            }
            return result;
        }

        public static partial void ExitThread() => throw new SimUserThread.ExitSignal();
    }
}
