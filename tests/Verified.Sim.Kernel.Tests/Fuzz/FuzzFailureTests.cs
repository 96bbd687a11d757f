// The fuzzer's own alarm: a capability core corrupted behind the kernel's back must stop the run at the next
// syscall with a message naming the seed, the syscall with its arguments and the invariant that broke.
using Xunit;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    public sealed class FuzzFailureTests
    {
        [Fact]
        public void ABrokenInvariantNamesSeedSyscallAndInvariant()
        {
            var world = new FuzzWorld(9);
            // One more reference than capabilities: the count the capability core's Valid() ties to the list.
            world.Kernel.Core.Caps.refCount[0]++;
            FuzzFailure failure = Assert.Throws<FuzzFailure>(() => world.Machine.Run(1_000));
            Assert.Contains("seed 9,", failure.Message);
            Assert.Matches(@"syscall \d+ \(rdi 0x[0-9A-F]+, rsi 0x[0-9A-F]+, rdx", failure.Message);
            Assert.Contains("capability core invariant: object 0: refCount", failure.Message);
        }

        [Fact]
        public void ABrokenIpcInvariantIsNamedToo()
        {
            var world = new FuzzWorld(9);
            // A Ready thread above its own priority with nobody lending to it (IpcKernelInvariant's CheckLent).
            world.Kernel.Core.Ipc.prio[0] = 31;
            FuzzFailure failure = Assert.Throws<FuzzFailure>(() => world.Machine.Run(1_000));
            Assert.Contains("seed 9,", failure.Message);
            Assert.Contains("IPC core invariant:", failure.Message);
        }
    }
}
