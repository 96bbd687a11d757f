/* Multiboot v1 entry: from QEMU's 32-bit protected mode to the 64-bit C# entry point.
 *
 * QEMU's -kernel refuses 64-bit ELF for Multiboot v1, so the image is a flat binary and the header
 * carries its own load addresses (flag bit 16). Before any C# runs this file must: build page tables
 * (identity map of the first 4 GiB, page 0 not present so null dereferences fault), enable PAE and
 * long mode, enable SSE (ILC-compiled code uses xmm registers), load a 64-bit GDT and an early IDT
 * (a fault in early C# would otherwise triple-fault silently), and pass the Multiboot info pointer on.
 */

    .set MB_MAGIC,          0x1BADB002
    .set MB_FLAGS,          (1 << 0) | (1 << 1) | (1 << 16)   /* page-align modules, memory map, address fields */
    .set MB_CHECKSUM,       -(MB_MAGIC + MB_FLAGS)
    .set MB_BOOT_MAGIC,     0x2BADB002

    .set PTE_PRESENT,       1 << 0
    .set PTE_WRITE,         1 << 1
    .set PTE_LARGE,         1 << 7
    .set CR0_PG,            1 << 31
    .set CR0_MP,            1 << 1
    .set CR0_EM,            1 << 2
    .set CR4_PAE,           1 << 5
    .set CR4_OSFXSR,        1 << 9
    .set CR4_OSXMMEXCPT,    1 << 10
    .set EFER_MSR,          0xC0000080
    .set EFER_LME,          1 << 8
    .set EFER_NXE,          1 << 11

    .set KERNEL_STACK_SIZE, 64 * 1024

    .section .multiboot, "a"
    .align 4
multiboot_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long MB_CHECKSUM
    .long multiboot_header      /* header_addr */
    .long __image_start         /* load_addr */
    .long __load_end            /* load_end_addr: file contents end here */
    .long __image_end           /* bss_end_addr: the loader zeroes up to here */
    .long boot_entry32          /* entry_addr */

    .section .boot.text, "ax"
    .code32
    .global boot_entry32
boot_entry32:
    cli
    cmp $MB_BOOT_MAGIC, %eax
    jne boot_halt32
    mov %ebx, multiboot_info_ptr
    mov $boot_stack_top, %esp

    call build_page_tables

    /* PAE + SSE state before paging; SSE must be usable before the first C# instruction. */
    mov %cr4, %eax
    or $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
    mov %eax, %cr4
    mov $boot_pml4, %eax
    mov %eax, %cr3

    /* Long mode enable (and NX so later page tables may use it). */
    mov $EFER_MSR, %ecx
    rdmsr
    or $(EFER_LME | EFER_NXE), %eax
    wrmsr

    /* Paging on (activates long mode), x87/SSE: MP set, EM clear. */
    mov %cr0, %eax
    and $~CR0_EM, %eax
    or $(CR0_PG | CR0_MP), %eax
    mov %eax, %cr0

    lgdt boot_gdt_pointer
    ljmp $0x08, $boot_entry64

boot_halt32:
    hlt
    jmp boot_halt32

/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 2 MiB pages (4 GiB identity map), except
 * PD0[0], which points to a page table of 4 KiB pages for the first 2 MiB with entry 0 left
 * non-present: every access to page 0 (a null dereference) faults. */
build_page_tables:
    mov $(boot_pdpt + PTE_PRESENT + PTE_WRITE), %eax
    mov %eax, boot_pml4

    mov $boot_pd, %eax
    mov $0, %ecx
1:  mov %eax, %edx
    or $(PTE_PRESENT | PTE_WRITE), %edx
    mov %edx, boot_pdpt(, %ecx, 8)
    add $4096, %eax
    inc %ecx
    cmp $4, %ecx
    jne 1b

    /* 2048 large pages; entry i maps i * 2 MiB. The upper dword holds bits 32+ of the address. */
    mov $0, %ecx
2:  mov %ecx, %eax
    shl $21, %eax
    or $(PTE_PRESENT | PTE_WRITE | PTE_LARGE), %eax
    mov %eax, boot_pd(, %ecx, 8)
    mov %ecx, %eax
    shr $11, %eax
    mov %eax, boot_pd + 4(, %ecx, 8)
    inc %ecx
    cmp $2048, %ecx
    jne 2b

    mov $(boot_pt0 + PTE_PRESENT + PTE_WRITE), %eax
    mov %eax, boot_pd
    movl $0, boot_pd + 4

    /* PT0: entries 1..511 map 4 KiB pages; entry 0 stays zero (not present). */
    mov $1, %ecx
3:  mov %ecx, %eax
    shl $12, %eax
    or $(PTE_PRESENT | PTE_WRITE), %eax
    mov %eax, boot_pt0(, %ecx, 8)
    inc %ecx
    cmp $512, %ecx
    jne 3b

    /* Unmap the guard page below the kernel stack, so an overflow faults (and, with nowhere to push
     * the frame, escalates to a double fault on its own IST stack) instead of overwriting the page
     * tables below it. Possible while the image lies in the first 2 MiB (PT0's range); beyond that
     * the guard stays mapped and the paging self-check reports it. */
    mov $boot_stack_guard, %eax
    shr $12, %eax
    cmp $512, %eax
    jae 4f
    movl $0, boot_pt0(, %eax, 8)
4:  ret

    .code64
boot_entry64:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %ax, %ax
    mov %ax, %fs
    mov %ax, %gs
    mov $boot_stack_top, %rsp
    xor %rbp, %rbp

    call early_idt_install

    /* KernelEntry(multibootInfo) in C#; it never returns (it exits QEMU or panics). */
    mov multiboot_info_ptr(%rip), %edi
    call KernelEntry
6:  cli
    hlt
    jmp 6b

/* Early IDT: all 32 exception vectors point at the stubs of Interrupts.S, so a fault in the first C#
 * instructions (before hal/X64/Idt.cs rebuilds the table) still reports on COM1. */
early_idt_install:
    lea early_idt(%rip), %rdi
    lea isr_stub_table(%rip), %rsi
    mov $32, %ecx
5:  mov (%rsi), %rax
    mov %ax, (%rdi)             /* offset 15:0 */
    movw $0x08, 2(%rdi)         /* kernel code selector */
    movb $0, 4(%rdi)            /* IST 0 */
    movb $0x8E, 5(%rdi)         /* present, DPL 0, 64-bit interrupt gate */
    shr $16, %rax
    mov %ax, 6(%rdi)            /* offset 31:16 */
    shr $16, %rax
    mov %eax, 8(%rdi)           /* offset 63:32 */
    movl $0, 12(%rdi)
    add $16, %rdi
    add $8, %rsi
    dec %ecx
    jnz 5b
    lidt early_idt_pointer(%rip)
    ret

    .section .boot.data, "aw"
    .align 16
boot_gdt:
    .quad 0                         /* null */
    .quad 0x00AF9A000000FFFF        /* 0x08: 64-bit code, DPL 0 */
    .quad 0x00CF92000000FFFF        /* 0x10: data, DPL 0 */
boot_gdt_end:
    .align 4
    .word 0
boot_gdt_pointer:
    .word boot_gdt_end - boot_gdt - 1
    .quad boot_gdt

    .align 4
    .word 0
early_idt_pointer:
    .word 32 * 16 - 1
    .quad early_idt

    .align 8
    .global multiboot_info_ptr
multiboot_info_ptr:
    .quad 0

    .section .bss
    .align 4096
boot_pml4:  .skip 4096
boot_pdpt:  .skip 4096
boot_pd:    .skip 4 * 4096
boot_pt0:   .skip 4096
    .global boot_pml4
early_idt:  .skip 32 * 16
    .align 4096
boot_stack_guard:
    .skip 4096
boot_stack_bottom:
    .skip KERNEL_STACK_SIZE
boot_stack_top:
    .global boot_stack_top
    .global boot_stack_bottom
    .global boot_stack_guard
