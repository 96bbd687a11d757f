// System.Exception: C# requires it for `throw`. The kernel has no unwinder: RhpThrowEx
// (boot/Runtime/Exceptions.cs) turns every throw into a panic that prints Message.
namespace System
{
    public class Exception
    {
        public Exception(string message)
        {
            Message = message;
        }

        public string Message { get; }
    }
}
