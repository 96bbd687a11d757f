// One program run on the simulated machine: the task its threads run in, their OS threads, the debug log and the
// teardown. Threads the kernel deleted (or that still block when the run ends) stay parked in their kernel entry;
// Dispose cancels them so that no OS thread outlives the run.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Verified.Hal.Sim.Kernel;

namespace Verified.User.Machines.Sim
{
    public sealed class SimProgram : IDisposable
    {
        private readonly SimKernel _kernel;
        private readonly CancellationTokenSource _stopping = new();
        private readonly List<Thread> _threads = new();
        private readonly StringBuilder _log = new();
        private SimUserThread? _unbound;

        public SimProgram(SimKernel kernel, int task)
        {
            _kernel = kernel;
            Task = task;
        }

        public int Task { get; }

        /// <summary>Everything the program printed (Machine.Print).</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        internal CancellationToken Stopping => _stopping.Token;

        /// <summary>A thread for <paramref name="body"/> whose coroutine the caller hands to the machine (a boot thread).</summary>
        public SimUserThread Thread(string name, Action body) => new(this, name, body);

        internal void Write(string text)
        {
            lock (_log)
            {
                _log.Append(text);
            }
        }

        internal void Track(Thread thread)
        {
            lock (_threads)
            {
                _threads.Add(thread);
            }
        }

        /// <summary>The thread the next Create (thread) of this task binds: prepared with the kernel, or the one an
        /// earlier failed Create left prepared.</summary>
        internal SimUserThread PrepareThread(string name, Action body)
        {
            if (_unbound is not null)
            {
                _unbound.Replace(body);
                return _unbound;
            }
            var thread = new SimUserThread(this, name, body);
            _kernel.Prepare(name, Task, thread.Run);
            _unbound = thread;
            return thread;
        }

        internal void ThreadBound(SimUserThread thread)
        {
            if (ReferenceEquals(_unbound, thread))
            {
                _unbound = null;
            }
        }

        public void Dispose()
        {
            _stopping.Cancel();
            Thread[] threads;
            lock (_threads)
            {
                threads = _threads.ToArray();
            }
            foreach (Thread thread in threads)
            {
                if (!thread.Join(TimeSpan.FromSeconds(10)))
                {
                    throw new InvalidOperationException($"{thread.Name} did not stop at the end of the run");
                }
            }
            _stopping.Dispose();
        }
    }
}
