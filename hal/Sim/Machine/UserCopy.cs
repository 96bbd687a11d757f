// Copies between two address spaces with user permissions, piece by piece (no piece crosses a page of either side),
// stopping at the first page that faults: the long-IPC path reports the fault as a nested page-fault IPC, and resumes
// the same copy with the offsets advanced by Copied once the pager has mapped the page.
using System;

namespace Verified.Hal.Sim.Machine
{
    public enum CopyStatus : byte
    {
        /// <summary>Every requested byte was copied.</summary>
        Completed,

        /// <summary>The chunk limit was reached first: a preemption point, the rest is still to copy.</summary>
        ChunkLimit,

        /// <summary>A page of the source could not be read from user mode.</summary>
        SourceFault,

        /// <summary>A page of the destination could not be written from user mode.</summary>
        DestinationFault,
    }

    public readonly struct CopyResult
    {
        public CopyResult(CopyStatus status, ulong copied, PageFault fault)
        {
            Status = status;
            Copied = copied;
            Fault = fault;
        }

        public CopyStatus Status { get; }

        /// <summary>Bytes copied by this call: the faulting byte is at source/destination + Copied.</summary>
        public ulong Copied { get; }

        /// <summary>The fault that stopped the copy (SourceFault, DestinationFault only).</summary>
        public PageFault Fault { get; }

        public bool IsFault => Status is CopyStatus.SourceFault or CopyStatus.DestinationFault;

        public override string ToString() => IsFault ? $"{Status} after {Copied} bytes: {Fault}" : $"{Status}, {Copied} bytes";
    }

    public static class UserCopy
    {
        /// <summary>Copies <paramref name="length"/> bytes from <paramref name="source"/>:<paramref name="sourceAddress"/> to
        /// <paramref name="destination"/>:<paramref name="destinationAddress"/>, at most <paramref name="maxBytes"/> of them.
        /// Each piece is checked on both sides before any byte of it moves, so a fault leaves the faulting page untouched
        /// and everything before it copied.</summary>
        public static CopyResult Copy(SimAddressSpace source, ulong sourceAddress, SimAddressSpace destination,
            ulong destinationAddress, ulong length, ulong maxBytes = ulong.MaxValue)
        {
            if (!ReferenceEquals(source.Memory, destination.Memory))
            {
                throw new ArgumentException("both address spaces must live in the same physical memory");
            }
            SimPhysicalMemory memory = source.Memory;
            ulong limit = Math.Min(length, maxBytes);
            ulong done = 0;
            while (done < limit)
            {
                Translation from = source.Translate(sourceAddress + done, AccessKind.Read);
                if (!from.IsOk)
                {
                    return new CopyResult(CopyStatus.SourceFault, done, from.Fault);
                }
                Translation to = destination.Translate(destinationAddress + done, AccessKind.Write);
                if (!to.IsOk)
                {
                    return new CopyResult(CopyStatus.DestinationFault, done, to.Fault);
                }
                ulong piece = Math.Min(limit - done, Math.Min(Math.Min(from.BytesToPageEnd, to.BytesToPageEnd), SimPhysicalMemory.PageSize));
                // A large page may be longer than one frame of the backing array: never cross a 4 KiB frame per piece.
                piece = Math.Min(piece, SimPhysicalMemory.PageSize - (from.PhysicalAddress & (SimPhysicalMemory.PageSize - 1)));
                piece = Math.Min(piece, SimPhysicalMemory.PageSize - (to.PhysicalAddress & (SimPhysicalMemory.PageSize - 1)));
                memory.Range(from.PhysicalAddress, (int)piece).CopyTo(memory.Range(to.PhysicalAddress, (int)piece));
                done += piece;
            }
            return new CopyResult(done == length ? CopyStatus.Completed : CopyStatus.ChunkLimit, done, default);
        }
    }
}
