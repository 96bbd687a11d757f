// Virtual and abstract method calls through the vtable.
namespace Verified.Kernel.SelfTest
{
    internal abstract class Animal
    {
        public abstract string Sound();

        public virtual int Legs() => 4;
    }

    internal sealed class Bird : Animal
    {
        public override string Sound() => "tweet";

        public override int Legs() => 2;
    }

    internal sealed class Dog : Animal
    {
        public override string Sound() => "woof";
    }

    internal sealed class VirtualCallCheck : SelfCheck
    {
        public override string Name => "virtual and abstract calls";

        public override string? Run()
        {
            Animal[] animals = new Animal[] { new Bird(), new Dog() };
            string sounds = string.Concat(animals[0].Sound(), animals[1].Sound());
            int legs = animals[0].Legs() + animals[1].Legs();
            if (sounds != "tweetwoof" || legs != 6)
            {
                return string.Concat("got ", sounds, " with ", legs.ToString(), " legs");
            }

            object o = new Dog();
            return o.ToString() == "System.Object" ? null : "Object.ToString not inherited";
        }
    }
}
