// The scheduler interface is enough for systematic testing: a depth-first scheduler (the engine's dfs strategy in
// miniature) replays a prefix of choices and extends it, and enumerates every interleaving of a small scenario
// exactly once.
using System;
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class ExhaustiveExplorationTests
    {
        [Fact]
        public void DepthFirstSchedulerVisitsEveryInterleavingOfTwoThreadsOnce()
        {
            var outputs = new HashSet<string>();
            var explorer = new DepthFirstScheduler();
            int runs = 0;
            do
            {
                explorer.StartRun();
                var machine = new SimMachine(explorer);
                var kernel = new TestKernel(machine);
                SimAddressSpace space = machine.CreateAddressSpace();
                machine.CreateThread("A", space, ctx => CoroutineThreadTests.Print(ctx, "ab"));
                machine.CreateThread("B", space, ctx => CoroutineThreadTests.Print(ctx, "XY"));
                Assert.Equal(SimStopReason.AllThreadsFinished, machine.Run(100));
                outputs.Add(kernel.Output.ToString());
                runs++;
            }
            while (explorer.Backtrack());
            // Each thread takes 3 steps (two putchars and its return): C(6, 3) = 20 schedules, giving the C(4, 2) = 6
            // distinct outputs of the four characters.
            Assert.Equal(20, runs);
            Assert.Equal(new HashSet<string> { "abXY", "aXbY", "aXYb", "XabY", "XaYb", "XYab" }, outputs);
        }

        /// <summary>Stateless DFS over choice points: the stack holds (choice, options) per decision of the current run.</summary>
        private sealed class DepthFirstScheduler : ISimScheduler
        {
            private readonly List<(int Choice, int Options)> _stack = new();
            private int _depth;

            public void StartRun() => _depth = 0;

            public int NextEvent(ReadOnlySpan<SimEvent> enabled, long step)
            {
                if (_depth == _stack.Count)
                {
                    _stack.Add((0, enabled.Length));
                }
                else if (_stack[_depth].Options != enabled.Length)
                {
                    throw new InvalidOperationException("the run diverged from its prefix: not deterministic");
                }
                return _stack[_depth++].Choice;
            }

            public bool PreemptAt(int threadId, long step) => false;

            /// <summary>Advances to the next unexplored schedule; false when all are done.</summary>
            public bool Backtrack()
            {
                _stack.RemoveRange(_depth, _stack.Count - _depth);
                while (_stack.Count > 0)
                {
                    (int choice, int options) = _stack[^1];
                    if (choice + 1 < options)
                    {
                        _stack[^1] = (choice + 1, options);
                        return true;
                    }
                    _stack.RemoveAt(_stack.Count - 1);
                }
                return false;
            }
        }
    }
}
