# Linux user-mode start for a differential-test image: run the cases natively on the host CPU,
# the truth the VMs are compared with. Output is buffered and written to stdout with write(2).

        .section .start, "ax"
        .globl _start
_start:
        call dt_main
        call flush
        movl $1, %eax                   # exit(0)
        xorl %ebx, %ebx
        int $0x80

# dt_putc: append %al to the buffer, flushing at each end of line (so a crash loses no finished
# record) or when full. Preserves all registers.
        .globl dt_putc
dt_putc:
        pushl %edx
        movl outlen, %edx
        movb %al, outbuf(%edx)
        incl %edx
        movl %edx, outlen
        cmpb $'\n', %al
        je 2f
        cmpl $4096, %edx
        jb 1f
2:      call flush
1:      popl %edx
        ret

flush:
        pushal
        movl $4, %eax                   # write(1, outbuf, outlen)
        movl $1, %ebx
        movl $outbuf, %ecx
        movl outlen, %edx
        int $0x80
        movl $0, outlen
        popal
        ret

        .section .startdata, "aw"
outlen: .long 0
outbuf: .space 4096
