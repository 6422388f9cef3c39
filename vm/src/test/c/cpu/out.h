/* out.h: the text output the C workloads print through. out_char() is the one primitive; the
 * two start files implement it differently (start_host.S: write(2), start_vm.S: COM1). */
#ifndef OUT_H
#define OUT_H

typedef unsigned int u32;
typedef unsigned long long u64;

void out_char(char c);

static inline void out_str(const char *s) {
    while (*s) out_char(*s++);
}

/* v as 8 hex digits and a space */
static inline void out_hex(u32 v) {
    for (int i = 28; i >= 0; i -= 4) out_char("0123456789abcdef"[(v >> i) & 15]);
    out_char(' ');
}

#endif
