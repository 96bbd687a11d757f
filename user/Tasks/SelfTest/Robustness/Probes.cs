// The misbehaving programs of user/Runtime/X64/Probes.S, by name, and a thread that runs one with the scenario's own
// endpoint as its pager and exception handler: so the fault comes back to the scenario as IPC.
using System.Runtime;
using System.Runtime.CompilerServices;
using Verified.User.Library;

namespace Verified.User.Robustness
{
    internal static class Probes
    {
        public const int JumpKernel = 0, ReadKernel = 1, WriteKernel = 2, Privileged = 3, Port = 4;
        public const int NonCanonical = 5, Undefined = 6, Divide = 7, Spin = 8, LoadCr3 = 9;

        public const uint Handler = 2;          // the scenario's endpoint: pager and exception handler of the probe
        public const uint Prober = 3;           // the probe thread's capability
        public const uint ProberUtcb = 1;

        public const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;
        public const ulong ExceptionLabel = 0xFFFF_FFFF_FFFD;
        public const ulong KernelCode = 0x10_0000;

        public static ulong Address(int probe) => ProbeAddress(probe);

        /// <summary>Makes the handler endpoint and starts the probe thread (which waits for its rip until the handler is
        /// set); the first non-zero result word, or 0.</summary>
        public static unsafe ulong Start(int probe)
        {
            ulong result = Objects.CreateEndpoint(Handler, 0);
            if (result == ResultWord.Ok)
            {
                result = Objects.Create(Objects.TypeThread, Prober, Objects.ThreadArgument(0, ProberUtcb), 0);
            }
            if (result == ResultWord.Ok)
            {
                result = ThreadControl.Invoke(Prober, ThreadControl.SetPager | ThreadControl.SetExceptionHandler, 0,
                    Handler, Handler);
            }
            if (result == ResultWord.Ok)
            {
                ulong state;
                result = Threads.Exchange(Prober, Threads.ControlSetRip | Threads.ControlSetRsp, ProbeAddress(probe),
                    (ulong)ThreadStacks.Top(ProberUtcb), out state);
            }
            return result;
        }

        /// <summary>Deletes the probe thread and the endpoint (the fault IPC it waits in ends with it).</summary>
        public static void Stop()
        {
            Capabilities.Delete(Prober);
            Capabilities.Delete(Handler);
        }

        [RuntimeImport("*", "user_probe_address")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong ProbeAddress(int which);
    }
}
