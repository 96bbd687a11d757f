// A message under construction, in the spirit of NRE's UTCB frames: untyped words first, then typed items (two
// words each), and the tag that counts them (docs/abi.md section 4). Reading a received message back is
// ReceivedFrame's job; string receive buffers are StringBuffers'.
using System;
using System.Collections.Generic;

namespace Verified.User.Sim
{
    public sealed class MessageFrame
    {
        public const ulong StringKind = 1;
        public const ulong MaxStringBytes = 4UL << 20;

        private readonly List<ulong> _untyped = new();
        private readonly List<ulong> _items = new();

        public MessageFrame(ulong label = 0)
        {
            Label = label;
        }

        public ulong Label { get; }

        /// <summary>MR0: label, t typed items, u untyped words.</summary>
        public ulong Tag => TagOf(Label, _untyped.Count, _items.Count / 2);

        /// <summary>The tag of a message with <paramref name="untyped"/> words and <paramref name="items"/> typed items
        /// (no checks: tests build malformed ones on purpose).</summary>
        public static ulong TagOf(ulong label, int untyped, int items) => (label << 16) | ((ulong)(uint)items << 6) | (uint)untyped;

        /// <summary>MR1..: the untyped words, then the items.</summary>
        public ulong[] Words
        {
            get
            {
                var words = new ulong[_untyped.Count + _items.Count];
                _untyped.CopyTo(words);
                _items.CopyTo(words, _untyped.Count);
                return words;
            }
        }

        public MessageFrame Put(params ulong[] words)
        {
            _untyped.AddRange(words);
            return this;
        }

        /// <summary>A string item: <paramref name="length"/> bytes at <paramref name="address"/> in the sender's space.</summary>
        public MessageFrame PutString(ulong address, ulong length)
        {
            if (length > MaxStringBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(length), "a string item carries at most 4 MiB");
            }
            return PutItem((length << 32) | StringKind, address);
        }

        public MessageFrame Put(TypedItem item) => PutItem(item.Word0, item.Word1);

        /// <summary>A typed item given as its two words (any kind, also malformed ones).</summary>
        public MessageFrame PutItem(ulong word0, ulong word1)
        {
            _items.Add(word0);
            _items.Add(word1);
            return this;
        }
    }

    /// <summary>The receiver's string buffers in its UTCB (BR0 bits 8-15 and BR3..): incoming string bytes fill them in
    /// order.</summary>
    public static class StringBuffers
    {
        private const int AcceptorBr = 0;
        private const int FirstBufferBr = 3;

        public static void Set(Verified.Hal.Sim.Machine.Utcb utcb, params (ulong Address, ulong Length)[] buffers)
        {
            if (buffers.Length > 14)
            {
                throw new ArgumentException("at most 14 string buffers", nameof(buffers));
            }
            ulong acceptor = utcb.GetBr(AcceptorBr) & ~0xFF00UL;
            utcb.SetBr(AcceptorBr, acceptor | ((ulong)buffers.Length << 8));
            for (int i = 0; i < buffers.Length; i++)
            {
                utcb.SetBr(FirstBufferBr + 2 * i, buffers[i].Length);
                utcb.SetBr(FirstBufferBr + 2 * i + 1, buffers[i].Address);
            }
        }

        /// <summary>Bytes of string items the last IPC moved (UTCB word 99), also after it failed midway.</summary>
        public static ulong Transferred(Verified.Hal.Sim.Machine.Utcb utcb) => utcb[Verified.Hal.Sim.Machine.Utcb.TransferredWord];
    }
}
