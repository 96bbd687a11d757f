// One synchronous user thread on the simulated machine. Its body runs on a dedicated background OS thread; the
// machine sees a coroutine (Run) that relays each kernel entry: the OS thread hands its registers over and blocks,
// the coroutine awaits the entry on SimMachine, hands the registers back and blocks until the next entry. Exactly one
// of the two runs at a time, so a run is still a function of the machine's scheduler.
using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Library;

namespace Verified.User.Machines.Sim
{
    public sealed class SimUserThread
    {
        /// <summary>How long the machine waits for the user thread's next kernel entry before calling it hung.</summary>
        private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(60);

        [ThreadStatic]
        private static SimUserThread? t_current;

        private readonly SemaphoreSlim _toUser = new(0, 1);
        private readonly SemaphoreSlim _toMachine = new(0, 1);
        private Action _body;
        private SimUserContext? _context;
        private SyscallRegisters _registers;
        private MemoryAccess? _access;
        private ulong _accessValue;
        private Exception? _failure;

        internal SimUserThread(SimProgram program, string name, Action body)
        {
            Program = program;
            Name = name;
            _body = body;
        }

        /// <summary>Thrown by Machine.ExitThread: unwinds the body to the thread's end.</summary>
        public sealed class ExitSignal : Exception
        {
        }

        /// <summary>The Sim user thread whose OS thread is calling.</summary>
        public static SimUserThread Current =>
            t_current ?? throw new InvalidOperationException("the machine primitive was called outside a Sim user thread");

        public SimProgram Program { get; }

        public string Name { get; }

        /// <summary>The body returned (or called ExitThread); false for one the kernel deleted.</summary>
        public bool IsFinished { get; private set; }

        internal SimUserContext Context => _context ?? throw new InvalidOperationException($"{Name} has not started");

        /// <summary>A prepared thread whose Create failed gets the next one's body instead (SimKernel binds the
        /// oldest prepared code to the next Create).</summary>
        internal void Replace(Action body) => _body = body;

        /// <summary>The coroutine SimMachine runs for this thread.</summary>
        public async Task Run(SimUserContext context)
        {
            _context = context;
            var thread = new Thread(UserMain) { IsBackground = true, Name = $"sim-user {Name}" };
            Program.Track(thread);
            thread.Start();
            while (true)
            {
                WaitForUser();
                if (IsFinished)
                {
                    if (_failure is not null)
                    {
                        ExceptionDispatchInfo.Throw(_failure);
                    }
                    return;
                }
                if (_access is MemoryAccess access)
                {
                    // A user access that faults: the context enters the kernel with #PF and retries until the page
                    // is there, exactly as for coroutine threads (SimUserContext), then the value goes back.
                    _accessValue = await Perform(context, access, _accessValue);
                    _access = null;
                    _toUser.Release();
                    continue;
                }
                Load(context.Registers, _registers);
                await context.Syscall();
                Store(context.Registers, ref _registers);
                _toUser.Release();
            }
        }

        /// <summary>Machine.Syscall on this thread's OS thread: hand the registers to the coroutine, wait for the result.</summary>
        internal void Relay(ref SyscallRegisters registers)
        {
            _registers = registers;
            _toMachine.Release();
            _toUser.Wait(Program.Stopping);
            registers = _registers;
        }

        /// <summary>A byte or word access of this thread's code at a user virtual address (Machine.ReadByte and the
        /// others). The OS thread runs only while the machine waits for it, so it may walk the page tables itself: a
        /// mapped page is accessed at once, as SimUserContext does without a scheduling point; a fault is handed to
        /// the coroutine, which takes it into the kernel.</summary>
        internal ulong Access(ulong address, bool word, bool write, ulong value)
        {
            if (word && (address & 7) != 0)
            {
                throw new ArgumentException($"0x{address:X} is not 8-byte aligned", nameof(address));
            }
            SimAddressSpace space = Context.Thread.Space;
            Translation translation = space.Translate(address, write ? AccessKind.Write : AccessKind.Read);
            if (translation.IsOk)
            {
                return Direct(space.Memory, translation.PhysicalAddress, word, write, value);
            }
            _access = new MemoryAccess(address, word, write);
            _accessValue = value;
            _toMachine.Release();
            _toUser.Wait(Program.Stopping);
            return _accessValue;
        }

        private static ulong Direct(SimPhysicalMemory memory, ulong physical, bool word, bool write, ulong value)
        {
            if (write)
            {
                if (word)
                {
                    memory.WriteUInt64(physical, value);
                }
                else
                {
                    memory.WriteByte(physical, (byte)value);
                }
                return 0;
            }
            return word ? memory.ReadUInt64(physical) : memory.ReadByte(physical);
        }

        private static async Task<ulong> Perform(SimUserContext context, MemoryAccess access, ulong value)
        {
            if (access.Write)
            {
                if (access.Word)
                {
                    await context.WriteUInt64(access.Address, value);
                }
                else
                {
                    await context.WriteByte(access.Address, (byte)value);
                }
                return 0;
            }
            return access.Word ? await context.ReadUInt64(access.Address) : await context.ReadByte(access.Address);
        }

        private readonly record struct MemoryAccess(ulong Address, bool Word, bool Write);

        private void UserMain()
        {
            t_current = this;
            try
            {
                _body();
            }
            catch (ExitSignal)
            {
            }
            catch (OperationCanceledException) when (Program.Stopping.IsCancellationRequested)
            {
                return; // torn down while blocked in a kernel entry the machine never completed
            }
            catch (Exception e)
            {
                _failure = e;
            }
            IsFinished = true;
            _toMachine.Release();
        }

        private void WaitForUser()
        {
            if (!_toMachine.Wait(s_hang, Program.Stopping))
            {
                throw new TimeoutException($"{Name} ran {s_hang.TotalSeconds} s without entering the kernel");
            }
        }

        private static void Load(SimRegisters to, SyscallRegisters from)
        {
            to.Rax = from.Rax; to.Rdi = from.Rdi; to.Rsi = from.Rsi; to.Rdx = from.Rdx;
            to.R10 = from.R10; to.R8 = from.R8; to.R9 = from.R9; to.R12 = from.R12; to.R13 = from.R13;
            to.R14 = from.R14; to.R15 = from.R15; to.Rbx = from.Rbx; to.Rbp = from.Rbp;
        }

        private static void Store(SimRegisters from, ref SyscallRegisters to)
        {
            to.Rax = from.Rax; to.Rdi = from.Rdi; to.Rsi = from.Rsi; to.Rdx = from.Rdx;
            to.R10 = from.R10; to.R8 = from.R8; to.R9 = from.R9; to.R12 = from.R12; to.R13 = from.R13;
            to.R14 = from.R14; to.R15 = from.R15; to.Rbx = from.Rbx; to.Rbp = from.Rbp;
        }
    }
}
