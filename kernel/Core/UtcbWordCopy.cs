// IKernelPlatform.ReadUtcbWords, WriteUtcbWords and CopyUtcbWords done a word at a time through ReadUtcb and
// WriteUtcb: the whole implementation for a machine with no faster way, and X64's for the edge cases.
namespace Verified.Kernel.Core
{
    public static class UtcbWordCopy
    {
        public static void Read(IKernelPlatform platform, uint thread, uint first, uint count, ulong[] into, uint at)
        {
            for (uint i = 0; i < count; i++)
            {
                into[at + i] = platform.ReadUtcb(thread, first + i);
            }
        }

        public static void Write(IKernelPlatform platform, uint thread, uint first, uint count, ulong[] from, uint at)
        {
            for (uint i = 0; i < count; i++)
            {
                platform.WriteUtcb(thread, first + i, from[at + i]);
            }
        }

        public static void Copy(IKernelPlatform platform, uint from, uint to, uint first, uint count)
        {
            for (uint i = 0; i < count; i++)
            {
                platform.WriteUtcb(to, first + i, platform.ReadUtcb(from, first + i));
            }
        }
    }
}
