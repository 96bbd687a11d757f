// The kernel entries and the counter the benchmarks time, as direct calls of the lean stubs of user/Runtime/X64
// (BenchSyscalls.S, Counter.S): no register block in memory and no allocation, so a measured operation is the
// kernel's work plus the few instructions any caller of it needs.
using System.Runtime;
using System.Runtime.CompilerServices;
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static class BenchCalls
    {
        // Reply phase without waiting (a reply never blocks), receive phase and page-fault phases infinite.
        private const ulong ReplyWaitTimeouts = 0xFFFF_FFFF_FFFF_0000;
        private const ulong NotifyWaitForever = 0xFFFFUL << 16;

        /// <summary>Guest instructions executed so far (under QEMU -icount shift=0).</summary>
        [RuntimeImport("*", "user_rdtsc")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong Rdtsc();

        [RuntimeImport("*", "user_bench_null")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong Null();

        [RuntimeImport("*", "user_bench_ipc")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong IpcStub(ulong send, ulong receive, ulong timeouts, ulong tag, ulong mr1, ulong mr2);

        [RuntimeImport("*", "user_syscall")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong SyscallStub(ulong number, ulong rdi, ulong rsi, ulong rdx);

        public static ulong Call(uint endpoint, ulong tag) =>
            IpcStub(endpoint | Ipc.CallBit, Ipc.Nil, Timeout.AllNever, tag, 0, 0);

        /// <summary>A Call whose MR1, MR2 are one typed item.</summary>
        public static ulong CallWithItem(uint endpoint, ulong tag, TypedItem item) =>
            IpcStub(endpoint | Ipc.CallBit, Ipc.Nil, Timeout.AllNever, tag, item.Word0, item.Word1);

        public static ulong Send(uint endpoint, ulong tag) => IpcStub(endpoint, Ipc.Nil, Timeout.AllNever, tag, 0, 0);

        public static ulong Wait(uint endpoint) => IpcStub(Ipc.Nil, endpoint, Timeout.AllNever, 0, 0, 0);

        public static ulong ReplyWait(uint endpoint, ulong tag) =>
            IpcStub(Ipc.ReplySpecifier, endpoint, ReplyWaitTimeouts, tag, 0, 0);

        public static ulong Reply(ulong tag) => IpcStub(Ipc.ReplySpecifier, Ipc.Nil, ReplyWaitTimeouts, tag, 0, 0);

        public static ulong Yield() => SyscallStub(SyscallNumbers.Yield, 0, 0, 0);

        public static ulong Notify(uint notification) => SyscallStub(SyscallNumbers.Notify, notification, 1, 0);

        public static ulong NotifyWait(uint notification) =>
            SyscallStub(SyscallNumbers.NotifyWait, notification, 0, NotifyWaitForever);
    }
}
