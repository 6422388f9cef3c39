# Data breakpoints match exactly (SDM vol. 3 17.2.5): DRn names the LENn bytes from DRn (aligned:
# the low bits are ignored), and an access traps when its bytes overlap them: one covering the
# range hits, one beside it in the same dword does not. A case line names the access (w = write,
# r = read, inc = read-modify-write; its size; its offset in area), then each #DB it raised: eip
# after the access and DR6 (B0-B3, BS), or "-" for none.
# Then REP string instructions: the #DB comes after the iteration that hit, with ecx/esi/edi at
# that point and eip on the instruction while elements remain. Last, writes across a page
# boundary, which trap once.
# Limits of the oracle, QEMU 7.2: it reports only the first of several breakpoints one access
# hits, and it matches a misaligned access inside a page against the wrong bytes (a read as the
# two aligned words around it, a write from the start of the page), so every case here overlaps
# at most one breakpoint and only page-crossing writes are misaligned; and after a REP's last
# iteration it reports eip on the instruction (hardware: the next one), so no REP case hits on its
# last element. DataBreakpointsAgainstHostCpuTest checks those against the host CPU instead.

        .include "sys_macros.s"

        .set W1, 0
        .set W2, 1
        .set W4, 2
        .set R1, 3
        .set R2, 4
        .set R4, 5
        .set INC1, 6
        .set END_OF_CASES, -1

        .text
        .globl kmain
kmain:
        PRINT "databreak\n"
        movl $db_hook, trap_hook
        xorl %ecx, %ecx                 # the #DB lines print registers: none may come from the loader
        xorl %edx, %edx
        xorl %ebp, %ebp
        cld
        # DR0: 1 byte at +11, DR1: 2 at +22, DR2: 4 at +34, DR3: 8 at +48 (LEN = 10)
        movl $area + 0x11, %eax
        movl %eax, %dr0
        movl $area + 0x22, %eax
        movl %eax, %dr1
        movl $area + 0x34, %eax
        movl %eax, %dr2
        movl $area + 0x48, %eax
        movl %eax, %dr3
        PRINT "write-only breakpoints\n"
        movl $0x9d510055, %eax          # L0-L3; R/W = 01; LEN 00, 01, 11, 10
        movl %eax, %dr7
        movl $write_cases, %esi
        call run_cases
        PRINT "read/write breakpoints\n"
        movl $0xbf730055, %eax          # the same with R/W = 11
        movl %eax, %dr7
        movl $rw_cases, %esi
        call run_cases

        PRINT "rep, DR2 write-only\n"
        movl $1, show_regs
        movl $0x0d000010, %eax          # L2, R/W = 01, LEN = 11: area+34..37
        movl %eax, %dr7
        PRINT "rep stosb +30 x16:"
        movl $area + 0x30, %edi
        movl $16, %ecx
        movb $0x77, %al
        rep stosb
        call rep_done
        PRINT "std rep stosl +3c x4:"
        std
        movl $area + 0x3c, %edi
        movl $4, %ecx
        movl $0x12345678, %eax
        rep stosl
        cld
        call rep_done
        PRINT "rep stosw +30 x5:"
        movl $area + 0x30, %edi
        movl $5, %ecx
        rep stosw
        call rep_done
        PRINT "rep movsb +30 -> +80 x8 (writes miss):"
        movl $area + 0x30, %esi
        movl $area + 0x80, %edi
        movl $8, %ecx
        rep movsb
        call rep_done

        PRINT "rep, DR2 read/write\n"
        movl $0x0f000010, %eax          # L2, R/W = 11
        movl %eax, %dr7
        PRINT "rep movsb +30 -> +80 x9 (reads hit):"
        movl $area + 0x30, %esi
        movl $area + 0x80, %edi
        movl $9, %ecx
        rep movsb
        call rep_done
        PRINT "rep lodsb +36 x4:"
        movl $area + 0x36, %esi
        movl $4, %ecx
        rep lodsb
        call rep_done
        PRINT "repne scasb +30 x9:"
        movl $area + 0x30, %edi
        movl $9, %ecx
        movb $0xee, %al                 # not in the buffer: every element is compared
        repne scasb
        call rep_done
        movl $0, show_regs

        PRINT "across a page: DR0 1 byte at +1000\n"
        movl $area + 0x1000, %eax
        movl %eax, %dr0
        movl $0x00010001, %eax          # L0, R/W = 01, LEN = 00
        movl %eax, %dr7
        movl $page_cases, %esi
        call run_cases
        PRINT "across a page: DR0 4 bytes at +ffc\n"
        movl $area + 0xffc, %eax
        movl %eax, %dr0
        movl $0x000d0001, %eax          # L0, R/W = 01, LEN = 11
        movl %eax, %dr7
        movl $page_cases, %esi
        call run_cases

        xorl %eax, %eax
        movl %eax, %dr7
        movl $default_trap, trap_hook
        ret

# run_cases: the cases at %esi, two longs each (operation, offset in area), up to END_OF_CASES.
run_cases:
1:      movl (%esi), %eax
        cmpl $END_OF_CASES, %eax
        je 3f
        pushl %esi
        movl op_names(, %eax, 4), %esi
        call puts
        popl %esi
        PRINT " +"
        HEX 4(%esi), 4
        PRINT ":"
        movl 4(%esi), %edi
        addl $area, %edi
        movl $0, db_count
        call *ops(, %eax, 4)
        cmpl $0, db_count
        jne 2f
        PRINT " -"
2:      PRINT "\n"
        addl $8, %esi
        jmp 1b
3:      ret

w1:     movb $0xa1, (%edi)
        ret
w2:     movw $0xa2a2, (%edi)
        ret
w4:     movl $0xa4a4a4a4, (%edi)
        ret
r1:     movb (%edi), %al
        ret
r2:     movw (%edi), %ax
        ret
r4:     movl (%edi), %eax
        ret
inc1:   incb (%edi)
        ret

# rep_done: end a REP case's line with the registers after the instruction.
rep_done:
        pushfl
        cmpl $0, db_count
        jne 1f
        PRINT " -"
1:      PRINT " / after: ecx="
        HEX %ecx
        PRINT " esi="
        HEX %esi
        PRINT " edi="
        HEX %edi
        PRINT "\n"
        movl $0, db_count
        popfl
        ret

# #DB: print eip and DR6 (and the string registers for REP cases), then clear DR6.
db_hook:
        cmpl $1, TF_VEC(%ebx)
        jne default_trap
        incl db_count
        PRINT " DB eip="
        HEX TF_EIP(%ebx)
        PRINT " dr6="
        movl %dr6, %eax
        andl $0x400f, %eax
        HEX %eax, 4
        cmpl $0, show_regs
        je 1f
        PRINT " ecx="
        HEX TF_ECX(%ebx)
        PRINT " esi="
        HEX TF_ESI(%ebx)
        PRINT " edi="
        HEX TF_EDI(%ebx)
1:      xorl %eax, %eax
        movl %eax, %dr6
        ret

        .section .rodata
        .balign 4
ops:    .long w1, w2, w4, r1, r2, r4, inc1
op_names:
        .long n_w1, n_w2, n_w4, n_r1, n_r2, n_r4, n_inc1
n_w1:   .asciz "w1"
n_w2:   .asciz "w2"
n_w4:   .asciz "w4"
n_r1:   .asciz "r1"
n_r2:   .asciz "r2"
n_r4:   .asciz "r4"
n_inc1: .asciz "inc1"

        .balign 4
# DR0 = +11/1, DR1 = +22/2, DR2 = +34/4, DR3 = +48/8, all write-only
write_cases:
        .long W1, 0x11, W1, 0x10, W1, 0x12, R1, 0x11, INC1, 0x11
        .long W2, 0x10, W2, 0x12, W2, 0x0e, W4, 0x10, W4, 0x0c, W4, 0x14
        .long W1, 0x21, W1, 0x22, W1, 0x23, W1, 0x24, R2, 0x22
        .long W2, 0x20, W2, 0x22, W2, 0x24, W4, 0x20, W4, 0x1c, W4, 0x24
        .long W1, 0x33, W1, 0x34, W1, 0x37, W1, 0x38, R4, 0x34
        .long W2, 0x32, W2, 0x34, W2, 0x36, W2, 0x38, W4, 0x30, W4, 0x34, W4, 0x38
        .long W1, 0x47, W1, 0x48, W1, 0x4f, W1, 0x50
        .long W2, 0x46, W2, 0x4e, W4, 0x44, W4, 0x48, W4, 0x4c, W4, 0x50
        .long END_OF_CASES
# the same breakpoints, read/write
rw_cases:
        .long R1, 0x11, R1, 0x12, R1, 0x10, R2, 0x10, R2, 0x12, R4, 0x10, R4, 0x0c, R4, 0x14
        .long R1, 0x21, R1, 0x23, R2, 0x20, R2, 0x22, R4, 0x20, R4, 0x24
        .long R1, 0x33, R1, 0x34, R1, 0x38, R2, 0x32, R2, 0x36, R4, 0x30, R4, 0x34, R4, 0x38
        .long R1, 0x4f, R1, 0x50, R2, 0x46, R4, 0x44, R4, 0x4c, R4, 0x50
        .long W1, 0x37, INC1, 0x37, INC1, 0x38
        .long END_OF_CASES
# writes around the page boundary at +1000; the misaligned ones cross it
page_cases:
        .long W4, 0xffc, W4, 0xffd, W4, 0xffe, W4, 0xfff, W4, 0x1000
        .long W2, 0xffe, W2, 0xfff, W2, 0x1000
        .long W1, 0xffb, W1, 0xfff, W1, 0x1000, W1, 0x1001
        .long END_OF_CASES

        .data
db_count:
        .long 0
show_regs:
        .long 0
        .balign 4096
area:   .fill 0x2000, 1, 0
