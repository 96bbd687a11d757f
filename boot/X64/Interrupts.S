/* Entry stubs for the 32 CPU exception vectors.
 *
 * Every stub gives the C# handler the same frame (hal/X64/InterruptFrame.cs mirrors this layout):
 * general registers rax..r15 (rax lowest), vector, error code (0 where the CPU pushes none), then
 * the CPU's own rip, cs, rflags, rsp, ss. The handler is ExceptionDispatch in hal/X64/Idt.cs.
 * Vector registers are not saved: today every handler panics. A handler that returns to interrupted
 * C# code (device interrupts) must save xmm0-15 first, since compiled code keeps values there.
 */

    .include "Frame.inc"

    .text
    .code64

.macro ISR_NOERR vector
isr_\vector:
    pushq $0
    pushq $\vector
    jmp isr_common
.endm

.macro ISR_ERR vector
isr_\vector:
    pushq $\vector
    jmp isr_common
.endm

ISR_NOERR 0
ISR_NOERR 1
ISR_NOERR 2
ISR_NOERR 3
ISR_NOERR 4
ISR_NOERR 5
ISR_NOERR 6
ISR_NOERR 7
ISR_ERR   8
ISR_NOERR 9
ISR_ERR   10
ISR_ERR   11
ISR_ERR   12
ISR_ERR   13
ISR_ERR   14
ISR_NOERR 15
ISR_NOERR 16
ISR_ERR   17
ISR_NOERR 18
ISR_NOERR 19
ISR_NOERR 20
ISR_ERR   21
ISR_NOERR 22
ISR_NOERR 23
ISR_NOERR 24
ISR_NOERR 25
ISR_NOERR 26
ISR_NOERR 27
ISR_NOERR 28
ISR_ERR   29
ISR_ERR   30
ISR_NOERR 31

isr_common:
    PUSH_GPRS
    cld
    testb $3, 144(%rsp)         /* cs: from ring 3 the frame is the thread's UserContext */
    jz 1f
    lea ExceptionDispatch(%rip), %rax
    jmp user_entry_common
1:  mov %rsp, %rdi              /* InterruptFrame* */
    mov %rsp, %rbx              /* callee-saved: the frame, to restore rsp after alignment */
    and $~0xF, %rsp             /* SysV: 16-byte aligned at the call */
    call ExceptionDispatch
    mov %rbx, %rsp
    POP_GPRS
    add $16, %rsp               /* vector and error code */
    iretq

/* Device interrupts: vectors 32-47 (the legacy PIC, remapped and masked: only spurious ones arrive), 48 (the
 * LAPIC timer) and 255 (LAPIC spurious). Same frame as exceptions, plus the vector registers, since these
 * return to interrupted code (C# in the kernel keeps values in xmm registers). InterruptDispatch in
 * hal/X64/InterruptRouter.cs handles them; it may also leave for good through user_return. */
.macro IRQ vector
irq_\vector:
    pushq $0
    pushq $\vector
    jmp irq_common
.endm

    .irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,255
    IRQ \v
    .endr

irq_common:
    PUSH_GPRS
    cld
    testb $3, 144(%rsp)         /* cs: from ring 3 the frame is the thread's UserContext */
    jz 1f
    lea InterruptDispatch(%rip), %rax
    jmp user_entry_common
1:  mov %rsp, %rdi              /* InterruptFrame* */
    mov %rsp, %rbx
    sub $512, %rsp
    and $~0xF, %rsp             /* fxsave needs 16-byte alignment; also the SysV call alignment */
    fxsave (%rsp)
    call InterruptDispatch
    fxrstor (%rsp)
    mov %rbx, %rsp
    POP_GPRS
    add $16, %rsp
    iretq

    .section .rodata
    .align 8
    .global irq_stub_table      /* vectors 32..48 in order, then 255 */
irq_stub_table:
    .irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,255
    .quad irq_\v
    .endr

    .align 8
    .global isr_stub_table
isr_stub_table:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad isr_\v
    .endr
