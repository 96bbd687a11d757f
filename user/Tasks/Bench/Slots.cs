// The bench task's capability space and UTCB slots, beside the boot layout the root task gives it (slot 0 its task,
// 1 its thread, 63 the root's service endpoint). The server task (ServerTask.cs) holds its endpoints at the same slot
// numbers, so one server loop serves in either task.
namespace Verified.User.Bench
{
    internal static class Slots
    {
        public const uint Task = 0;
        public const uint Service = 63;

        public const uint PagerEndpoint = 2;       // faults of the server task's threads
        public const uint SameEndpoint = 3;        // same address space: plain server
        public const uint SameStampEndpoint = 4;   // same address space: server that timestamps
        public const uint CrossEndpoint = 5;       // server task: plain server
        public const uint CrossStampEndpoint = 6;  // server task: server that timestamps
        public const uint ItemEndpoint = 7;        // server task: server accepting a string and a map item
        public const uint PreemptEndpoint = 8;
        public const uint Ping = 9;                // notifications of the signal round trip
        public const uint Pong = 10;
        public const uint Done = 11;               // the low-priority sender's end
        public const uint FaultDone = 12;          // the page-fault row's end (FaultRow.cs)
        public const uint WaitEndpoint = 13;       // the server task's sender blocks here (ReceiveRows.cs)
        public const uint Irq = 14;                // COM1's line 4
        public const uint IrqSignal = 15;          // the notification it signals

        public const uint ServerTask = 16;
        public const uint LoadEndpoint = 17;       // the loaded server's endpoint (LoadedServerRow.cs)
        public const uint LoadDone = 18;           // the loaded-server row's end
        public const uint AsmEndpoint = 19;        // server task: the assembly loop's server (AssemblyRow.cs)
        public const uint FirstThread = 20;        // thread capabilities from here

        // UTCB slots are per task, but ThreadStacks keys stacks by UTCB slot in memory both tasks share: distinct
        // numbers across the two tasks. Slot 0 is the bench task's first thread.
        public const uint FirstUtcb = 1;
    }
}
