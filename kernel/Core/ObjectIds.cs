// The capability core names objects by one id space; the kernel splits it by kind so that an id alone says which
// IPC-core array it indexes: [0, ipcObjects) endpoints and notifications (the IPC core's object slots),
// then threads, then tasks.
namespace Verified.Kernel.Core
{
    public readonly struct ObjectIds
    {
        public readonly uint IpcObjects;
        public readonly uint Threads;
        public readonly uint Tasks;

        public ObjectIds(uint ipcObjects, uint threads, uint tasks)
        {
            IpcObjects = ipcObjects;
            Threads = threads;
            Tasks = tasks;
        }

        public uint Total => IpcObjects + Threads + Tasks;

        public uint OfIpcObject(uint index) => index;

        public uint OfThread(uint thread) => IpcObjects + thread;

        public uint OfTask(uint task) => IpcObjects + Threads + task;
    }
}
