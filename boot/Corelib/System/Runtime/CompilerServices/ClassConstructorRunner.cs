// Runs a class's static constructor on first access, for classes ILC could not initialize eagerly.
namespace System.Runtime.CompilerServices
{
    // CONTRACT with runtime: ILC calls these two methods by name before touching the statics of a
    // class whose cctor has not run; the context lives in the image next to the class's statics.
    internal static unsafe class ClassConstructorRunner
    {
        private static object CheckStaticClassConstructionReturnGCStaticBase(StaticClassConstructionContext* context, object gcStaticBase)
        {
            EnsureClassConstructorRun(context);
            return gcStaticBase;
        }

        private static IntPtr CheckStaticClassConstructionReturnNonGCStaticBase(StaticClassConstructionContext* context, IntPtr nonGcStaticBase)
        {
            EnsureClassConstructorRun(context);
            return nonGcStaticBase;
        }

        // One CPU, no preemption inside the kernel yet: no lock. The address is cleared before the
        // call so a cctor that touches its own class does not recurse.
        private static void EnsureClassConstructorRun(StaticClassConstructionContext* context)
        {
            IntPtr cctor = context->cctorMethodAddress;
            if (cctor != IntPtr.Zero)
            {
                context->cctorMethodAddress = IntPtr.Zero;
                ((delegate*<void>)cctor)();
            }
        }
    }
}
