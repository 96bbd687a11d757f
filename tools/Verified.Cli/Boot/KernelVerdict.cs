namespace Verified.Cli.Boot;

/// <summary>
/// The contract between the kernel and the boot verb. The kernel ends every run by writing to the isa-debug-exit port
/// (0xf4); QEMU then exits with <c>(value &lt;&lt; 1) | 1</c>. Any other way out of QEMU means the kernel never reached a
/// verdict: with <c>-no-reboot</c> a triple fault makes QEMU exit with status 0, which must never read as success.
/// </summary>
internal static class KernelVerdict
{
    /// <summary>The kernel wrote 0x10: every self-check passed.</summary>
    public const int QemuPass = (0x10 << 1) | 1;

    /// <summary>The kernel wrote 0x11: a self-check failed or the kernel panicked.</summary>
    public const int QemuFail = (0x11 << 1) | 1;

    /// <summary>Maps QEMU's exit status to the verb's: 0 pass, 1 failure; the message says which and why.</summary>
    public static (int ExitCode, string Message) Interpret(int qemuStatus, bool timedOut, int timeoutSeconds) =>
        timedOut ? (1, $"no verdict within {timeoutSeconds} s: the kernel hangs")
        : qemuStatus switch
        {
            QemuPass => (0, "kernel verdict: pass"),
            QemuFail => (1, "kernel verdict: FAIL"),
            0 => (1, "QEMU stopped without a verdict (triple fault or reset)"),
            _ => (1, $"QEMU exited with status {qemuStatus} without a verdict"),
        };
}
