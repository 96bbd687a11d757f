// Interface dispatch through the runtime's resolver and per-site cache (boot/Runtime/InterfaceDispatch.cs):
// two classes, an inherited implementation with an overridden virtual, a boxed struct, a default method.
namespace Verified.Kernel.SelfTest
{
    internal interface IShape
    {
        int Area();

        // Default interface method: implementers that do not override it share this body.
        int Corners() => 0;
    }

    internal sealed class Square : IShape
    {
        private readonly int _side;

        public Square(int side) => _side = side;

        public int Area() => _side * _side;

        public int Corners() => 4;
    }

    internal class Rectangle : IShape
    {
        private readonly int _width;
        private readonly int _height;

        public Rectangle(int width, int height)
        {
            _width = width;
            _height = height;
        }

        public virtual int Area() => _width * _height;

        int IShape.Corners() => 4;
    }

    // Inherits Rectangle's interface implementation, overrides the virtual Area.
    internal sealed class HalfRectangle : Rectangle
    {
        public HalfRectangle(int width, int height)
            : base(width, height)
        {
        }

        public override int Area() => base.Area() / 2;
    }

    internal struct Circle : IShape
    {
        public int Radius;

        public readonly int Area() => 3 * Radius * Radius;
    }

    internal sealed class InterfaceDispatchCheck : SelfCheck
    {
        public override string Name => "interface dispatch (classes, boxed struct, default method)";

        public override string? Run()
        {
            IShape[] shapes = new IShape[]
            {
                new Square(3),
                new Rectangle(2, 5),
                new HalfRectangle(4, 5),
                new Circle { Radius = 2 },
            };

            int[] areas = new int[] { 9, 10, 10, 12 };
            int[] corners = new int[] { 4, 4, 4, 0 };

            // Each call site sees the types in turn and repeatedly: cache misses and hits both.
            for (int round = 0; round < 3; round++)
            {
                for (int i = 0; i < shapes.Length; i++)
                {
                    int area = shapes[i].Area();
                    int corner = shapes[i].Corners();
                    if (area != areas[i] || corner != corners[i])
                    {
                        return string.Concat("shape ", i.ToString(), ": area ", area.ToString(), ", corners ", corner.ToString());
                    }
                }

                if (shapes[0].Area() + shapes[0].Area() != 18)
                {
                    return "repeated call on one type gave another answer";
                }
            }

            return null;
        }
    }
}
