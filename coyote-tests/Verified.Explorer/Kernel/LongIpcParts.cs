using System;
using System.Threading.Tasks;
using Verified.Coyote.Specifications;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;

namespace Verified.Explorer.Kernel;

/// <summary>
/// What the long-IPC scenarios share: a string of known bytes in the task's plain memory, a receive buffer for it, a
/// pager endpoint, and the check that the receiver holds exactly the bytes the transfer reports as moved.
/// </summary>
public static class LongIpcParts
{
    public const ulong Source = KernelWorld.Ram;
    public const ulong Target = KernelWorld.Ram + 0x10_0000;
    public const uint PagerEndpoint = 3;
    public const uint PagerObject = 2;
    public const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;

    /// <summary>Byte i of the string: never 0, so an unwritten buffer byte shows.</summary>
    public static byte Pattern(int i) => (byte)(1 + (i * 7) % 250);

    /// <summary>A string of <paramref name="length"/> bytes at Source, its first <paramref name="mappedPages"/> pages
    /// mapped and written (the rest fault), and a mapped receive buffer of the same length at Target.</summary>
    public static void Prepare(KernelWorld world, int length, int mappedPages)
    {
        int pages = (length + 4095) / 4096;
        world.MapRam(Source, mappedPages);
        var bytes = new byte[Math.Min(length, mappedPages * 4096)];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = Pattern(i);
        }
        world.Write(Source, bytes);
        world.MapRam(Target, pages);
    }

    /// <summary>The pager endpoint in the task, and page-fault IPC of <paramref name="thread"/> going to it.</summary>
    public static void GivePager(KernelWorld world, SimThread thread)
    {
        world.BootEndpoint(PagerObject, PagerEndpoint);
        world.Kernel.SetPager(world.Kernel.IdOf(thread), PagerObject, 0x9A6E);
    }

    /// <summary>Maps the page of a fault at <paramref name="address"/> and writes the string's bytes into it.</summary>
    public static void Resolve(KernelWorld world, ulong address, int length)
    {
        ulong page = address & ~0xFFFUL;
        world.MapRam(page, 1);
        int from = (int)(page - Source);
        var bytes = new byte[Math.Max(0, Math.Min(4096, length - from))];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = Pattern(from + i);
        }
        world.Write(page, bytes);
    }

    /// <summary>The receiver's buffer holds the first <paramref name="moved"/> bytes of the string and nothing after.</summary>
    public static void AssertMoved(KernelWorld world, ulong moved, int length)
    {
        Specification.Assert(moved <= (ulong)length, $"{moved} bytes reported moved of {length}");
        for (int i = 0; i < (int)moved; i += 97)
        {
            Specification.Assert(world.Read(Target + (ulong)i) == Pattern(i), $"buffer byte {i} is {world.Read(Target + (ulong)i)}");
        }
        if (moved > 0)
        {
            int last = (int)moved - 1;
            Specification.Assert(world.Read(Target + (ulong)last) == Pattern(last), $"buffer byte {last} is wrong");
        }
        if (moved < (ulong)length)
        {
            Specification.Assert(world.Read(Target + moved) == 0, $"buffer byte {moved} written beyond the {moved} moved");
        }
    }

    /// <summary>Sends the string, watched by <see cref="EverySendAnswered"/>.</summary>
    public static Task<IpcResult> Send(SimUserContext ctx, int length, ulong timeouts) =>
        Answered.Watch("sender", () => Ipc.Send(ctx, KernelWorld.Endpoint, new MessageFrame(0x51).PutString(Source, (ulong)length), timeouts));
}
