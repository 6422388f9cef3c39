/* Emulator start: flat protected mode from the test rig, output via port 0xe9, then hlt. */
    .text
    .globl _start, out_char
_start:
    fninit                  # as any OS does: after RESET the x87 tags every register valid
    call workload
    cli
    hlt
out_char:
    movb 4(%esp), %al
    outb %al, $0xe9         # the test rig's byte-output port
    ret
