// Attributes that ask for code to run at start-up (boot/Runtime/Startup.cs runs both kinds).
namespace System.Runtime.CompilerServices
{
    // C#: the method runs when the module starts (ILC lists it in the ModuleInitializerList section).
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class ModuleInitializerAttribute : Attribute
    {
    }

    // ILC: the class constructor runs at start-up (EagerCctor section) instead of on first access.
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
    public sealed class EagerStaticClassConstructionAttribute : Attribute
    {
    }
}
