// Boot self-check of kernel/Core's capability syscalls and object destruction inside the freestanding image: a mint,
// a copy from an empty slot, CapDelete of an endpoint's last capability (its copies go first, its waiter gets
// ErrNoPartner) and ThreadControl deleting a thread.
using Verified.Kernel.Core;

namespace Verified.Kernel.SelfTest
{
    internal sealed class KernelCoreCapabilityCheck : SelfCheck
    {
        private const ulong Nil = 0xFFFF_FFFF;
        private const uint Minted = 2;
        private const uint ThreadSlot = 4;

        public override string Name => "kernel core: CapCopy, CapDelete destroying an endpoint, ThreadControl delete";

        public override string? Run()
        {
            var platform = new CheckPlatform();
            var waiter = new CheckFrame(platform, 0);
            var owner = new CheckFrame(platform, 1);
            KernelCore k = KernelCoreSelfChecks.NewKernel(platform, waiter, owner);

            waiter.Load(3, Nil, KernelCoreSelfChecks.Endpoint, KernelCoreSelfChecks.Never);
            k.Syscall(0);
            string? r = KernelCoreSelfChecks.ExpectRunnable(k, "waiter waits", 0, false);
            if (r != null) return r;

            owner.Load(7, KernelCoreSelfChecks.Endpoint, Minted, 7);
            owner.SetArgument(3, 0x55);
            k.Syscall(1);
            r = KernelCoreSelfChecks.Expect("mint", owner.Result, 0);
            if (r != null) return r;
            owner.Load(7, 5, 6, 7);
            owner.SetArgument(3, 0);
            k.Syscall(1);
            r = KernelCoreSelfChecks.Expect("copy of an empty slot", owner.Result, 0x1_0003);
            if (r != null) return r;

            owner.Load(9, KernelCoreSelfChecks.Endpoint, 0, 0);
            k.Syscall(1);
            r = KernelCoreSelfChecks.Expect("delete", owner.Result, 0)
                ?? KernelCoreSelfChecks.ExpectRunnable(k, "waiter woken", 0, true)
                ?? KernelCoreSelfChecks.Expect("waiter: no partner, receive phase", waiter.Result, 5 | (1UL << 24));
            if (r != null) return r;
            owner.Load(3, Minted, Nil, 0);
            owner.SetMessageRegister(0, 0);
            k.Syscall(1);
            r = KernelCoreSelfChecks.Expect("the minted copy went first", owner.Result, 0x1_0003);
            if (r != null) return r;

            r = KernelCoreSelfChecks.Expect("thread capability", k.BootThreadCapability(0, 0, ThreadSlot), 0);
            if (r != null) return r;
            owner.Load(12, ThreadSlot, 8, 0);
            k.Syscall(1);
            return KernelCoreSelfChecks.Expect("thread delete", owner.Result, 0)
                ?? KernelCoreSelfChecks.ExpectRunnable(k, "deleted thread", 0, false)
                ?? KernelCoreSelfChecks.Expect("deleted thread's state", k.Ipc.state[0], 10);
        }
    }
}
