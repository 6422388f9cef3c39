# header.S: the multiboot v1 header every boot test kernel links first, and the entry stub.
# Flags: bit 0 = page-align modules, bit 1 = give memory info; with AOUT_KLUDGE defined (see
# aout_header.S) also bit 16 and the address fields, for a kernel loaded as a flat binary.
    .set MB_MAGIC, 0x1BADB002
#ifdef AOUT_KLUDGE
    .set MB_FLAGS, 0x00010003
#else
    .set MB_FLAGS, 0x00000003
#endif
    .section .multiboot, "a"
    .align 4
mb_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)           # magic + flags + checksum == 0
#ifdef AOUT_KLUDGE
    .long mb_header                        # header_addr: where this header lands
    .long __load_start                     # load_addr: the file's first byte goes here
    .long __load_end                       # load_end_addr: end of text and data
    .long __bss_end                        # bss_end_addr: the loader zeroes up to here
    .long _start                           # entry_addr
#endif

    .text
    .globl _start
_start:
    # Multiboot: eax = 0x2BADB002, ebx = info, flat segments, IF = 0; the stack is ours to set.
    movl $boot_stack_top, %esp
    movl %eax, boot_magic
    movl %ebx, boot_info
    lgdt gdt_desc                          # the multiboot GDTR may be invalid: load our own
    ljmp $0x08, $1f
1:  movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %fs
    movw %ax, %gs
    call serial_init
    call kmain                             # each test kernel defines kmain
    movl $0x7f, %eax                       # kmain returned: report it as exit 0x7f
    call debug_exit

    .data
    .globl boot_magic, boot_info
boot_magic: .long 0
boot_info:  .long 0
    .align 8
gdt:
    .quad 0                                # null descriptor
    .quad 0x00CF9A000000FFFF               # 0x08: code, base 0, limit 4 GiB, ring 0
    .quad 0x00CF92000000FFFF               # 0x10: data, base 0, limit 4 GiB, ring 0
gdt_desc:
    .word gdt_desc - gdt - 1
    .long gdt

    .bss
    .align 16
    .space 8192
boot_stack_top:
