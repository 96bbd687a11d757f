// Where the kernel sends a thread's page-fault IPC and exception IPC (docs/abi.md section 7): an endpoint (IPC object
// index) and the badge of the capability that named it, so the handler learns from the badge which thread faulted.
// ThreadControl sets them; boot code sets them for boot threads.
namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const uint NoHandler = 0xFFFF_FFFF;

        private uint[] _pager = null!;
        private ulong[] _pagerBadge = null!;
        private uint[] _exceptionHandler = null!;
        private ulong[] _exceptionBadge = null!;

        private void InitFaultHandlers(uint threads)
        {
            _pager = new uint[threads];
            _pagerBadge = new ulong[threads];
            _exceptionHandler = new uint[threads];
            _exceptionBadge = new ulong[threads];
            for (uint t = 0; t < threads; t++)
            {
                _pager[t] = NoHandler;
                _exceptionHandler[t] = NoHandler;
            }
        }

        /// <summary>Page-fault IPC of <paramref name="thread"/> goes to endpoint <paramref name="endpoint"/> (an IPC object
        /// index, or <see cref="NoHandler"/> for none) with <paramref name="badge"/>.</summary>
        public void SetPager(uint thread, uint endpoint, ulong badge)
        {
            if (thread < Threads)
            {
                _pager[thread] = endpoint;
                _pagerBadge[thread] = badge;
            }
        }

        /// <summary>Exception IPC of <paramref name="thread"/> goes to endpoint <paramref name="endpoint"/> with
        /// <paramref name="badge"/>.</summary>
        public void SetExceptionHandler(uint thread, uint endpoint, ulong badge)
        {
            if (thread < Threads)
            {
                _exceptionHandler[thread] = endpoint;
                _exceptionBadge[thread] = badge;
            }
        }

        public bool HasPager(uint thread) => thread < Threads && _pager[thread] != NoHandler;

        public bool HasExceptionHandler(uint thread) => thread < Threads && _exceptionHandler[thread] != NoHandler;
    }
}
