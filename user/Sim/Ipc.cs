// The IPC operations of docs/abi.md section 4 as the specifier combinations of syscall 3. Each loads rdi, rsi, rdx
// and the message (MR0..MR8 in registers, MR9.. in the UTCB), enters the kernel once and reads rax, rsi and the
// received message registers. Messages with typed items are built with MessageFrame.
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Sim
{
    public static class Ipc
    {
        public const ulong Nil = 0xFFFF_FFFF;
        public const ulong ReplySpecifier = 0xFFFF_FFFE;
        public const ulong CallBit = 1UL << 32;

        /// <summary>A tag: label in bits 16-63, u untyped words.</summary>
        public static ulong Tag(ulong label, int untyped) => (label << 16) | (uint)untyped;

        public static Task<IpcResult> Call(SimUserContext ctx, uint endpoint, ulong label, ulong[] words,
            ushort sendTimeout = Timeout.Never, ushort receiveTimeout = Timeout.Never) =>
            Invoke(ctx, endpoint | CallBit, Nil, Timeout.Word(sendTimeout, receiveTimeout), Tag(label, words.Length), words);

        public static Task<IpcResult> Send(SimUserContext ctx, uint endpoint, ulong label, ulong[] words,
            ushort sendTimeout = Timeout.Never) =>
            Invoke(ctx, endpoint, Nil, Timeout.Word(sendTimeout, Timeout.Never), Tag(label, words.Length), words);

        /// <summary>Open wait on an endpoint slot, or closed receive when the slot names a thread.</summary>
        public static Task<IpcResult> Wait(SimUserContext ctx, uint slot, ushort receiveTimeout = Timeout.Never) =>
            Invoke(ctx, Nil, slot, Timeout.Word(Timeout.Never, receiveTimeout), 0, Array.Empty<ulong>());

        public static Task<IpcResult> Reply(SimUserContext ctx, ulong label, ulong[] words) =>
            Invoke(ctx, ReplySpecifier, Nil, Timeout.Word(Timeout.Zero, Timeout.Never), Tag(label, words.Length), words);

        public static Task<IpcResult> ReplyWait(SimUserContext ctx, uint endpoint, ulong label, ulong[] words,
            ushort receiveTimeout = Timeout.Never) =>
            Invoke(ctx, ReplySpecifier, endpoint, Timeout.Word(Timeout.Zero, receiveTimeout), Tag(label, words.Length), words);

        public static Task<IpcResult> Sleep(SimUserContext ctx, ushort timeout) =>
            Invoke(ctx, Nil, Nil, Timeout.Word(Timeout.Never, timeout), 0, Array.Empty<ulong>());

        public static Task<IpcResult> Call(SimUserContext ctx, uint endpoint, MessageFrame message,
            ulong timeouts = Timeout.AllNever) =>
            Invoke(ctx, endpoint | CallBit, Nil, timeouts, message.Tag, message.Words);

        public static Task<IpcResult> Send(SimUserContext ctx, uint endpoint, MessageFrame message,
            ulong timeouts = Timeout.AllNever) =>
            Invoke(ctx, endpoint, Nil, timeouts, message.Tag, message.Words);

        public static Task<IpcResult> Reply(SimUserContext ctx, MessageFrame message) =>
            Invoke(ctx, ReplySpecifier, Nil, Timeout.Word(Timeout.Zero, Timeout.Never), message.Tag, message.Words);

        public static Task<IpcResult> ReplyWait(SimUserContext ctx, uint endpoint, MessageFrame message,
            ushort receiveTimeout = Timeout.Never) =>
            Invoke(ctx, ReplySpecifier, endpoint, Timeout.Word(Timeout.Zero, receiveTimeout), message.Tag, message.Words);

        /// <summary>Open wait (or closed receive) with the whole timeout word given, page-fault timeouts included.</summary>
        public static Task<IpcResult> Wait(SimUserContext ctx, uint slot, ulong timeouts) =>
            Invoke(ctx, Nil, slot, timeouts, 0, Array.Empty<ulong>());

        /// <summary>Syscall 3 with the words given as they are: for callers that need malformed arguments too.
        /// MR1..MR8 go in registers, MR9.. in the UTCB.</summary>
        public static async Task<IpcResult> Invoke(SimUserContext ctx, ulong send, ulong receive, ulong timeouts, ulong tag,
            ulong[] words)
        {
            if (words.Length > Utcb.MessageRegisters - 1)
            {
                throw new ArgumentException("a message has at most 63 words (MR1..MR63)", nameof(words));
            }
            SimRegisters r = ctx.Registers;
            Utcb utcb = ctx.Utcb;
            r.Rax = SyscallNumbers.Ipc;
            r.Rdi = send;
            r.Rsi = receive;
            r.Rdx = timeouts;
            r.SetMessageRegister(0, tag);
            for (int i = 0; i < words.Length; i++)
            {
                if (i + 1 < SimRegisters.RegisterMessageRegisters)
                {
                    r.SetMessageRegister(i + 1, words[i]);
                }
                else
                {
                    utcb.SetMr(i + 1, words[i]);
                }
            }
            await ctx.Syscall();
            if (r.Rax != 0 || receive == Nil && (send & CallBit) == 0)
            {
                return IpcResult.Failed(r.Rax);
            }
            ulong received = r.GetMessageRegister(0);
            // The untyped words MR1..MRu; typed items follow them (MR(u+1)..), read by callers that expect them.
            int length = (int)(received & 0x3F);
            var message = new ulong[length];
            for (int i = 0; i < length; i++)
            {
                message[i] = i + 1 < SimRegisters.RegisterMessageRegisters ? r.GetMessageRegister(i + 1) : utcb.GetMr(i + 1);
            }
            return new IpcResult(r.Rax, r.Rsi, received, message);
        }
    }
}
