// Type tests, casts and unboxing through the corelib's TypeCast and RuntimeExports.
namespace Verified.Kernel.SelfTest
{
    internal sealed class TypeCastCheck : SelfCheck
    {
        public override string Name => "type tests and casts";

        public override string? Run()
        {
            object[] things = new object[] { new Square(1), new HalfRectangle(1, 1), "text", new Circle() };
            int shapes = 0;
            int rectangles = 0;
            foreach (object thing in things)
            {
                if (thing is IShape)
                {
                    shapes++;
                }

                if (thing is Rectangle)
                {
                    rectangles++;
                }
            }

            if (shapes != 3 || rectangles != 1)
            {
                return string.Concat("shapes ", shapes.ToString(), ", rectangles ", rectangles.ToString());
            }

            Circle unboxed = (Circle)things[3];
            return unboxed.Radius == 0 && things[2] as string == "text" ? null : "unboxing or `as` failed";
        }
    }
}
