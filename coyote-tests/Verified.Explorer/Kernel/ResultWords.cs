namespace Verified.Explorer.Kernel;

/// <summary>Result words of docs/abi.md section 2 the kernel scenarios expect (as tests/Verified.Sim.Kernel.Tests).</summary>
public static class ResultWords
{
    public const ulong Ok = 0;
    public const ulong ReceivePhase = 1UL << 24;
    public const ulong IpcCanceled = 8;
    public const ulong IpcPartnerKilled = 10;
    public const ulong IpcSendTimeout = 11;
    public const ulong IpcRecvTimeout = 12;
    public const ulong IpcNoPartner = 5;
    public const ulong IpcAborted = 9;
    public const ulong IpcSendPfTimeout = 13;
    public const ulong IpcNestedPf = 15;
}
