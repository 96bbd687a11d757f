// Boot-time object setup: the root task's threads and first capabilities, made directly in the cores before any
// user code runs (later the root task makes the rest with Create).
using CapsTypesC = CapsTypes.__default;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        /// <summary>Makes thread <paramref name="thread"/> of <paramref name="task"/> at priority <paramref name="priority"/>
        /// with the registers <paramref name="frame"/>; it is Ready at once. Returns the IPC core's code.</summary>
        public uint BootThread(uint thread, uint task, byte priority, ISyscallFrame frame)
        {
            if (thread >= Threads || task >= Objects.Tasks)
            {
                return IpcTypesC.ErrInvalidArgument;
            }
            uint code = Ipc.CreateThread(thread, priority);
            if (code == IpcTypesC.OK)
            {
                Attach(thread, task, frame);
            }
            return code;
        }

        /// <summary>Creates endpoint <paramref name="index"/> and its first capability (all rights) in (task, slot).</summary>
        public ulong BootEndpoint(uint index, uint task, uint slot) => CreateIpcObject(index, task, slot, CapsTypesC.TypeEndpoint);

        /// <summary>Creates notification <paramref name="index"/> and its first capability (all rights) in (task, slot).</summary>
        public ulong BootNotification(uint index, uint task, uint slot) =>
            CreateIpcObject(index, task, slot, CapsTypesC.TypeNotification);

        /// <summary>A capability (all rights) to thread <paramref name="thread"/> in (task, slot).</summary>
        public ulong BootThreadCapability(uint thread, uint task, uint slot) =>
            Abi.ResultWord.Caps(Caps.CreateRoot(task, slot, Objects.OfThread(thread), CapsTypesC.TypeThread, CapsTypesC.AllRights));

        /// <summary>A capability (all rights) to task <paramref name="target"/> in (task, slot).</summary>
        public ulong BootTaskCapability(uint target, uint task, uint slot) =>
            Abi.ResultWord.Caps(Caps.CreateRoot(task, slot, Objects.OfTask(target), CapsTypesC.TypeTask, CapsTypesC.AllRights));

        /// <summary>Copies the capability in (task, source) to (task, destination) with rights AND
        /// <paramref name="mask"/> and, if non-zero, <paramref name="badge"/> (the capability core's Mint).</summary>
        public ulong BootMint(uint task, uint source, uint destination, byte mask, ulong badge) =>
            Abi.ResultWord.Caps(Caps.Mint(task, source, destination, mask, badge));

        private void Attach(uint thread, uint task, ISyscallFrame frame)
        {
            _threads[thread].Frame = frame;
            _threads[thread].Task = task;
            _threads[thread].Pending = PendingResult.None;
            _threads[thread].ReplyTo = NoThread;
            SetTransferOf(thread, NoThread);
            // Until its first receive reads its buffers, a thread takes message words only: no strings, no map window.
            Ipc.StoreBuffer(thread, Abi.MessageTag.MaxWords, 0);
            CreateProxy(thread, (byte)Ipc.m.own[thread]);
        }

        private ulong CreateIpcObject(uint index, uint task, uint slot, byte type)
        {
            ulong check = CheckFreeSlot(task, slot);
            if (check != Abi.ResultWord.Ok)
            {
                return check;
            }
            if (index >= Objects.IpcObjects || Caps.refCount[index] != 0)
            {
                return Abi.ResultWord.Caps(CapsTypesC.ErrInvalidArgument);
            }
            uint code = type == CapsTypesC.TypeEndpoint ? Ipc.CreateEndpoint(index) : Ipc.CreateNotification(index);
            if (code != IpcTypesC.OK)
            {
                return Abi.ResultWord.Ipc(code, false);
            }
            return Abi.ResultWord.Caps(Caps.CreateRoot(task, slot, Objects.OfIpcObject(index), type, CapsTypesC.AllRights));
        }
    }
}
