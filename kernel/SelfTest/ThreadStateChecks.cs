// The Dafny-verified thread-state machine (spec/ThreadState.dfy), compiled to C# and run in the
// booted kernel: real transitions succeed with the state the spec's step relations name; invalid
// ones return the spec's error codes and leave the state unchanged.
using ThreadState;
using Spec = ThreadState.__default;

namespace Verified.Kernel.SelfTest
{
    internal sealed class ThreadStateValidTransitionsCheck : SelfCheck
    {
        public override string Name => "thread states: valid transitions (Dafny)";

        public override string? Run()
        {
            ThreadTable table = new ThreadTable();
            table.__ctor(4);
            return Expect(table, "Create 0", table.Create(0), 0, Spec.Ready)
                ?? Expect(table, "Create 1", table.Create(1), 1, Spec.Ready)
                ?? Expect(table, "Dispatch 0", table.Dispatch(0), 0, Spec.Running)
                ?? ExpectCurrent(table, 0)
                ?? Expect(table, "Dispatch 1 preempts 0", table.Dispatch(1), 0, Spec.Ready)
                ?? Expect(table, "thread 1 runs", Spec.OK, 1, Spec.Running)
                ?? Expect(table, "Block on receive", table.Block(Spec.BlockedReceive), 1, Spec.BlockedReceive)
                ?? ExpectCurrent(table, Spec.NoThread)
                ?? Expect(table, "Wake 1", table.Wake(1), 1, Spec.Ready)
                ?? Expect(table, "Dispatch 1", table.Dispatch(1), 1, Spec.Running)
                ?? Expect(table, "Yield", table.Yield(), 1, Spec.Ready)
                ?? Expect(table, "Dispatch 0 again", table.Dispatch(0), 0, Spec.Running)
                ?? Expect(table, "Kill the running thread", table.Kill(0), 0, Spec.Dead)
                ?? ExpectCurrent(table, Spec.NoThread)
                ?? Expect(table, "Create reuses a dead slot", table.Create(0), 0, Spec.Ready);
        }

        internal static string? Expect(ThreadTable table, string step, uint err, uint thread, byte state)
        {
            if (err != Spec.OK)
            {
                return string.Concat(step, ": error ", err.ToString());
            }

            byte actual = table.state[(int)thread];
            return actual == state ? null : string.Concat(step, ": state ", actual.ToString(), ", expected ", state.ToString());
        }

        internal static string? ExpectCurrent(ThreadTable table, uint thread) =>
            table.current == thread ? null : string.Concat("current is ", table.current.ToString(), ", expected ", thread.ToString());
    }

    internal sealed class ThreadStateInvalidTransitionsCheck : SelfCheck
    {
        public override string Name => "thread states: invalid transitions return spec errors (Dafny)";

        public override string? Run()
        {
            ThreadTable table = new ThreadTable();
            table.__ctor(2);
            return ExpectError("Create out of range", table.Create(2), Spec.ErrInvalidThread)
                ?? ExpectError("Dispatch a free thread", table.Dispatch(0), Spec.ErrWrongState)
                ?? ExpectError("Yield with no current thread", table.Yield(), Spec.ErrNoCurrent)
                ?? ExpectError("Block with a bad reason", table.Block(Spec.Ready), Spec.ErrInvalidArgument)
                ?? ExpectError("Block with no current thread", table.Block(Spec.BlockedSend), Spec.ErrNoCurrent)
                ?? ExpectError("Create 0", table.Create(0), Spec.OK)
                ?? ExpectError("Create twice", table.Create(0), Spec.ErrWrongState)
                ?? ExpectError("Wake a ready thread", table.Wake(0), Spec.ErrWrongState)
                ?? ExpectError("Kill a free thread", table.Kill(1), Spec.ErrWrongState)
                ?? ExpectError("Wake out of range", table.Wake(0xFFFFFFFF), Spec.ErrInvalidThread)
                ?? ExpectUnchanged(table);
        }

        private static string? ExpectError(string step, uint err, uint expected) =>
            err == expected ? null : string.Concat(step, ": error ", err.ToString(), ", expected ", expected.ToString());

        // Failed operations must not have changed anything: thread 0 Ready, thread 1 Free, none running.
        private static string? ExpectUnchanged(ThreadTable table) =>
            table.state[0] == Spec.Ready && table.state[1] == Spec.Free && table.current == Spec.NoThread
                ? null
                : "a failed operation changed the table";
    }
}
