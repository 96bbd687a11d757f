// An independent reference model of the capability spec (spec/Caps/CapsSteps.dfy), written from the step
// relations: all capabilities in derivation preorder as a list, each with a depth. Deliberately naive (linear
// searches) so that it shares no code or structure with the compiled core.
using System.Collections.Generic;
using C = CapsTypes.__default;

namespace Verified.Core.Tests.Caps;

internal sealed class CapsModel
{
    public record struct Entry(uint Node, ulong Obj, byte Type, byte Rights, ulong Badge, ulong Depth);

    private readonly uint _tasks;
    private readonly uint _slots;
    private readonly uint _objects;

    public List<Entry> Order { get; } = new();

    public CapsModel(uint tasks, uint slots, uint objects) => (_tasks, _slots, _objects) = (tasks, slots, objects);

    private uint SlotErr(uint t, uint i) => t >= _tasks ? C.ErrInvalidTask : i >= _slots ? C.ErrInvalidSlot : C.OK;

    private int IndexOf(uint node) => Order.FindIndex(e => e.Node == node);

    private int Count(ulong obj) => Order.FindAll(e => e.Obj == obj).Count;

    private bool HasChild(int k) => k + 1 < Order.Count && Order[k + 1].Depth > Order[k].Depth;

    public uint CreateRoot(uint t, uint i, ulong obj, byte type, byte rights)
    {
        if (SlotErr(t, i) != C.OK) return SlotErr(t, i);
        if (type == C.TypeNull || type > C.MaxType || obj >= _objects) return C.ErrInvalidArgument;
        uint x = t * _slots + i;
        if (IndexOf(x) >= 0) return C.ErrSlotOccupied;
        if (Count(obj) != 0) return C.ErrObjectLive;
        Order.Insert(0, new Entry(x, obj, type, rights, C.NoBadge, 0));
        return C.OK;
    }

    private uint Derive(uint xs, uint xd, byte mask, ulong badge)
    {
        int k = IndexOf(xs);
        if (IndexOf(xd) >= 0) return C.ErrSlotOccupied;
        Entry src = Order[k];
        if (badge != C.NoBadge && src.Badge != C.NoBadge) return C.ErrBadgeSet;
        ulong depth = HasChild(k) ? Order[k + 1].Depth : src.Depth + 1;
        Order.Insert(k + 1, new Entry(xd, src.Obj, src.Type, (byte)(src.Rights & mask),
            badge == C.NoBadge ? src.Badge : badge, depth));
        return C.OK;
    }

    private uint MoveNode(uint xs, uint xd)
    {
        if (IndexOf(xd) >= 0) return C.ErrSlotOccupied;
        int k = IndexOf(xs);
        Order[k] = Order[k] with { Node = xd };
        return C.OK;
    }

    public uint Mint(uint t, uint src, uint dst, byte mask, ulong badge)
    {
        if (SlotErr(t, src) != C.OK) return SlotErr(t, src);
        if (SlotErr(t, dst) != C.OK) return SlotErr(t, dst);
        if (IndexOf(t * _slots + src) < 0) return C.ErrEmptySlot;
        return Derive(t * _slots + src, t * _slots + dst, mask, badge);
    }

    public uint Copy(uint t, uint src, uint dst) => Mint(t, src, dst, 0xFF, C.NoBadge);

    public uint Move(uint t, uint src, uint dst)
    {
        if (SlotErr(t, src) != C.OK) return SlotErr(t, src);
        if (SlotErr(t, dst) != C.OK) return SlotErr(t, dst);
        if (IndexOf(t * _slots + src) < 0) return C.ErrEmptySlot;
        return MoveNode(t * _slots + src, t * _slots + dst);
    }

    public uint Transfer(uint st, uint ss, uint rt, uint rs, byte mode)
    {
        if (SlotErr(st, ss) != C.OK) return SlotErr(st, ss);
        if (SlotErr(rt, rs) != C.OK) return SlotErr(rt, rs);
        if (mode > C.TransferMove) return C.ErrInvalidArgument;
        uint xs = st * _slots + ss, xd = rt * _slots + rs;
        if (IndexOf(xs) < 0) return C.ErrEmptySlot;
        return mode == C.TransferCopy ? Derive(xs, xd, 0xFF, C.NoBadge) : MoveNode(xs, xd);
    }

    public uint Delete(uint t, uint i, out ulong obj, out byte type)
    {
        (obj, type) = (0, C.TypeNull);
        if (SlotErr(t, i) != C.OK) return SlotErr(t, i);
        int k = IndexOf(t * _slots + i);
        if (k < 0) return C.ErrEmptySlot;
        if (HasChild(k)) return C.ErrHasChildren;
        Entry e = Order[k];
        if (Count(e.Obj) == 1) (obj, type) = (e.Obj, e.Type);
        Order.RemoveAt(k);
        return C.OK;
    }

    public uint RevokeStep(uint t, uint i, out bool done, out uint removed)
    {
        (done, removed) = (false, 0);
        if (SlotErr(t, i) != C.OK) return SlotErr(t, i);
        int k = IndexOf(t * _slots + i);
        if (k < 0) return C.ErrEmptySlot;
        while (removed < C.RevokeBatch && HasChild(k))
        {
            Order.RemoveAt(k + 1);
            removed++;
        }
        done = !HasChild(k);
        return C.OK;
    }
}
