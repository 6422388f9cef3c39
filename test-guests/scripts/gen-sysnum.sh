#!/bin/sh
# gen-sysnum.sh TBL OUT: from the guest kernel's syscalls.tbl (Linux syscall_32.tbl format:
# <number> <abi> <name> <entry point>) write OUT, the test guests' libc/sysnum.h:
#   #define NR_name N      for every system call the kernel implements (C and .S files)
#   TG_SYSCALLS(X)         X(name) for each of them, so libc/check_sysnum.c compares every
#                          number with the host's asm/unistd_32.h without a list of its own
# NR_, not __NR_: check_sysnum.c includes Linux's header beside this one.
set -eu
tbl=$1; out=$2
awk 'BEGIN { print "/* generated from guest-kernel/syscalls.tbl by test-guests/scripts/gen-sysnum.sh, do not edit */"
             print "/* Linux i386 system-call numbers, the ones the guest kernel implements. */"
             print "#ifndef TG_SYSNUM_H"; print "#define TG_SYSNUM_H"; print "" }
     /^[ \t]*(#|$)/ { next }
     { if ($1 + 0 != $1 || NF != 4) { print "syscalls.tbl: bad line: " $0 > "/dev/stderr"; exit 1 }
       printf "#define NR_%-20s %d\n", $3, $1; names[++n] = $3 }
     END { print ""; print "#define TG_SYSCALLS(X) \\"
           for (i = 1; i <= n; i++) printf "\tX(%s)%s\n", names[i], i < n ? " \\" : ""
           print ""; print "#endif" }' "$tbl" > "$out.tmp"
mv "$out.tmp" "$out"
