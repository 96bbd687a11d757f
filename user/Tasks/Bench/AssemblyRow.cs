// The 0-word cross-AS round trip measured as sel4bench measures seL4's, for the comparison with seL4's 415: the client
// and the server make their IPC syscalls from assembly (user/Runtime/X64/BenchSyscalls.S), so that the timed region
// holds the kernel's round trip, the syscall's register moves and the server's loop, but none of the register saves
// a C# caller needs around each call (the stub's twelve pushes and pops a half). The other rows keep the C# stub: what
// a C# program pays. The timing's own cost here is the same assembly with the syscall replaced, measured the same way.
using System.Runtime;
using System.Runtime.CompilerServices;
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static unsafe class AssemblyRow
    {
        public const string Name = "roundtrip cross-AS 0 words, sel4bench-shaped loops";

        private static ulong s_send;

        [RuntimeImport("*", "user_bench_call_timed")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong CallTimed(ulong send, ulong tag);

        [RuntimeImport("*", "user_bench_call_timed_empty")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong CallTimedEmpty(ulong send, ulong tag);

        [RuntimeImport("*", "user_bench_serve")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void Serve(ulong slot, ulong tag);

        /// <summary>The server thread (of the server task): the assembly loop, which never returns.</summary>
        public static void Server(ulong endpoint) => Serve(endpoint, MessageTag.Of(0, 0, 0));

        /// <summary>Measures the row against the server on <paramref name="endpoint"/>.</summary>
        public static void Run(uint endpoint)
        {
            s_send = endpoint | Ipc.CallBit;
            ulong overhead = Sampler.Least(&Empty);
            Report.Note(string.Concat("sel4bench-shaped timing overhead (subtracted) = ", overhead.ToString(), " instructions"));
            Sampler.Sample(Name, &Once, null, overhead);
        }

        // One timed Call (its own counter reads): the counter difference, or Sampler.Failed.
        private static ulong Once() => CallTimed(s_send, MessageTag.Of(0, 0, 0));

        // The same without the syscall: the timing's own cost.
        private static ulong Empty() => CallTimedEmpty(s_send, MessageTag.Of(0, 0, 0));
    }
}
