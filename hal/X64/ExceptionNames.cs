// Mnemonic and name of each CPU exception vector, for fault reports.
namespace Verified.Hal.X64
{
    public static class ExceptionNames
    {
        public static string Of(ulong vector)
        {
            switch (vector)
            {
                case 0: return "#DE divide error";
                case 1: return "#DB debug";
                case 2: return "NMI";
                case 3: return "#BP breakpoint";
                case 4: return "#OF overflow";
                case 5: return "#BR bound range exceeded";
                case 6: return "#UD invalid opcode";
                case 7: return "#NM device not available";
                case 8: return "#DF double fault";
                case 9: return "coprocessor segment overrun";
                case 10: return "#TS invalid TSS";
                case 11: return "#NP segment not present";
                case 12: return "#SS stack-segment fault";
                case 13: return "#GP general protection";
                case 14: return "#PF page fault";
                case 16: return "#MF x87 floating-point";
                case 17: return "#AC alignment check";
                case 18: return "#MC machine check";
                case 19: return "#XM SIMD floating-point";
                case 20: return "#VE virtualization";
                case 21: return "#CP control protection";
                case 28: return "#HV hypervisor injection";
                case 29: return "#VC VMM communication";
                case 30: return "#SX security";
                default: return "reserved";
            }
        }
    }
}
