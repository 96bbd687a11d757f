// The kernel reaches a Sim thread's registers by reference (ISyscallFrame.Registers): every register it names there
// must be the one SimRegisters names alike, both ways. The fast path reads the thread's UTCB words through the frame
// too (ISyscallFrame.ReadUtcb): they must be the thread's.
using Verified.Hal.Sim.Kernel;
using Verified.Hal.Sim.Machine;
using Verified.Kernel.Core;
using Xunit;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class SimFrameTests
    {
        [Fact]
        public void RegistersAreTheThreadsRegisters()
        {
            var regs = new SimRegisters
            {
                Rax = 1, Rbx = 2, Rcx = 3, Rdx = 4, Rsi = 5, Rdi = 6, Rbp = 7, Rsp = 99,
                R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15,
            };
            ref RegisterFile file = ref new SimFrame(regs).Registers;
            Assert.Equal(new ulong[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 }, new[]
            {
                file.Rax, file.Rbx, file.Rcx, file.Rdx, file.Rsi, file.Rdi, file.Rbp,
                file.R8, file.R9, file.R10, file.R11, file.R12, file.R13, file.R14, file.R15,
            });

            file.Rax = 101; file.Rbx = 102; file.Rcx = 103; file.Rdx = 104; file.Rsi = 105; file.Rdi = 106;
            file.Rbp = 107; file.R8 = 108; file.R9 = 109; file.R10 = 110; file.R11 = 111; file.R12 = 112;
            file.R13 = 113; file.R14 = 114; file.R15 = 115;
            Assert.Equal(new ulong[] { 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 99 }, new[]
            {
                regs.Rax, regs.Rbx, regs.Rcx, regs.Rdx, regs.Rsi, regs.Rdi, regs.Rbp,
                regs.R8, regs.R9, regs.R10, regs.R11, regs.R12, regs.R13, regs.R14, regs.R15, regs.Rsp,
            });
        }

        [Fact]
        public void UtcbWordsAreTheThreadsUtcbAndAFrameWithoutOneReadsZero()
        {
            var memory = new SimPhysicalMemory(4);
            var utcb = new Utcb(memory, memory.AllocateFrame(), Utcb.SlotAddress(0));
            var frame = new SimFrame(new SimRegisters(), utcb);
            utcb[Utcb.BufferRegisterBase] = 0x0301;
            utcb[Utcb.Words - 1] = 7;
            Assert.Equal(0x0301UL, frame.ReadUtcb(Utcb.BufferRegisterBase));
            Assert.Equal(7UL, frame.ReadUtcb(Utcb.Words - 1));
            Assert.Equal(0UL, frame.ReadUtcb(Utcb.Words));
            Assert.Equal(0UL, new SimFrame(new SimRegisters()).ReadUtcb(Utcb.BufferRegisterBase));
        }

        [Fact]
        public void MessageRegistersCopyInTheAbisOrder()
        {
            var from = new SimRegisters();
            for (int i = 0; i <= 8; i++)
            {
                from.SetMessageRegister(i, 100 + (ulong)i);
            }
            for (ulong words = 0; words <= 8; words++)
            {
                var to = new SimRegisters();
                RegisterFile.CopyMessageRegisters(ref new SimFrame(from).Registers, ref new SimFrame(to).Registers, words);
                Assert.Equal(0UL, to.GetMessageRegister(0));
                for (int i = 1; i <= 8; i++)
                {
                    Assert.Equal(i <= (int)words ? 100 + (ulong)i : 0, to.GetMessageRegister(i));
                }
            }
        }
    }
}
