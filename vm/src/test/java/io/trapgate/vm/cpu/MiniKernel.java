package io.trapgate.vm.cpu;

/**
 * Assembly prelude for protected-mode tests: a GDT (ring 0 and ring 3 flat code/data, a TSS),
 * an IDT whose every vector goes to {@code default_handler} (ESI = 0xdead, halt), CS reloaded by
 * a far jump, the TSS loaded with ESP0 = 0x7fe000. {@code set_gate} installs a handler:
 * ECX = vector, EAX = handler, EDX = attributes (0x8E00 ring-0 interrupt gate, 0xEE00 callable
 * from ring 3, 0x8F00 trap gate). Execution continues at {@code test_main}, which the test writes.
 */
final class MiniKernel {
    private MiniKernel() {
    }

    static final String PRELUDE = """
                lgdt gdt_desc
                ljmp $0x08, $1f
            1:  mov $0x10, %ax
                mov %ax, %ds
                mov %ax, %es
                mov %ax, %fs
                mov %ax, %gs
                mov %ax, %ss
                mov $0x7ff000, %esp
                xor %ecx, %ecx
            2:  mov $default_handler, %eax
                mov $0x8E00, %edx
                call set_gate
                inc %ecx
                cmp $256, %ecx
                jne 2b
                lidt idt_desc
                mov $tss, %eax
                mov %ax, gdt+0x28+2
                shr $16, %eax
                mov %al, gdt+0x28+4
                mov %ah, gdt+0x28+7
                movl $0x7fe000, tss+4
                movl $0x10, tss+8
                movw $104, tss+0x66
                mov $0x28, %ax
                ltr %ax
                jmp test_main
            set_gate:
                push %ebx
                push %eax
                lea idt(,%ecx,8), %ebx
                mov %ax, (%ebx)
                movw $0x08, 2(%ebx)
                mov %dx, 4(%ebx)
                shr $16, %eax
                mov %ax, 6(%ebx)
                pop %eax
                pop %ebx
                ret
            default_handler:
                mov $0xdead, %esi
                cli
                hlt
                .p2align 3
            gdt:
                .quad 0
                .quad 0x00CF9A000000FFFF
                .quad 0x00CF92000000FFFF
                .quad 0x00CFFA000000FFFF
                .quad 0x00CFF2000000FFFF
                .quad 0x0000890000000067
            gdt_end:
            gdt_desc: .word gdt_end - gdt - 1
                .long gdt
            idt_desc: .word 256*8-1
                .long idt
                .p2align 4
            tss: .fill 104, 1, 0
                .byte 0xff
                .p2align 3
            idt: .fill 256*8, 1, 0
            """;

    static CpuTestRig boot(String testMain) throws Exception {
        return new CpuTestRig().load(PRELUDE + "test_main:\n" + testMain);
    }
}
