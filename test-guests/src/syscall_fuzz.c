/*
 * A deterministic system-call fuzzer: "a user program can never crash the guest kernel".
 *
 *   syscall_fuzz [SEED [COUNT [trace]]]   (decimal or 0x hex; defaults 0x2545f491 and 3000;
 *                                           trace prints each call before making it)
 *
 * Makes COUNT calls, each drawn from every call in guest-kernel/syscalls.tbl but exit and
 * exit_group, plus numbers no kernel here implements (holes, >= NR_syscalls, negative), each
 * through int $0x80 or the vDSO's __kernel_vsyscall at random, with hostile arguments: NULL,
 * 1, kernel addresses, unmapped addresses, buffers that run from a mapped page into a hole,
 * the program's own read-only text and the vDSO, huge and zero lengths, bad descriptors,
 * random flags and ioctl requests. Everything comes from an xorshift32 seeded by SEED, so the
 * same kernel makes the same calls and gives the same answers on any correct CPU.
 *
 * After every call it checks that it survived (canaries in .data, .bss and on the stack, a
 * slice of its text against a copy taken at start, all of it every 256 calls): a kernel that
 * wrote through a bad pointer, or a memory call that reached beyond what it was given, ends
 * the run with status 2 and a message. Then it prints a report to a descriptor the fuzz never
 * touches, and exits 0: per number, the calls made, through which path, a histogram of the
 * results ("ok" or the errno's name) and a hash of the ok results. Only the results that
 * depend on time or randomness (gettimeofday, clock_gettime, nanosleep, getrandom) are left
 * out of the hash, and what they write goes to a page of its own that nothing else reads; so
 * does what fstat64 and fstatat64 write (the console's times are the boot time).
 *
 * What it must not do to itself, and so never does:
 *  - exit/exit_group are not drawn;
 *  - munmap, mprotect and MAP_FIXED mmap2 get addresses in the scratch area only, with
 *    lengths that stay inside it or that the kernel must refuse (past TASK_SIZE, wrapping);
 *    other mmap2 results are unmapped again at once (the hint names nothing it owns);
 *  - the report descriptor (REPORT_FD) never appears as a descriptor argument;
 *  - read on the console (a character device: the only kind here) gets a zero count unless
 *    the buffer is refused first, since a console read waits for input;
 *  - write and writev to the console get short lengths when the buffer is readable, so the
 *    serial line carries a bounded amount of noise;
 *  - nanosleep asks for at most a millisecond.
 */
#include "tg.h"

#define DEFAULT_SEED 0x2545f491u
#define DEFAULT_COUNT 3000u
#define REPORT_FD 19               /* dup2(1, 19) at start; excluded from every fd argument */
#define SCRATCH_PAGES 8            /* the memory the memory calls may change, then a hole */
#define INPUT_PAGES 2              /* structured arguments, rebuilt before each call, then a hole */
#define AREA_PAGES (SCRATCH_PAGES + 1 + INPUT_PAGES + 1 + 1 + 1)   /* with the sink and holes */
#define BRK_ROOM (1u << 20)        /* brk moves within 1 MiB above its start */
#define MAX_ERRNO 150              /* results -1..-149 get their own bucket, the rest one */
#define CANARY 0x5ca1ab1eu

/* from the linker: the program's text ends at etext; crt0's _start is linked first */
extern char _start[], etext[];

/* --- the calls ----------------------------------------------------------------------------- */

enum { V_VALUES, V_CLASS };        /* hash the ok results, or only count ok vs errors */

struct call { long nr; const char *name; int values; };

static const struct call calls[] = {
    { NR_read, "read", V_VALUES }, { NR_write, "write", V_VALUES },
    { NR_open, "open", V_VALUES }, { NR_close, "close", V_VALUES },
    { NR_lseek, "lseek", V_VALUES }, { NR_getpid, "getpid", V_VALUES },
    { NR_dup, "dup", V_VALUES }, { NR_brk, "brk", V_VALUES },
    { NR_ioctl, "ioctl", V_VALUES }, { NR_dup2, "dup2", V_VALUES },
    { NR_getppid, "getppid", V_VALUES }, { NR_gettimeofday, "gettimeofday", V_CLASS },
    { NR_readlink, "readlink", V_VALUES }, { NR_munmap, "munmap", V_VALUES },
    { NR_uname, "uname", V_VALUES }, { NR_mprotect, "mprotect", V_VALUES },
    { NR__llseek, "_llseek", V_VALUES }, { NR_writev, "writev", V_VALUES },
    { NR_nanosleep, "nanosleep", V_CLASS }, { NR_mmap2, "mmap2", V_VALUES },
    { NR_stat64, "stat64", V_VALUES }, { NR_lstat64, "lstat64", V_VALUES },
    { NR_fstat64, "fstat64", V_VALUES }, { NR_getuid32, "getuid32", V_VALUES },
    { NR_getgid32, "getgid32", V_VALUES }, { NR_geteuid32, "geteuid32", V_VALUES },
    { NR_getegid32, "getegid32", V_VALUES }, { NR_getdents64, "getdents64", V_VALUES },
    { NR_fcntl64, "fcntl64", V_VALUES }, { NR_set_thread_area, "set_thread_area", V_VALUES },
    { NR_set_tid_address, "set_tid_address", V_VALUES },
    { NR_clock_gettime, "clock_gettime", V_CLASS }, { NR_openat, "openat", V_VALUES },
    { NR_fstatat64, "fstatat64", V_VALUES }, { NR_getrandom, "getrandom", V_CLASS },
    /* not implemented here (Linux names): the kernel must answer -ENOSYS and nothing else */
    { 0, "restart_syscall", V_VALUES }, { 2, "fork", V_VALUES }, { 11, "execve", V_VALUES },
    { 17, "break", V_VALUES }, { 37, "kill", V_VALUES }, { 120, "clone", V_VALUES },
    { 174, "rt_sigaction", V_VALUES }, { 240, "futex", V_VALUES },
    { 244, "get_thread_area", V_VALUES }, { 354, "seccomp", V_VALUES },
    /* past the table (NR_syscalls is 356 here), and numbers that are negative as an int */
    { 356, "(NR_syscalls)", V_VALUES }, { 511, "(511)", V_VALUES },
    { 1000, "(1000)", V_VALUES }, { 0x7fffffff, "(0x7fffffff)", V_VALUES },
    { (long)0x80000000, "(0x80000000)", V_VALUES }, { -2, "(-2)", V_VALUES },
    { -1, "(0xffffffff)", V_VALUES },
};
#define NCALLS ((int)(sizeof calls / sizeof calls[0]))

/* --- state; the canaries around it catch a kernel write into .bss/.data ------------------- */

static volatile uint32_t data_canary = CANARY;     /* .data */

static struct {
    uint32_t head;
    uint32_t rng;
    char *scratch;          /* SCRATCH_PAGES pages, then an unmapped page */
    char *input;            /* INPUT_PAGES pages, then an unmapped page */
    char *sink;             /* one page, then an unmapped page: time and random data go here */
    uint32_t vdso;          /* AT_SYSINFO_EHDR */
    uint32_t brk_start;     /* brk(0) before the fuzz */
    uint32_t text_len;
    uint32_t calls[NCALLS], via_vdso[NCALLS], hash[NCALLS];
    uint32_t results[NCALLS][MAX_ERRNO + 1];   /* [0] ok, [e] -e, [MAX_ERRNO] anything else */
    uint32_t tail;
} st;

static char text_copy[64 * 1024];

static void report(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = tg_vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    tg_write_all(REPORT_FD, buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void die(const char *what, uint32_t i) __attribute__((noreturn));
static void die(const char *what, uint32_t i)
{
    report("syscall_fuzz: FAIL after call %u: %s\n", i, what);
    tg_write_all(2, "syscall_fuzz: FAIL\n", 19);    /* in case the report fd is what broke */
    for (;;)
        tg_syscall_int80(NR_exit_group, 2, 0, 0, 0, 0, 0);
}

static uint32_t rnd(void)          /* xorshift32 */
{
    uint32_t x = st.rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return st.rng = x;
}

static uint32_t pick(uint32_t n)
{
    return rnd() % n;
}

static int is_err(long r)
{
    return r < 0 && r >= -4095;
}

/* --- hostile arguments ---------------------------------------------------------------------- */

/* memory that is ours: text, data, bss, the heap, the areas, the vDSO and the stack */
static int owned(uint32_t p)
{
    return (p >= 0x08000000 && p < st.brk_start + BRK_ROOM)
           || (p >= (uint32_t)st.scratch && p < (uint32_t)st.scratch + AREA_PAGES * TG_PAGE_SIZE)
           || (p >= 0xbf000000 && p < 0xc0000000);
}

/* a random address, but none of ours: the kernel may write there, or print from there */
static uint32_t random_ptr(void)
{
    uint32_t p = rnd();
    return owned(p) ? p | 0xc0000000 : p;
}

/*
 * A pointer, valid or not. The kernel may write through it, so the only writable memory of ours
 * it ever names is the scratch, input and sink areas (the text and the vDSO are read-only).
 * *readable is set when it is memory of ours that may be readable, so that a write to the
 * console from it would print. `nondet` sends the writable ones to the sink (the call's data
 * depends on time or randomness, and nothing else may read it).
 */
static uint32_t ptr(int nondet, int *readable)
{
    int dummy;
    if (!readable)
        readable = &dummy;
    *readable = 0;
    uint32_t k = pick(16);
    switch (k) {
    case 0: return 0;                                   /* NULL */
    case 1: return 1;
    case 2: return 0xc0000000;                          /* PAGE_OFFSET */
    case 3: return 0xc0100000;                          /* kernel text */
    case 4: return 0xfffff000;
    case 5: return 0xbffffffe;                          /* runs into the kernel */
    case 6: return pick(2) ? 0x1000 : 0x30000000;       /* unmapped user addresses */
    case 7:                                             /* a few bytes before a hole */
        return (uint32_t)(nondet ? st.sink + TG_PAGE_SIZE : st.input + INPUT_PAGES * TG_PAGE_SIZE)
               - 1 - pick(16);
    case 8: case 9:                                     /* writable memory */
        *readable = 1;
        if (nondet)
            return (uint32_t)st.sink + pick(TG_PAGE_SIZE / 2);
        return (uint32_t)st.input + pick(TG_PAGE_SIZE);
    case 10:                                            /* scratch: mapped, RO, gone: who knows */
        *readable = 1;
        if (nondet)
            return (uint32_t)st.sink + pick(64);
        return (uint32_t)st.scratch + pick(SCRATCH_PAGES * TG_PAGE_SIZE);
    case 11:                                            /* the end of the scratch area */
        if (nondet)
            return (uint32_t)st.sink + TG_PAGE_SIZE - 1 - pick(16);
        *readable = 1;
        return (uint32_t)st.scratch + SCRATCH_PAGES * TG_PAGE_SIZE - 1 - pick(16);
    case 12: case 13:                                   /* our own text: read-only */
        *readable = 1;
        return (uint32_t)_start + pick(st.text_len);
    case 14:                                            /* the vDSO: read-only */
        *readable = st.vdso != 0;
        return st.vdso + pick(64);
    default:
        return random_ptr();
    }
}

static uint32_t len(void)
{
    static const uint32_t odd[] = { 0, 1, 4095, 4096, 4097, 8192, 0x7ffff000, 0x7fffffff,
                                    0x80000000, 0xfffff000, 0xffffffff, 0x01ffffff };
    switch (pick(4)) {
    case 0: return pick(64);
    case 1: return pick(5000);
    case 2: return odd[pick(sizeof odd / sizeof odd[0])];
    default: return rnd() >> pick(32);
    }
}

static uint32_t fd(void)
{
    static const uint32_t odd[] = { (uint32_t)-1, (uint32_t)TG_AT_FDCWD, 31, 32, 1023, 1024,
                                    0x7fffffff, 0x80000000 };
    uint32_t f;
    switch (pick(4)) {
    case 0: f = pick(3); break;                         /* the console */
    case 1: f = 3 + pick(12); break;                    /* what the fuzz opened */
    case 2: f = odd[pick(sizeof odd / sizeof odd[0])]; break;
    default: f = pick(2) ? pick(64) : rnd(); break;
    }
    return f == REPORT_FD ? REPORT_FD - 1 : f;
}

static uint32_t flags(void)
{
    switch (pick(4)) {
    case 0: return 0;
    case 1: return 1u << pick(32);
    case 2: return pick(8);
    default: return rnd();
    }
}

/* a pointer every access through faults */
static uint32_t bad_ptr(void)
{
    static const uint32_t bad[] = { 0, 1, 0xc0000000, 0xc0100000, 0xfffff000, 0xbffffffe, 0x1000 };
    if (pick(8) == 0)                  /* the last 1..7 bytes before a hole: no 8-byte read fits */
        return (uint32_t)st.input + INPUT_PAGES * TG_PAGE_SIZE - 1 - pick(7);
    return bad[pick(sizeof bad / sizeof bad[0])];
}

/* a path: a real one (or nearly), in the input area; or a hostile pointer */
static uint32_t path(void)
{
    static const char *const names[] = {
        "/etc/motd", "/etc/motd.link", "/etc/motd.link/", "/", "/bin", "/bin/syscall_fuzz",
        "/init", "", ".", "..", "etc/../etc/./motd", "/nonexistent", "/etc/motd/x", "//etc//",
        "bin", "/dev/null", "/etc/motd.link/x",
    };
    char *p = st.input + 256;          /* the paths live at input+256 .. input+2048 */
    switch (pick(4)) {
    case 0: case 1: {
        const char *s = names[pick(sizeof names / sizeof names[0])];
        memcpy(p, s, tg_strlen(s) + 1);
        return (uint32_t)p;
    }
    case 2: {                          /* a name with no NUL before the hole */
        char *end = st.input + INPUT_PAGES * TG_PAGE_SIZE;
        uint32_t n = 1 + pick(INPUT_PAGES * TG_PAGE_SIZE - 2048);
        memset(end - n, pick(2) ? '/' : 'a', n);
        return (uint32_t)(end - n);
    }
    default:
        return ptr(0, 0);
    }
}

/* fill n iovecs at the start of the input area, the rest of its 1024 (UIO_MAXIOV) empty;
 * their buffers are hostile pointers */
static uint32_t iovecs(uint32_t n, int console)
{
    struct tg_iovec *v = (struct tg_iovec *)st.input;
    memset(v, 0, INPUT_PAGES * TG_PAGE_SIZE);
    for (uint32_t i = 0; i < n && i < 16; i++) {
        int readable;
        v[i].iov_base = (void *)ptr(0, &readable);
        v[i].iov_len = len();
        if (console && readable)
            v[i].iov_len &= 63;
    }
    return pick(8) ? (uint32_t)v : ptr(0, 0);
}

/* --- one call ------------------------------------------------------------------------------ */

static int is_console(uint32_t f)
{
    struct tg_stat64 s;
    if (tg_syscall_int80(NR_fstat64, (long)f, (long)&s, 0, 0, 0, 0) != 0)
        return 0;
    return (s.st_mode & TG_S_IFMT) == TG_S_IFCHR;
}

/* [p, p + n) lies below TASK_SIZE: the kernel will go on to use it (access_ok) */
static int user_range(uint32_t p, uint32_t n)
{
    return p + n >= p && p + n <= 0xc0000000u;
}

/* an address in the scratch area, usually page aligned, and a length that stays inside it or
 * that the kernel must refuse whatever is mapped */
static void scratch_range(uint32_t *a, uint32_t *n)
{
    uint32_t page = pick(SCRATCH_PAGES);
    *a = (uint32_t)st.scratch + page * TG_PAGE_SIZE + (pick(8) ? 0 : pick(TG_PAGE_SIZE));
    if (pick(6) == 0) {
        static const uint32_t refused[] = { 0xffffffff, 0xfffff001, 0xc0000000, 0x80000001 };
        *n = refused[pick(4)];         /* past TASK_SIZE from any scratch address, or wraps */
        return;
    }
    uint32_t end = (uint32_t)st.scratch + SCRATCH_PAGES * TG_PAGE_SIZE;
    *n = pick(5) ? pick(end - *a + 1) : 0;
}

static uint32_t trace;             /* "trace": each call's number, before it is made */

static long fuzz_one(int c)
{
    long nr = calls[c].nr;
    uint32_t a[6];
    for (int i = 0; i < 6; i++)        /* what the call does not use is junk, as from a libc */
        a[i] = rnd();
    int readable;

    switch (nr) {
    case NR_read:
        a[0] = fd();
        a[1] = ptr(0, 0);
        a[2] = len();
        if (a[2] != 0 && is_console(a[0]) && user_range(a[1], a[2]))
            a[2] = 0;                  /* the console would wait for input */
        break;
    case NR_write:
        a[0] = fd();
        a[1] = ptr(0, &readable);
        a[2] = len();
        if (readable && is_console(a[0]))
            a[2] &= 63;
        break;
    case NR_writev:
        a[0] = fd();
        a[2] = pick(4) ? pick(6) : (uint32_t[]){ 1024, 1025, 0xffffffff, 0x80000000 }[pick(4)];
        a[1] = iovecs(a[2], is_console(a[0]));
        break;
    case NR_open:
        a[0] = path();
        a[1] = flags();
        a[2] = pick(2) ? 0644 : rnd();
        break;
    case NR_openat:
        a[0] = pick(2) ? (uint32_t)TG_AT_FDCWD : fd();
        a[1] = path();
        a[2] = flags();
        a[3] = rnd();
        break;
    case NR_close: case NR_dup: case NR_getdents64:
        a[0] = fd();
        a[1] = ptr(0, 0);
        a[2] = len();
        break;
    case NR_fstat64:                   /* the console's times are the boot time: the sink */
        a[0] = fd();
        a[1] = ptr(1, 0);
        break;
    case NR_dup2:
        a[0] = fd();
        a[1] = fd();
        break;
    case NR_lseek:
        a[0] = fd();
        a[1] = pick(2) ? pick(5000) - 1000 : rnd();
        a[2] = pick(4) ? pick(3) : rnd();
        break;
    case NR__llseek:
        a[0] = fd();
        a[1] = pick(2) ? 0 : rnd();
        a[2] = pick(2) ? pick(5000) : rnd();
        a[3] = ptr(0, 0);
        a[4] = pick(4) ? pick(3) : rnd();
        break;
    case NR_brk: {                     /* a new break in its room, or one to refuse */
        static const uint32_t odd[] = { 0, 1, 0x08048000, 0xbf000000, 0xbfffffff, 0xc0000000,
                                        0xffffffff };
        a[0] = pick(2) ? st.brk_start + pick(BRK_ROOM) : pick(8) ? odd[pick(7)] : st.brk_start - 1;
        break;
    }
    case NR_ioctl: {
        static const uint32_t req[] = { TG_TCGETS, 0x5402, 0x5403, 0x5404, TG_TIOCGWINSZ, 0x5414,
                                        0x5400, 0x541b, 0x80045430, 0xc0045401 };
        a[0] = fd();
        a[1] = pick(2) ? req[pick(10)] : (pick(2) ? 0x5400 + pick(64) : rnd());
        a[2] = ptr(0, 0);
        break;
    }
    case NR_gettimeofday:
        a[0] = ptr(1, 0);
        a[1] = ptr(1, 0);
        break;
    case NR_clock_gettime:
        a[0] = pick(2) ? pick(12) : rnd();
        a[1] = ptr(1, 0);
        break;
    case NR_nanosleep: {
        struct tg_timespec *ts = (struct tg_timespec *)(st.input + 128);
        ts->tv_sec = pick(4) ? 0 : (long)rnd();          /* a huge or negative tv_sec is */
        ts->tv_nsec = pick(2) ? (long)pick(1000000) : (long)rnd();   /* refused: -EINVAL */
        if (ts->tv_sec > 0 && ts->tv_nsec >= 0 && ts->tv_nsec <= 999999999)
            ts->tv_sec = -ts->tv_sec;  /* never a long sleep */
        if (ts->tv_sec == 0 && ts->tv_nsec > 1000000)
            ts->tv_nsec = -1;
        a[0] = pick(3) ? (uint32_t)ts : bad_ptr();      /* never other data: it could be a long sleep */
        a[1] = ptr(1, 0);
        break;
    }
    case NR_readlink:
        a[0] = path();
        a[1] = ptr(0, 0);
        a[2] = len();
        break;
    case NR_stat64: case NR_lstat64:
        a[0] = path();
        a[1] = ptr(0, 0);
        break;
    case NR_fstatat64:
        a[0] = pick(2) ? (uint32_t)TG_AT_FDCWD : fd();
        a[1] = path();
        a[2] = ptr(1, 0);              /* AT_EMPTY_PATH reaches the console: as fstat64 */
        a[3] = pick(2) ? (pick(2) ? 0x100 : 0x1000) : flags();  /* AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH */
        break;
    case NR_uname: case NR_set_tid_address:
        a[0] = ptr(0, 0);
        break;
    case NR_munmap:
        scratch_range(&a[0], &a[1]);
        break;
    case NR_mprotect:
        scratch_range(&a[0], &a[1]);
        a[2] = pick(2) ? pick(8) : flags();
        break;
    case NR_mmap2:
        a[3] = flags();
        if (pick(2))
            a[3] = (a[3] & ~0x3fu) | pick(64);        /* the low flag bits more often */
        if (a[3] & TG_MAP_FIXED)
            scratch_range(&a[0], &a[1]);
        else {
            a[0] = pick(2) ? 0 : ptr(0, 0);           /* a hint: the kernel may ignore it */
            a[1] = pick(2) ? len() : (uint32_t[]){ 0x4000000, 0x10000000, 0x3f000000 }[pick(3)];
        }
        a[2] = pick(2) ? pick(8) : flags();
        a[4] = fd();
        a[5] = pick(2) ? pick(4) : rnd();
        break;
    case NR_fcntl64: {
        static const uint32_t cmd[] = { 0, 1, 2, 3, 4, 1030 };
        a[0] = fd();
        a[1] = pick(4) ? cmd[pick(6)] : (pick(2) ? pick(64) : rnd());
        a[2] = pick(2) ? pick(40) : rnd();
        break;
    }
    case NR_set_thread_area: {
        struct tg_user_desc *u = (struct tg_user_desc *)(st.input + 64);
        u->entry_number = pick(2) ? (unsigned)-1 : (pick(2) ? 5 + pick(5) : rnd());
        u->base_addr = pick(2) ? (uint32_t)st.scratch : rnd();
        u->limit = pick(2) ? 0xfffff : rnd();
        u->flags = pick(2) ? 0x51 : rnd();
        a[0] = pick(3) ? (uint32_t)u : ptr(0, 0);
        break;
    }
    case NR_getrandom:
        a[0] = ptr(1, 0);
        a[1] = len();
        a[2] = pick(2) ? pick(8) : flags();
        break;
    default:                           /* the others take nothing, or nothing exists */
        break;
    }

    int vdso = tg_vsyscall != 0 && pick(2);
    if (vdso)
        st.via_vdso[c]++;
    long (*sys)(long, long, long, long, long, long, long) = vdso ? tg_syscall_vdso : tg_syscall_int80;
    if (trace)
        report("call %u: %s(%x, %x, %x, %x, %x, %x) via %s\n", trace, calls[c].name, a[0], a[1], a[2],
               a[3], a[4], a[5], vdso ? "vdso" : "int80");
    long r = sys(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)a[5]);

    if (trace)
        report("  = %E\n", r);
    /* a mapping the kernel chose: give it back, so the fuzz does not run out of areas */
    if (nr == NR_mmap2 && !is_err(r) && !(a[3] & TG_MAP_FIXED))
        tg_syscall_int80(NR_munmap, r, (long)a[1], 0, 0, 0, 0);
    return r;
}

/* --- survival checks ----------------------------------------------------------------------- */

static void check_text(uint32_t from, uint32_t n, uint32_t i)
{
    if (memcmp(_start + from, text_copy + from, n) != 0)
        die("the program's text changed", i);
}

static void survived(uint32_t i, volatile uint32_t *stack_canary)
{
    if (data_canary != CANARY)
        die("the .data canary changed", i);
    if (st.head != CANARY || st.tail != ~CANARY)
        die("the .bss canaries changed", i);
    if (stack_canary[0] != CANARY || stack_canary[1] != (CANARY ^ i))
        die("the stack canary changed", i);
    uint32_t window = 256, from = (i * window) % st.text_len;
    check_text(from, from + window <= st.text_len ? window : st.text_len - from, i);
    if (i % 256 == 0)
        check_text(0, st.text_len, i);
}

/* --- main ------------------------------------------------------------------------------------ */

static uint32_t parse(const char *s, uint32_t dflt)
{
    uint32_t v = 0, base = 10;
    if (!s || !*s)
        return dflt;
    if (s[0] == '0' && s[1] == 'x') {
        base = 16;
        s += 2;
    }
    for (; *s; s++) {
        uint32_t d = *s >= '0' && *s <= '9' ? (uint32_t)(*s - '0')
                   : *s >= 'a' && *s <= 'f' ? (uint32_t)(*s - 'a' + 10) : 99;
        if (d >= base)
            return dflt;
        v = v * base + d;
    }
    return v;
}

/* scratch, hole, input, hole, sink, hole: one mapping, then the holes punched in it (a hole
 * left after a mapping of its own would be where the next one goes) */
static void map_areas(void)
{
    uint32_t total = SCRATCH_PAGES + 1 + INPUT_PAGES + 1 + 1 + 1;
    long p = tg_syscall_int80(NR_mmap2, 0, total * TG_PAGE_SIZE, TG_PROT_READ | TG_PROT_WRITE,
                              TG_MAP_PRIVATE | TG_MAP_ANONYMOUS, -1, 0);
    if (is_err(p))
        die("cannot map the scratch memory", 0);
    st.scratch = (char *)p;
    st.input = st.scratch + (SCRATCH_PAGES + 1) * TG_PAGE_SIZE;
    st.sink = st.input + (INPUT_PAGES + 1) * TG_PAGE_SIZE;
    if (tg_syscall_int80(NR_munmap, (long)(st.scratch + SCRATCH_PAGES * TG_PAGE_SIZE), TG_PAGE_SIZE, 0, 0, 0, 0)
        || tg_syscall_int80(NR_munmap, (long)(st.input + INPUT_PAGES * TG_PAGE_SIZE), TG_PAGE_SIZE, 0, 0, 0, 0)
        || tg_syscall_int80(NR_munmap, (long)(st.sink + TG_PAGE_SIZE), TG_PAGE_SIZE, 0, 0, 0, 0))
        die("cannot punch the holes", 0);
}

static void memmove_left(char *s)
{
    for (; *s; s++)
        s[0] = s[1];
}

static void print_report(uint32_t seed, uint32_t count)
{
    report("syscall_fuzz report: seed 0x%08x, %u calls\n", seed, count);
    for (int c = 0; c < NCALLS; c++) {
        char line[1024];
        int n = tg_snprintf(line, sizeof line, "%11ld %s", calls[c].nr, calls[c].name);
        while (n < 30)
            line[n++] = ' ';
        n += tg_snprintf(line + n, sizeof line - n, "%5u calls (vdso %4u):", st.calls[c], st.via_vdso[c]);
        for (int e = 0; e <= MAX_ERRNO && n < (int)sizeof line - 40; e++) {
            uint32_t k = st.results[c][e];
            if (k == 0)
                continue;
            char name[24];
            if (e == 0)
                memcpy(name, "ok", 3);
            else if (e == MAX_ERRNO)
                memcpy(name, "other", 6);
            else if (tg_snprintf(name, sizeof name, "%E", -(long)e) && name[1] >= 'A')
                memmove_left(name);        /* "-EBADF" -> "EBADF" */
            else
                tg_snprintf(name, sizeof name, "errno%u", e);   /* one print.c has no name for */
            n += tg_snprintf(line + n, sizeof line - n, " %s %u", name, k);
        }
        if (calls[c].values == V_VALUES && n < (int)sizeof line - 24)
            n += tg_snprintf(line + n, sizeof line - n, "; values %08x", st.hash[c]);
        report("%s\n", line);
    }
    report("syscall_fuzz: end of report\n");
}

int main(int argc, char **argv)
{
    volatile uint32_t stack_canary[2] = { CANARY, CANARY };
    uint32_t seed = parse(argc > 1 ? argv[1] : 0, DEFAULT_SEED);
    uint32_t count = parse(argc > 2 ? argv[2] : 0, DEFAULT_COUNT);
    trace = argc > 3 && tg_strcmp(argv[3], "trace") == 0;

    if (tg_syscall_int80(NR_dup2, 1, REPORT_FD, 0, 0, 0, 0) != REPORT_FD) {
        tg_printf("syscall_fuzz: cannot dup2(1, %d)\n", REPORT_FD);
        return 3;
    }
    st.head = CANARY;
    st.tail = ~CANARY;
    for (int c = 0; c < NCALLS; c++)
        st.hash[c] = 2166136261u;                   /* FNV-1a's offset basis */
    st.rng = seed ? seed : DEFAULT_SEED;           /* xorshift's one fixed point */
    st.text_len = (uint32_t)(etext - _start);
    if (st.text_len > sizeof text_copy)
        die("text larger than its copy", 0);
    memcpy(text_copy, _start, st.text_len);
    st.vdso = tg_getauxval(TG_AT_SYSINFO_EHDR);
    map_areas();
    st.brk_start = (uint32_t)tg_syscall_int80(NR_brk, 0, 0, 0, 0, 0, 0);
    if (trace)
        report("scratch %p, input %p, sink %p, text %p+%x\n", st.scratch, st.input, st.sink, _start,
               st.text_len);

    for (uint32_t i = 1; i <= count; i++) {
        int c = (int)pick(NCALLS);
        stack_canary[1] = CANARY ^ i;
        if (trace)
            trace = i;
        long r = fuzz_one(c);
        survived(i, stack_canary);
        st.calls[c]++;
        if (is_err(r)) {
            st.results[c][-r < MAX_ERRNO ? -r : MAX_ERRNO]++;
        } else {
            st.results[c][0]++;
            st.hash[c] = (st.hash[c] ^ (uint32_t)r) * 16777619u;   /* FNV-1a over the results */
        }
    }
    check_text(0, st.text_len, count);
    print_report(seed, count);
    return 0;
}
