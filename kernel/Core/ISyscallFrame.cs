// The registers of a kernel entry, so that the syscall decoder is written once for both machines: X64's saved frame
// and Sim's register file each hand out a reference to them (a thin adapter each). The names docs/abi.md section 1
// gives them (number, result, arguments, message registers) are SyscallFrameRegisters', over RegisterFile.
namespace Verified.Kernel.Core
{
    public interface ISyscallFrame
    {
        /// <summary>The thread's saved general registers, by reference.</summary>
        ref RegisterFile Registers { get; }
    }
}
