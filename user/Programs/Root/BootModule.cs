// One boot module as the kernel describes it in the boot information page (kernel/Boot/BootInfo.cs): where its bytes
// are in the root task's window, how many, and its file name.
namespace Verified.User.Root
{
    internal sealed unsafe class BootModule
    {
        private const int NameBytes = 48;

        public BootModule(ulong* entry)
        {
            Address = entry[0];
            Size = entry[1];
            byte* name = (byte*)(entry + 2);
            int length = 0;
            while (length < NameBytes - 1 && name[length] != 0)
            {
                length++;
            }
            char* chars = stackalloc char[NameBytes];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)name[i];
            }
            Name = new string(chars, 0, length);
        }

        public ulong Address { get; }

        public ulong Size { get; }

        public string Name { get; }
    }
}
