# A triple fault: with an empty IDT, ud2 raises #UD, whose delivery raises #GP, whose delivery
# raises #DF, whose delivery shuts the machine down. With -no-reboot the VM exits; everything
# printed before must be there and nothing after.

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "triplefault\n"
        PRINT "before the triple fault\n"
        lidt empty_idt
        ud2
        PRINT "after the triple fault\n"
        ret

        .data
empty_idt:
        .word 0
        .long 0
