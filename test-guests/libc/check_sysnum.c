/*
 * Compiled only when the host has Linux's asm/unistd_32.h (linux-libc-dev), whose path the
 * Makefile passes as UNISTD_32: every number in sysnum.h (generated from the guest kernel's
 * syscalls.tbl) must equal the kernel headers' one, so the one list we wrote is checked against
 * Linux's. Produces no code.
 */
#include UNISTD_32
#include "sysnum.h"

#define SAME(name) _Static_assert(NR_##name == __NR_##name, "syscalls.tbl: " #name " is not Linux's number");
TG_SYSCALLS(SAME)
