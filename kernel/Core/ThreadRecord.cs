// The syscall layer's state of one IPC-core thread (a thread or its page-fault shadow), kept in one record per thread
// rather than one array per field: a hot path takes a reference to the record once, pays one bounds check for it, and
// reaches every field through it at a fixed offset.
namespace Verified.Kernel.Core
{
    internal struct ThreadRecord
    {
        /// <summary>The machine's registers of the thread (null: no machine thread).</summary>
        public ISyscallFrame? Frame;

        /// <summary>The badge of the capability the staged message was sent through (0 for a reply).</summary>
        public ulong SendBadge;

        // The records of an IPC's transfer, page faults and receive buffers, kept so that their plain values (no
        // transfer, no strings or buffers, infinite page-fault timeouts) are all zero: a fast-path IPC, which needs
        // exactly those, writes them as one zeroed block (FastBegin: a few vector stores instead of one store each).
        // So the timeouts are kept complemented.
        internal TransferRecords Transfer;

        /// <summary>As a sender: the string bytes its transfer moved so far.</summary>
        public ulong Copied
        {
            readonly get => Transfer.Copied;
            set => Transfer.Copied = value;
        }

        /// <summary>The page-fault timeouts of the current IPC, as core values.</summary>
        public ulong SendPfTimeout
        {
            readonly get => ~Transfer.NotSendPfTimeout;
            set => Transfer.NotSendPfTimeout = ~value;
        }

        public ulong RecvPfTimeout
        {
            readonly get => ~Transfer.NotRecvPfTimeout;
            set => Transfer.NotRecvPfTimeout = ~value;
        }

        /// <summary>The bytes of the string items of the staged message.</summary>
        public ulong StringBytes
        {
            readonly get => Transfer.StringBytes;
            set => Transfer.StringBytes = value;
        }

        /// <summary>BR0, BR1 (Nil when it accepts no map items) and BR2 of the current receive phase.</summary>
        public ulong Acceptor
        {
            readonly get => Transfer.Acceptor;
            set => Transfer.Acceptor = value;
        }

        public ulong Window
        {
            readonly get => Transfer.Window;
            set => Transfer.Window = value;
        }

        public ulong CapabilitySlot
        {
            readonly get => Transfer.CapabilitySlot;
            set => Transfer.CapabilitySlot = value;
        }

        /// <summary>Receive buffers (BR3..) read at the current receive.</summary>
        public uint BufferCount
        {
            readonly get => Transfer.BufferCount;
            set => Transfer.BufferCount = value;
        }

        /// <summary>The task whose capabilities and address space the thread uses.</summary>
        public uint Task;

        /// <summary>The caller whose Call the thread received last and has not answered, or NoThread.</summary>
        public uint ReplyTo;

        /// <summary>The sender of the transfer the thread last took part in, or NoThread.</summary>
        public uint TransferOf;

        /// <summary>The kind of result the thread waits for inside its syscall (PendingResult).</summary>
        public byte Pending;

        /// <summary>The current IPC reached its receive phase; it has one.</summary>
        public bool ReceivePhase;

        public bool HasReceivePhase;

        /// <summary>The current IPC is a Call: what its receive phase delivers is the answer to it, not a request.</summary>
        public bool InCall;

        /// <summary>A thread made without a start address that waits for its first rip (ThreadStart.cs).</summary>
        public bool WaitsForStart;
    }

    // ThreadRecord's transfer and buffer records: all zero is the plain state (Abi.Flexpage.Nil is 0; the timeouts'
    // complements of Abi.Timeouts.Never are 0).
    internal struct TransferRecords
    {
        public ulong Copied;
        public ulong NotSendPfTimeout;
        public ulong NotRecvPfTimeout;
        public ulong StringBytes;
        public ulong Acceptor;
        public ulong Window;
        public ulong CapabilitySlot;
        public uint BufferCount;
    }
}
