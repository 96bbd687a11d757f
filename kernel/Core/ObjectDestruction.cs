// The end of objects (docs/abi.md section 3): an object goes when its last capability is deleted, a thread also when
// ThreadControl deletes it. The IPC core does the part its proofs cover (an endpoint's or notification's waiters get
// ErrNoPartner, a killed thread's partners ErrPartnerKilled); the kernel forgets what it keeps beside the core, so an
// index the core hands out again starts clean, and tells the machine, which must stop running a deleted thread.
using CapsTypesC = CapsTypes.__default;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private bool IsLiveThread(uint t)
        {
            byte s = Ipc.state[t];
            return s != IpcTypesC.Free && s != IpcTypesC.Dead;
        }

        /// <summary>The core side of a thread's end, whoever ends it (its code ended, it faulted, it was deleted):
        /// the thread dies in the IPC core and nothing the kernel keeps for it outlives it.</summary>
        private void KillThread(uint t)
        {
            _threads[t].Pending = PendingResult.None;
            _threads[t].Frame = null;
            _threads[t].WaitsForStart = false;
            // A reply owed to the dead thread must not reach a later thread created with the same index.
            for (uint x = 0; x < Threads; x++)
            {
                if (_threads[x].ReplyTo == t)
                {
                    _threads[x].ReplyTo = NoThread;
                }
            }
            _threads[t].ReplyTo = NoThread;
            _threads[t].InCall = false;
            SetPager(t, NoHandler, 0);
            SetExceptionHandler(t, NoHandler, 0);
            KillProxy(t);
            if (IsLiveThread(t))
            {
                Ipc.Kill(t);
            }
        }

        /// <summary>A thread deleted by the kernel (ThreadControl, or its last capability deleted): killed in the core,
        /// then stopped on the machine. The caller may be the thread itself; its syscall then never returns.</summary>
        private void DeleteThread(uint t)
        {
            if (!IsLiveThread(t))
            {
                return;
            }
            KillThread(t);
            _platform.ThreadDeleted(t);
        }

        /// <summary>Runs the teardown the capability core asks for when (obj, type) lost its last capability.</summary>
        private void DestroyObject(ulong obj, byte type)
        {
            if (type == CapsTypesC.TypeEndpoint || type == CapsTypesC.TypeNotification)
            {
                if (obj >= Objects.IpcObjects)
                {
                    return;
                }
                uint e = (uint)obj;
                if (Ipc.epAlive[e] != IpcTypesC.NoObject)
                {
                    Ipc.DestroyEndpoint(e);
                }
                ForgetHandler(e);
            }
            else if (type == CapsTypesC.TypeThread)
            {
                ulong first = Objects.OfThread(0);
                if (obj >= first && obj - first < Threads)
                {
                    DeleteThread((uint)(obj - first));
                }
            }
            else if (type == CapsTypesC.TypeTask)
            {
                ulong first = Objects.OfTask(0);
                if (obj >= first && obj - first < Objects.Tasks)
                {
                    TaskLost((uint)(obj - first));
                }
            }
        }

        // A pager or exception handler is kept as an IPC object index, not a capability: once the object is gone, the
        // index could name a later object that Create puts there, so threads lose the handler with the object.
        private void ForgetHandler(uint e)
        {
            for (uint t = 0; t < Threads; t++)
            {
                if (_pager[t] == e)
                {
                    SetPager(t, NoHandler, 0);
                }
                if (_exceptionHandler[t] == e)
                {
                    SetExceptionHandler(t, NoHandler, 0);
                }
            }
        }
    }
}
