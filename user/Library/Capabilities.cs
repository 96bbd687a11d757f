// Syscalls 7 CapCopy, 8 CapMove, 9 CapDelete, 10 CapRevoke (docs/abi.md section 3) on the caller's capability space.
namespace Verified.User.Library
{
    public static class Capabilities
    {
        public const ulong RightRead = 1;
        public const ulong RightWrite = 2;
        public const ulong RightGrant = 4;
        public const ulong AllRights = 7;

        /// <summary>A copy of <paramref name="source"/> in <paramref name="destination"/> with the rights in
        /// <paramref name="mask"/> and the source's badge; returns rax.</summary>
        public static ulong Copy(ulong source, ulong destination, ulong mask = AllRights) =>
            CopyRaw(source, destination, mask, 0);

        /// <summary>A copy that carries <paramref name="badge"/> (non-zero; the source must have none); returns rax.</summary>
        public static ulong Mint(ulong source, ulong destination, ulong mask, ulong badge) =>
            CopyRaw(source, destination, mask, badge);

        /// <summary>CapCopy with every word as given (malformed ones too).</summary>
        public static ulong CopyRaw(ulong source, ulong destination, ulong mask, ulong badge) =>
            Syscall.Invoke(SyscallNumbers.CapCopy, source, destination, mask, badge);

        /// <summary>Moves the capability with its rights, badge and place in the derivation tree; returns rax.</summary>
        public static ulong Move(ulong source, ulong destination) =>
            Syscall.Invoke(SyscallNumbers.CapMove, source, destination);

        /// <summary>Deletes the capability after everything derived from it; the last capability of an object destroys
        /// the object. Returns rax (a thread that deletes its own last capability does not return).</summary>
        public static ulong Delete(ulong slot) => Syscall.Invoke(SyscallNumbers.CapDelete, slot);

        /// <summary>Deletes everything derived from the capability; the capability stays. Returns rax.</summary>
        public static ulong Revoke(ulong slot) => Syscall.Invoke(SyscallNumbers.CapRevoke, slot);
    }
}
