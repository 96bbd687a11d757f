// What an Ipc syscall returned: the result word and, after a successful receive phase, the message.
namespace Verified.User.Library
{
    public sealed class IpcResult
    {
        private static readonly ulong[] s_none = new ulong[0];

        // One shared result per IPC-domain word (code 0..16, with and without the receive-phase bit): polling loops
        // on X64 must not use up the bump heap, which frees nothing.
        private const int CachedCodes = 17;
        private static readonly IpcResult?[] s_failed = new IpcResult?[2 * CachedCodes];

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

        /// <summary>A result without a received message (a failure, or a call that only sent).</summary>
        public static IpcResult Failed(ulong result)
        {
            ulong code = result & ~ResultWord.ReceivePhaseBit;
            if (code >= CachedCodes)
            {
                return new IpcResult(result, 0, 0, s_none);
            }
            int index = (int)code + (ResultWord.InReceivePhase(result) ? CachedCodes : 0);
            IpcResult? cached = s_failed[index];
            if (cached is null)
            {
                cached = new IpcResult(result, 0, 0, s_none);
                s_failed[index] = cached;
            }
            return cached;
        }
    }
}
