// Long IPC: after a rendezvous of a message longer than the register words, the IPC core holds sender and receiver
// in the transfer stage (XferSend / XferRecv) and the machine runs the sender in the kernel (ContinueTransfer) once
// per step, so that every chunk ends at a preemption point. A chunk copies up to ChunkBytes of the string items,
// in order, into the receiver's string buffers, in order (gather and scatter over one byte sequence), with user
// permissions on both sides. A page that faults suspends the transfer in the core (PageFault, bounded by the
// page-fault timeout) and sends a nested page-fault IPC for the faulting side (FaultProxies.cs); the copy resumes
// at the same byte when it is resolved. The core counts progress in its own units (StringBase + bytes, ChunkWords
// per TransferChunk, starting after InlineWords); the kernel advances it only up to the bytes really copied, so the
// core completes the IPC exactly when the last byte has moved (StringBase is ChunkWords), and a whole chunk of
// ChunkBytes is one TransferChunk.
using System.Runtime.CompilerServices;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        /// <summary>The bytes of one chunk: the core's ChunkWords (a test checks), so a whole chunk is one
        /// TransferChunk. A page's worth: the chunk's copy (REP MOVS on X64) costs less than the scheduling step that
        /// follows it, so the preemption latency stays the kernel's own, and a chunk of smaller size paid that step
        /// several times per page.</summary>
        public const ulong ChunkBytes = 4096;

        private void InitTransfers(uint coreThreads)
        {
            for (uint t = 0; t < coreThreads; t++)
            {
                _threads[t].TransferOf = NoThread;
            }
            _inTransfer = new uint[coreThreads];
            _inTransferAt = new uint[coreThreads];
        }

        /// <summary>How many threads take part in a transfer (sender or receiver, suspended or not): the machine's
        /// search for a transfer to continue looks at these alone (<see cref="InTransfer"/>).</summary>
        public uint InTransferCount => _transfers;

        /// <summary>The <paramref name="i"/>th thread taking part in a transfer, in no particular order; every thread
        /// for which <see cref="IsTransferring"/> holds is one of them.</summary>
        public uint InTransfer(uint i) => _inTransfer[i];

        /// <summary>True when <paramref name="thread"/> is the sender of a transfer that is not suspended by a page
        /// fault: the machine runs it in the kernel (ContinueTransfer) at its scheduling priority.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsTransferring(uint thread)
        {
            if (thread >= Threads || Ipc.state[thread] != IpcTypesC.XferSend)
            {
                return false;
            }
            uint r = Ipc.obj[thread];
            return r < CoreThreads && Ipc.pfPending[thread] == 0 && Ipc.pfPending[r] == 0;
        }

        /// <summary>One chunk of sender <paramref name="s"/>'s transfer (the machine calls it at each step it gives the
        /// sender while <see cref="IsTransferring"/>).</summary>
        public void ContinueTransfer(uint s)
        {
            if (!IsTransferring(s))
            {
                return;
            }
            uint r = Ipc.obj[s];
            ulong now = _platform.Now();
            ulong faultAddress;
            ulong faultCode;
            byte status = CopyChunk(s, r, out faultAddress, out faultCode);
            AdvanceCore(s, now);
            if (status == UserCopyStatus.Completed)
            {
                // A chunk without a fault moves the transfer of these two threads, and only theirs; while the transfer
                // goes on, neither has anything to settle (both were settled into it when it began).
                NarrowSettle();
                if (_threads[s].Copied == _threads[s].StringBytes)
                {
                    Ipc.TransferChunk(s, now);
                }
                if (Ipc.state[s] != IpcTypesC.XferSend)
                {
                    Touch(s);
                    Touch(r);
                }
            }
            else
            {
                uint side = status == UserCopyStatus.SourceFault ? s : r;
                ulong timeout = Smaller(_threads[s].SendPfTimeout, _threads[r].RecvPfTimeout);
                Ipc.PageFault(side, timeout, now);
                StartNestedFault(side, faultAddress, faultCode);
            }
            Settle();
        }

        /// <summary>The core's progress follows the bytes copied, never past them (see the file comment).</summary>
        private void AdvanceCore(uint s, ulong now)
        {
            // The core's arrays as fields (`_state`, not the getter `state`): the getters are calls here.
            while (Ipc._state[s] == IpcTypesC.XferSend && Ipc._m._xferDone[s] < _threads[s].Copied)
            {
                Ipc.TransferChunk(s, now);
            }
        }

        /// <summary>Copies up to ChunkBytes from where the transfer stands; Completed when the chunk (or the whole
        /// string sequence) is done, else the side that faulted.</summary>
        private byte CopyChunk(uint s, uint r, out ulong faultAddress, out ulong faultCode)
        {
            faultAddress = 0;
            faultCode = 0;
            ulong budget = ChunkBytes;
            while (budget > 0 && _threads[s].Copied < _threads[s].StringBytes)
            {
                ulong sourceAddress;
                ulong sourceLeft;
                ulong destinationAddress;
                ulong destinationLeft;
                SourceAt(s, _threads[s].Copied, out sourceAddress, out sourceLeft);
                DestinationAt(r, _threads[s].Copied, out destinationAddress, out destinationLeft);
                ulong piece = Smaller(Smaller(sourceLeft, destinationLeft), budget);
                ulong copied;
                byte status = _platform.CopyUser(s, sourceAddress, r, destinationAddress, piece, out copied,
                    out faultAddress, out faultCode);
                _threads[s].Copied += copied;
                budget -= copied;
                if (status != UserCopyStatus.Completed)
                {
#if MUTANTS
                    if (PlantedBug.Is(PlantedBug.FaultChunkCounted))
                    {
                        _threads[s].Copied += piece - copied;
                    }
#endif
                    return status;
                }
            }
            return UserCopyStatus.Completed;
        }

        /// <summary>Where byte <paramref name="offset"/> of sender <paramref name="s"/>'s string sequence lies, and how
        /// many bytes of its string follow it.</summary>
        private void SourceAt(uint s, ulong offset, out ulong address, out ulong left)
        {
            uint row = s * Abi.MessageTag.MessageRegisters;
            ulong tag = _staged[row];
            uint words = (uint)Abi.MessageTag.Words(tag);
            for (uint item = 1 + (uint)Abi.MessageTag.Untyped(tag); item + 1 <= words; item += 2)
            {
                ulong length = _staged[row + item] >> 32;
                if ((_staged[row + item] & ItemKindMask) == StringKind && offset < length)
                {
                    address = _staged[row + item + 1] + offset;
                    left = length - offset;
                    return;
                }
                if ((_staged[row + item] & ItemKindMask) == StringKind)
                {
                    offset -= length;
                }
            }
            address = 0;
            left = 0;
        }

        private void DestinationAt(uint r, ulong offset, out ulong address, out ulong left)
        {
            uint row = r * BufferWords;
            for (uint i = 0; i < _threads[r].BufferCount; i++)
            {
                ulong length = _buffers[row + 2 * i];
                if (offset < length)
                {
                    address = _buffers[row + 2 * i + 1] + offset;
                    left = length - offset;
                    return;
                }
                offset -= length;
            }
            address = 0;
            left = 0;
        }

        private static ulong Smaller(ulong a, ulong b) => a < b ? a : b;

        /// <summary>The kernel's own bookkeeping of transfers and shadows against the IPC core, for checks after
        /// every entry (tests, fuzzer, explorer): 0 when it holds, else the number of the first rule broken.
        /// 1: a sender copied more than its strings; 2: the core's count is behind the bytes copied or has
        /// completed early; 3: a shadow is busy but its thread's transfer is not suspended; 4: an idle shadow of a
        /// live thread is not asleep; 5: the shadow of a thread that is not live is alive.</summary>
        public uint CheckTransfers()
        {
            for (uint t = 0; t < Threads; t++)
            {
                byte s = Ipc.state[t];
                if (s == IpcTypesC.XferSend)
                {
                    if (_threads[t].Copied > _threads[t].StringBytes)
                    {
                        return 1;
                    }
                    ulong done = Ipc.m.xferDone[t];
                    if (done < _threads[t].Copied || (_threads[t].StringBytes > 0 && done >= StringBase + _threads[t].StringBytes))
                    {
                        return 2;
                    }
                }
                bool suspended = (s == IpcTypesC.XferSend || s == IpcTypesC.XferRecv) && Ipc.pfPending[t] != 0;
                byte p = Ipc.state[ProxyOf(t)];
                bool live = s != IpcTypesC.Free && s != IpcTypesC.Dead;
                if (_proxyBusy[t] && !suspended)
                {
                    return 3;
                }
                if (!_proxyBusy[t] && live && p != IpcTypesC.Sleeping)
                {
                    return 4;
                }
                if (!live && p != IpcTypesC.Free && p != IpcTypesC.Dead)
                {
                    return 5;
                }
            }
            return 0;
        }
    }
}
