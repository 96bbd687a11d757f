// One typed item of a message (docs/abi.md section 4): two words, the kind in word 0 bits 0-3.
namespace Verified.User.Library
{
    public struct TypedItem
    {
        public const ulong KindString = 1;
        public const ulong KindMap = 8;
        public const ulong KindGrant = 10;
        public const ulong KindCapability = 12;
        public const ulong MaxStringBytes = 4UL << 20;

        public TypedItem(ulong word0, ulong word1)
        {
            Word0 = word0;
            Word1 = word1;
        }

        public ulong Word0;
        public ulong Word1;

        /// <summary>A map item: the flexpage, landing by the placement rule with <paramref name="sendBase"/> as hot spot.</summary>
        public static TypedItem Map(ulong flexpage, ulong sendBase) => new TypedItem(KindMap | (sendBase & ~0xFFFUL), flexpage);

        public static TypedItem Map(ulong flexpage) => Map(flexpage, flexpage);

        public static TypedItem Grant(ulong flexpage, ulong sendBase) => new TypedItem(KindGrant | (sendBase & ~0xFFFUL), flexpage);

        public static TypedItem Grant(ulong flexpage) => Grant(flexpage, flexpage);

        /// <summary>A capability item: copy with rights AND <paramref name="mask"/> (RightRead 1, RightWrite 2,
        /// RightGrant 4), or move (mask all).</summary>
        public static TypedItem Capability(uint slot, bool move, ulong mask) =>
            new TypedItem(KindCapability | (move ? 1UL << 4 : 0) | ((mask & 7) << 5), slot);

        /// <summary>A string item: <paramref name="length"/> bytes at <paramref name="address"/> in the sender's space.</summary>
        public static TypedItem String(ulong address, ulong length) => new TypedItem((length << 32) | KindString, address);
    }
}
