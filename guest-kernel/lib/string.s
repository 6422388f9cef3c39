# string.s: memcpy, memset, strlen, strcmp, memcmp for kernel memory (never user memory).
	.include "asm.inc"

# memcpy(dst, src, n) -> dst
ENTRY memcpy
	pushl %esi
	pushl %edi
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	rep movsb
	movl 12(%esp), %eax
	popl %edi
	popl %esi
	ret
END memcpy

# memset(dst, c, n) -> dst
ENTRY memset
	pushl %edi
	movl 8(%esp), %edi
	movl 12(%esp), %eax
	movl 16(%esp), %ecx
	rep stosb
	movl 8(%esp), %eax
	popl %edi
	ret
END memset

# strlen(s) -> length
ENTRY strlen
	movl 4(%esp), %edx
	xorl %eax, %eax
1:	cmpb $0, (%edx,%eax)
	je 2f
	incl %eax
	jmp 1b
2:	ret
END strlen

# strcmp(a, b) -> 0 if equal, else non-zero (<0 / >0 by the first differing byte)
ENTRY strcmp
	pushl %esi
	movl 8(%esp), %esi
	movl 12(%esp), %edx
1:	movzbl (%esi), %eax
	movzbl (%edx), %ecx
	subl %ecx, %eax
	jnz 2f
	testl %ecx, %ecx
	jz 2f
	incl %esi
	incl %edx
	jmp 1b
2:	popl %esi
	ret
END strcmp

# strncmp(a, b, n): as strcmp, over at most n bytes
ENTRY strncmp
	pushl %esi
	pushl %ebx
	movl 12(%esp), %esi
	movl 16(%esp), %edx
	movl 20(%esp), %ebx
	xorl %eax, %eax
1:	testl %ebx, %ebx
	jz 2f
	movzbl (%esi), %eax
	movzbl (%edx), %ecx
	subl %ecx, %eax
	jnz 2f
	testl %ecx, %ecx
	jz 2f
	incl %esi
	incl %edx
	decl %ebx
	jmp 1b
2:	popl %ebx
	popl %esi
	ret
END strncmp
