// Addresses the linker defines (boot/X64/linker.ld), read through tiny assembly accessors.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.Boot.Runtime
{
    public static unsafe class ImageSymbols
    {
        [RuntimeImport("*", "image_modules_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern ReadyToRunHeader** ModulesStart();

        [RuntimeImport("*", "image_modules_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern ReadyToRunHeader** ModulesEnd();

        /// <summary>First byte after the loaded image and its zeroed .bss (page aligned).</summary>
        [RuntimeImport("*", "image_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ImageEnd();

    }
}
