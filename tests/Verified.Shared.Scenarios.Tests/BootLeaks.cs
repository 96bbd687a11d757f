// What a scenario may leave behind when it ends, read from the kernel (the Sim side of the cleanup rule): no
// capability in slots 2..62 (63 is the service slot), no live endpoint or notification but the pager's, no thread
// alive but the main one and the pager, every machine thread finished but the pager's.
using System.Collections.Generic;
using Verified.Kernel.Core;
using Verified.User.Machines.Sim;
using CapsTypesC = CapsTypes.__default;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Shared.Scenarios.Tests
{
    internal static class BootLeaks
    {
        public static List<string> Find(SimBoot boot)
        {
            var leaks = new List<string>();
            KernelCore core = boot.Kernel.Core;
            for (uint slot = 2; slot < SimBoot.ServiceSlot; slot++)
            {
                core.Caps.Lookup((uint)boot.Task, slot, out uint err, out uint node);
                if (err != CapsTypesC.OK || core.Caps.capType[node] != CapsTypesC.TypeNull)
                {
                    leaks.Add($"slot {slot} (lookup {err}, type {(err == CapsTypesC.OK ? core.Caps.capType[node] : 0)})");
                }
            }
            for (uint index = 0; index < SimBoot.KernelIpcObjects; index++)
            {
                if (index != SimBoot.PagerEndpointObject && core.Caps.refCount[core.Objects.OfIpcObject(index)] != 0)
                {
                    leaks.Add($"IPC object {index} still named");
                }
            }
            for (uint thread = 0; thread < SimBoot.KernelThreads; thread++)
            {
                byte state = core.Ipc.state[thread];
                if (thread != boot.MainThread && thread != boot.PagerThread && state != IpcTypesC.Free && state != IpcTypesC.Dead)
                {
                    leaks.Add($"thread {thread} alive in state {state}");
                }
            }
            for (int id = 0; id < boot.Machine.ThreadCount; id++)
            {
                if (!boot.Machine.Thread(id).IsFinished && boot.Machine.Thread(id) != boot.PagerMachineThread)
                {
                    leaks.Add($"machine thread {boot.Machine.Thread(id)} not finished");
                }
            }
            return leaks;
        }
    }
}
