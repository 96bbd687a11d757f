/* CPU instructions C# cannot express, as tiny SysV functions. hal/X64/Cpu.cs binds them with
 * [RuntimeImport] so ILC emits a plain call (no P/Invoke frame). Arguments: rdi, rsi; result: rax. */

    .text
    .code64

    .global cpu_outb
cpu_outb:                       /* void cpu_outb(ushort port, byte value) */
    mov %edi, %edx
    mov %esi, %eax
    out %al, %dx
    ret

    .global cpu_inb
cpu_inb:                        /* byte cpu_inb(ushort port) */
    mov %edi, %edx
    xor %eax, %eax
    in %dx, %al
    ret

    .global cpu_read_cr2
cpu_read_cr2:
    mov %cr2, %rax
    ret

    .global cpu_read_cr3
cpu_read_cr3:
    mov %cr3, %rax
    ret

    .global cpu_halt
cpu_halt:                       /* interrupts off, halt forever */
    cli
1:  hlt
    jmp 1b

    .global cpu_lidt
cpu_lidt:                       /* void cpu_lidt(DescriptorPointer* p) */
    lidt (%rdi)
    ret

    .global cpu_lgdt
cpu_lgdt:                       /* void cpu_lgdt(DescriptorPointer* p, ushort code, ushort data):
                                   loads the GDT and reloads every segment register from it */
    lgdt (%rdi)
    mov %edx, %eax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %eax, %eax
    mov %ax, %fs
    mov %ax, %gs
    pop %rax                    /* return address */
    push %rsi                   /* far return into the new code selector */
    push %rax
    lretq

    .global cpu_ltr
cpu_ltr:                        /* void cpu_ltr(ushort selector) */
    ltr %di
    ret

    .global cpu_read_rsp
cpu_read_rsp:
    lea 8(%rsp), %rax
    ret
