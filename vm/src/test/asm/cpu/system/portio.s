# Port I/O: string output with rep outsb straight into COM1, rep insb/insw/insl from a port
# nothing decodes (all ones) in both directions, byte/word/dword in, and the control-register
# odds and ends (clts, CR4 bits, invd, wbinvd) read back.

        .include "sys_macros.s"

        .set NOWHERE, 0x2f0             # a port no device decodes in either VM

        .text
        .globl kmain
kmain:
        PRINT "portio\n"
        movl $message, %esi
        movl $message_end - message, %ecx
        movw $0x3f8, %dx
        cld
        rep outsb                       # the UART takes bytes back to back
        PRINT "outsb left ecx="
        HEX %ecx
        PRINT " esi=message+"
        subl $message, %esi
        HEX %esi, 2
        PRINT "\n"
        # rep insb forwards, insw backwards, insl once, from a port nobody decodes
        movl $buffer, %edi
        movl $5, %ecx
        movw $NOWHERE, %dx
        rep insb
        PRINT "insb edi=buffer+"
        movl %edi, %eax
        subl $buffer, %eax
        HEX %eax, 2
        std
        movl $buffer + 14, %edi
        movl $3, %ecx
        rep insw
        cld
        PRINT " insw edi=buffer+"
        movl %edi, %eax
        subl $buffer, %eax
        HEX %eax, 2
        movl $buffer + 16, %edi
        insl
        PRINT " buffer="
        movl $buffer, %esi
        movl $5, %ecx
1:      HEX (%esi)
        PRINT " "
        addl $4, %esi
        decl %ecx
        jnz 1b
        PRINT "\n"
        movl $0x12345678, %eax
        inb %dx, %al
        PRINT "inb "
        HEX %eax
        inw %dx, %ax
        PRINT " inw "
        HEX %eax
        inl %dx, %eax
        PRINT " inl "
        HEX %eax
        PRINT "\n"
        # control registers
        movl %cr0, %eax
        orl $8, %eax                    # TS
        movl %eax, %cr0
        movl %cr0, %eax
        PRINT "cr0 with TS="
        HEX %eax
        clts
        movl %cr0, %eax
        PRINT " after clts="
        HEX %eax
        movl %cr4, %eax
        orl $0x90, %eax                 # PSE, PGE
        movl %eax, %cr4
        movl %cr4, %eax
        PRINT " cr4="
        HEX %eax
        invd
        wbinvd
        PRINT " invd wbinvd ok\n"
        ret

        .data
message:
        .ascii "hello through rep outsb\n"
message_end:
        .balign 4
buffer: .fill 20, 1, 0x11
