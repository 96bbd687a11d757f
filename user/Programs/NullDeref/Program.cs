// A C# program that dereferences null: page 0 is unmapped in user address spaces too, so the CPU raises a page
// fault in ring 3, which the kernel reports and contains.
using Verified.User.Library;

namespace Verified.User
{
    internal sealed class Box
    {
        public Box(int value) => Value = value;

        public int Value { get; }
    }

    internal static class Program
    {
        public static int Main()
        {
            Sys.Print("nullderef: reading through a null reference\n");
            Box? box = Find(7);
            return box!.Value;
        }

        // The compiler cannot see that this finds nothing, so the null check is the CPU's.
        private static Box? Find(int key) => key == 0 ? new Box(key) : null;
    }
}
