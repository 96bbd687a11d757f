// Memory of docs/abi.md: flexpages, the typed items of IPC messages (map, grant, capability), the receive acceptor
// in the UTCB (BR0..BR2), the error-detail word, and syscall 11 Unmap.
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Sim
{
    /// <summary>One typed item: two message words.</summary>
    public readonly record struct TypedItem(ulong Word0, ulong Word1);

    public static class Memory
    {
        public const ulong WindowBase = 0x4000_0000;
        public const ulong PageSize = 4096;
        public const ulong WindowPages = 4096;
        public const byte RightsX = 1;
        public const byte RightsW = 2;
        public const byte RightsR = 4;
        public const byte RightsRW = 6;
        public const byte RightsAll = 7;
        public const ulong AcceptMap = 1;
        public const ulong AcceptCapabilities = 2;
        public const ulong UnmapOwn = 1;

        /// <summary>Window page <paramref name="page"/>'s address.</summary>
        public static ulong Page(ulong page) => WindowBase + page * PageSize;

        /// <summary>The flexpage of 2^<paramref name="order"/> pages at <paramref name="address"/> with
        /// <paramref name="rights"/> (no checks: tests build malformed ones on purpose).</summary>
        public static ulong Flexpage(ulong address, int order, byte rights) =>
            (address & ~0xFFFUL) | ((ulong)order << 4) | rights;

        public static TypedItem Map(ulong flexpage, ulong sendBase) => new(8 | (sendBase & ~0xFFFUL), flexpage);

        public static TypedItem Map(ulong flexpage) => Map(flexpage, flexpage);

        public static TypedItem Grant(ulong flexpage, ulong sendBase) => new(10 | (sendBase & ~0xFFFUL), flexpage);

        public static TypedItem Grant(ulong flexpage) => Grant(flexpage, flexpage);

        /// <summary>A capability item: copy with rights AND <paramref name="mask"/> (RightRead 1, RightWrite 2,
        /// RightGrant 4), or move (mask all).</summary>
        public static TypedItem Capability(uint slot, bool move = false, byte mask = 7) =>
            new(12 | (move ? 1UL << 4 : 0) | ((ulong)mask << 5), slot);

        /// <summary>What this thread's next receive phases accept: map and grant items into <paramref name="window"/>
        /// (0: none) and capability items from slot <paramref name="capabilitySlot"/> on (null: none).</summary>
        public static void Accept(SimUserContext ctx, ulong window, uint? capabilitySlot = null)
        {
            Utcb utcb = ctx.Utcb;
            utcb.SetBr(0, (window != 0 ? AcceptMap : 0) | (capabilitySlot != null ? AcceptCapabilities : 0));
            utcb.SetBr(1, window);
            utcb.SetBr(2, capabilitySlot ?? 0);
        }

        /// <summary>The UTCB's error-detail word: code | domain << 16 | item index << 24 of the first item that failed
        /// at the last delivery with typed items (0: all were done).</summary>
        public static ulong ErrorDetail(SimUserContext ctx) => ctx.Utcb[Utcb.ErrorDetailWord];

        /// <summary>Syscall 11: what was derived from the flexpage's pages loses its rights field's rights; with
        /// <paramref name="own"/> the caller's own mappings go too. Returns rax.</summary>
        public static async Task<ulong> Unmap(SimUserContext ctx, ulong flexpage, bool own = false) =>
            await UnmapRaw(ctx, flexpage, own ? UnmapOwn : 0);

        public static async Task<ulong> UnmapRaw(SimUserContext ctx, ulong flexpage, ulong flags)
        {
            await ctx.Syscall(SyscallNumbers.Unmap, flexpage, flags);
            return ctx.Registers.Rax;
        }
    }

    /// <summary>Messages with typed items given as untyped words and <see cref="TypedItem"/>s: built as a
    /// <see cref="MessageFrame"/> (the tag counts the untyped words and the items, the items follow the untyped words,
    /// docs/abi.md section 4) and sent with Ipc's frame operations.</summary>
    public static class ItemMessage
    {
        public static ulong Tag(ulong label, int untyped, int items) => MessageFrame.TagOf(label, untyped, items);

        public static ulong[] Words(ulong[] untyped, TypedItem[] items) => Frame(0, untyped, items).Words;

        /// <summary>The message as a frame: the untyped words, then the items.</summary>
        public static MessageFrame Frame(ulong label, ulong[] untyped, TypedItem[] items)
        {
            var frame = new MessageFrame(label).Put(untyped);
            foreach (TypedItem item in items)
            {
                frame.Put(item);
            }
            return frame;
        }

        public static Task<IpcResult> Send(SimUserContext ctx, uint endpoint, ulong label, ulong[] untyped, TypedItem[] items,
            ushort sendTimeout = Timeout.Never) =>
            Ipc.Send(ctx, endpoint, Frame(label, untyped, items), Timeout.Word(sendTimeout, Timeout.Never));

        public static Task<IpcResult> Call(SimUserContext ctx, uint endpoint, ulong label, ulong[] untyped, TypedItem[] items,
            ushort sendTimeout = Timeout.Never, ushort receiveTimeout = Timeout.Never) =>
            Ipc.Call(ctx, endpoint, Frame(label, untyped, items), Timeout.Word(sendTimeout, receiveTimeout));

        public static Task<IpcResult> Reply(SimUserContext ctx, ulong label, ulong[] untyped, TypedItem[] items) =>
            Ipc.Reply(ctx, Frame(label, untyped, items));

        public static Task<IpcResult> ReplyWait(SimUserContext ctx, uint endpoint, ulong label, ulong[] untyped,
            TypedItem[] items, ushort receiveTimeout = Timeout.Never) =>
            Ipc.ReplyWait(ctx, endpoint, Frame(label, untyped, items), receiveTimeout);
    }
}
