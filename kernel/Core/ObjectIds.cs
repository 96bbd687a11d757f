// The capability core names objects by one id space; the kernel splits it by kind so that an id alone says which
// IPC-core array it indexes: [0, ipcObjects) endpoints and notifications (the IPC core's object slots),
// then threads, then tasks, then one IRQ object per interrupt line (IrqLines ids, whatever the machine has: the
// capability core has no IRQ type, so an IRQ capability is known by its id range; InterruptLines.cs).
using System.Runtime.CompilerServices;

namespace Verified.Kernel.Core
{
    public readonly struct ObjectIds
    {
        /// <summary>Ids reserved for IRQ objects: the most lines an interrupt controller here has (Sim's
        /// InterruptController takes up to 64), so the id space does not depend on the machine.</summary>
        public const uint IrqLines = 64;

        public readonly uint IpcObjects;
        public readonly uint Threads;
        public readonly uint Tasks;

        public ObjectIds(uint ipcObjects, uint threads, uint tasks)
        {
            IpcObjects = ipcObjects;
            Threads = threads;
            Tasks = tasks;
        }

        public uint Total => IpcObjects + Threads + Tasks + IrqLines;

        public uint OfIpcObject(uint index) => index;

        public uint OfThread(uint thread) => IpcObjects + thread;

        public uint OfTask(uint task) => IpcObjects + Threads + task;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint OfIrq(uint line) => IpcObjects + Threads + Tasks + line;
    }
}
