// Page-aligned memory inside this task's image (bss, which the root task pages in), and text written into and read
// out of pages.
namespace Verified.User.Demo
{
    internal static unsafe class Page
    {
        public const ulong Size = 4096;

        /// <summary>The first whole page inside <paramref name="buffer"/> (at least two pages long), touched so that
        /// it is mapped.</summary>
        public static ulong Aligned(byte[] buffer)
        {
            fixed (byte* first = &buffer[0])
            {
                ulong page = ((ulong)first + Size - 1) & ~(Size - 1);
                *(byte*)page = 0;
                return page;
            }
        }

        public static void Write(ulong address, string text)
        {
            byte* bytes = (byte*)address;
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }
            bytes[text.Length] = 0;
        }

        public static string Read(ulong address, int max)
        {
            byte* bytes = (byte*)address;
            int length = 0;
            while (length < max && bytes[length] != 0)
            {
                length++;
            }
            char* chars = stackalloc char[max];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)bytes[i];
            }
            return new string(chars, 0, length);
        }
    }
}
