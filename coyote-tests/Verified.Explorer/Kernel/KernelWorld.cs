using System;
using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Hal.Sim.Machine;

namespace Verified.Explorer.Kernel;

/// <summary>
/// The kernel on a SimMachine whose scheduler is the engine, with one task holding an endpoint and a notification
/// (the layout of tests/Verified.Sim.Kernel.Tests/World.cs). Runs one machine step at a time so that the IPC
/// invariant is checked between every two steps, where a broken queue would otherwise be hidden by later steps.
/// </summary>
public sealed class KernelWorld
{
    public const uint TaskSlot = 0;
    public const uint Endpoint = 1;
    public const uint Notification = 2;
    public const uint NotificationObject = 1;
    public const uint FirstThreadSlot = 8;

    /// <summary>The mapping core's nodes beyond sigma0's frames: room for the mappings scenarios make (a few pages
    /// each). Not the Sim kernel's default 1024 nodes: the mapping invariant, checked after every step, walks every
    /// free node.</summary>
    public const uint SpareMappingNodes = 64;

    /// <summary>Plain user memory a scenario maps by hand (below the mapping window).</summary>
    public const ulong Ram = 0x1000_0000;

    /// <param name="plantedBug">0: the real kernel; otherwise run the mutants build with this planted bug
    /// (kernel/Core/PlantedBug.cs)</param>
    /// <param name="tasks">Tasks the kernel has room for: 1, the task every scenario uses, or 2 for a scenario with a
    /// client task (<see cref="CreateClientTask"/>). Each costs a mapping window and 4096 slots of the mapping core's
    /// slot table, which its invariant scans after every step.</param>
    /// <param name="sigma0Frames">The frames sigma0 (task 0) owns at boot, mapped at its window pages from 0: mapped
    /// page by page when the kernel boots, and roots of the mapping core that its invariant checks after every step.
    /// The scenarios that map sigma0's pages ask for as many as they use.</param>
    public KernelWorld(ControlledRuntime runtime, int plantedBug = 0, uint tasks = 1, uint sigma0Frames = 16)
    {
        var scheduler = new EngineSimScheduler(runtime);
        Machine = new SimMachine(scheduler, frames: 256);
        scheduler.Machine = Machine;
        Kernel = plantedBug != 0
            ? new MutantKernelUnderTest(plantedBug, Machine, threads: 8, ipcObjects: 4, tasks, slotsPerTask: 16,
                sigma0Frames, sigma0Frames + SpareMappingNodes)
            : new SimKernelUnderTest(Machine, threads: 8, ipcObjects: 4, tasks, slotsPerTask: 16,
                sigma0Frames, sigma0Frames + SpareMappingNodes);
        IKernelUnderTest kernel = Kernel;
        scheduler.TimeMatters = () => AnyTimedWait(kernel.Ipc);
        Task = Kernel.CreateTask();
        Boot(Kernel.BootTaskCapability((uint)Task, (uint)Task, TaskSlot), "task capability");
        Boot(Kernel.BootEndpoint(0, (uint)Task, Endpoint), "endpoint");
        Boot(Kernel.BootNotification(NotificationObject, (uint)Task, Notification), "notification");
    }

    public SimMachine Machine { get; }

    public IKernelUnderTest Kernel { get; }

    public int Task { get; }

    /// <summary>A thread at priority <paramref name="priority"/> and a capability to it in its thread slot.</summary>
    public SimThread Spawn(string name, Func<SimUserContext, Task> code, byte priority = 5)
    {
        SimThread thread = Kernel.Spawn(name, Task, priority, code);
        ulong result = Kernel.BootThreadCapability(Kernel.IdOf(thread), (uint)Task, SlotOf(thread));
        Specification.Assert(result == 0, $"boot capability to {name}: result {result:x}");
        return thread;
    }

    /// <summary>One more endpoint, IPC object <paramref name="index"/> (0 and 1 are taken), capability in
    /// <paramref name="slot"/> (between the notification's slot and the first thread slot).</summary>
    public void BootEndpoint(uint index, uint slot)
    {
        ulong result = Kernel.BootEndpoint(index, (uint)Task, slot);
        Specification.Assert(result == 0, $"boot endpoint {index}: result {result:x}");
    }

    public uint SlotOf(SimThread thread) => FirstThreadSlot + Kernel.IdOf(thread);

    /// <summary>A second task (its own address space and mapping window) holding copies of the task's capabilities in
    /// <paramref name="slots"/>, in the same slots.</summary>
    public int CreateClientTask(params uint[] slots)
    {
        int client = Kernel.CreateTask();
        foreach (uint slot in slots)
        {
            uint code = Kernel.CopyCapability((uint)Task, slot, (uint)client, slot);
            Specification.Assert(code == 0, $"copy of slot {slot} to task {client}: {code}");
        }
        return client;
    }

    /// <summary>A copy of the capability in <paramref name="source"/> with all rights and <paramref name="badge"/> in
    /// <paramref name="destination"/>.</summary>
    public void BootMint(uint source, uint destination, ulong badge)
    {
        ulong result = Kernel.BootMint((uint)Task, source, destination, 7, badge);
        Specification.Assert(result == 0, $"boot mint of slot {source}: result {result:x}");
    }

    /// <summary>Maps <paramref name="pages"/> fresh zeroed read-write pages at <paramref name="address"/> in the task.</summary>
    public void MapRam(ulong address, int pages)
    {
        SimAddressSpace space = Kernel.Space(Task);
        for (int i = 0; i < pages; i++)
        {
            ulong page = address + (ulong)i * SimPhysicalMemory.PageSize;
            Specification.Assert(space.TryMapUser(page, Machine.Memory.AllocateFrame(), 6), $"map 0x{page:x}");
        }
    }

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="address"/> (mapped pages) through the kernel's view,
    /// one page piece at a time (a walk per page, not per byte).</summary>
    public void Write(ulong address, byte[] bytes)
    {
        SimAddressSpace space = Kernel.Space(Task);
        int done = 0;
        while (done < bytes.Length)
        {
            ulong at = address + (ulong)done;
            Translation t = space.Translate(at, AccessKind.Write, user: false);
            Specification.Assert(t.IsOk, $"write to unmapped 0x{at:x}");
            int piece = (int)Math.Min((ulong)(bytes.Length - done), SimPhysicalMemory.PageSize - (at & (SimPhysicalMemory.PageSize - 1)));
            bytes.AsSpan(done, piece).CopyTo(Machine.Memory.Range(t.PhysicalAddress, piece));
            done += piece;
        }
    }

    /// <summary>The byte at <paramref name="address"/>, or -1 when it is not mapped.</summary>
    public int Read(ulong address)
    {
        Translation t = Kernel.Space(Task).Translate(address, AccessKind.Read, user: false);
        return t.IsOk ? Machine.Memory.ReadByte(t.PhysicalAddress) : -1;
    }

    /// <summary>Runs to the end one step at a time, asserting the IPC invariant after each (and the scenario's own
    /// <paramref name="check"/>, for properties of the moment such as a deadline); fails if the threads do not all
    /// finish within <paramref name="maxSteps"/> (a thread blocked for good).</summary>
    public void RunToEnd(long maxSteps = 400, Action? check = null)
    {
        for (long i = 0; i < maxSteps; i++)
        {
            SimStopReason reason = Machine.Run(1);
            string? broken = IpcKernelInvariant.Check(Kernel.Ipc);
            Specification.Assert(broken is null, $"IPC invariant after step {Machine.Steps}: {broken}");
            CheckCapabilities();
            string? mapping = Verified.Core.Tests.Mapping.MappingInvariant.Check(Kernel.Mapping);
            Specification.Assert(mapping is null, $"mapping invariant after step {Machine.Steps}: {mapping}");
            uint transfers = Kernel.CheckTransfers();
            Specification.Assert(transfers == 0,
                $"transfer bookkeeping after step {Machine.Steps}: rule {transfers}, {TransferRule(transfers)} (KernelCore.CheckTransfers)");
            check?.Invoke();
            if (reason == SimStopReason.AllThreadsFinished)
            {
                return;
            }
            Specification.Assert(reason == SimStopReason.StepLimit, $"machine stopped: {reason} at step {Machine.Steps}");
        }
        Specification.Assert(false, $"threads still running after {maxSteps} steps");
    }

    private void CheckCapabilities()
    {
        try
        {
            Verified.Core.Tests.Caps.CapSpaces.Check(Kernel.Caps);
        }
        catch (InvalidOperationException broken)
        {
            Specification.Assert(false, $"capability invariant after step {Machine.Steps}: {broken.Message}");
        }
    }

    /// <summary>Some thread of the IPC core waits with a deadline (it is in the timer wheel): only then can the timer
    /// firing early change what happens.</summary>
    private static bool AnyTimedWait(IpcState.IpcKernel ipc)
    {
        uint n = ipc.n;
        uint[] owner = ipc.q.owner;
        for (uint t = 0; t < n; t++)
        {
            if (owner[n + t] != IpcKernelInvariant.QNil)
            {
                return true;
            }
        }
        return false;
    }

    private static string TransferRule(uint rule) => rule switch
    {
        1 => "a sender copied more than its strings",
        2 => "the IPC core's count is behind the bytes copied, or completed early",
        3 => "nested IPC not withdrawn: a shadow is busy while its thread's transfer is not suspended",
        4 => "an idle shadow of a live thread is not asleep",
        _ => "the shadow of a thread that is not live is alive",
    };

    // Messages are formatted only on failure (Specification.Assert's interpolated-string handler).
    private static void Boot(ulong result, string what) =>
        Specification.Assert(result == 0, $"boot {what}: result {result:x}");
}
