/* Port I/O for user drivers: byte user_port_in(ushort port), void user_port_out(ushort port, byte value). A port
 * the task was not given faults with #GP (the kernel's I/O bitmap, kernel/Machine/LegacyPorts.cs). */
    .text
    .global user_port_in
user_port_in:
    mov %edi, %edx
    xor %eax, %eax
    inb %dx, %al
    ret

    .global user_port_out
user_port_out:
    mov %edi, %edx
    mov %esi, %eax
    outb %al, %dx
    ret
