// System.Single and System.Double: present because the compilers know them; the kernel does not
// format or convert floating-point values.
namespace System
{
#pragma warning disable CS0169
    public readonly struct Single
    {
        private readonly float _value;
    }

    public readonly struct Double
    {
        private readonly double _value;
    }
#pragma warning restore CS0169
}
