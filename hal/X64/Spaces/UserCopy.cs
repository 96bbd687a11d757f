// Copies between two tasks' address spaces with user permissions on both sides, for long IPC. The kernel never
// touches user virtual addresses (SMAP stays armed): each page is translated by a software walk that refuses
// exactly what the MMU would refuse ring 3, and the bytes move through the identity map of physical memory. A page
// that would fault stops the copy before its first byte, with the address and #PF error code the MMU would report,
// so the kernel can send the page-fault IPC and resume at that byte.
namespace Verified.Hal.X64
{
    public static unsafe class UserCopy
    {
        public const byte Completed = 0;
        public const byte SourceFault = 1;
        public const byte DestinationFault = 2;

        public static byte Copy(TaskSpaces spaces, uint sourceTask, ulong source, uint destinationTask, ulong destination,
            ulong length, out ulong copied, out ulong faultAddress, out ulong faultCode)
        {
            copied = 0;
            faultAddress = 0;
            faultCode = 0;
            while (copied < length)
            {
                ulong from = source + copied;
                ulong to = destination + copied;
                ulong sourceLeaf = spaces.UserLeaf(sourceTask, from, false, out ulong sourceCode);
                if (sourceLeaf == 0)
                {
                    faultAddress = from;
                    faultCode = sourceCode;
                    return SourceFault;
                }
                ulong destinationLeaf = spaces.UserLeaf(destinationTask, to, true, out ulong destinationCode);
                if (destinationLeaf == 0)
                {
                    faultAddress = to;
                    faultCode = destinationCode;
                    return DestinationFault;
                }
                // Up to the nearer of the two page ends.
                ulong run = Min(TaskSpaces.PageSize - (from & 0xFFF), TaskSpaces.PageSize - (to & 0xFFF));
                run = Min(run, length - copied);
                byte* s = (byte*)((sourceLeaf & TaskSpaces.AddressMask) | (from & 0xFFF));
                byte* d = (byte*)((destinationLeaf & TaskSpaces.AddressMask) | (to & 0xFFF));
                Cpu.CopyBytes(d, s, run);
                copied += run;
            }
            return Completed;
        }

        private static ulong Min(ulong a, ulong b) => a < b ? a : b;
    }
}
