// The register file of one user thread: the x86-64 general-purpose registers a SYSCALL entry sees, with the roles
// docs/abi.md gives them (x86-64 SYSCALL conventions): rax = number on entry and result on exit, arguments in rdi,
// rsi, rdx, r10, r8, r9; SYSCALL itself overwrites rcx (return rip) and r11 (rflags). IPC carries message registers
// MR0..MR8 in registers (MR0 = the message tag), the rest in the UTCB.
using System;

namespace Verified.Hal.Sim.Machine
{
    public sealed class SimRegisters
    {
        /// <summary>Message registers carried in CPU registers (MR0..MR8); MR9.. live in the UTCB.</summary>
        public const int RegisterMessageRegisters = 9;

        /// <summary>Syscall arguments in registers (rdi, rsi, rdx, r10, r8, r9).</summary>
        public const int Arguments = 6;

        public const ulong InitialRflags = 0x202;   // IF set, reserved bit 1

        // All but rsp in the order of X64's saved frame, so that the kernel can reach them by reference
        // (hal/Sim/Kernel/SimFrame.cs: ISyscallFrame.Registers) as it reaches X64's.
        private SimGeneralRegisters _general;

        /// <summary>rax..r15 without rsp, in the kernel's RegisterFile order.</summary>
        public ref SimGeneralRegisters General => ref _general;

        public ulong Rax { get => _general.Rax; set => _general.Rax = value; }
        public ulong Rbx { get => _general.Rbx; set => _general.Rbx = value; }
        public ulong Rcx { get => _general.Rcx; set => _general.Rcx = value; }
        public ulong Rdx { get => _general.Rdx; set => _general.Rdx = value; }
        public ulong Rsi { get => _general.Rsi; set => _general.Rsi = value; }
        public ulong Rdi { get => _general.Rdi; set => _general.Rdi = value; }
        public ulong Rbp { get => _general.Rbp; set => _general.Rbp = value; }
        public ulong Rsp { get; set; }
        public ulong R8 { get => _general.R8; set => _general.R8 = value; }
        public ulong R9 { get => _general.R9; set => _general.R9 = value; }
        public ulong R10 { get => _general.R10; set => _general.R10 = value; }
        public ulong R11 { get => _general.R11; set => _general.R11 = value; }
        public ulong R12 { get => _general.R12; set => _general.R12 = value; }
        public ulong R13 { get => _general.R13; set => _general.R13 = value; }
        public ulong R14 { get => _general.R14; set => _general.R14 = value; }
        public ulong R15 { get => _general.R15; set => _general.R15 = value; }

        /// <summary>The user instruction pointer. A simulated thread's code is a coroutine, so this is only a value the
        /// kernel may read or set (ExchangeRegisters); SYSCALL copies it to rcx as the hardware does.</summary>
        public ulong Rip { get; set; }

        public ulong Rflags { get; set; } = InitialRflags;

        /// <summary>Syscall argument <paramref name="index"/> (0..5): rdi, rsi, rdx, r10, r8, r9.</summary>
        public ulong GetArgument(int index) => index switch
        {
            0 => Rdi,
            1 => Rsi,
            2 => Rdx,
            3 => R10,
            4 => R8,
            5 => R9,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public void SetArgument(int index, ulong value)
        {
            switch (index)
            {
                case 0: Rdi = value; break;
                case 1: Rsi = value; break;
                case 2: Rdx = value; break;
                case 3: R10 = value; break;
                case 4: R8 = value; break;
                case 5: R9 = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(index));
            }
        }

        /// <summary>Message register <paramref name="index"/> (0..8) as IPC carries it: MR0 (tag) r10, MR1 r8, MR2 r9,
        /// MR3 r12, MR4 r13, MR5 r14, MR6 r15, MR7 rbx, MR8 rbp.</summary>
        public ulong GetMessageRegister(int index) => index switch
        {
            0 => R10,
            1 => R8,
            2 => R9,
            3 => R12,
            4 => R13,
            5 => R14,
            6 => R15,
            7 => Rbx,
            8 => Rbp,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public void SetMessageRegister(int index, ulong value)
        {
            switch (index)
            {
                case 0: R10 = value; break;
                case 1: R8 = value; break;
                case 2: R9 = value; break;
                case 3: R12 = value; break;
                case 4: R13 = value; break;
                case 5: R14 = value; break;
                case 6: R15 = value; break;
                case 7: Rbx = value; break;
                case 8: Rbp = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(index));
            }
        }

        /// <summary>What the SYSCALL instruction does to the register file on entry.</summary>
        internal void EnterSyscall()
        {
            Rcx = Rip;
            R11 = Rflags;
        }

        public void CopyTo(SimRegisters other)
        {
            other.Rax = Rax; other.Rbx = Rbx; other.Rcx = Rcx; other.Rdx = Rdx;
            other.Rsi = Rsi; other.Rdi = Rdi; other.Rbp = Rbp; other.Rsp = Rsp;
            other.R8 = R8; other.R9 = R9; other.R10 = R10; other.R11 = R11;
            other.R12 = R12; other.R13 = R13; other.R14 = R14; other.R15 = R15;
            other.Rip = Rip; other.Rflags = Rflags;
        }
    }

    /// <summary>The general registers but rsp, in the order of X64's saved frame (kernel/Core/RegisterFile.cs).</summary>
    public struct SimGeneralRegisters
    {
        public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp;
        public ulong R8, R9, R10, R11, R12, R13, R14, R15;
    }
}
