/* pt_regs_debug.c: no code; compiled with -g so that the kernel's DWARF describes
 * struct pt_regs and gdb can `print *(struct pt_regs *)$esp` in entry_INT80_32.
 * The asserts check the generated layout against Linux i386's, written down independently. */
#include <stddef.h>
#include "generated/pt_regs.h"

_Static_assert(sizeof(struct pt_regs) == 0x44, "pt_regs is 0x44 bytes on i386");
_Static_assert(offsetof(struct pt_regs, ax) == 0x18, "ax at 0x18");
_Static_assert(offsetof(struct pt_regs, orig_ax) == 0x2C, "orig_ax at 0x2C");
_Static_assert(offsetof(struct pt_regs, ip) == 0x30, "ip at 0x30");
_Static_assert(offsetof(struct pt_regs, sp) == 0x3C, "sp at 0x3C");
_Static_assert(offsetof(struct pt_regs, orig_ax) == PT_ORIG_EAX, "C and asm agree");
_Static_assert(offsetof(struct pt_regs, ss) == PT_OLDSS, "C and asm agree");

/* gdb: `ptype struct pt_regs`, `p *pt_regs_example` */
struct pt_regs *const pt_regs_example __attribute__((used)) = 0;
