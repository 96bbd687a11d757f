// Boot self-checks of kernel/Core inside the freestanding image: syscalls decoded from register frames, a Call/
// ReplyWait round trip with three words, bad arguments, and a receive timeout driven by timer ticks.
using Verified.Kernel.Core;

namespace Verified.Kernel.SelfTest
{
    internal static class KernelCoreSelfChecks
    {
        public const ulong Never = 0xFFFF_FFFF_FFFF_FFFF;
        public const uint Endpoint = 1;

        public static SelfCheck[] All() => new SelfCheck[]
        {
            new KernelCoreRoundTripCheck(),
            new KernelCoreBadArgumentCheck(),
            new KernelCoreTimeoutCheck(),
            new KernelCoreCapabilityCheck(),
            new KernelCoreMapItemCheck(),
            new KernelCoreHandOverExitCheck(),
        };

        /// <summary>A kernel with one task (its capability in slot 0), endpoint 0 in slot 1 and two threads.</summary>
        public static KernelCore NewKernel(CheckPlatform platform, CheckFrame a, CheckFrame b)
        {
            var k = new KernelCore(platform, 4, 4, 1, 16);
            k.BootTaskCapability(0, 0, 0);
            k.BootEndpoint(0, 0, Endpoint);
            k.BootThread(0, 0, 5, a.Frame);
            k.BootThread(1, 0, 5, b.Frame);
            return k;
        }

        public static string? Expect(string step, ulong actual, ulong expected) =>
            actual == expected
                ? null
                : string.Concat(step, ": ", actual.ToString(), ", expected ", expected.ToString());

        public static string? ExpectRunnable(KernelCore k, string step, uint thread, bool expected) =>
            k.IsRunnable(thread) == expected ? null : string.Concat(step, expected ? ": blocked" : ": runnable");
    }

    internal sealed class KernelCoreRoundTripCheck : SelfCheck
    {
        public override string Name => "kernel core: Call/ReplyWait with three words through register frames";

        public override string? Run()
        {
            var platform = new CheckPlatform();
            var server = new CheckFrame(platform, 0);
            var client = new CheckFrame(platform, 1);
            KernelCore k = KernelCoreSelfChecks.NewKernel(platform, server, client);

            server.Load(3, 0xFFFF_FFFF, KernelCoreSelfChecks.Endpoint, KernelCoreSelfChecks.Never);
            k.Syscall(0);
            string? r = KernelCoreSelfChecks.ExpectRunnable(k, "server waits", 0, false);
            if (r != null) return r;

            client.Load(3, KernelCoreSelfChecks.Endpoint | (1UL << 32), 0, KernelCoreSelfChecks.Never);
            client.SetMessageRegister(0, (0x42UL << 16) | 3);
            client.SetMessageRegister(1, 10);
            client.SetMessageRegister(2, 20);
            client.SetMessageRegister(3, 30);
            k.Syscall(1);
            r = KernelCoreSelfChecks.ExpectRunnable(k, "client waits for the reply", 1, false)
                ?? KernelCoreSelfChecks.ExpectRunnable(k, "server woken", 0, true)
                ?? KernelCoreSelfChecks.Expect("server rax", server.Result, 0)
                ?? KernelCoreSelfChecks.Expect("server tag", server.GetMessageRegister(0), (0x42UL << 16) | (1UL << 12) | 3)
                ?? KernelCoreSelfChecks.Expect("server MR1", server.GetMessageRegister(1), 10)
                ?? KernelCoreSelfChecks.Expect("server MR3", server.GetMessageRegister(3), 30);
            if (r != null) return r;

            server.Load(3, 0xFFFF_FFFE, KernelCoreSelfChecks.Endpoint, 0xFFFF_FFFF_FFFF_0000);
            server.SetMessageRegister(0, (0x43UL << 16) | 3);
            server.SetMessageRegister(1, 60);
            server.SetMessageRegister(2, 6000);
            server.SetMessageRegister(3, 7);
            k.Syscall(0);
            return KernelCoreSelfChecks.ExpectRunnable(k, "server waits again", 0, false)
                ?? KernelCoreSelfChecks.ExpectRunnable(k, "client woken", 1, true)
                ?? KernelCoreSelfChecks.Expect("client rax", client.Result, 0)
                ?? KernelCoreSelfChecks.Expect("client tag", client.GetMessageRegister(0), (0x43UL << 16) | 3)
                ?? KernelCoreSelfChecks.Expect("client MR1", client.GetMessageRegister(1), 60)
                ?? KernelCoreSelfChecks.Expect("client MR2", client.GetMessageRegister(2), 6000)
                ?? KernelCoreSelfChecks.Expect("client MR3", client.GetMessageRegister(3), 7);
        }
    }

    internal sealed class KernelCoreBadArgumentCheck : SelfCheck
    {
        public override string Name => "kernel core: bad slots, types and timeouts are result words";

        public override string? Run()
        {
            var platform = new CheckPlatform();
            var a = new CheckFrame(platform, 0);
            KernelCore k = KernelCoreSelfChecks.NewKernel(platform, a, new CheckFrame(platform, 1));
            a.Load(4, KernelCoreSelfChecks.Endpoint, 1, 0);
            k.Syscall(0);
            string? r = KernelCoreSelfChecks.Expect("notify on an endpoint", a.Result, 16);
            if (r != null) return r;
            a.Load(4, 99, 1, 0);
            k.Syscall(0);
            r = KernelCoreSelfChecks.Expect("slot out of range", a.Result, 0x1_0002);
            if (r != null) return r;
            a.Load(3, KernelCoreSelfChecks.Endpoint, 0xFFFF_FFFF, 0x8001);
            a.SetMessageRegister(0, 0);
            k.Syscall(0);
            r = KernelCoreSelfChecks.Expect("garbage timeout", a.Result, 4);
            if (r != null) return r;
            a.Load(77, 0, 0, 0);
            k.Syscall(0);
            return KernelCoreSelfChecks.Expect("unknown syscall", a.Result, 0xFFFF_FFFF_FFFF_FFFF)
                ?? KernelCoreSelfChecks.ExpectRunnable(k, "caller still runs", 0, true);
        }
    }

    internal sealed class KernelCoreTimeoutCheck : SelfCheck
    {
        public override string Name => "kernel core: receive timeout from timer ticks";

        public override string? Run()
        {
            var platform = new CheckPlatform();
            var a = new CheckFrame(platform, 0);
            KernelCore k = KernelCoreSelfChecks.NewKernel(platform, a, new CheckFrame(platform, 1));
            platform.Time = 10;
            k.Tick(10);
            a.Load(3, 0xFFFF_FFFF, KernelCoreSelfChecks.Endpoint, 0xFFFF_FFFF_0003_FFFF);   // receive: 3 ticks
            k.Syscall(0);
            string? r = KernelCoreSelfChecks.ExpectRunnable(k, "receiver waits", 0, false);
            if (r != null) return r;
            k.Tick(12);
            r = KernelCoreSelfChecks.ExpectRunnable(k, "not yet", 0, false);
            if (r != null) return r;
            k.Tick(13);
            return KernelCoreSelfChecks.ExpectRunnable(k, "timed out", 0, true)
                ?? KernelCoreSelfChecks.Expect("receive timeout, receive phase", a.Result, 12 | (1UL << 24));
        }
    }
}
