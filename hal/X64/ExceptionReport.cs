// One line on COM1 describing a CPU exception: what it was, where, and the faulting address.
namespace Verified.Hal.X64
{
    public static unsafe class ExceptionReport
    {
        /// <summary>Prints "<paramref name="what"/>: vector V (name) error E rip R cr2 C rsp S".</summary>
        public static void Write(string what, InterruptFrame* frame)
        {
            Serial.Write(what);
            Serial.Write(": vector ");
            Serial.WriteDecimal(frame->Vector);
            Serial.Write(" (");
            Serial.Write(ExceptionNames.Of(frame->Vector));
            Serial.Write(") error ");
            Serial.WriteHex(frame->ErrorCode);
            Serial.Write(" rip ");
            Serial.WriteHex(frame->Rip);
            Serial.Write(" cr2 ");
            Serial.WriteHex(Cpu.ReadCr2());
            Serial.Write(" rsp ");
            Serial.WriteHex(frame->Rsp);
            Serial.Write('\n');
        }
    }
}
