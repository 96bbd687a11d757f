// A tiny kernel for exercising the machine: a few syscalls (null, putchar, exit, yield, a one-word rendezvous and a
// chunked cross-space copy with preemption points), a page-fault handler that asks the test how to resolve a fault,
// and interrupt handling that records each line and acknowledges it.
using System;
using System.Collections.Generic;
using System.Text;
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Tests
{
    internal sealed class TestKernel : ISimKernel
    {
        public const ulong Null = 0;
        public const ulong PutChar = 1;
        public const ulong Exit = 2;
        public const ulong Yield = 3;
        public const ulong SendWord = 4;      // rdi = receiver thread id, rsi = word: blocks until the receiver takes it
        public const ulong ReceiveWord = 5;   // blocks until a word arrives; rax = word, rsi = sender id
        public const ulong CopyTo = 6;        // rdi = target thread id, rsi = source va, rdx = destination va, r10 = length
        public const ulong ErrorUnknown = ulong.MaxValue;
        public const ulong ErrorFault = ulong.MaxValue - 1;
        public const ulong ChunkBytes = 64;

        private readonly SimMachine _machine;
        private readonly Dictionary<int, SimThread> _receivers = new();
        private readonly Dictionary<int, (SimThread Sender, ulong Word)> _waitingSenders = new();
        private readonly Dictionary<int, CopyState> _copies = new();

        public TestKernel(SimMachine machine)
        {
            _machine = machine;
            machine.AttachKernel(this);
        }

        public StringBuilder Output { get; } = new();

        public List<string> Log { get; } = new();

        public List<int> InterruptsTaken { get; } = new();

        public List<PageFault> Faults { get; } = new();

        public int Continues { get; private set; }

        /// <summary>Resolves a user page fault (true: the thread retries); null or false blocks the thread for good.</summary>
        public Func<SimThread, PageFault, bool>? FaultHandler { get; set; }

        /// <summary>Acknowledge interrupts at once (otherwise they stay in service).</summary>
        public bool AcknowledgeInterrupts { get; set; } = true;

        public long Syscalls { get; private set; }

        public void Syscall(SimThread thread)
        {
            Syscalls++;
            SimRegisters r = thread.Registers;
            switch (r.Rax)
            {
                case Null:
                case Yield:
                    r.Rax = 0;
                    break;
                case PutChar:
                    Output.Append((char)(byte)r.Rdi);
                    r.Rax = 0;
                    break;
                case Exit:
                    Log.Add($"exit {thread.Id} {r.Rdi}");
                    _machine.Block(thread);
                    break;
                case SendWord:
                    Send(thread, (int)r.Rdi, r.Rsi);
                    break;
                case ReceiveWord:
                    Receive(thread);
                    break;
                case CopyTo:
                    _copies[thread.Id] = new CopyState(_machine.Thread((int)r.Rdi), r.Rsi, r.Rdx, r.R10);
                    _machine.Block(thread);
                    Continue(thread);
                    break;
                default:
                    r.Rax = ErrorUnknown;
                    break;
            }
        }

        public void PageFault(SimThread thread, PageFault fault)
        {
            Faults.Add(fault);
            Log.Add($"pf {thread.Id} 0x{fault.Address:X} {fault.ErrorCode}");
            if (FaultHandler is null || !FaultHandler(thread, fault))
            {
                _machine.Block(thread);
            }
        }

        public void Exception(SimThread thread, int vector, ulong errorCode)
        {
            Log.Add($"exception {thread.Id} {vector} {errorCode}");
            _machine.Block(thread);
        }

        public void Interrupt(int line)
        {
            InterruptsTaken.Add(line);
            if (AcknowledgeInterrupts)
            {
                _machine.Interrupts.Acknowledge(line);
            }
        }

        /// <summary>The chunked copy: one chunk per preemption point, a fault ends it with an error.</summary>
        public void Continue(SimThread thread)
        {
            Continues++;
            CopyState copy = _copies[thread.Id];
            while (true)
            {
                CopyResult result = UserCopy.Copy(thread.Space, copy.Source + copy.Done, copy.Target.Space,
                    copy.Destination + copy.Done, copy.Length - copy.Done, ChunkBytes);
                copy.Done += result.Copied;
                if (result.Status == CopyStatus.Completed)
                {
                    Finish(thread, copy.Done);
                    return;
                }
                if (result.IsFault)
                {
                    Faults.Add(result.Fault);
                    Finish(thread, ErrorFault);
                    return;
                }
                if (_machine.PreemptionPoint(thread))
                {
                    _machine.ContinueInKernel(thread);
                    return;
                }
            }
        }

        public void ThreadFinished(SimThread thread) => Log.Add($"finished {thread.Id}");

        private void Finish(SimThread thread, ulong result)
        {
            _copies.Remove(thread.Id);
            thread.Registers.Rax = result;
            _machine.Wake(thread);
        }

        private void Send(SimThread sender, int receiverId, ulong word)
        {
            if (_receivers.Remove(receiverId, out SimThread? receiver))
            {
                receiver.Registers.Rax = word;
                receiver.Registers.Rsi = (ulong)sender.Id;
                _machine.Wake(receiver);
                sender.Registers.Rax = 0;
                return;
            }
            _waitingSenders[receiverId] = (sender, word);
            _machine.Block(sender);
        }

        private void Receive(SimThread receiver)
        {
            if (_waitingSenders.Remove(receiver.Id, out var waiting))
            {
                receiver.Registers.Rax = waiting.Word;
                receiver.Registers.Rsi = (ulong)waiting.Sender.Id;
                waiting.Sender.Registers.Rax = 0;
                _machine.Wake(waiting.Sender);
                return;
            }
            _receivers[receiver.Id] = receiver;
            _machine.Block(receiver);
        }

        private sealed class CopyState
        {
            public CopyState(SimThread target, ulong source, ulong destination, ulong length)
            {
                Target = target;
                Source = source;
                Destination = destination;
                Length = length;
            }

            public SimThread Target { get; }
            public ulong Source { get; }
            public ulong Destination { get; }
            public ulong Length { get; }
            public ulong Done { get; set; }
        }
    }
}
