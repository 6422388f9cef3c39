/*
 * The bundled default /init: a walk through the lecture on system calls, saying what each step
 * does. Exits 0 when every step gave what Linux gives (the kernel then powers off), otherwise
 * with the number of steps that did not.
 */
#include "tg.h"

static int failures;

static void result(const char *call, long got, long want)
{
    if (got == want) {
        tg_printf("   %s = %E\n", call, got);
    } else {
        tg_printf("   %s = %E, but Linux gives %E\n", call, got, want);
        failures++;
    }
}

static void step(const char *text)
{
    tg_printf("\n%s\n", text);
}

int main(void)
{
    static const char fd10[] = "   (this line was written to fd 10)\n";
    static const char fd11[] = "   (this line was written to fd 11)\n";
    tg_printf("trapgate demo init: a user program making system calls, as in the lecture.\n");

    step("1. A system call through int $0x80: dup2(1, 10) is eax = 0x3f (63), ebx = 1, ecx = 10.\n"
         "   The trap gate enters entry_INT80_32, SAVE_ALL builds struct pt_regs, and\n"
         "   sys_call_table[63] runs; the result comes back in eax.");
    tg_via = TG_VIA_INT80;
    result("dup2(1, 10)", sys_dup2(1, 10), 10);
    result("write(10, ...)", sys_write(10, fd10, sizeof fd10 - 1), sizeof fd10 - 1);

    step("2. The same call through the vDSO. The kernel maps a small ELF shared object into every\n"
         "   process and passes __kernel_vsyscall's address as AT_SYSINFO in the auxiliary vector;\n"
         "   it enters the kernel with sysenter, the fast path, instead of int $0x80.");
    const unsigned char *vdso = (const unsigned char *)tg_getauxval(TG_AT_SYSINFO_EHDR);
    int is_dso = vdso && memcmp(vdso, "\177ELF", 4) == 0 && vdso[16] == 3;   /* e_type ET_DYN */
    tg_printf("   AT_SYSINFO_EHDR points at an ELF shared object: %s\n", is_dso ? "yes" : "no");
    failures += !is_dso;
    if (tg_vsyscall) {
        tg_via = TG_VIA_VDSO;
        result("dup2(1, 11)", sys_dup2(1, 11), 11);
        result("write(11, ...)", sys_write(11, fd11, sizeof fd11 - 1), sizeof fd11 - 1);
        tg_via = TG_VIA_INT80;
    } else {
        tg_printf("   no AT_SYSINFO\n");
        failures++;
    }

    step("3. write(1, 0xc0000000, 16): a pointer into the kernel. access_ok() refuses it\n"
         "   (it is not below TASK_SIZE), so the call fails with -EFAULT (-14).");
    result("write(1, 0xc0000000, 16)", sys_write(1, (void *)0xc0000000, 16), -EFAULT);

    step("4. write(1, 0x1000, 16): a user address with nothing mapped. The kernel does not look\n"
         "   it up first: copy_from_user faults, the page-fault handler finds the faulting\n"
         "   instruction in __ex_table and resumes at its fixup, which returns -EFAULT.");
    result("write(1, 0x1000, 16)", sys_write(1, (void *)0x1000, 16), -EFAULT);

    step("5. write(1, NULL, 4): NULL is just another unmapped user address.");
    result("write(1, NULL, 4)", sys_write(1, 0, 4), -EFAULT);

    step("6. Reading a file from the initramfs (the cpio archive loaded as the first module):\n"
         "   open(\"/etc/motd\"), read(), close().");
    long fd = sys_open("/etc/motd", TG_O_RDONLY, 0);
    result("open(\"/etc/motd\", O_RDONLY)", fd, 3);
    if (fd >= 0) {
        char buf[512];
        long n = sys_read(fd, buf, sizeof buf);
        if (n > 0) {
            tg_printf("   read %d bytes:\n", n);
            tg_write_all(1, buf, n);
        } else {
            tg_printf("   read gave %E\n", n);
            failures++;
        }
        result("close(3)", sys_close(fd), 0);
    }

    step("7. init exits; with no process left, the kernel powers the machine off and the VM\n"
         "   exits with init's status.");
    tg_printf("   exit status %d\n", failures);
    return failures;
}
