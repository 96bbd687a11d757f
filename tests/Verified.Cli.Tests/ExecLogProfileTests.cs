using System.Linq;
using Verified.Cli.Profiling;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class ExecLogProfileTests
{
    // Two translations: A (3 instructions at 0x1000) and the marker block M (2 at 0x2000); then A is retranslated at
    // a new host address with 1 instruction (as QEMU does after a flush), which must count 1, not 3.
    private static readonly string[] s_log =
    [
        "----------------",
        "IN: ",
        "0x00001000:  48 89 c7                 movq     %rax, %rdi",
        "0x00001003:  48 89 c7                 movq     %rax, %rdi",
        "0x00001006:  c3                       retq     ",
        "",
        "Trace 0: 0x7f0000000100 [0000000000000000/0000000000001000/00000040/ff020200] ",
        "----------------",
        "IN: ",
        "0x00002000:  90                       nop      ",
        "0x00002001:  c3                       retq     ",
        "",
        "Trace 0: 0x7f0000000200 [0000000000000000/0000000000002000/00000040/ff020200] ",
        "Trace 0: 0x7f0000000100 [0000000000000000/0000000000001000/00000040/ff020200] ",
        "Trace 0: 0x7f0000000200 [0000000000000000/0000000000002000/00000040/ff020200] ",
        "----------------",
        "IN: ",
        "0x00001000:  c3                       retq     ",
        "",
        "Trace 0: 0x7f0000000300 [0000000000000000/0000000000001000/00000040/ff020200] ",
        "Trace 0: 0x7f0000000200 [0000000000000000/0000000000002000/00000040/ff020200] ",
        "Trace 0: 0x7f0000000100 [0000000000000000/0000000000001000/00000040/ff020200] ",
    ];

    [Fact]
    public void CountsEachTranslationsLengthInsideTheMarkerWindow()
    {
        // Window: from the second marker execution on, up to the one after the third.
        var profile = new ExecLogProfile(marker: 0x2000, from: 1, to: 3);
        foreach (string line in s_log)
        {
            profile.Feed(line);
        }
        Assert.Equal(2, profile.Operations);
        // Inside: M (2), A retranslated (1), M (2), A at its first host address (3); the first A, M and A are not.
        Assert.Equal(1 + 3, profile.Counts[0x1000]);
        Assert.Equal(2 + 2, profile.Counts[0x2000]);
        // Executions count blocks, not instructions: A twice and M twice inside the window.
        Assert.Equal(2, profile.Executions[0x1000]);
        Assert.Equal(2, profile.Executions[0x2000]);
        Assert.False(profile.Done);
        profile.Feed("Trace 0: 0x7f0000000200 [0000000000000000/0000000000002000/00000040/ff020200] ");
        Assert.True(profile.Done);
        Assert.Equal(2, profile.Operations);
    }

    [Fact]
    public void WithAStopAddressCountsOnlyFromEachMarkerToTheNextStop()
    {
        // M (marker, 2 at 0x2000), A (3 at 0x1000), S (stop, 1 at 0x3000), B (4 at 0x4000: the other thread's work
        // after the stop, outside every span).
        string[] log =
        [
            "IN: ", "0x00002000:  90  nop", "0x00002001:  c3  retq", "",
            "Trace 0: 0x7f0000000200 [0000000000000000/0000000000002000/00000040/ff020200] ",
            "IN: ", "0x00001000:  90  nop", "0x00001001:  90  nop", "0x00001002:  c3  retq", "",
            "Trace 0: 0x7f0000000100 [0000000000000000/0000000000001000/00000040/ff020200] ",
            "IN: ", "0x00003000:  c3  retq", "",
            "Trace 0: 0x7f0000000300 [0000000000000000/0000000000003000/00000040/ff020200] ",
            "IN: ", "0x00004000:  90  nop", "0x00004001:  90  nop", "0x00004002:  90  nop", "0x00004003:  c3  retq", "",
            "Trace 0: 0x7f0000000400 [0000000000000000/0000000000004000/00000040/ff020200] ",
            "Trace 0: 0x7f0000000200 [0000000000000000/0000000000002000/00000040/ff020200] ",
            "Trace 0: 0x7f0000000100 [0000000000000000/0000000000001000/00000040/ff020200] ",
            "Trace 0: 0x7f0000000300 [0000000000000000/0000000000003000/00000040/ff020200] ",
            "Trace 0: 0x7f0000000400 [0000000000000000/0000000000004000/00000040/ff020200] ",
            "Trace 0: 0x7f0000000400 [0000000000000000/0000000000004000/00000040/ff020200] ",
        ];
        var profile = new ExecLogProfile(marker: 0x2000, from: 0, to: 2, stop: 0x3000);
        foreach (string line in log)
        {
            profile.Feed(line);
        }
        Assert.Equal(2, profile.Operations);
        Assert.Equal(2 + 2, profile.Counts[0x2000]);
        Assert.Equal(3 + 3, profile.Counts[0x1000]);
        Assert.False(profile.Counts.ContainsKey(0x3000));
        Assert.False(profile.Counts.ContainsKey(0x4000));
    }

    [Fact]
    public void NamesAddressesByTheNearestSymbolBelowAndSortsThemIntoLayers()
    {
        const string nm = "0000000000100000 T boot_entry\n0000000000100634 T syscall_entry\n" +
            "0000000000105db0 T Verified_Kernel_IpcQueues_LinkedQueues__Remove\n0000000000110000 D some_data\n" +
            "0000000000112000 t Verified_Kernel_Verified_Kernel_Core_KernelCore__IpcCall\n";
        var symbols = new SymbolTable(SymbolTable.Parse(nm, null).Concat(
            SymbolTable.Parse("0000000040801650 T Bench_CallOperation\n", "bench.bin")));
        Assert.Equal("syscall_entry", symbols.NameOf(0x100700));
        Assert.Equal("Verified_Kernel_IpcQueues_LinkedQueues__Remove", symbols.NameOf(0x111000));
        Assert.Equal("Verified_Kernel_Verified_Kernel_Core_KernelCore__IpcCall", symbols.NameOf(0x112010));
        Assert.Equal("Bench_CallOperation [bench.bin]", symbols.NameOf(0x40801660));
        Assert.Equal("?", symbols.NameOf(0x10));
        Assert.Equal("verified IPC core (spec/Ipc)", SymbolTable.LayerOf(symbols.NameOf(0x105db0)));
        Assert.Equal("syscall layer (kernel/Core)", SymbolTable.LayerOf(symbols.NameOf(0x112000)));
        Assert.Equal("entry and exit assembly (boot/X64)", SymbolTable.LayerOf("syscall_entry"));
        Assert.StartsWith("user program", SymbolTable.LayerOf(symbols.NameOf(0x40801650)));
    }
}
