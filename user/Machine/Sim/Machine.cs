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

        // The task's pager (the service slot, as on X64): SimBoot gives it one.
        private const uint ServiceSlot = 63;

        // Sim takes the thread's code at Create: SimKernel.Prepare before the syscall, and the thread runs at once
        // (a Sim kernel thread does not wait for its rip). On X64 ExchangeRegisters sets rip and rsp after Create
        // and the pager; here the thread's first act is to wait (yielding) until its creator has set the pager, so
        // that no access of its own can fault before it has one, as on X64.
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
            var started = new StartGate();
            SimUserThread created = program.PrepareThread(string.Concat("thread-", threadSlot.ToString()), () =>
            {
                while (!started.Open)
                {
                    Threads.Yield();
                }
                ((delegate*<ulong, void>)code)(argument);
            });
            ulong result = Objects.Create(Objects.TypeThread, threadSlot, typeArgument, 0);
            if (result != ResultWord.Ok)
            {
                return result;
            }
            program.ThreadBound(created);
            result = ThreadControl.Pager(threadSlot, ServiceSlot);
            started.Open = true;
            return result;
        }

        private sealed class StartGate
        {
            public volatile bool Open;
        }

        public static partial void ExitThread() => throw new SimUserThread.ExitSignal();

        public static partial byte ReadByte(ulong address) => (byte)SimUserThread.Current.Access(address, false, false, 0);

        public static partial void WriteByte(ulong address, byte value) => SimUserThread.Current.Access(address, false, true, value);

        public static partial ulong ReadWord(ulong address) => SimUserThread.Current.Access(address, true, false, 0);

        public static partial void WriteWord(ulong address, ulong value) => SimUserThread.Current.Access(address, true, true, value);
    }
}
