// Boot self-check of kernel/Core's memory path in the image: a map item sent by sigma0 lands in the receiver's
// window of the X64 page tables (checked by walking them), and Unmap clears it again, so the windows the later
// checks' kernels share hold only sigma0's roots afterwards.
using Verified.Hal.X64;
using Verified.Kernel.Core;

namespace Verified.Kernel.SelfTest
{
    internal sealed class KernelCoreMapItemCheck : SelfCheck
    {
        private const ulong Nil = 0xFFFF_FFFF;
        private const ulong WindowBase = 0x4000_0000;

        public override string Name => "kernel core: a map item through IPC and Unmap write the X64 page tables";

        private static ulong Flexpage(ulong page, byte rights) => (WindowBase + page * 4096) | rights;

        public override string? Run()
        {
            var platform = new CheckPlatform();
            var sigma0 = new CheckFrame(platform, 0);
            var client = new CheckFrame(platform, 1);
            var k = new KernelCore(platform, 4, 4, 2, 16);
            k.BootEndpoint(0, 0, KernelCoreSelfChecks.Endpoint);
            k.Caps.Transfer(0, KernelCoreSelfChecks.Endpoint, 1, KernelCoreSelfChecks.Endpoint, 0);
            k.BootThread(0, 0, 5, sigma0.Frame);
            k.BootThread(1, 1, 5, client.Frame);
            MappingAddressSpaces? spaces = CheckPlatform.Spaces;
            if (spaces == null)
            {
                return "no mapping windows";
            }

            // the client accepts read and write into its window page 100
            platform.WriteUtcb(1, 64, 1);
            platform.WriteUtcb(1, 65, Flexpage(100, 6));
            client.Load(3, Nil, KernelCoreSelfChecks.Endpoint, KernelCoreSelfChecks.Never);
            client.SetMessageRegister(0, 0);
            k.Syscall(1);
            string? r = KernelCoreSelfChecks.ExpectRunnable(k, "client waits", 1, false);
            if (r != null) return r;

            sigma0.Load(3, KernelCoreSelfChecks.Endpoint, Nil, KernelCoreSelfChecks.Never);
            sigma0.SetMessageRegister(0, (0x7UL << 16) | (1UL << 6) | 1);
            sigma0.SetMessageRegister(1, 55);
            sigma0.SetMessageRegister(2, 8 | (WindowBase + 3 * 4096));
            sigma0.SetMessageRegister(3, Flexpage(3, 6));
            k.Syscall(0);
            r = KernelCoreSelfChecks.Expect("sigma0 rax", sigma0.Result, 0)
                ?? KernelCoreSelfChecks.Expect("client rax", client.Result, 0)
                ?? KernelCoreSelfChecks.Expect("client MR1", client.GetMessageRegister(1), 55)
                ?? KernelCoreSelfChecks.Expect("client detail", platform.ReadUtcb(1, 97), 0)
                ?? MappingMapDemapCheck.Expect("client page 100", spaces, 1, 100, CheckPlatform.FrameBase + 3 * 4096, true);
            if (r != null) return r;

            sigma0.Load(11, Flexpage(3, 7), 0, 0);
            k.Syscall(0);
            return KernelCoreSelfChecks.Expect("unmap rax", sigma0.Result, 0)
                ?? MappingMapDemapCheck.Absent("client page 100 after unmap", spaces, 1, 100)
                ?? MappingMapDemapCheck.Expect("sigma0 page 3 stays", spaces, 0, 3, CheckPlatform.FrameBase + 3 * 4096, true);
        }
    }
}
