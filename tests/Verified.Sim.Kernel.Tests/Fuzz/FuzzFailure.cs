// A fuzz run that broke: the message names the seed (to reproduce it), the kernel entry and which check failed.
using System;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal sealed class FuzzFailure : Exception
    {
        public FuzzFailure(ulong seed, long syscalls, string entry, string what, Exception? inner = null)
            : base($"seed {seed}, after {syscalls} syscalls, at {entry}: {what}", inner)
        {
        }
    }
}
