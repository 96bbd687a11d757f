// Syscalls 4 Notify and 5 NotifyWait (docs/abi.md section 3).
namespace Verified.User.Library
{
    public static class Notifications
    {
        /// <summary>ORs <paramref name="bits"/> into the notification; returns rax.</summary>
        public static ulong Notify(ulong notification, ulong bits) =>
            Syscall.Invoke(SyscallNumbers.Notify, notification, bits);

        /// <summary>Takes the pending bits (blocking up to the timeout while none are); returns rax, the bits in
        /// <paramref name="bits"/> (0 unless rax is 0).</summary>
        public static ulong Wait(ulong notification, ushort timeout, out ulong bits) =>
            WaitRaw(notification, (ulong)timeout << 16, out bits);

        /// <summary>NotifyWait with rdx as given (malformed words too).</summary>
        public static ulong WaitRaw(ulong notification, ulong rdx, out ulong bits)
        {
            SyscallRegisters r;
            ulong result = Syscall.Invoke(SyscallNumbers.NotifyWait, notification, 0, rdx, 0, 0, 0, out r);
            bits = result == ResultWord.Ok ? r.Rsi : 0;
            return result;
        }
    }
}
