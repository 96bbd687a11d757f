// Syscalls 7 CapCopy, 8 CapMove, 9 CapDelete, 10 CapRevoke (docs/abi.md section 3) on the caller's capability space.
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Sim
{
    public static class Capabilities
    {
        public const ulong RightRead = 1;
        public const ulong RightWrite = 2;
        public const ulong RightGrant = 4;
        public const ulong AllRights = 7;

        /// <summary>A copy of <paramref name="source"/> in <paramref name="destination"/> with the rights in
        /// <paramref name="mask"/> and the source's badge; returns rax.</summary>
        public static Task<ulong> Copy(SimUserContext ctx, ulong source, ulong destination, ulong mask = AllRights) =>
            CopyRaw(ctx, source, destination, mask, 0);

        /// <summary>A copy that carries <paramref name="badge"/> (non-zero; the source must have none); returns rax.</summary>
        public static Task<ulong> Mint(SimUserContext ctx, ulong source, ulong destination, ulong mask, ulong badge) =>
            CopyRaw(ctx, source, destination, mask, badge);

        /// <summary>CapCopy with every word as given (for callers that need malformed words too).</summary>
        public static async Task<ulong> CopyRaw(SimUserContext ctx, ulong source, ulong destination, ulong mask, ulong badge)
        {
            ctx.Registers.R10 = badge;
            await ctx.Syscall(SyscallNumbers.CapCopy, source, destination, mask);
            return ctx.Registers.Rax;
        }

        public static async Task<ulong> Move(SimUserContext ctx, ulong source, ulong destination)
        {
            await ctx.Syscall(SyscallNumbers.CapMove, source, destination);
            return ctx.Registers.Rax;
        }

        /// <summary>Deletes the capability after everything derived from it; the last capability of an object destroys
        /// the object. Returns rax (a thread that deletes its own last capability does not return).</summary>
        public static async Task<ulong> Delete(SimUserContext ctx, ulong slot)
        {
            await ctx.Syscall(SyscallNumbers.CapDelete, slot);
            return ctx.Registers.Rax;
        }

        /// <summary>Deletes everything derived from the capability; the capability stays. Returns rax.</summary>
        public static async Task<ulong> Revoke(SimUserContext ctx, ulong slot)
        {
            await ctx.Syscall(SyscallNumbers.CapRevoke, slot);
            return ctx.Registers.Rax;
        }
    }
}
