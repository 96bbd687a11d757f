extern alias mutant;

using System;
using System.Threading.Tasks;
using IpcState;
using Verified.Hal.Sim.Machine;
using KernelType = mutant::Verified.Hal.Sim.Kernel.SimKernel;

namespace Verified.Explorer.Kernel;

/// <summary>The Sim kernel built with the planted bugs (kernel/Core/PlantedBug.cs), <c>bug</c> switched on.</summary>
public sealed class MutantKernelUnderTest : IKernelUnderTest
{
    private readonly KernelType _kernel;

    public MutantKernelUnderTest(int bug, SimMachine machine, uint threads, uint ipcObjects, uint tasks, uint slotsPerTask,
        uint frames, uint mappingNodes)
    {
        mutant::Verified.Kernel.Core.PlantedBug.Active = bug;
        _kernel = new KernelType(machine, threads, ipcObjects, tasks, slotsPerTask, frames, mappingNodes);
    }

    public IpcKernel Ipc => _kernel.Core.Ipc;

    public CapsSpace.CapSpace Caps => _kernel.Core.Caps;

    public MappingDatabase.MappingDb Mapping => _kernel.Core.Mapping;

    public int CreateTask() => _kernel.CreateTask();

    public SimThread Spawn(string name, int task, byte priority, Func<SimUserContext, Task> code) =>
        _kernel.Spawn(name, task, priority, code);

    public uint IdOf(SimThread thread) => _kernel.IdOf(thread);

    public ulong BootTaskCapability(uint target, uint task, uint slot) => _kernel.Core.BootTaskCapability(target, task, slot);

    public ulong BootEndpoint(uint index, uint task, uint slot) => _kernel.Core.BootEndpoint(index, task, slot);

    public ulong BootNotification(uint index, uint task, uint slot) => _kernel.Core.BootNotification(index, task, slot);

    public ulong BootThreadCapability(uint thread, uint task, uint slot) =>
        _kernel.Core.BootThreadCapability(thread, task, slot);

    public ulong BootMint(uint task, uint source, uint destination, byte mask, ulong badge) =>
        _kernel.Core.BootMint(task, source, destination, mask, badge);

    public SimAddressSpace Space(int task) => _kernel.Space(task);

    public void SetPager(uint thread, uint endpoint, ulong badge) => _kernel.Core.SetPager(thread, endpoint, badge);

    public bool InNestedFault(uint thread) => _kernel.Core.InNestedFault(thread);

    public uint CheckTransfers() => _kernel.Core.CheckTransfers();

    public uint CopyCapability(uint fromTask, uint fromSlot, uint toTask, uint toSlot) =>
        _kernel.Core.Caps.Transfer(fromTask, fromSlot, toTask, toSlot, CapsTypes.__default.TransferCopy);
}
