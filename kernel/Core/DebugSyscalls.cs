// Syscalls 1 DebugPutChar and 2 Exit (docs/abi.md section 3): the debug console and a thread's own end. Neither
// needs a capability: every thread may print (the machine decides where it goes) and end itself.
namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private void DebugPutCharCall(uint thread, ISyscallFrame frame)
        {
            // Only printable ASCII and newline: a user program must not drive the terminal.
            byte c = (byte)frame.GetArgument(0);
            _platform.DebugPutChar(thread, c == (byte)'\n' || (c >= 0x20 && c < 0x7F) ? c : (byte)'?');
            frame.SetResult(Abi.ResultWord.Ok);
        }

        private void ExitCall(uint thread, ISyscallFrame frame)
        {
            _platform.ThreadExiting(thread, (uint)frame.GetArgument(0));
            DeleteThread(thread);
        }
    }
}
