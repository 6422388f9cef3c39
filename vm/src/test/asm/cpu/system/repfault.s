# REP string instructions interrupted by a page fault: the handler sees the registers with the
# progress made so far (ecx, esi, edi), maps the page, and the instruction goes on from there.

        .include "sys_macros.s"

        .set BUF, 0x800000              # 16 pages through pt, only some present

        .text
        .globl kmain
kmain:
        PRINT "repfault\n"
        movl $0x000000e7, pd
        movl $0x004000e7, pd+4
        movl $pt, %eax
        orl $3, %eax
        movl %eax, pd+8
        movl $BUF | 3, pt               # pages 0, 1 present; 2.. mapped on demand
        movl $BUF + 0x1000 | 3, pt+4
        PAGING_ON pd
        movl $demand_hook, trap_hook

        # rep movsb forward across two missing pages
        movl $pattern, %esi
        movl $BUF + 0x1f00, %edi
        movl $0x1200, %ecx
        cld
        rep movsb
        PRINT "movsb done: ecx="
        HEX %ecx
        PRINT " esi="
        HEX %esi
        PRINT " edi="
        HEX %edi
        PRINT " sum="
        movl $BUF + 0x1f00, %esi
        movl $0x1200, %ecx
        call checksum
        HEX %eax
        PRINT "\n"
        # rep stosl backwards into a missing page
        std
        movl $0x61626364, %eax
        movl $BUF + 0x5010, %edi        # page 5 is missing, and page 4 below it
        movl $0x500, %ecx
        rep stosl
        cld
        PRINT "stosl done: ecx="
        HEX %ecx
        PRINT " edi="
        HEX %edi
        PRINT "\n"
        # repe cmpsb over a page that is not there yet, stopping at a difference
        movl $BUF + 0x8000, %edi        # page 8 missing: fault first, then compare zeros
        movl $zeros, %esi
        movl $0x100, %ecx
        repe cmpsb
        pushfl
        PRINT "cmpsb done: ecx="
        HEX %ecx
        PRINT " edi="
        HEX %edi
        PRINT " ZF="
        popl %eax
        shrl $6, %eax
        andl $1, %eax
        HEX %eax, 1
        PRINT "\n"
        ret

# #PF: print where the string instruction was, map the page (frame = linear), retry.
demand_hook:
        cmpl $14, TF_VEC(%ebx)
        jne default_trap
        PRINT "PF err="
        HEX TF_ERR(%ebx), 1
        PRINT " cr2="
        movl %cr2, %eax
        HEX %eax
        PRINT " ecx="
        HEX TF_ECX(%ebx)
        PRINT " esi="
        HEX TF_ESI(%ebx)
        PRINT " edi="
        HEX TF_EDI(%ebx)
        PRINT "\n"
        movl %cr2, %eax
        andl $~0xfff, %eax
        movl %eax, %ecx
        subl $BUF, %ecx
        shrl $12, %ecx
        orl $3, %eax
        movl %eax, pt(,%ecx,4)
        movl %eax, %edi                 # fresh page: fill with zeros
        andl $~0xfff, %edi
        pushl %ecx
        movl $1024, %ecx
        xorl %eax, %eax
        cld
        rep stosl
        popl %ecx
        ret

# checksum: %esi, %ecx bytes -> %eax (rotate and add).
checksum:
        xorl %eax, %eax
1:      roll $5, %eax
        movzbl (%esi), %edx
        addl %edx, %eax
        incl %esi
        decl %ecx
        jnz 1b
        ret

        .data
        .balign 4096
pd:     .space 4096
pt:     .space 4096
pattern:
        .set i, 0
        .rept 0x1200
        .byte (i * 7 + 3) & 0xff
        .set i, i + 1
        .endr
zeros:  .space 0x80                      # page 8 is zeros: the 0x81st byte differs
        .byte 1
        .space 0x7f
