// Capability slots of the calling task to kernel objects: the capability core finds the node, the kernel checks the
// type and rights the syscall needs and turns the object id into an index of the IPC core.
using System.Runtime.CompilerServices;
using CapsTypesC = CapsTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        /// <summary>The object in (task, slot) if it has <paramref name="type"/> and every right of
        /// <paramref name="rights"/>; else the result word of docs/abi.md section 2. An endpoint where a notification is
        /// expected (or the reverse) is the IPC core's ErrWrongObject, any other type the capability core's
        /// ErrInvalidArgument, as are missing rights.</summary>
        private ulong LookupObject(uint task, ulong slot, byte type, byte rights, out uint index, out ulong badge)
        {
            uint node;
            ulong found = LookupNode(task, slot, out node);
            if (found != Abi.ResultWord.Ok)
            {
                index = 0;
                badge = 0;
                return found;
            }
            return CheckNode(node, type, rights, out index, out badge);
        }

        /// <summary>The capability core's node of (task, slot): Ok, or the result word of a bad slot.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong LookupNode(uint task, ulong slot, out uint node)
        {
            node = 0;
            if (slot > 0xFFFF_FFFFUL)
            {
                return Abi.ResultWord.InvalidArgument;
            }
            uint err;
            Caps.Lookup(task, (uint)slot, out err, out node);
            return err == CapsTypesC.OK ? Abi.ResultWord.Ok : Abi.ResultWord.Caps(err);
        }

        /// <summary>The object of a looked-up node if it has <paramref name="type"/> and <paramref name="rights"/>: its
        /// index among the objects of its type and the capability's badge.</summary>
        private ulong CheckNode(uint node, byte type, byte rights, out uint index, out ulong badge)
        {
            index = 0;
            badge = 0;
            byte found = Caps.capType[node];
            if (found == CapsTypesC.TypeNull)
            {
                return Abi.ResultWord.Caps(CapsTypesC.ErrEmptySlot);
            }
            if (found != type)
            {
                return IsIpcObjectType(found) && IsIpcObjectType(type)
                    ? Abi.ResultWord.Ipc(Abi.ResultWord.IpcWrongObject, false)
                    : Abi.ResultWord.Caps(CapsTypesC.ErrInvalidArgument);
            }
            if ((Caps.capRights[node] & rights) != rights)
            {
                return Abi.ResultWord.Caps(CapsTypesC.ErrInvalidArgument);
            }
            ulong id = Caps.capObj[node];
            uint first = type == CapsTypesC.TypeThread ? Objects.OfThread(0)
                : type == CapsTypesC.TypeTask ? Objects.OfTask(0) : Objects.OfIpcObject(0);
            index = (uint)(id - first);
            badge = Caps.capBadge[node];
            return Abi.ResultWord.Ok;
        }

        /// <summary>Ok when (task, slot) exists and is empty: the destination of a new capability.</summary>
        private ulong CheckFreeSlot(uint task, ulong slot)
        {
            if (slot > 0xFFFF_FFFFUL)
            {
                return Abi.ResultWord.InvalidArgument;
            }
            uint err;
            uint node;
            Caps.Lookup(task, (uint)slot, out err, out node);
            if (err != CapsTypesC.OK)
            {
                return Abi.ResultWord.Caps(err);
            }
            return Caps.capType[node] == CapsTypesC.TypeNull ? Abi.ResultWord.Ok : Abi.ResultWord.Caps(CapsTypesC.ErrSlotOccupied);
        }

        private static bool IsIpcObjectType(byte type) => type == CapsTypesC.TypeEndpoint || type == CapsTypesC.TypeNotification;
    }
}
