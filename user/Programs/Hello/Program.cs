// The first C# program in ring 3: prints a greeting, and uses what the shared runtime provides (allocation,
// virtual and interface calls, static constructors) in a user address space. Exits with 0x600D when all works.
using Verified.User.Library;

namespace Verified.User
{
    internal interface IGreeting
    {
        string Text();
    }

    internal sealed class Hello : IGreeting
    {
        public string Text() => "hello from C# in ring 3";
    }

    internal sealed class Counted : IGreeting
    {
        private readonly int _n;

        public Counted(int n) => _n = n;

        public string Text() => string.Concat("objects allocated: ", _n.ToString());
    }

    internal static class Program
    {
        public const int AllGood = 0x600D;

        private static readonly int[] s_squares = Squares(16);

        public static int Main()
        {
            IGreeting[] greetings = new IGreeting[] { new Hello(), new Counted(s_squares.Length) };
            for (int i = 0; i < greetings.Length; i++)
            {
                Sys.Print(string.Concat("hello: ", greetings[i].Text(), "\n"));
            }
            int sum = 0;
            for (int i = 0; i < s_squares.Length; i++)
            {
                sum += s_squares[i];
            }
            return sum == 1240 && Sys.NullCall() == 0 ? AllGood : 1;
        }

        private static int[] Squares(int n)
        {
            int[] squares = new int[n];
            for (int i = 0; i < n; i++)
            {
                squares[i] = i * i;
            }
            return squares;
        }
    }
}
