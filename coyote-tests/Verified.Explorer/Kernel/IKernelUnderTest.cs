using System;
using System.Threading.Tasks;
using IpcState;
using Verified.Hal.Sim.Machine;

namespace Verified.Explorer.Kernel;

/// <summary>
/// What a scenario needs of the Sim kernel: boot objects, spawn threads, read the IPC core. An interface because the
/// kernel comes from two assemblies with the same type names: Verified.Sim.Kernel and its planted-bug build
/// (coyote-tests/Verified.Sim.Kernel.Mutants).
/// </summary>
public interface IKernelUnderTest
{
    IpcKernel Ipc { get; }

    CapsSpace.CapSpace Caps { get; }

    MappingDatabase.MappingDb Mapping { get; }

    int CreateTask();

    SimThread Spawn(string name, int task, byte priority, Func<SimUserContext, Task> code);

    uint IdOf(SimThread thread);

    ulong BootTaskCapability(uint target, uint task, uint slot);

    ulong BootEndpoint(uint index, uint task, uint slot);

    ulong BootNotification(uint index, uint task, uint slot);

    ulong BootThreadCapability(uint thread, uint task, uint slot);

    ulong BootMint(uint task, uint source, uint destination, byte mask, ulong badge);

    /// <summary>The address space of <paramref name="task"/>, for plain memory a scenario maps by hand.</summary>
    SimAddressSpace Space(int task);

    /// <summary>Page-fault IPC of <paramref name="thread"/> goes to endpoint <paramref name="endpoint"/> (IPC object).</summary>
    void SetPager(uint thread, uint endpoint, ulong badge);

    /// <summary>True while <paramref name="thread"/>'s nested page-fault IPC is in progress.</summary>
    bool InNestedFault(uint thread);

    /// <summary>The kernel's transfer and shadow bookkeeping against the IPC core: 0, or the rule broken.</summary>
    uint CheckTransfers();

    /// <summary>A copy of the capability in (fromTask, fromSlot) in (toTask, toSlot): the capability core's code.</summary>
    uint CopyCapability(uint fromTask, uint fromSlot, uint toTask, uint toSlot);
}
