# vdso_image.s: the vDSO shared object (built from vdso/), embedded page-aligned in the
# kernel image; map_vdso maps these frames into every process at VDSO_BASE.
	.section .vdso_image, "a"
	.p2align 12
	.globl vdso_image_start, vdso_image_end
vdso_image_start:
	.incbin "vdso32.so"
vdso_image_end:
	.p2align 12
