// Typed items of IPC messages (docs/abi.md section 4): map (kind 8), grant (kind 10) and capability (kind 12) items,
// two words each after the untyped words. Three moments:
//  - the send: CheckItems validates every item before anything changes, and gives the IPC core the union of the map
//    and grant items' rights;
//  - the start of a receive phase: Accept takes BR0..BR2 from the receiver's UTCB into the kernel (what the core
//    agreed on cannot change under it) and gives the core the receive window's rights. The core fails both sides
//    with ErrMapFailed when the sender's number exceeds the receiver's (spec/Ipc/IpcState.dfy Deliver);
//  - the delivery: DeliverItems performs the items through the mapping and capability cores. The IPC has already
//    succeeded, so a failure there (source page not mapped, receiver page occupied, no node, too deep, a capability
//    slot occupied) is reported, the first one, in the error-detail word of both threads' UTCBs, and the remaining
//    pages and items are still performed.
using System.Runtime.CompilerServices;
using CapsTypesC = CapsTypes.__default;
using MapTypesC = MappingTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong KindMap = 8;
        private const ulong KindGrant = 10;
        private const ulong KindCapability = 12;
        private const ulong CapabilityMoveBit = 1UL << 4;
        private const uint AcceptorWord = 64;       // BR0
        private const uint WindowWord = 65;         // BR1
        private const uint CapabilitySlotWord = 66; // BR2
        private const uint ErrorDetailWord = 97;
        private const ulong AcceptMapBit = 1;
        private const ulong AcceptCapabilitiesBit = 2;

        /// <summary>Ok when every typed item of <paramref name="tag"/> in <paramref name="c"/>'s staged words is well
        /// formed: a known kind, reserved bits zero, a string of at most 4 MiB that does not wrap, a flexpage inside the window, a capability slot holding a capability, and
        /// RightGrant on the send endpoint for grant and capability items (a Reply needs none: answering a Call is
        /// the caller's consent). <paramref name="rights"/>: the union of the map and grant items' rights;
        /// <paramref name="strings"/>: the bytes of the string items.</summary>
        private ulong CheckItems(uint task, uint c, ulong tag, ulong sendSlot, out ulong rights, out ulong strings)
        {
            rights = 0;
            strings = 0;
            ulong u = Abi.MessageTag.Untyped(tag);
            ulong t = Abi.MessageTag.Typed(tag);
            bool needsGrant = false;
            for (ulong i = 0; i < t; i++)
            {
                ulong w0 = StagedWord(c, u + 1 + 2 * i);
                ulong w1 = StagedWord(c, u + 2 + 2 * i);
                ulong kind = w0 & 0xF;
                if (kind == StringKind)
                {
                    // Copied by the transfer (LongTransfer.cs); here only its length counts.
                    ulong length = w0 >> 32;
                    if ((w0 & 0xFFFF_FFF0) != 0 || length > MaxStringBytes || w1 + length < w1)
                    {
                        return Abi.ResultWord.InvalidArgument;
                    }
                    strings += length;
                    continue;
                }
                if (kind == KindMap || kind == KindGrant)
                {
                    if ((w0 & 0xFF0) != 0 || !Abi.Flexpage.ReservedClear(w1))
                    {
                        return Abi.ResultWord.InvalidArgument;
                    }
                    if (!Abi.Flexpage.Fits(w1))
                    {
                        return Abi.ResultWord.Mapping(MapTypesC.ErrInvalidPage);
                    }
                    rights |= Abi.Flexpage.Rights(w1);
                    needsGrant |= kind == KindGrant;
                }
                else if (kind == KindCapability)
                {
                    // A move keeps the capability's rights (the capability core's Move), so its mask must be all.
                    bool move = (w0 & CapabilityMoveBit) != 0;
                    if ((w0 >> 8) != 0 || (move && ((w0 >> 5) & 7) != 7) || w1 > 0xFFFF_FFFFUL)
                    {
                        return Abi.ResultWord.InvalidArgument;
                    }
                    uint err;
                    uint node;
                    Caps.Lookup(task, (uint)w1, out err, out node);
                    if (err != CapsTypesC.OK)
                    {
                        return Abi.ResultWord.Caps(err);
                    }
                    if (Caps.capType[node] == CapsTypesC.TypeNull)
                    {
                        return Abi.ResultWord.Caps(CapsTypesC.ErrEmptySlot);
                    }
                    needsGrant = true;
                }
                else
                {
                    return Abi.ResultWord.InvalidArgument;
                }
            }
            if (needsGrant && sendSlot != SpecifierReply && sendSlot <= 0xFFFF_FFFFUL)
            {
                uint err;
                uint node;
                Caps.Lookup(task, (uint)sendSlot, out err, out node);
                // A bad or empty endpoint slot is reported by the endpoint's own lookup, which follows.
                if (err == CapsTypesC.OK && Caps.capType[node] != CapsTypesC.TypeNull
                    && (Caps.capRights[node] & CapsTypesC.RightGrant) == 0)
                {
                    return Abi.ResultWord.Caps(CapsTypesC.ErrInvalidArgument);
                }
            }
            return Abi.ResultWord.Ok;
        }

        /// <summary>The start of <paramref name="c"/>'s receive phase: its acceptor, window and first capability slot
        /// are kept for the delivery; the result is the window's rights (0 when it accepts no map items), the number
        /// the IPC core compares a sender's item rights with.</summary>
        private ulong Accept(uint c) => Accept(c, _platform.ReadUtcb(c, AcceptorWord));

        /// <summary>The same with the acceptor already read (BR0, read once per IPC). Most receives accept nothing
        /// (BR0 0): that case is written inline, the rest is AcceptItems'.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong Accept(uint c, ulong acceptor)
        {
            if (acceptor != 0)
            {
                return AcceptItems(c, acceptor);
            }
            ref ThreadRecord me = ref _threads[c];
            me.Acceptor = 0;
            me.CapabilitySlot = 0;
            me.Window = Abi.Flexpage.Nil;
            return 0;
        }

        private ulong AcceptItems(uint c, ulong acceptor)
        {
            _threads[c].Acceptor = acceptor;
            // BR1 and BR2 mean something only with their acceptor bits: most receives read neither.
            _threads[c].CapabilitySlot = (acceptor & AcceptCapabilitiesBit) != 0 ? _platform.ReadUtcb(c, CapabilitySlotWord) : 0;
            ulong window = (acceptor & AcceptMapBit) != 0 ? _platform.ReadUtcb(c, WindowWord) : Abi.Flexpage.Nil;
            if (window == Abi.Flexpage.Nil || !Abi.Flexpage.ReservedClear(window)
                || !Abi.Flexpage.Fits(window))
            {
                _threads[c].Window = Abi.Flexpage.Nil;
                return 0;
            }
            _threads[c].Window = window;
            return Abi.Flexpage.Rights(window);
        }

        /// <summary>A Call's receive phase (the reply) starts with its send: the IPC core's Call keeps the buffer it
        /// has, so the window's rights are stored before it.</summary>
        private void AcceptReply(uint c) => Ipc.StoreBuffer(c, Ipc.m.recvMax[c], Accept(c));

        /// <summary>Performs the typed items of sender <paramref name="s"/>'s message (tag <paramref name="tag"/>, staged
        /// at its send) for receiver <paramref name="r"/>, whose IPC has succeeded; then the sender's error-detail word
        /// holds the first failure (code, domain, item index) or 0, and so does the receiver's when
        /// <paramref name="receiverSees"/>. It does not for the reply to a page fault or exception: the kernel receives
        /// that one for the faulting thread, which is stopped at an arbitrary instruction (often between an IPC of its
        /// own and its read of that IPC's error detail) and must find its UTCB as it left it.</summary>
        private void DeliverItems(uint s, uint r, ulong tag, bool receiverSees)
        {
            ulong t = Abi.MessageTag.Typed(tag);
            if (t == 0)
            {
                return;
            }
            ulong u = Abi.MessageTag.Untyped(tag);
            ulong detail = 0;
            ulong capabilities = 0;
            for (ulong i = 0; i < t; i++)
            {
                ulong w0 = StagedWord(s, u + 1 + 2 * i);
                ulong w1 = StagedWord(s, u + 2 + 2 * i);
                ulong kind = w0 & 0xF;
                ulong failure;
                if (kind == StringKind)
                {
                    continue;
                }
                if (kind == KindCapability)
                {
                    failure = TransferCapability(s, r, w0, w1, capabilities);
                    capabilities++;
                }
                else
                {
                    failure = MapItem(s, r, w0, w1, kind == KindGrant);
                }
                if (failure != Abi.ResultWord.Ok && detail == 0)
                {
                    detail = failure | (i << 24);
                }
            }
            _platform.WriteUtcb(s, ErrorDetailWord, detail);
            if (receiverSees)
            {
                _platform.WriteUtcb(r, ErrorDetailWord, detail);
            }
        }

        // Items are read from the sender's staged words (Messages.cs: MR0..MR63 as they were at its send), both when
        // they are checked and when they are performed; words beyond MR63 read as 0.
        private ulong StagedWord(uint s, ulong index) =>
            index < Abi.MessageTag.MessageRegisters ? _staged[s * Abi.MessageTag.MessageRegisters + (uint)index] : 0;

        /// <summary>Map or grant: the send flexpage lands in the receive window by the L4 placement rule
        /// (MappingFlexpage.Place); each page is mapped (granted) with the item's rights AND the window's. The first
        /// page the mapping core refuses is the result; the others are still done.</summary>
        private ulong MapItem(uint s, uint r, ulong w0, ulong w1, bool grant)
        {
            ulong window = _threads[r].Window;
            byte mask = (byte)(Abi.Flexpage.Rights(w1) & Abi.Flexpage.Rights(window));
            if (window == Abi.Flexpage.Nil || mask == 0)
            {
                return Abi.ResultWord.Mapping(MapTypesC.ErrNoRights);
            }
            uint err;
            ulong src;
            ulong dst;
            ulong count;
            MappingFlexpage.__default.Place(Abi.Flexpage.FirstPage(w1), (byte)Abi.Flexpage.Order(w1), w0 >> 12,
                Abi.Flexpage.FirstPage(window), (byte)Abi.Flexpage.Order(window), out err, out src, out dst, out count);
            if (err != MapTypesC.OK)
            {
                return Abi.ResultWord.Mapping(err);
            }
            uint st = _threads[s].Task;
            uint dt = _threads[r].Task;
            ulong first = Abi.ResultWord.Ok;
            for (ulong k = 0; k < count; k++)
            {
                uint code = grant
                    ? MappingGrant.__default.Grant(_mapping, st, src + k, dt, dst + k, mask)
                    : _mapping.Map(st, src + k, dt, dst + k, mask);
                if (code != MapTypesC.OK && first == Abi.ResultWord.Ok)
                {
                    first = Abi.ResultWord.Mapping(code);
                }
            }
            return first;
        }

        /// <summary>Capability item number <paramref name="k"/>: a copy (rights AND the item's mask, badge kept) or a
        /// move of the sender's capability into the receiver's slot BR2 + k.</summary>
        private ulong TransferCapability(uint s, uint r, ulong w0, ulong w1, ulong k)
        {
            if ((_threads[r].Acceptor & AcceptCapabilitiesBit) == 0)
            {
                return Abi.ResultWord.Caps(CapsTypesC.ErrInvalidArgument);
            }
            ulong slot = _threads[r].CapabilitySlot + k;
            if (slot > 0xFFFF_FFFFUL || slot < k)
            {
                return Abi.ResultWord.Caps(CapsTypesC.ErrInvalidSlot);
            }
            uint err;
            uint source;
            uint destination;
            Caps.Lookup(_threads[s].Task, (uint)w1, out err, out source);
            if (err != CapsTypesC.OK)
            {
                return Abi.ResultWord.Caps(err);
            }
            // The sender's task may have changed the slot since the send was checked.
            if (Caps.capType[source] == CapsTypesC.TypeNull)
            {
                return Abi.ResultWord.Caps(CapsTypesC.ErrEmptySlot);
            }
            Caps.Lookup(_threads[r].Task, (uint)slot, out err, out destination);
            if (err != CapsTypesC.OK)
            {
                return Abi.ResultWord.Caps(err);
            }
            uint code = (w0 & CapabilityMoveBit) != 0
                ? Caps.MoveNode(source, destination)
                : Caps.Derive(source, destination, (byte)((w0 >> 5) & 7), CapsTypesC.NoBadge);
            return Abi.ResultWord.Caps(code);
        }
    }
}
