// What a send takes from its sender and a receive from its receiver (docs/abi.md sections 4 and 5), read once at
// the syscall so that nothing the user changes afterwards (registers, UTCB words written by other threads of the
// task) can change a message in flight:
// - the send: MR0..MR8 from the registers and MR9..MR(u+2t) from the UTCB into the sender's staged row, its typed
//   items validated, the bytes of its string items summed;
// - the receive: the acceptor BR0 and the string buffers BR3.. into the receiver's buffer row.
// The IPC core decides copy failure by comparing two numbers, the message length and the receive capacity; string
// bytes enter both on one scale (StringBase + bytes), so that a message whose strings do not fit the buffers fails
// with ErrCopyFailed on both sides, exactly.
namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong ItemKindMask = 0xF;
        private const ulong StringKind = 1;
        private const ulong MaxStringBytes = 4UL << 20;
        private const uint MaxStringBuffers = 14;
        private const uint BufferWords = 2 * MaxStringBuffers;
        private const uint FirstBufferWord = 67;         // BR3
        private const uint TransferredWord = 99;

        // The core length of a message with strings: above every word count (MR1..MR63), so that a receiver with
        // no string buffers (capacity MaxWords) fails it, and above InlineWords, so that it enters the transfer. It
        // is the core's ChunkWords: one TransferChunk per chunk of ChunkBytes, completing exactly when the core's
        // count reaches the string bytes (LongTransfer.cs).
        private const ulong StringBase = ChunkBytes;

        private ulong[] _buffers = null!;           // per thread: BR3..BR30 as read at its receive

        private void InitMessages(uint coreThreads)
        {
            _buffers = new ulong[coreThreads * BufferWords];
        }

        /// <summary>Stages thread <paramref name="c"/>'s message and checks its typed items (TypedItems.CheckItems, one
        /// pass over them): the result word of the first bad item (nothing staged that matters then), or Ok with the
        /// length the IPC core is given and the rights of its map and grant items.</summary>
        private ulong StageMessage(uint c, ISyscallFrame frame, uint task, ulong sendSlot, ulong badge,
            out ulong coreLength, out ulong itemRights)
        {
            uint row = c * Abi.MessageTag.MessageRegisters;
            ulong tag = frame.GetMessageRegister(0);
            uint words = (uint)Abi.MessageTag.Words(tag);
            coreLength = 0;
            _staged[row] = tag;
            StageRegisterWords(ref frame.Registers, row, words);
            uint first = (uint)Abi.MessageTag.RegisterWords + 1;
            if (words >= first)
            {
                _platform.ReadUtcbWords(c, first, words - first + 1, _staged, row + first);
            }
            ulong strings;
            ulong check = CheckItems(task, c, tag, sendSlot, out itemRights, out strings);
            if (check != Abi.ResultWord.Ok)
            {
                return check;
            }
            _threads[c].StringBytes = strings;
            _threads[c].Copied = 0;
            _threads[c].SendBadge = badge;
            coreLength = strings == 0 ? words : StringBase + strings;
            return Abi.ResultWord.Ok;
        }

        /// <summary>Reads thread <paramref name="c"/>'s string buffers for its receive (its acceptor already read): the result word of
        /// a malformed one, or Ok with the capacity the IPC core is given.</summary>
        private ulong ReadBuffers(uint c, ulong acceptor, out ulong capacity)
        {
            capacity = Abi.MessageTag.MaxWords;
            uint count = (uint)((acceptor >> 8) & 0xFF);
            if ((acceptor & ~0xFF03UL) != 0 || count > MaxStringBuffers)
            {
                return Abi.ResultWord.InvalidArgument;
            }
            ulong total = 0;
            uint row = c * BufferWords;
            for (uint i = 0; i < 2 * count; i += 2)
            {
                ulong length = _platform.ReadUtcb(c, FirstBufferWord + i);
                ulong address = _platform.ReadUtcb(c, FirstBufferWord + i + 1);
                if (length > MaxStringBytes || address + length < address)
                {
                    return Abi.ResultWord.InvalidArgument;
                }
                _buffers[row + i] = length;
                _buffers[row + i + 1] = address;
                total += length;
            }
            _threads[c].BufferCount = count;
            if (count > 0)
            {
                capacity = StringBase + total;
            }
            return Abi.ResultWord.Ok;
        }
    }
}
