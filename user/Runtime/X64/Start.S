/* A user program's first bytes and entry. The header tells the kernel's loader (kernel/UserPrograms/ModuleLoader.cs)
 * how to lay the flat binary out: where execution starts, where read-only code ends, how much of the file to copy,
 * where zeroed memory (.bss) ends and how large a heap to map after it. Every address lies in the user region. */
    .set HEAP_SIZE, 0x100000

    .section .header, "a"
    .global user_header
user_header:
    .ascii "VUSR"               /* magic */
    .long 1                     /* format version */
    .quad _start                /* entry */
    .quad __text_end            /* [image start, text end): read-only, executable */
    .quad __load_end            /* [image start, load end): file contents */
    .quad __image_end           /* [text end, image end): writable, not executable, zero beyond load end */
    .quad HEAP_SIZE             /* heap: [image end, image end + heap size), writable, zeroed */

    .text
    .global _start
_start:                         /* the kernel sets rsp to the top of the program's stack */
    and $~0xF, %rsp
    call UserStart
    ud2                         /* UserStart exits through a system call and never returns */

    .global user_heap_start
user_heap_start:
    lea __image_end(%rip), %rax
    ret

    .global user_heap_size
user_heap_size:
    mov $HEAP_SIZE, %eax
    ret

    .global user_text_end
user_text_end:                  /* the end of code and read-only data (a pager that shares the image maps below it rx) */
    lea __text_end(%rip), %rax
    ret
