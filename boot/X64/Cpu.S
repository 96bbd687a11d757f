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

    .global cpu_rdmsr
cpu_rdmsr:                      /* ulong cpu_rdmsr(uint msr) */
    mov %edi, %ecx
    rdmsr
    shl $32, %rdx
    or %rdx, %rax
    ret

    .global cpu_wrmsr
cpu_wrmsr:                      /* void cpu_wrmsr(uint msr, ulong value) */
    mov %edi, %ecx
    mov %rsi, %rax
    mov %rsi, %rdx
    shr $32, %rdx
    wrmsr
    ret

    .global cpu_read_cr4
cpu_read_cr4:
    mov %cr4, %rax
    ret

    .global cpu_write_cr4
cpu_write_cr4:                  /* void cpu_write_cr4(ulong value) */
    mov %rdi, %cr4
    ret

    .global cpu_cpuid_ebx
cpu_cpuid_ebx:                  /* uint cpu_cpuid_ebx(uint leaf, uint subleaf): ebx of CPUID */
    push %rbx
    mov %edi, %eax
    mov %esi, %ecx
    cpuid
    mov %ebx, %eax
    pop %rbx
    ret

    .global cpu_wait_for_interrupt
cpu_wait_for_interrupt:         /* enable interrupts, sleep until one has been handled, disable them again */
    sti
    hlt
    cli
    ret

    .global cpu_mmio_read32
cpu_mmio_read32:                /* uint cpu_mmio_read32(void* address): one uncached-style 32-bit load */
    movl (%rdi), %eax
    ret

    .global cpu_mmio_write32
cpu_mmio_write32:               /* void cpu_mmio_write32(void* address, uint value) */
    movl %esi, (%rdi)
    ret

    .global cpu_invlpg
cpu_invlpg:                     /* void cpu_invlpg(ulong address): drop the TLB entry of one page */
    invlpg (%rdi)
    ret

    .global cpu_interrupt_window
cpu_interrupt_window:           /* a preemption point: pending interrupts are taken, then masked again */
    sti
    nop
    cli
    ret

    .global cpu_write_cr3
cpu_write_cr3:                  /* void cpu_write_cr3(ulong value): bit 63 set keeps the new PCID's TLB entries */
    mov %rdi, %cr3
    ret

    .global cpu_cpuid_ecx
cpu_cpuid_ecx:                  /* uint cpu_cpuid_ecx(uint leaf, uint subleaf) */
    push %rbx
    mov %edi, %eax
    mov %esi, %ecx
    cpuid
    mov %ecx, %eax
    pop %rbx
    ret

    .global cpu_copy_bytes
cpu_copy_bytes:                 /* void cpu_copy_bytes(byte* to, byte* from, ulong count): memmove; whole words first
                                 * (any alignment), byte by byte from the end when `to` lies inside the source */
    cld
    mov %rdi, %rax
    sub %rsi, %rax
    cmp %rdx, %rax
    jb 1f
    mov %rdx, %rcx
    shr $3, %rcx
    rep movsq
    mov %rdx, %rcx
    and $7, %rcx
    rep movsb
    ret
1:  lea -1(%rsi,%rdx), %rsi
    lea -1(%rdi,%rdx), %rdi
    mov %rdx, %rcx
    std
    rep movsb
    cld
    ret

    .global cpu_copy_words
cpu_copy_words:                 /* void cpu_copy_words(ulong* to, ulong* from, ulong count): count words, upwards */
    mov %rdx, %rcx
    cld
    rep movsq
    ret
