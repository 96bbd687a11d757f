/* A created thread's first instruction (its rip, set by ExchangeRegisters): the creator wrote the entry function
 * and its argument at the top of the thread's stack and set rsp to them. Calls the C# UserThreadMain(entry,
 * argument), which runs entry(argument) and exits the thread, so it never returns here.
 * ulong user_thread_start_address() gives the address for ExchangeRegisters. */
    .text
    .global user_thread_start
user_thread_start:
    pop %rdi                    /* entry */
    pop %rsi                    /* argument */
    and $~0xF, %rsp
    call UserThreadMain
    ud2

    .global user_thread_start_address
user_thread_start_address:
    lea user_thread_start(%rip), %rax
    ret
