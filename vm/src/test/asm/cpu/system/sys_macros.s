# Macros and constants shared by the system test kernels (see sys_lib.s).

        .set KCODE, 0x08                # ring-0 code; also IA32_SYSENTER_CS
        .set KDATA, 0x10
        .set UCODE, 0x1b                # ring-3 code (GDT index 3, RPL 3)
        .set UDATA, 0x23                # ring-3 data
        .set TSSSEL, 0x28
        .set GATESEL, 0x30              # a GDT slot for call gates
        .set SPARE1, 0x38               # GDT slots tests fill with odd descriptors
        .set SPARE2, 0x40

# Trap frame, as trap_common builds it (%ebx points at it when a hook runs):
#   0 edi  4 esi  8 ebp  12 (esp)  16 ebx  20 edx  24 ecx  28 eax   (pushal)
#   32 es  36 ds  40 vector  44 error code  48 eip  52 cs  56 eflags  [60 esp  64 ss: from ring 3]
        .set TF_EAX, 28
        .set TF_ECX, 24
        .set TF_EBX, 16
        .set TF_EDX, 20
        .set TF_ESI, 4
        .set TF_EDI, 0
        .set TF_VEC, 40
        .set TF_ERR, 44
        .set TF_EIP, 48
        .set TF_CS, 52
        .set TF_EFLAGS, 56
        .set TF_ESP, 60
        .set TF_SS, 64

# PRINT "text": print a string; all registers and flags preserved.
        .macro PRINT str
        .pushsection .rodata
.Lstr\@: .asciz "\str"
        .popsection
        pushfl
        pushl %esi
        movl $.Lstr\@, %esi
        call puts
        popl %esi
        popfl
        .endm

# HEX value, digits: print an operand (register, memory or $imm) in hex; preserves everything.
        .macro HEX val, digits=8
        pushfl
        pushal
        movl \val, %eax
        movl $\digits, %ecx
        call puthex
        popal
        popfl
        .endm

# EXPECT_FAULT label: the next exception resumes at label (the default hook prints it first).
        .macro EXPECT_FAULT resume
        movl $\resume, resume_eip
        .endm

# USER_EXPECT_FAULT label: the ring-3 form of EXPECT_FAULT (int $0x80 with eax=0, ebx=label).
        .macro USER_EXPECT_FAULT resume
        movl $0, %eax
        movl $\resume, %ebx
        int $0x80
        .endm

# PAGING_ON pd: paging on, with 4 MiB pages allowed (CR4.PSE), through the page directory at
# pd; clobbers %eax.
        .macro PAGING_ON pd
        movl %cr4, %eax
        orl $0x10, %eax                 # PSE
        movl %eax, %cr4
        movl $\pd, %eax
        movl %eax, %cr3
        movl %cr0, %eax
        orl $0x80000000, %eax           # PG
        movl %eax, %cr0
        .endm

        .macro EXIT code
        movb $\code, %al
        outb %al, $0xf4
        .endm
