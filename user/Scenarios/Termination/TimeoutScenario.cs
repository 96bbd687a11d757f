// ErrSendTimeout and ErrRecvTimeout with nobody on the other side: zero and relative timeouts of each phase (the
// receive phase's error carries bit 24), and a Call whose send phase times out (no bit 24).
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed class TimeoutScenario : Scenario
    {
        private const uint Endpoint = 2;
        private const ulong RecvTimeout = Errors.RecvTimeout | ResultWord.ReceivePhaseBit;

        public TimeoutScenario() : base("ipc-timeouts")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint))
            {
                return;
            }
            ulong[] word = new ulong[] { 1 };
            check.Equal(Errors.SendTimeout, Ipc.Send(Endpoint, 1, word, Timeout.Zero).Result, "send, zero timeout");
            check.Equal(Errors.SendTimeout, Ipc.Send(Endpoint, 1, word, Timeout.Ticks(5)).Result, "send, 5 ticks");
            check.Equal(Errors.SendTimeout, Ipc.Call(Endpoint, 1, word, Timeout.Ticks(3), Timeout.Never).Result, "call, 3 ticks");
            check.Equal(RecvTimeout, Ipc.Wait(Endpoint, Timeout.Zero).Result, "wait, zero timeout");
            check.Equal(RecvTimeout, Ipc.Wait(Endpoint, Timeout.Ticks(5)).Result, "wait, 5 ticks");
            Workers.Delete(check, Endpoint);
        }
    }
}
