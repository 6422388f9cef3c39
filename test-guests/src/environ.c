/*
 * The kernel command line as Linux parses it: name=value words the kernel does not know become
 * init's environment, the words after a lone "--" its arguments. Prints the arguments and the
 * TG_* variables (sorted: the oracle's environment has other variables, in another order).
 */
#include "tg.h"

int main(int argc, char **argv, char **envp)
{
    const char *vars[32];
    int n = 0;
    for (int i = 0; i < argc; i++)
        tg_printf("argv[%d] = \"%s\"\n", i, argv[i]);
    for (char **e = envp; *e && n < 32; e++)
        if (tg_strncmp(*e, "TG_", 3) == 0)
            vars[n++] = *e;
    for (int i = 1; i < n; i++)                       /* insertion sort */
        for (int j = i; j > 0 && tg_strcmp(vars[j - 1], vars[j]) > 0; j--) {
            const char *t = vars[j];
            vars[j] = vars[j - 1];
            vars[j - 1] = t;
        }
    for (int i = 0; i < n; i++)
        tg_printf("env: %s\n", vars[i]);
    return 0;
}
