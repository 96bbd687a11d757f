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

    int CreateTask();

    SimThread Spawn(string name, int task, byte priority, Func<SimUserContext, Task> code);

    uint IdOf(SimThread thread);

    ulong BootTaskCapability(uint target, uint task, uint slot);

    ulong BootEndpoint(uint index, uint task, uint slot);

    ulong BootNotification(uint index, uint task, uint slot);

    ulong BootThreadCapability(uint thread, uint task, uint slot);

    ulong BootMint(uint task, uint source, uint destination, byte mask, ulong badge);
}
