// Every array of both cores as one word list: equal snapshots before and after a call mean it changed nothing.
using System.Collections.Generic;
using Verified.Kernel.Core;

namespace Verified.Sim.Kernel.Tests
{
    internal static class CoreSnapshot
    {
        public static ulong[] Take(KernelCore core)
        {
            var words = new List<ulong> { core.Ipc.current };
            var ipc = core.Ipc;
            foreach (byte b in ipc.state) words.Add(b);
            foreach (byte b in ipc.prio) words.Add(b);
            foreach (uint x in ipc.obj) words.Add(x);
            foreach (uint x in ipc.err) words.Add(x);
            foreach (ulong x in ipc.deadline) words.Add(x);
            foreach (byte b in ipc.epAlive) words.Add(b);
            words.AddRange(ipc.m.msgWord);
            words.AddRange(ipc.m.msgLen);
            words.AddRange(ipc.m.recvWord);
            words.AddRange(ipc.m.recvLen);
            words.AddRange(ipc.m.ntfWord);
            var caps = core.Caps;
            foreach (byte b in caps.capType) words.Add(b);
            words.AddRange(caps.capObj);
            foreach (byte b in caps.capRights) words.Add(b);
            words.AddRange(caps.capBadge);
            words.AddRange(caps.refCount);
            return words.ToArray();
        }
    }
}
