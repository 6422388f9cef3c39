# Linux user-mode start for a differential-test image: run the cases natively on the host CPU,
# the truth the VMs are compared with. Output is buffered and written to stdout with write(2).

        .include "start_common.inc"

        .section .start, "ax"
        .globl _start
_start:
        call dt_main
        call flush
        movl $1, %eax                   # exit(0)
        xorl %ebx, %ebx
        int $0x80

        LINUX_STDOUT dt_putc, 4096
