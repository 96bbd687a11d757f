// What an Ipc syscall returned: the result word and, after a successful receive phase, the message.
using System;

namespace Verified.User.Sim
{
    public sealed class IpcResult
    {
        public IpcResult(ulong result, ulong badge, ulong tag, ulong[] words)
        {
            Result = result;
            Badge = badge;
            Tag = tag;
            Words = words;
        }

        /// <summary>rax: 0 or code | domain << 16 | receive-phase bit 24.</summary>
        public ulong Result { get; }

        public ulong Badge { get; }

        public ulong Tag { get; }

        /// <summary>MR1..MRu of the received message (empty when nothing was received).</summary>
        public ulong[] Words { get; }

        public ulong Label => Tag >> 16;

        public bool ReplyExpected => (Tag & (1UL << 12)) != 0;

        public static IpcResult Failed(ulong result) => new(result, 0, 0, Array.Empty<ulong>());
    }
}
