# aout_header.S: header.S with the a.out-kludge address fields (header flag 16).
#define AOUT_KLUDGE
#include "header.S"
