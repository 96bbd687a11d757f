/* Runtime entry points whose calling convention C# cannot honour.
 *
 * Write barriers: ILC-generated code calls them for every store of a reference into the heap. The
 * kernel has no GC, so they are plain stores; RhpByRefAssignRef copies [rsi] to [rdi] and advances
 * both (the JIT relies on that). Interface dispatch: see RhpInitialDynamicInterfaceDispatch below.
 */

    .include "Frame.inc"

    .text
    .code64

    .global RhpAssignRef
    .global RhpCheckedAssignRef
RhpAssignRef:
RhpCheckedAssignRef:
    mov %rsi, (%rdi)
    ret

    .global RhpByRefAssignRef
RhpByRefAssignRef:
    mov (%rsi), %rcx
    mov %rcx, (%rdi)
    add $8, %rdi
    add $8, %rsi
    ret

/* Interface call sites call through a dispatch cell {stub, cache} whose address arrives in r11 and
 * whose stub starts out as this symbol. The argument registers belong to the target method, so they
 * are saved around the C# resolver (boot/Runtime/InterfaceDispatch.cs), which returns the code
 * address of the implementation for this object's type; we then tail-jump there. */
    .global RhpInitialDynamicInterfaceDispatch
RhpInitialDynamicInterfaceDispatch:
    push %rdi
    push %rsi
    push %rdx
    push %rcx
    push %r8
    push %r9                    /* entry rsp = 8 mod 16; six pushes keep it 8 mod 16 */
    sub $136, %rsp              /* 8 xmm registers + 8 bytes: 16-byte aligned at the call */
    movdqu %xmm0, 0(%rsp)
    movdqu %xmm1, 16(%rsp)
    movdqu %xmm2, 32(%rsp)
    movdqu %xmm3, 48(%rsp)
    movdqu %xmm4, 64(%rsp)
    movdqu %xmm5, 80(%rsp)
    movdqu %xmm6, 96(%rsp)
    movdqu %xmm7, 112(%rsp)
    mov %r11, %rsi              /* (object this, InterfaceDispatchCell* cell) */
    call ResolveInterfaceDispatch
    movdqu 0(%rsp), %xmm0
    movdqu 16(%rsp), %xmm1
    movdqu 32(%rsp), %xmm2
    movdqu 48(%rsp), %xmm3
    movdqu 64(%rsp), %xmm4
    movdqu 80(%rsp), %xmm5
    movdqu 96(%rsp), %xmm6
    movdqu 112(%rsp), %xmm7
    add $136, %rsp
    pop %r9
    pop %r8
    pop %rcx
    pop %rdx
    pop %rsi
    pop %rdi
    jmp *%rax

/* A call site whose cell the resolver has cached: cell.cache points to a DispatchCacheEntry
 * {type, target, ...} (boot/Runtime/InterfaceDispatch.cs). Same type as last time: jump straight to
 * the target. Otherwise resolve again (the resolver updates the entry). rax and r10 are scratch
 * here as in the runtime's own dispatch stubs; a null `this` faults on the first load. */
    .global RhpInterfaceDispatchCached
RhpInterfaceDispatchCached:
    mov 8(%r11), %r10
    mov (%rdi), %rax
    cmp (%r10), %rax
    jne RhpInitialDynamicInterfaceDispatch
    jmp *8(%r10)

    .data
    .align 8
    /* Stack-protector canary that ILC-generated code compares on return from frames with stackalloc. */
    .global __security_cookie
__security_cookie:
    .quad 0x2B992DDFA232C0DE

/* Linker-defined addresses the shared runtime needs (boot/Runtime/ImageSymbols.cs): one function per symbol,
 * returning its address. The kernel's own are in KernelSymbols.S. */

    .text
    ADDRESS_OF image_modules_start, __modules_start
    ADDRESS_OF image_modules_end, __modules_end
    ADDRESS_OF image_end, __image_end
    ADDRESS_OF image_cached_dispatch_stub, RhpInterfaceDispatchCached
