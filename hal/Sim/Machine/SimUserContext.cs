// What a simulated user thread's code sees: its registers, its UTCB, kernel entries (syscall, exception) and its
// memory, accessed through the page tables with user permissions so that an access to an unmapped or protected page
// enters the kernel with a #PF and is retried after the kernel resumes the thread (as the faulting instruction is).
using System;
using System.Threading.Tasks;

namespace Verified.Hal.Sim.Machine
{
    public sealed class SimUserContext
    {
        private readonly SimThread _thread;

        internal SimUserContext(SimThread thread)
        {
            _thread = thread;
        }

        public SimThread Thread => _thread;

        public SimRegisters Registers => _thread.Registers;

        /// <summary>The UTCB (user-writable, always mapped: accesses never fault).</summary>
        public Utcb Utcb => _thread.Utcb;

        /// <summary>SYSCALL with the registers as they are.</summary>
        public KernelEntryAwaitable Syscall() => new(_thread, KernelEntry.Syscall, default, 0, 0);

        /// <summary>SYSCALL: rax = <paramref name="number"/>, the first three arguments in rdi, rsi, rdx.</summary>
        public KernelEntryAwaitable Syscall(ulong number, ulong rdi = 0, ulong rsi = 0, ulong rdx = 0)
        {
            SimRegisters registers = _thread.Registers;
            registers.Rax = number;
            registers.Rdi = rdi;
            registers.Rsi = rsi;
            registers.Rdx = rdx;
            return Syscall();
        }

        /// <summary>A CPU exception other than #PF (e.g. 0 #DE, 6 #UD, 13 #GP) raised by the thread's code.</summary>
        public KernelEntryAwaitable RaiseException(int vector, ulong errorCode = 0)
        {
            if ((uint)vector >= 32 || vector == 14)
            {
                throw new ArgumentOutOfRangeException(nameof(vector), "an exception vector 0..31 other than #PF (14)");
            }
            return new KernelEntryAwaitable(_thread, KernelEntry.Exception, default, vector, errorCode);
        }

        public async ValueTask<ulong> ReadUInt64(ulong virtualAddress)
        {
            CheckAligned(virtualAddress, 8);
            return _thread.Space.Memory.ReadUInt64(await Access(virtualAddress, AccessKind.Read));
        }

        public async ValueTask WriteUInt64(ulong virtualAddress, ulong value)
        {
            CheckAligned(virtualAddress, 8);
            _thread.Space.Memory.WriteUInt64(await Access(virtualAddress, AccessKind.Write), value);
        }

        public async ValueTask<byte> ReadByte(ulong virtualAddress) =>
            _thread.Space.Memory.ReadByte(await Access(virtualAddress, AccessKind.Read));

        public async ValueTask WriteByte(ulong virtualAddress, byte value) =>
            _thread.Space.Memory.WriteByte(await Access(virtualAddress, AccessKind.Write), value);

        /// <summary>An instruction fetch at <paramref name="virtualAddress"/> (a jump there): faults on NX pages.</summary>
        public async ValueTask Fetch(ulong virtualAddress) => await Access(virtualAddress, AccessKind.Execute);

        /// <summary>Translates for a user access, entering the kernel with #PF and retrying until it succeeds.
        /// Completes synchronously (no scheduling point) when the page is mapped.</summary>
        private ValueTask<ulong> Access(ulong virtualAddress, AccessKind kind)
        {
            Translation translation = _thread.Space.Translate(virtualAddress, kind);
            return translation.IsOk ? new ValueTask<ulong>(translation.PhysicalAddress) : AccessAfterFault(virtualAddress, kind, translation.Fault);
        }

        private async ValueTask<ulong> AccessAfterFault(ulong virtualAddress, AccessKind kind, PageFault fault)
        {
            while (true)
            {
                await new KernelEntryAwaitable(_thread, KernelEntry.PageFault, fault, 14, fault.ErrorCode);
                Translation translation = _thread.Space.Translate(virtualAddress, kind);
                if (translation.IsOk)
                {
                    return translation.PhysicalAddress;
                }
                fault = translation.Fault;
            }
        }

        private static void CheckAligned(ulong virtualAddress, ulong size)
        {
            if ((virtualAddress & (size - 1)) != 0)
            {
                throw new ArgumentException($"0x{virtualAddress:X} is not {size}-byte aligned", nameof(virtualAddress));
            }
        }
    }
}
