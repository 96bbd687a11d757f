// A message to send: label, untyped words, then typed items (MR1..MR63); the tag counts both.
namespace Verified.User.Library
{
    public sealed class MessageFrame
    {
        private readonly ulong[] _untyped = new ulong[MessageTag.MaxWords];
        private readonly ulong[] _items = new ulong[MessageTag.MaxWords + 1];
        private int _untypedCount;
        private int _itemWords;

        public MessageFrame(ulong label)
        {
            Label = label;
        }

        public ulong Label { get; }

        /// <summary>MR0: label, t typed items, u untyped words.</summary>
        public ulong Tag => MessageTag.Of(Label, _untypedCount, _itemWords / 2);

        /// <summary>Words beyond MR63 are dropped: the frame holds at most 63 (the kernel's limit too).</summary>
        public bool Overflowed { get; private set; }

        public int Length => _untypedCount + _itemWords;

        /// <summary>MR1..: the untyped words, then the items.</summary>
        public ulong[] Words
        {
            get
            {
                ulong[] words = new ulong[_untypedCount + _itemWords];
                for (int i = 0; i < _untypedCount; i++)
                {
                    words[i] = _untyped[i];
                }
                for (int i = 0; i < _itemWords; i++)
                {
                    words[_untypedCount + i] = _items[i];
                }
                return words;
            }
        }

        public MessageFrame Put(ulong word)
        {
            if (Length >= MessageTag.MaxWords)
            {
                Overflowed = true;
                return this;
            }
            _untyped[_untypedCount++] = word;
            return this;
        }

        public MessageFrame Put(ulong[] words)
        {
            for (int i = 0; i < words.Length; i++)
            {
                Put(words[i]);
            }
            return this;
        }

        public MessageFrame Put(TypedItem item) => PutItem(item.Word0, item.Word1);

        /// <summary>A typed item given as its two words (any kind, also malformed ones).</summary>
        public MessageFrame PutItem(ulong word0, ulong word1)
        {
            if (Length + 2 > MessageTag.MaxWords)
            {
                Overflowed = true;
                return this;
            }
            _items[_itemWords++] = word0;
            _items[_itemWords++] = word1;
            return this;
        }
    }
}
