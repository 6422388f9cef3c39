/* generated from pt_regs.def by scripts/gen-ptregs.sh, do not edit */
#ifndef _TRAPGATE_PT_REGS_H
#define _TRAPGATE_PT_REGS_H
/* The frame entry_INT80_32, entry_SYSENTER_32 and the exception entries build. */
struct pt_regs {
	unsigned long bx;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long bp;
	unsigned long ax;
	unsigned short ds;
	unsigned short __dsh;
	unsigned short es;
	unsigned short __esh;
	unsigned short fs;
	unsigned short __fsh;
	unsigned short gs;
	unsigned short __gsh;
	unsigned long orig_ax;
	unsigned long ip;
	unsigned short cs;
	unsigned short __csh;
	unsigned long flags;
	unsigned long sp;
	unsigned short ss;
	unsigned short __ssh;
};
#define PT_EBX 0x00
#define PT_ECX 0x04
#define PT_EDX 0x08
#define PT_ESI 0x0C
#define PT_EDI 0x10
#define PT_EBP 0x14
#define PT_EAX 0x18
#define PT_DS 0x1C
#define PT_ES 0x20
#define PT_FS 0x24
#define PT_GS 0x28
#define PT_ORIG_EAX 0x2C
#define PT_EIP 0x30
#define PT_CS 0x34
#define PT_EFLAGS 0x38
#define PT_OLDESP 0x3C
#define PT_OLDSS 0x40
#define PT_REGS_SIZE 0x44
#endif
