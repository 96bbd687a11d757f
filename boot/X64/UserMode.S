/* Ring 3: thread contexts, the SYSCALL entry, entering and leaving user mode.
 *
 * Every user thread has a UserContext (hal/X64/UserContext.cs): its registers as an InterruptFrame (rax..r15,
 * vector, error code, then the iret frame rip cs rflags rsp ss), its address space (cr3) and its vector state
 * (fxsave area). The TSS's RSP0 points just past the iret frame of the current thread's context, so an interrupt
 * or exception from ring 3 pushes straight into it; the SYSCALL entry builds the same frame by hand. Kernel code
 * then runs on the per-CPU entry stack, which holds nothing between entries. Leaving the kernel resumes whatever
 * context is current then: switching threads is changing the current context (UserMode.Switch).
 *
 * user_enter(context) saves the kernel's callee-saved registers, stack and cr3 and resumes the context;
 * user_return(result) gives control back to the caller of user_enter: the kernel's way out of user mode.
 * One CPU for now: the words below become a GS-based per-CPU area with SMP.
 */

    .include "Frame.inc"

    /* The context's registers, in InterruptFrame's order (hal/X64/InterruptFrame.cs). */
    .set CTX_RAX, 0
    .set CTX_RBX, 8
    .set CTX_RCX, 16
    .set CTX_RDX, 24
    .set CTX_RSI, 32
    .set CTX_RDI, 40
    .set CTX_RBP, 48
    .set CTX_R8, 56
    .set CTX_R9, 64
    .set CTX_R10, 72
    .set CTX_R11, 80
    .set CTX_R12, 88
    .set CTX_R13, 96
    .set CTX_R14, 104
    .set CTX_R15, 112
    .set CTX_VECTOR, 120
    .set CTX_RIP, 136
    .set CTX_CS, 144
    .set CTX_RFLAGS, 152
    .set CTX_RSP, 160
    .set CTX_IRET_END, 176
    .set CTX_CR3, 176
    .set CTX_FX, 192
    .set USER_CODE, 0x23        /* Gdt.UserCode: 0x20 | RPL 3 */
    .set USER_DATA, 0x1b        /* Gdt.UserData: 0x18 | RPL 3 */
    .set SYSCALL_VECTOR, 0x100  /* marks a context saved by SYSCALL (no CPU vector is that large) */
    .set SYSCALL_IPC, 3         /* Abi.SyscallNumber.Ipc */
    .set SPECIFIER_REPLY, 0xFFFFFFFE  /* the send specifier of a reply (ReplyWait) */

    .bss
    .align 16
    .global user_entry_stack_bottom
user_entry_stack_bottom:
    .skip 32768
    .global user_entry_stack_top
user_entry_stack_top:

    .align 8
    /* CONTRACT with hal/X64/UserMode.cs (ExitWords): the context word, then the null flag. */
    .global user_current_context
user_current_context:           /* UserContext* of the thread that runs when the kernel leaves */
    .skip 8
user_null_returns:              /* 1: the context the kernel last left into has its Null syscalls answered at entry */
    .skip 8
user_kernel_context:            /* rbx rbp r12 r13 r14 r15 rsp cr3: the kernel side of user_enter */
    .skip 64
user_saved_rsp:                 /* the user rsp while the SYSCALL entry switches stacks */
    .skip 8
user_null_count:                /* Null syscalls answered at entry since boot */
    .skip 8

    .data
    .align 8
user_syscall_handler:           /* the C# handler of SYSCALL entries: the boot's until the kernel loop sets its own */
    .quad KernelSyscall
user_call_handler:              /* the same for an IPC syscall in a Call's form (bit 32 of the send specifier) */
    .quad KernelSyscall
user_reply_wait_handler:        /* the same for one in a ReplyWait's form (send specifier SPECIFIER_REPLY) */
    .quad KernelSyscall

    .text
    .code64

    .global user_enter
user_enter:                     /* ulong user_enter(UserContext* context) */
    lea user_kernel_context(%rip), %rax
    mov %rbx, 0(%rax)
    mov %rbp, 8(%rax)
    mov %r12, 16(%rax)
    mov %r13, 24(%rax)
    mov %r14, 32(%rax)
    mov %r15, 40(%rax)
    mov %rsp, 48(%rax)          /* points at our return address */
    mov %cr3, %rcx
    mov %rcx, 56(%rax)
    mov %rdi, user_current_context(%rip)
    jmp user_exit_to_current

    .global user_return
user_return:                    /* noreturn void user_return(ulong result): resumes after user_enter */
    mov %rdi, %rax
    lea user_kernel_context(%rip), %rdx
    mov 56(%rdx), %rcx
    mov %rcx, %cr3
    mov 0(%rdx), %rbx
    mov 8(%rdx), %rbp
    mov 16(%rdx), %r12
    mov 24(%rdx), %r13
    mov 32(%rdx), %r14
    mov 40(%rdx), %r15
    mov 48(%rdx), %rsp
    ret

/* SYSCALL: rcx = user rip, r11 = user rflags, interrupts masked by FMASK. Builds the same frame an interrupt
 * would, in the current context, with vector SYSCALL_VECTOR. */
    .global syscall_entry
syscall_entry:
    /* IPC first: the two halves of a round trip save the context their own way (below, 6:). */
    cmp $SYSCALL_IPC, %rax
    je 6f
    /* Null (rax 0), when the kernel said that for this context it would change nothing but the result: answered
     * here, without a frame. The result Ok is 0, already in rax; every other register is as the full path would
     * leave it (rcx and r11 hold the rip and rflags SYSCALL put there, which the full path restores too). A rip
     * with bit 47 set is not canonical, and SYSRET to it would fault in ring 0: such a call takes the full path. */
    test %rax, %rax
    jnz 2f
    cmpb $0, user_null_returns(%rip)
    je 2f
    bt $47, %rcx
    jc 2f
    incq user_null_count(%rip)
    sysretq
2:  mov %rsp, user_saved_rsp(%rip)
    mov user_current_context(%rip), %rsp
    add $CTX_IRET_END, %rsp
    pushq $USER_DATA            /* ss */
    pushq user_saved_rsp(%rip)  /* rsp */
    push %r11                   /* rflags */
    pushq $USER_CODE            /* cs */
    push %rcx                   /* rip */
    pushq $0                    /* error code */
    pushq $SYSCALL_VECTOR
    PUSH_GPRS
    /* user_entry_common's work, inline; DF is clear already (FMASK clears it) */
    mov %rsp, %rdi
    lea user_entry_stack_top(%rip), %rsp
    fxsave CTX_FX(%rdi)
5:  call *user_syscall_handler(%rip)
    /* falls through to user_exit_to_current */

/* Leaves the kernel into the current context: its address space, vector state, registers, iret frame. */
    .macro EXIT_TO_CURRENT
    mov user_current_context(%rip), %rsp
    mov CTX_CR3(%rsp), %rax
    mov %cr3, %rcx
    cmp %rax, %rcx
    je 1f
    mov %rax, %cr3              /* an address-space switch only when the space changes */
1:  fxrstor CTX_FX(%rsp)
    POP_GPRS
    add $16, %rsp               /* vector and error code */
    iretq
    .endm

    .global user_exit_to_current
user_exit_to_current:
    EXIT_TO_CURRENT

/* noreturn void user_exit_with_fs_base(ulong fsBase): the thread's FS base written (the MSR), then the same exit. A
 * switch that has nothing left to do ends here at once instead of returning through the C# handler and the entry:
 * the kernel's frames are abandoned, which is sound because the entry stack holds nothing between entries (every
 * entry starts at its top). */
    .global user_exit_with_fs_base
user_exit_with_fs_base:
    mov $0xC0000100, %ecx       /* IA32_FS_BASE */
    mov %rdi, %rax
    mov %rdi, %rdx
    shr $32, %rdx
    wrmsr
    EXIT_TO_CURRENT

    /* IPC (rax = SYSCALL_IPC, so rax is free once that is written): the context saved with stores through rax, the
     * rsp kept where it is until then. The iret frame's cs and ss are not written: a context holds the user
     * selectors from its creation (UserContext.Initialize), and every entry from ring 3 pushes the same ones. Nor is
     * the error code, which only an exception's handler reads (its stub pushes one). Then a Call (send specifier
     * 1 << 32 | slot) and a ReplyWait each have a handler, so that the two halves of a round trip each start in their
     * own (the handlers check the whole form; this is only the choice); any other IPC goes to the general handler. */
    .global syscall_entry_ipc   /* a symbol of its own, so that a profile names this part apart */
syscall_entry_ipc:
6:  mov user_current_context(%rip), %rax
    movq $SYSCALL_IPC, CTX_RAX(%rax)
    mov %rbx, CTX_RBX(%rax)
    mov %rcx, CTX_RCX(%rax)
    mov %rdx, CTX_RDX(%rax)
    mov %rsi, CTX_RSI(%rax)
    mov %rdi, CTX_RDI(%rax)
    mov %rbp, CTX_RBP(%rax)
    mov %r8, CTX_R8(%rax)
    mov %r9, CTX_R9(%rax)
    mov %r10, CTX_R10(%rax)
    mov %r11, CTX_R11(%rax)
    mov %r12, CTX_R12(%rax)
    mov %r13, CTX_R13(%rax)
    mov %r14, CTX_R14(%rax)
    mov %r15, CTX_R15(%rax)
    movq $SYSCALL_VECTOR, CTX_VECTOR(%rax)
    mov %rcx, CTX_RIP(%rax)
    mov %r11, CTX_RFLAGS(%rax)
    mov %rsp, CTX_RSP(%rax)
    lea user_entry_stack_top(%rip), %rsp
    fxsave CTX_FX(%rax)
    xchg %rax, %rdi             /* the handler's argument; rdi (the send specifier) kept in rax for the choice */
    bt $32, %rax
    jc 4f
    mov $SPECIFIER_REPLY, %ecx
    cmp %rcx, %rax
    jne 5b
    call *user_reply_wait_handler(%rip)
    jmp user_exit_to_current
4:  call *user_call_handler(%rip)
    jmp user_exit_to_current

/* Entered from an exception or interrupt stub once the registers are in the context (rsp = context). */
    .global user_entry_common
user_entry_common:
    mov %rsp, %rdi              /* UserContext*, which starts with the InterruptFrame */
    lea user_entry_stack_top(%rip), %rsp
    fxsave CTX_FX(%rdi)
    call *%rax                  /* the C# handler the stub chose */
    jmp user_exit_to_current

    .global user_set_syscall_handlers
user_set_syscall_handlers:      /* void user_set_syscall_handlers(handler, call, replyWait), each void (*)(UserContext*) */
    mov %rdi, user_syscall_handler(%rip)
    mov %rsi, user_call_handler(%rip)
    mov %rdx, user_reply_wait_handler(%rip)
    ret

    .global user_exit_words
user_exit_words:                /* ExitWords* user_exit_words(void): the kernel writes them at every exit */
    lea user_current_context(%rip), %rax
    ret

    .global user_specifier_offset
user_specifier_offset:          /* ulong user_specifier_offset(void): where in a context the SYSCALL entry reads the
                                 * send specifier it chooses a handler by (the saved rdi; checked at boot) */
    mov $CTX_RDI, %eax
    ret

    .global user_null_count_get
user_null_count_get:            /* ulong user_null_count_get(void) */
    mov user_null_count(%rip), %rax
    ret

    .global user_get_current
user_get_current:               /* UserContext* user_get_current(void) */
    mov user_current_context(%rip), %rax
    ret
