/*
 * The initial process stack and the auxiliary vector, as Linux's create_elf_tables builds them
 * (slides 28-31 for the vDSO): esp 16-byte aligned with argc on top and edx 0 at _start; the
 * auxv entries describing this program, and AT_SYSINFO_EHDR pointing at a real ELF shared
 * object that exports __kernel_vsyscall (version LINUX_2.5) at the address AT_SYSINFO gives.
 * Values that differ between runs (addresses, hwcap) are compared with each other, not printed.
 */
#include "tg.h"

typedef struct { unsigned char e_ident[16]; uint16_t e_type, e_machine; uint32_t e_version, e_entry,
                 e_phoff, e_shoff, e_flags; uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize,
                 e_shnum, e_shstrndx; } Elf32_Ehdr;
typedef struct { uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align; } Elf32_Phdr;
typedef struct { int32_t d_tag; uint32_t d_val; } Elf32_Dyn;
typedef struct { uint32_t st_name, st_value, st_size; unsigned char st_info, st_other; uint16_t st_shndx; } Elf32_Sym;
typedef struct { uint16_t vd_version, vd_flags, vd_ndx, vd_cnt; uint32_t vd_hash, vd_aux, vd_next; } Elf32_Verdef;
typedef struct { uint32_t vda_name, vda_next; } Elf32_Verdaux;

#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_TLS 7
#define DT_NULL 0
#define DT_HASH 4
#define DT_STRTAB 5
#define DT_SYMTAB 6
#define DT_GNU_HASH 0x6ffffef5
#define DT_VERSYM 0x6ffffff0
#define DT_VERDEF 0x6ffffffc
#define DT_VERDEFNUM 0x6ffffffd

extern const Elf32_Ehdr __ehdr_start;   /* the linker's name for our own ELF header */
extern char _start[];

static int aligned16(uint32_t v)
{
    return (v & 15) == 0;
}

static void initial_stack(int argc, char **argv, char **envp)
{
    uint32_t *sp = (uint32_t *)tg_entry_esp;
    expect(tg_entry_edx, 0, "edx at _start");
    expect_true(aligned16(tg_entry_esp), "esp at _start is 16-byte aligned");
    expect(sp[0], argc, "0(%%esp) is argc");
    expect_true((char **)(sp + 1) == argv && argv[argc] == 0, "argv follows, NULL-terminated");
    expect_true(envp == argv + argc + 1, "envp follows argv's NULL");
    int n = 0;
    while (envp[n])
        n++;
    expect_true((uint32_t *)(envp + n + 1) == tg_auxv, "the auxiliary vector follows envp's NULL");
}

static void auxv_entries(char **argv)
{
    const Elf32_Ehdr *eh = &__ehdr_start;
    expect(tg_getauxval(TG_AT_PAGESZ), 4096, "AT_PAGESZ");
    expect_true(tg_getauxval(TG_AT_PHDR) == (uint32_t)eh + eh->e_phoff, "AT_PHDR is our program headers");
    expect(tg_getauxval(TG_AT_PHENT), sizeof(Elf32_Phdr), "AT_PHENT");
    expect(tg_getauxval(TG_AT_PHNUM), eh->e_phnum, "AT_PHNUM (e_phnum)");
    expect_true(tg_getauxval(TG_AT_ENTRY) == (uint32_t)_start, "AT_ENTRY is _start");
    expect(tg_getauxval(TG_AT_UID), 0, "AT_UID");
    expect(tg_getauxval(TG_AT_EUID), 0, "AT_EUID");
    expect(tg_getauxval(TG_AT_GID), 0, "AT_GID");
    expect(tg_getauxval(TG_AT_EGID), 0, "AT_EGID");
    expect(tg_getauxval(TG_AT_SECURE), 0, "AT_SECURE");
    expect_true(tg_getauxval(TG_AT_HWCAP) != 0, "AT_HWCAP present");
    const unsigned char *rnd = (const unsigned char *)tg_getauxval(TG_AT_RANDOM);
    int nonzero = 0;
    for (int i = 0; rnd && i < 16; i++)
        nonzero |= rnd[i];
    expect_true(rnd != 0 && nonzero, "AT_RANDOM points at 16 bytes, not all zero");
    const char *platform = (const char *)tg_getauxval(TG_AT_PLATFORM);
    tg_printf("AT_PLATFORM: \"%s\"\n", platform ? platform : "(absent)");
    const char *execfn = (const char *)tg_getauxval(TG_AT_EXECFN);
    expect_true(execfn && tg_strcmp(execfn, argv[0]) == 0, "AT_EXECFN is the path executed (argv[0])");
    expect_true((uintptr_t)rnd > tg_entry_esp && (uintptr_t)execfn > tg_entry_esp,
                "AT_RANDOM and AT_EXECFN lie above the vectors on the stack");
}

static uint32_t gnu_hash_symbols(const uint32_t *h)
{
    uint32_t nbuckets = h[0], symoffset = h[1], bloom_size = h[2];
    const uint32_t *buckets = h + 4 + bloom_size;
    const uint32_t *chain = buckets + nbuckets;
    uint32_t last = 0;
    for (uint32_t i = 0; i < nbuckets; i++)
        if (buckets[i] > last)
            last = buckets[i];
    if (last < symoffset)
        return symoffset;
    while ((chain[last - symoffset] & 1) == 0)
        last++;
    return last + 1;
}

static void vdso(void)
{
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)tg_getauxval(TG_AT_SYSINFO_EHDR);
    uint32_t sysinfo = tg_getauxval(TG_AT_SYSINFO);
    expect_true(eh != 0, "AT_SYSINFO_EHDR present");
    expect_true(sysinfo != 0, "AT_SYSINFO present");
    if (!eh)
        return;
    expect_true(memcmp(eh->e_ident, "\177ELF\1\1\1", 7) == 0, "the vDSO starts with an ELF32 little-endian header");
    expect(eh->e_type, 3, "its e_type (ET_DYN: a shared object)");
    expect(eh->e_machine, 3, "its e_machine (EM_386)");
    expect_true(((uintptr_t)eh & (TG_PAGE_SIZE - 1)) == 0, "it is page aligned");
    const Elf32_Phdr *ph = (const Elf32_Phdr *)((const char *)eh + eh->e_phoff);
    const Elf32_Dyn *dyn = 0;
    uintptr_t bias = 0, end = 0;
    int loads = 0, tls = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD) {
            if (loads++ == 0)
                bias = (uintptr_t)eh - (ph[i].p_vaddr - ph[i].p_offset);
            end = bias + ph[i].p_vaddr + ph[i].p_memsz;
        } else if (ph[i].p_type == PT_TLS) {
            tls = 1;
        }
    }
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_DYNAMIC)
            dyn = (const Elf32_Dyn *)(bias + ph[i].p_vaddr);
    expect_true(loads > 0, "it has a PT_LOAD segment");
    expect_true(dyn != 0, "it has a PT_DYNAMIC segment");
    expect_true(!tls, "it has no PT_TLS segment");
    expect_true(sysinfo >= (uintptr_t)eh && sysinfo < end, "AT_SYSINFO lies inside it");
    if (!dyn)
        return;
    const uint32_t *hash = 0, *gnu_hash = 0;
    const char *strtab = 0;
    const Elf32_Sym *symtab = 0;
    const uint16_t *versym = 0;
    const Elf32_Verdef *verdef = 0;
    for (; dyn->d_tag != DT_NULL; dyn++) {
        uintptr_t p = bias + dyn->d_val;
        switch (dyn->d_tag) {
        case DT_HASH: hash = (const uint32_t *)p; break;
        case DT_GNU_HASH: gnu_hash = (const uint32_t *)p; break;
        case DT_STRTAB: strtab = (const char *)p; break;
        case DT_SYMTAB: symtab = (const Elf32_Sym *)p; break;
        case DT_VERSYM: versym = (const uint16_t *)p; break;
        case DT_VERDEF: verdef = (const Elf32_Verdef *)p; break;
        }
    }
    expect_true(hash || gnu_hash, "it has a symbol hash table (DT_HASH or DT_GNU_HASH)");
    expect_true(strtab && symtab, "it has DT_STRTAB and DT_SYMTAB");
    if (!(hash || gnu_hash) || !strtab || !symtab)
        return;
    uint32_t nsyms = hash ? hash[1] : gnu_hash_symbols(gnu_hash);   /* DT_HASH: nchain */
    int found = 0;
    for (uint32_t i = 1; i < nsyms; i++) {
        if (tg_strcmp(strtab + symtab[i].st_name, "__kernel_vsyscall") != 0)
            continue;
        found = 1;
        expect_true(bias + symtab[i].st_value == sysinfo, "__kernel_vsyscall is at AT_SYSINFO");
        expect(symtab[i].st_info & 15, 2, "__kernel_vsyscall's type (STT_FUNC)");
        const char *version = "(none)";
        if (versym && verdef) {
            uint16_t ndx = versym[i] & 0x7fff;
            for (const Elf32_Verdef *d = verdef;; d = (const Elf32_Verdef *)((const char *)d + d->vd_next)) {
                if (d->vd_ndx == ndx)
                    version = strtab + ((const Elf32_Verdaux *)((const char *)d + d->vd_aux))->vda_name;
                if (d->vd_next == 0)
                    break;
            }
        }
        tg_printf("__kernel_vsyscall's version: %s\n", version);
    }
    expect_true(found, "it exports __kernel_vsyscall");
}

int main(int argc, char **argv, char **envp)
{
    initial_stack(argc, argv, envp);
    auxv_entries(argv);
    vdso();
    tg_printf("failed checks: %d\n", tg_failures);
    return tg_failures;
}
