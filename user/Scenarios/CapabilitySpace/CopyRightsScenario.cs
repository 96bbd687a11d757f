// CapCopy with a mask: the copy has only the masked rights - sending needs RightWrite, receiving RightRead.
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    public sealed class CopyRightsScenario : Scenario
    {
        private const uint Endpoint = 2, ReadOnly = 3, WriteOnly = 4, NoRights = 5;

        public CopyRightsScenario() : base("cap-copy-rights")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, ReadOnly, Capabilities.RightRead), "read-only copy");
            check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, WriteOnly, Capabilities.RightWrite), "write-only copy");
            check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, NoRights, 0), "copy without rights");
            check.Equal(Errors.CapsInvalidArgument, Probe.Send(ReadOnly), "send without RightWrite");
            check.Equal(Errors.RecvTimeout | ResultWord.ReceivePhaseBit, Ipc.Wait(ReadOnly, Timeout.Zero).Result, "wait with RightRead");
            check.Equal(Errors.SendTimeout, Probe.Send(WriteOnly), "send with RightWrite");
            check.Equal(Errors.CapsInvalidArgument, Ipc.Wait(WriteOnly, Timeout.Zero).Result, "wait without RightRead");
            check.Equal(Errors.CapsInvalidArgument, Probe.Send(NoRights), "send without rights");
            // Rights only shrink: a copy of the read-only copy with all rights is still read-only.
            check.Equal(ResultWord.Ok, Capabilities.Copy(ReadOnly, 6, Capabilities.AllRights), "copy of the read-only copy");
            check.Equal(Errors.CapsInvalidArgument, Probe.Send(6), "send through it");
            Workers.Delete(check, new uint[] { 6, ReadOnly, WriteOnly, NoRights, Endpoint });
        }
    }
}
