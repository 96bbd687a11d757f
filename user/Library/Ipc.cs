// The IPC operations of docs/abi.md section 4 as the specifier combinations of syscall 3. Each loads rdi, rsi, rdx
// and the message (MR0..MR8 in registers, MR9.. in the UTCB), enters the kernel once and reads rax, rsi and the
// received message (registers, then the UTCB).
namespace Verified.User.Library
{
    public static class Ipc
    {
        public const ulong Nil = 0xFFFF_FFFF;
        public const ulong ReplySpecifier = 0xFFFF_FFFE;
        public const ulong CallBit = 1UL << 32;
        private const int RegisterWords = 9;   // MR0..MR8

        private static readonly ulong[] s_empty = new ulong[0];

        public static ulong[] NoWords => s_empty;

        public static IpcResult Call(uint endpoint, ulong label, ulong[] words, ushort sendTimeout = Timeout.Never,
            ushort receiveTimeout = Timeout.Never) =>
            Invoke(endpoint | CallBit, Nil, Timeout.Word(sendTimeout, receiveTimeout),
                MessageTag.Of(label, words.Length, 0), words);

        public static IpcResult Send(uint endpoint, ulong label, ulong[] words, ushort sendTimeout = Timeout.Never) =>
            Invoke(endpoint, Nil, Timeout.Word(sendTimeout, Timeout.Never), MessageTag.Of(label, words.Length, 0), words);

        /// <summary>Open wait on an endpoint slot, or closed receive when the slot names a thread.</summary>
        public static IpcResult Wait(uint slot, ushort receiveTimeout = Timeout.Never) =>
            Invoke(Nil, slot, Timeout.Word(Timeout.Never, receiveTimeout), 0, s_empty);

        /// <summary>Closed receive: only from the thread in <paramref name="threadSlot"/> (the same call as Wait; the
        /// slot's object type decides).</summary>
        public static IpcResult Receive(uint threadSlot, ushort receiveTimeout = Timeout.Never) => Wait(threadSlot, receiveTimeout);

        public static IpcResult Reply(ulong label, ulong[] words) =>
            Invoke(ReplySpecifier, Nil, Timeout.Word(Timeout.Zero, Timeout.Never), MessageTag.Of(label, words.Length, 0), words);

        public static IpcResult ReplyWait(uint endpoint, ulong label, ulong[] words, ushort receiveTimeout = Timeout.Never) =>
            Invoke(ReplySpecifier, endpoint, Timeout.Word(Timeout.Zero, receiveTimeout), MessageTag.Of(label, words.Length, 0),
                words);

        /// <summary>Neither phase: the receive timeout is the sleep time; ends with OK.</summary>
        public static IpcResult Sleep(ushort timeout) => Invoke(Nil, Nil, Timeout.Word(Timeout.Never, timeout), 0, s_empty);

        public static IpcResult Call(uint endpoint, MessageFrame message, ulong timeouts = Timeout.AllNever) =>
            Invoke(endpoint | CallBit, Nil, timeouts, message.Tag, message.Words);

        public static IpcResult Send(uint endpoint, MessageFrame message, ulong timeouts = Timeout.AllNever) =>
            Invoke(endpoint, Nil, timeouts, message.Tag, message.Words);

        public static IpcResult Reply(MessageFrame message) =>
            Invoke(ReplySpecifier, Nil, Timeout.Word(Timeout.Zero, Timeout.Never), message.Tag, message.Words);

        public static IpcResult ReplyWait(uint endpoint, MessageFrame message, ushort receiveTimeout = Timeout.Never) =>
            Invoke(ReplySpecifier, endpoint, Timeout.Word(Timeout.Zero, receiveTimeout), message.Tag, message.Words);

        /// <summary>Syscall 3 with the words given as they are (malformed ones too). MR1..MR8 go in registers,
        /// MR9.. in the UTCB; more than 63 words cannot be loaded at all and give ErrInvalidArgument without a
        /// kernel entry, as the kernel would for u + 2t > 63.</summary>
        public static IpcResult Invoke(ulong send, ulong receive, ulong timeouts, ulong tag, ulong[] words)
        {
            if (words.Length > MessageTag.MaxWords)
            {
                return IpcResult.Failed(Errors.InvalidArgument);
            }
            SyscallRegisters r = default;
            r.Rax = SyscallNumbers.Ipc;
            r.Rdi = send;
            r.Rsi = receive;
            r.Rdx = timeouts;
            r.SetMessageRegister(0, tag);
            for (int i = 0; i < words.Length; i++)
            {
                if (i + 1 < RegisterWords)
                {
                    r.SetMessageRegister(i + 1, words[i]);
                }
                else
                {
                    Utcb.SetMr((uint)(i + 1), words[i]);
                }
            }
            Machine.Syscall(ref r);
            if (r.Rax != ResultWord.Ok || (receive == Nil && (send & CallBit) == 0))
            {
                return IpcResult.Failed(r.Rax);
            }
            ulong received = r.GetMessageRegister(0);
            int length = MessageTag.Length(received);
            if (length > MessageTag.MaxWords)
            {
                length = MessageTag.MaxWords;
            }
            ulong[] message = length == 0 ? s_empty : new ulong[length];
            for (int i = 0; i < length; i++)
            {
                message[i] = i + 1 < RegisterWords ? r.GetMessageRegister(i + 1) : Utcb.GetMr((uint)(i + 1));
            }
            return new IpcResult(r.Rax, r.Rsi, received, message);
        }
    }
}
