# vdso_image.s: the two vDSO shared objects (built from vdso/), embedded page-aligned in the
# kernel image; map_vdso maps one of them (sysenter if the CPU has SEP, else int $0x80) into
# every process at VDSO_BASE.
	.section .vdso_image, "a"
	.p2align 12
	.globl vdso_sysenter_start, vdso_sysenter_end, vdso_int80_start, vdso_int80_end
vdso_sysenter_start:
	.incbin "vdso32-sysenter.so"
vdso_sysenter_end:
	.p2align 12
vdso_int80_start:
	.incbin "vdso32-int80.so"
vdso_int80_end:
	.p2align 12
