/* Host start: run the workload as a static i386 Linux program, output via write(2). */
    .text
    .globl _start, out_char
_start:
    call workload
    mov $1, %eax            # exit(0)
    xor %ebx, %ebx
    int $0x80
out_char:
    push %ebx
    mov $4, %eax            # write(1, &c, 1)
    mov $1, %ebx
    lea 8(%esp), %ecx
    mov $1, %edx
    int $0x80
    pop %ebx
    ret
