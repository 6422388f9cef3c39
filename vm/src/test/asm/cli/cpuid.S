# cpuid.S: reports three CPUID.1:EDX feature bits through isa-debug-exit, so the exit status
# says which processor the VM claims to be: bit 0 SEP (sysenter), bit 1 CMOV, bit 2 PGE.
    .section .multiboot, "a"
    .align 4
    .long 0x1BADB002                       # multiboot v1 magic
    .long 0                                # flags: nothing asked of the loader
    .long -0x1BADB002                      # checksum

    .text
    .globl _start
_start:
    movl $1, %eax
    cpuid                                  # EDX: the feature bits
    xorl %eax, %eax
    btl $11, %edx                          # SEP
    adcl $0, %eax
    btl $15, %edx                          # CMOV
    jnc 1f
    orl $2, %eax
1:  btl $13, %edx                          # PGE
    jnc 2f
    orl $4, %eax
2:  outb %al, $0xf4                        # isa-debug-exit: the process exits (al << 1) | 1
    cli
3:  hlt
    jmp 3b
