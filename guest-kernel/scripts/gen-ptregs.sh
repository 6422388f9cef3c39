#!/bin/sh
# gen-ptregs.sh DEF DIR: from pt_regs.def write, under DIR,
#   include/generated/asm-offsets.inc  .set PT_EBX, 0x00 ... PT_REGS_SIZE (for the assembly)
#   include/generated/pt_regs.h        struct pt_regs and the same PT_* as #defines (for C/gdb)
set -eu
def=$1; dir=$2
mkdir -p "$dir/include/generated"
awk 'BEGIN { print "# generated from pt_regs.def by scripts/gen-ptregs.sh, do not edit" }
     /^[ \t]*(#|$)/ { next }
     { printf "\t.set %s, 0x%02X\n", $3, off; off += 4 }
     END { printf "\t.set PT_REGS_SIZE, 0x%02X\n", off }' "$def" > "$dir/include/generated/asm-offsets.inc"
awk 'BEGIN { print "/* generated from pt_regs.def by scripts/gen-ptregs.sh, do not edit */"
             print "#ifndef _TRAPGATE_PT_REGS_H"; print "#define _TRAPGATE_PT_REGS_H"
             print "/* The frame entry_INT80_32, entry_SYSENTER_32 and the exception entries build. */"
             print "struct pt_regs {" }
     /^[ \t]*(#|$)/ { next }
     { if ($2 == "word") printf "\tunsigned long %s;\n", $1
       else if ($2 == "seg") printf "\tunsigned short %s;\n\tunsigned short __%sh;\n", $1, $1
       else { print "pt_regs.def: bad kind " $2 > "/dev/stderr"; exit 1 }
       defs = defs sprintf("#define %s 0x%02X\n", $3, off); off += 4 }
     END { print "};"; printf "%s#define PT_REGS_SIZE 0x%02X\n#endif\n", defs, off }' "$def" > "$dir/include/generated/pt_regs.h"
