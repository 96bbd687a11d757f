// The I/O ports of the UART this task drives (user/Runtime/X64/Ports.S).
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.User.Demo
{
    internal static class Ports
    {
        [RuntimeImport("*", "user_port_in")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte In(ushort port);

        [RuntimeImport("*", "user_port_out")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Out(ushort port, byte value);
    }
}
