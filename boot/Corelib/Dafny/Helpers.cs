// Dafny.Helpers: the one runtime helper the post-processed Dafny code still calls (on `new T[n]`).
using Internal.Runtime;

namespace Dafny
{
    public static class Helpers
    {
        // Dafny sizes arrays with mathematical integers; the generated code narrows to int here.
        // Out of range means the verified model and the machine disagree: stop, do not wrap.
        public static int ToIntChecked(long value, string message)
        {
            if (value < int.MinValue || value > int.MaxValue)
            {
                RuntimeFailure.Fail(string.Concat("Dafny: ", message));
            }

            return (int)value;
        }

        // Sizes computed in u64 arrive unsigned.
        public static int ToIntChecked(ulong value, string message)
        {
            if (value > int.MaxValue)
            {
                RuntimeFailure.Fail(string.Concat("Dafny: ", message));
            }

            return (int)value;
        }
    }
}
