// An address space of the simulated machine: a 4-level x86-64 page-table tree (PML4 -> PDPT -> PD -> PT) stored in
// simulated physical memory and walked in software like the MMU does, so user accesses fault exactly where real
// hardware would: not-present entries at any level, missing user or write permission at any level, NX at any level.
// There is no TLB: every access walks, so a change to an entry takes effect at once (as after an invlpg).
using System;

namespace Verified.Hal.Sim.Machine
{
    public sealed class SimAddressSpace
    {
        private const ulong PageMask = SimPhysicalMemory.PageSize - 1;

        private readonly SimPhysicalMemory _memory;

        /// <summary>An empty address space with a fresh PML4.</summary>
        public SimAddressSpace(SimPhysicalMemory memory)
            : this(memory, memory.AllocateFrame())
        {
        }

        /// <summary>An address space over an existing tree (tables built by hand, or by another component).</summary>
        public SimAddressSpace(SimPhysicalMemory memory, ulong root)
        {
            if ((root & PageMask) != 0 || root == 0 || root >= memory.Size)
            {
                throw new ArgumentOutOfRangeException(nameof(root));
            }
            _memory = memory;
            Root = root;
        }

        /// <summary>Physical address of the PML4: what CR3 holds.</summary>
        public ulong Root { get; }

        public SimPhysicalMemory Memory => _memory;

        /// <summary>UTCB slots handed out to threads of this space (the next thread gets this slot).</summary>
        public int UtcbSlotsUsed { get; internal set; }

        /// <summary>Walks the tables for an access of <paramref name="kind"/> at <paramref name="virtualAddress"/>, from user
        /// mode or (<paramref name="user"/> false) from the kernel, which ignores U (no SMEP/SMAP) but honours W (CR0.WP).
        /// Sets accessed bits, and the dirty bit for writes, on success.</summary>
        public Translation Translate(ulong virtualAddress, AccessKind kind, bool user = true)
        {
            uint access = PageFault.AccessBits(kind, user);
            if (!PageTableEntry.IsCanonical(virtualAddress))
            {
                // A non-canonical address raises #GP on real hardware; the machine reports it as a reserved-bit fault.
                return Translation.Faulted(new PageFault(virtualAddress, access | PageFault.ReservedBit | PageFault.ProtectionBit));
            }
            ulong table = Root;
            ulong allowed = PageTableEntry.Writable | PageTableEntry.User;   // AND over levels
            bool noExecute = false;                                          // OR over levels
            Span<ulong> used = stackalloc ulong[4];
            for (int level = 3; level >= 0; level--)
            {
                ulong entryAddress = table + PageTableEntry.Index(virtualAddress, level) * 8;
                ulong entry = _memory.ReadUInt64(entryAddress);
                used[3 - level] = entryAddress;
                if ((entry & PageTableEntry.Present) == 0)
                {
                    return Translation.Faulted(new PageFault(virtualAddress, access));
                }
                bool large = (entry & PageTableEntry.PageSizeBit) != 0 && level > 0;
                if ((entry & PageTableEntry.ReservedMask) != 0 || (large && level == 3))
                {
                    return Translation.Faulted(new PageFault(virtualAddress, access | PageFault.ProtectionBit | PageFault.ReservedBit));
                }
                allowed &= entry;
                noExecute |= (entry & PageTableEntry.NoExecute) != 0;
                if (level == 0 || large)
                {
                    if (!Permitted(kind, user, allowed, noExecute))
                    {
                        return Translation.Faulted(new PageFault(virtualAddress, access | PageFault.ProtectionBit));
                    }
                    ulong pageSize = 1UL << (12 + 9 * level);
                    MarkUsed(used[..(4 - level)], kind == AccessKind.Write);
                    ulong frame = entry & PageTableEntry.AddressMask & ~(pageSize - 1);
                    return Translation.Ok(frame | (virtualAddress & (pageSize - 1)), pageSize);
                }
                table = entry & PageTableEntry.AddressMask;
            }
            throw new InvalidOperationException("unreachable: the walk ends at level 0");
        }

        /// <summary>Maps the 4 KiB page at <paramref name="virtualAddress"/> to <paramref name="physicalAddress"/> with leaf
        /// flags <paramref name="leafFlags"/> (Present is added), allocating missing tables with <see cref="PageTableEntry.TableFlags"/>.
        /// False for unaligned or non-canonical input, a large page on the path, or no memory for a table.</summary>
        public bool TryMap(ulong virtualAddress, ulong physicalAddress, ulong leafFlags)
        {
            if (((virtualAddress | physicalAddress) & PageMask) != 0 || !PageTableEntry.IsCanonical(virtualAddress)
                || physicalAddress >= _memory.Size)
            {
                return false;
            }
            if (!EnsureTables(virtualAddress))
            {
                return false;
            }
            _memory.WriteUInt64(EntryAddress(virtualAddress, 0),
                (physicalAddress & PageTableEntry.AddressMask) | (leafFlags & ~PageTableEntry.AddressMask) | PageTableEntry.Present);
            return true;
        }

        /// <summary>Allocates the missing tables down to the page table that maps <paramref name="virtualAddress"/>; false
        /// without memory or when a large page is in the way.</summary>
        public bool EnsureTables(ulong virtualAddress)
        {
            if (!PageTableEntry.IsCanonical(virtualAddress))
            {
                return false;
            }
            ulong table = Root;
            for (int level = 3; level > 0; level--)
            {
                ulong entryAddress = table + PageTableEntry.Index(virtualAddress, level) * 8;
                ulong entry = _memory.ReadUInt64(entryAddress);
                if ((entry & PageTableEntry.Present) == 0)
                {
                    if (!_memory.TryAllocateFrame(out ulong fresh))
                    {
                        return false;
                    }
                    entry = fresh | PageTableEntry.TableFlags;
                    _memory.WriteUInt64(entryAddress, entry);
                }
                else if ((entry & PageTableEntry.PageSizeBit) != 0)
                {
                    return false;
                }
                table = entry & PageTableEntry.AddressMask;
            }
            return true;
        }

        /// <summary>Maps a user page with L4 rights (read 4, write 2, execute 1), encoded as the mapping core's HAL does.</summary>
        public bool TryMapUser(ulong virtualAddress, ulong physicalAddress, byte rights) =>
            TryMap(virtualAddress, physicalAddress, PageTableEntry.UserLeaf(physicalAddress, rights) & ~PageTableEntry.AddressMask);

        /// <summary>Clears the 4 KiB leaf for <paramref name="virtualAddress"/>; returns the entry it held (0 if none).</summary>
        public ulong Unmap(ulong virtualAddress)
        {
            ulong entryAddress = EntryAddress(virtualAddress, 0);
            if (entryAddress == 0)
            {
                return 0;
            }
            ulong old = _memory.ReadUInt64(entryAddress);
            _memory.WriteUInt64(entryAddress, 0);
            return old;
        }

        /// <summary>Physical address of the entry that maps <paramref name="virtualAddress"/> at <paramref name="level"/>
        /// (3 = PML4 .. 0 = PT); 0 when a table above it is not present or is a large page.</summary>
        public ulong EntryAddress(ulong virtualAddress, int level)
        {
            if (level < 0 || level > 3)
            {
                throw new ArgumentOutOfRangeException(nameof(level));
            }
            ulong table = Root;
            for (int l = 3; l > level; l--)
            {
                ulong entry = _memory.ReadUInt64(table + PageTableEntry.Index(virtualAddress, l) * 8);
                if ((entry & PageTableEntry.Present) == 0 || (entry & PageTableEntry.PageSizeBit) != 0)
                {
                    return 0;
                }
                table = entry & PageTableEntry.AddressMask;
            }
            return table + PageTableEntry.Index(virtualAddress, level) * 8;
        }

        /// <summary>The leaf entry for <paramref name="virtualAddress"/>, or 0.</summary>
        public ulong LeafEntry(ulong virtualAddress)
        {
            ulong address = EntryAddress(virtualAddress, 0);
            return address == 0 ? 0 : _memory.ReadUInt64(address);
        }

        private static bool Permitted(AccessKind kind, bool user, ulong allowed, bool noExecute)
        {
            if (user && (allowed & PageTableEntry.User) == 0)
            {
                return false;
            }
            return kind switch
            {
                AccessKind.Write => (allowed & PageTableEntry.Writable) != 0,
                AccessKind.Execute => !noExecute,
                _ => true,
            };
        }

        private void MarkUsed(ReadOnlySpan<ulong> entryAddresses, bool write)
        {
            for (int i = 0; i < entryAddresses.Length; i++)
            {
                ulong entry = _memory.ReadUInt64(entryAddresses[i]) | PageTableEntry.Accessed;
                if (write && i == entryAddresses.Length - 1)
                {
                    entry |= PageTableEntry.Dirty;
                }
                _memory.WriteUInt64(entryAddresses[i], entry);
            }
        }
    }
}
