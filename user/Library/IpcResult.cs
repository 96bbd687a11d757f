// What an Ipc syscall returned: the result word and, after a successful receive phase, the message.
namespace Verified.User.Library
{
    public sealed class IpcResult
    {
        private static readonly ulong[] s_none = new ulong[0];

        public IpcResult(ulong result, ulong badge, ulong tag, ulong[] words)
        {
            Result = result;
            Badge = badge;
            Tag = tag;
            Words = words;
        }

        /// <summary>rax: 0 or code | domain &lt;&lt; 16 | receive-phase bit 24.</summary>
        public ulong Result { get; }

        public ulong Badge { get; }

        /// <summary>The received MR0 (0 when nothing was received).</summary>
        public ulong Tag { get; }

        /// <summary>MR1..MR(u+2t) of the received message: the untyped words, then the typed items' words.</summary>
        public ulong[] Words { get; }

        public bool IsOk => Result == ResultWord.Ok;

        public ulong Label => MessageTag.Label(Tag);

        public int Untyped => MessageTag.Untyped(Tag);

        public int Items => MessageTag.Items(Tag);

        public bool ReplyExpected => MessageTag.ReplyExpected(Tag);

        /// <summary>Word <paramref name="index"/> of the received message (MR(index+1)), 0 beyond its length.</summary>
        public ulong Word(int index) => (uint)index < (uint)Words.Length ? Words[index] : 0;

        public static IpcResult Failed(ulong result) => new IpcResult(result, 0, 0, s_none);
    }
}
