/* The calling thread's UTCB through the fs segment: the kernel sets each thread's FS base to its UTCB page
 * (docs/abi.md section 5), so word i is at %fs:(8*i) whichever UTCB slot the thread has.
 * ulong user_utcb_read(uint word); void user_utcb_write(uint word, ulong value). */
    .text
    .global user_utcb_read
user_utcb_read:
    mov %edi, %edi
    mov %fs:(,%rdi,8), %rax
    ret

    .global user_utcb_write
user_utcb_write:
    mov %edi, %edi
    mov %rsi, %fs:(,%rdi,8)
    ret
