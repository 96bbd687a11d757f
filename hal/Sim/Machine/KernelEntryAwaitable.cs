// `await context.Syscall(...)`: the thread's code stops at a kernel entry; the machine hands the entry to the kernel
// and resumes the code only when the scheduler picks the thread again. The result is rax at that time.
using System;
using System.Runtime.CompilerServices;

namespace Verified.Hal.Sim.Machine
{
    public readonly struct KernelEntryAwaitable : ICriticalNotifyCompletion
    {
        private readonly SimThread _thread;
        private readonly KernelEntry _entry;
        private readonly PageFault _fault;
        private readonly int _vector;
        private readonly ulong _errorCode;

        internal KernelEntryAwaitable(SimThread thread, KernelEntry entry, PageFault fault, int vector, ulong errorCode)
        {
            _thread = thread;
            _entry = entry;
            _fault = fault;
            _vector = vector;
            _errorCode = errorCode;
        }

        public KernelEntryAwaitable GetAwaiter() => this;

        /// <summary>Always false: a kernel entry is always a scheduling point.</summary>
        public bool IsCompleted => false;

        public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

        public void UnsafeOnCompleted(Action continuation)
        {
            if (_thread.PendingEntry != KernelEntry.None || _thread.Continuation is not null)
            {
                throw new InvalidOperationException($"{_thread} entered the kernel twice in one step (an un-awaited syscall?)");
            }
            _thread.Continuation = continuation;
            _thread.PendingEntry = _entry;
            _thread.PendingFault = _fault;
            _thread.PendingVector = _vector;
            _thread.PendingErrorCode = _errorCode;
        }

        /// <summary>rax when the thread resumes: a syscall's result.</summary>
        public ulong GetResult() => _thread.Registers.Rax;
    }
}
