#!/bin/sh
# gen-syscalls.sh TBL DIR: from syscalls.tbl (Linux syscall_32.tbl format) write, under DIR,
#   kernel/syscall_table_32.s        sys_call_table: one .long per number, holes = sys_ni_syscall
#   include/generated/unistd_32.inc  .set __NR_name, N  and NR_syscalls (for the assembly)
#   include/generated/unistd_32.h    #define __NR_name N (for C: the gdb helpers, user programs)
set -eu
tbl=$1; dir=$2
mkdir -p "$dir/kernel" "$dir/include/generated"
# every awk below skips comment and blank lines first
awk '/^[ \t]*(#|$)/ { next }
     { if ($1 + 0 != $1 || NF != 4) { print "syscalls.tbl: bad line: " $0 > "/dev/stderr"; exit 1 }
       if ($1 in seen) { print "syscalls.tbl: duplicate number " $1 > "/dev/stderr"; exit 1 }
       seen[$1] = 1 }' "$tbl"
awk 'BEGIN { print "# generated from syscalls.tbl by scripts/gen-syscalls.sh, do not edit" }
     /^[ \t]*(#|$)/ { next }
     { printf "\t.set __NR_%s, %d\n", $3, $1; if ($1 + 1 > n) n = $1 + 1 }
     END { printf "\t.set NR_syscalls, %d\n", n }' "$tbl" > "$dir/include/generated/unistd_32.inc"
awk 'BEGIN { print "/* generated from syscalls.tbl by scripts/gen-syscalls.sh, do not edit */"
             print "#ifndef _TRAPGATE_UNISTD_32_H"; print "#define _TRAPGATE_UNISTD_32_H" }
     /^[ \t]*(#|$)/ { next }
     { printf "#define __NR_%s %d\n", $3, $1; if ($1 + 1 > n) n = $1 + 1 }
     END { printf "#define NR_syscalls %d\n#endif\n", n }' "$tbl" > "$dir/include/generated/unistd_32.h"
awk '/^[ \t]*(#|$)/ { next }
     { entry[$1] = $4; name[$1] = $3; if ($1 + 1 > n) n = $1 + 1 }
     END {
       print "# generated from syscalls.tbl by scripts/gen-syscalls.sh, do not edit"
       print "# sys_call_table: entry_INT80_32 and entry_SYSENTER_32 call *sys_call_table(,%eax,4)"
       print "\t.include \"asm.inc\""
       print "\t.section .rodata"
       print "\t.p2align 2"
       print "\t.globl sys_call_table"
       print "\t.type sys_call_table, @object"
       print "sys_call_table:"
       for (i = 0; i < n; i++)
         if (i in entry) printf "\t.long %s\t\t# %d %s\n", entry[i], i, name[i]
         else printf "\t.long sys_ni_syscall\t# %d\n", i
       print "\t.size sys_call_table, . - sys_call_table"
     }' "$tbl" > "$dir/kernel/syscall_table_32.s"
