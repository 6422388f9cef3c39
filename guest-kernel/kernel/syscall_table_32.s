# generated from syscalls.tbl by scripts/gen-syscalls.sh, do not edit
# sys_call_table: entry_INT80_32 and entry_SYSENTER_32 call *sys_call_table(,%eax,4)
	.include "asm.inc"
	.section .rodata
	.p2align 2
	.globl sys_call_table
	.type sys_call_table, @object
sys_call_table:
	.long sys_ni_syscall	# 0
	.long sys_exit		# 1 exit
	.long sys_ni_syscall	# 2
	.long sys_read		# 3 read
	.long sys_write		# 4 write
	.long sys_open		# 5 open
	.long sys_close		# 6 close
	.long sys_ni_syscall	# 7
	.long sys_ni_syscall	# 8
	.long sys_ni_syscall	# 9
	.long sys_ni_syscall	# 10
	.long sys_ni_syscall	# 11
	.long sys_ni_syscall	# 12
	.long sys_ni_syscall	# 13
	.long sys_ni_syscall	# 14
	.long sys_ni_syscall	# 15
	.long sys_ni_syscall	# 16
	.long sys_ni_syscall	# 17
	.long sys_ni_syscall	# 18
	.long sys_lseek		# 19 lseek
	.long sys_getpid		# 20 getpid
	.long sys_ni_syscall	# 21
	.long sys_ni_syscall	# 22
	.long sys_ni_syscall	# 23
	.long sys_ni_syscall	# 24
	.long sys_ni_syscall	# 25
	.long sys_ni_syscall	# 26
	.long sys_ni_syscall	# 27
	.long sys_ni_syscall	# 28
	.long sys_ni_syscall	# 29
	.long sys_ni_syscall	# 30
	.long sys_ni_syscall	# 31
	.long sys_ni_syscall	# 32
	.long sys_ni_syscall	# 33
	.long sys_ni_syscall	# 34
	.long sys_ni_syscall	# 35
	.long sys_ni_syscall	# 36
	.long sys_ni_syscall	# 37
	.long sys_ni_syscall	# 38
	.long sys_ni_syscall	# 39
	.long sys_ni_syscall	# 40
	.long sys_dup		# 41 dup
	.long sys_ni_syscall	# 42
	.long sys_ni_syscall	# 43
	.long sys_ni_syscall	# 44
	.long sys_brk		# 45 brk
	.long sys_ni_syscall	# 46
	.long sys_ni_syscall	# 47
	.long sys_ni_syscall	# 48
	.long sys_ni_syscall	# 49
	.long sys_ni_syscall	# 50
	.long sys_ni_syscall	# 51
	.long sys_ni_syscall	# 52
	.long sys_ni_syscall	# 53
	.long sys_ioctl		# 54 ioctl
	.long sys_ni_syscall	# 55
	.long sys_ni_syscall	# 56
	.long sys_ni_syscall	# 57
	.long sys_ni_syscall	# 58
	.long sys_ni_syscall	# 59
	.long sys_ni_syscall	# 60
	.long sys_ni_syscall	# 61
	.long sys_ni_syscall	# 62
	.long sys_dup2		# 63 dup2
	.long sys_getppid		# 64 getppid
	.long sys_ni_syscall	# 65
	.long sys_ni_syscall	# 66
	.long sys_ni_syscall	# 67
	.long sys_ni_syscall	# 68
	.long sys_ni_syscall	# 69
	.long sys_ni_syscall	# 70
	.long sys_ni_syscall	# 71
	.long sys_ni_syscall	# 72
	.long sys_ni_syscall	# 73
	.long sys_ni_syscall	# 74
	.long sys_ni_syscall	# 75
	.long sys_ni_syscall	# 76
	.long sys_ni_syscall	# 77
	.long sys_gettimeofday		# 78 gettimeofday
	.long sys_ni_syscall	# 79
	.long sys_ni_syscall	# 80
	.long sys_ni_syscall	# 81
	.long sys_ni_syscall	# 82
	.long sys_ni_syscall	# 83
	.long sys_ni_syscall	# 84
	.long sys_readlink		# 85 readlink
	.long sys_ni_syscall	# 86
	.long sys_ni_syscall	# 87
	.long sys_ni_syscall	# 88
	.long sys_ni_syscall	# 89
	.long sys_ni_syscall	# 90
	.long sys_munmap		# 91 munmap
	.long sys_ni_syscall	# 92
	.long sys_ni_syscall	# 93
	.long sys_ni_syscall	# 94
	.long sys_ni_syscall	# 95
	.long sys_ni_syscall	# 96
	.long sys_ni_syscall	# 97
	.long sys_ni_syscall	# 98
	.long sys_ni_syscall	# 99
	.long sys_ni_syscall	# 100
	.long sys_ni_syscall	# 101
	.long sys_ni_syscall	# 102
	.long sys_ni_syscall	# 103
	.long sys_ni_syscall	# 104
	.long sys_ni_syscall	# 105
	.long sys_ni_syscall	# 106
	.long sys_ni_syscall	# 107
	.long sys_ni_syscall	# 108
	.long sys_ni_syscall	# 109
	.long sys_ni_syscall	# 110
	.long sys_ni_syscall	# 111
	.long sys_ni_syscall	# 112
	.long sys_ni_syscall	# 113
	.long sys_ni_syscall	# 114
	.long sys_ni_syscall	# 115
	.long sys_ni_syscall	# 116
	.long sys_ni_syscall	# 117
	.long sys_ni_syscall	# 118
	.long sys_ni_syscall	# 119
	.long sys_ni_syscall	# 120
	.long sys_ni_syscall	# 121
	.long sys_newuname		# 122 uname
	.long sys_ni_syscall	# 123
	.long sys_ni_syscall	# 124
	.long sys_mprotect		# 125 mprotect
	.long sys_ni_syscall	# 126
	.long sys_ni_syscall	# 127
	.long sys_ni_syscall	# 128
	.long sys_ni_syscall	# 129
	.long sys_ni_syscall	# 130
	.long sys_ni_syscall	# 131
	.long sys_ni_syscall	# 132
	.long sys_ni_syscall	# 133
	.long sys_ni_syscall	# 134
	.long sys_ni_syscall	# 135
	.long sys_ni_syscall	# 136
	.long sys_ni_syscall	# 137
	.long sys_ni_syscall	# 138
	.long sys_ni_syscall	# 139
	.long sys_llseek		# 140 _llseek
	.long sys_ni_syscall	# 141
	.long sys_ni_syscall	# 142
	.long sys_ni_syscall	# 143
	.long sys_ni_syscall	# 144
	.long sys_ni_syscall	# 145
	.long sys_writev		# 146 writev
	.long sys_ni_syscall	# 147
	.long sys_ni_syscall	# 148
	.long sys_ni_syscall	# 149
	.long sys_ni_syscall	# 150
	.long sys_ni_syscall	# 151
	.long sys_ni_syscall	# 152
	.long sys_ni_syscall	# 153
	.long sys_ni_syscall	# 154
	.long sys_ni_syscall	# 155
	.long sys_ni_syscall	# 156
	.long sys_ni_syscall	# 157
	.long sys_ni_syscall	# 158
	.long sys_ni_syscall	# 159
	.long sys_ni_syscall	# 160
	.long sys_ni_syscall	# 161
	.long sys_nanosleep		# 162 nanosleep
	.long sys_ni_syscall	# 163
	.long sys_ni_syscall	# 164
	.long sys_ni_syscall	# 165
	.long sys_ni_syscall	# 166
	.long sys_ni_syscall	# 167
	.long sys_ni_syscall	# 168
	.long sys_ni_syscall	# 169
	.long sys_ni_syscall	# 170
	.long sys_ni_syscall	# 171
	.long sys_ni_syscall	# 172
	.long sys_ni_syscall	# 173
	.long sys_ni_syscall	# 174
	.long sys_ni_syscall	# 175
	.long sys_ni_syscall	# 176
	.long sys_ni_syscall	# 177
	.long sys_ni_syscall	# 178
	.long sys_ni_syscall	# 179
	.long sys_ni_syscall	# 180
	.long sys_ni_syscall	# 181
	.long sys_ni_syscall	# 182
	.long sys_ni_syscall	# 183
	.long sys_ni_syscall	# 184
	.long sys_ni_syscall	# 185
	.long sys_ni_syscall	# 186
	.long sys_ni_syscall	# 187
	.long sys_ni_syscall	# 188
	.long sys_ni_syscall	# 189
	.long sys_ni_syscall	# 190
	.long sys_ni_syscall	# 191
	.long sys_mmap_pgoff		# 192 mmap2
	.long sys_ni_syscall	# 193
	.long sys_ni_syscall	# 194
	.long sys_stat64		# 195 stat64
	.long sys_lstat64		# 196 lstat64
	.long sys_fstat64		# 197 fstat64
	.long sys_ni_syscall	# 198
	.long sys_getuid		# 199 getuid32
	.long sys_getgid		# 200 getgid32
	.long sys_geteuid		# 201 geteuid32
	.long sys_getegid		# 202 getegid32
	.long sys_ni_syscall	# 203
	.long sys_ni_syscall	# 204
	.long sys_ni_syscall	# 205
	.long sys_ni_syscall	# 206
	.long sys_ni_syscall	# 207
	.long sys_ni_syscall	# 208
	.long sys_ni_syscall	# 209
	.long sys_ni_syscall	# 210
	.long sys_ni_syscall	# 211
	.long sys_ni_syscall	# 212
	.long sys_ni_syscall	# 213
	.long sys_ni_syscall	# 214
	.long sys_ni_syscall	# 215
	.long sys_ni_syscall	# 216
	.long sys_ni_syscall	# 217
	.long sys_ni_syscall	# 218
	.long sys_ni_syscall	# 219
	.long sys_getdents64		# 220 getdents64
	.long sys_fcntl64		# 221 fcntl64
	.long sys_ni_syscall	# 222
	.long sys_ni_syscall	# 223
	.long sys_ni_syscall	# 224
	.long sys_ni_syscall	# 225
	.long sys_ni_syscall	# 226
	.long sys_ni_syscall	# 227
	.long sys_ni_syscall	# 228
	.long sys_ni_syscall	# 229
	.long sys_ni_syscall	# 230
	.long sys_ni_syscall	# 231
	.long sys_ni_syscall	# 232
	.long sys_ni_syscall	# 233
	.long sys_ni_syscall	# 234
	.long sys_ni_syscall	# 235
	.long sys_ni_syscall	# 236
	.long sys_ni_syscall	# 237
	.long sys_ni_syscall	# 238
	.long sys_ni_syscall	# 239
	.long sys_ni_syscall	# 240
	.long sys_ni_syscall	# 241
	.long sys_ni_syscall	# 242
	.long sys_set_thread_area		# 243 set_thread_area
	.long sys_ni_syscall	# 244
	.long sys_ni_syscall	# 245
	.long sys_ni_syscall	# 246
	.long sys_ni_syscall	# 247
	.long sys_ni_syscall	# 248
	.long sys_ni_syscall	# 249
	.long sys_ni_syscall	# 250
	.long sys_ni_syscall	# 251
	.long sys_exit_group		# 252 exit_group
	.long sys_ni_syscall	# 253
	.long sys_ni_syscall	# 254
	.long sys_ni_syscall	# 255
	.long sys_ni_syscall	# 256
	.long sys_ni_syscall	# 257
	.long sys_set_tid_address		# 258 set_tid_address
	.long sys_ni_syscall	# 259
	.long sys_ni_syscall	# 260
	.long sys_ni_syscall	# 261
	.long sys_ni_syscall	# 262
	.long sys_ni_syscall	# 263
	.long sys_ni_syscall	# 264
	.long sys_clock_gettime		# 265 clock_gettime
	.long sys_ni_syscall	# 266
	.long sys_ni_syscall	# 267
	.long sys_ni_syscall	# 268
	.long sys_ni_syscall	# 269
	.long sys_ni_syscall	# 270
	.long sys_ni_syscall	# 271
	.long sys_ni_syscall	# 272
	.long sys_ni_syscall	# 273
	.long sys_ni_syscall	# 274
	.long sys_ni_syscall	# 275
	.long sys_ni_syscall	# 276
	.long sys_ni_syscall	# 277
	.long sys_ni_syscall	# 278
	.long sys_ni_syscall	# 279
	.long sys_ni_syscall	# 280
	.long sys_ni_syscall	# 281
	.long sys_ni_syscall	# 282
	.long sys_ni_syscall	# 283
	.long sys_ni_syscall	# 284
	.long sys_ni_syscall	# 285
	.long sys_ni_syscall	# 286
	.long sys_ni_syscall	# 287
	.long sys_ni_syscall	# 288
	.long sys_ni_syscall	# 289
	.long sys_ni_syscall	# 290
	.long sys_ni_syscall	# 291
	.long sys_ni_syscall	# 292
	.long sys_ni_syscall	# 293
	.long sys_ni_syscall	# 294
	.long sys_openat		# 295 openat
	.long sys_ni_syscall	# 296
	.long sys_ni_syscall	# 297
	.long sys_ni_syscall	# 298
	.long sys_ni_syscall	# 299
	.long sys_fstatat64		# 300 fstatat64
	.long sys_ni_syscall	# 301
	.long sys_ni_syscall	# 302
	.long sys_ni_syscall	# 303
	.long sys_ni_syscall	# 304
	.long sys_ni_syscall	# 305
	.long sys_ni_syscall	# 306
	.long sys_ni_syscall	# 307
	.long sys_ni_syscall	# 308
	.long sys_ni_syscall	# 309
	.long sys_ni_syscall	# 310
	.long sys_ni_syscall	# 311
	.long sys_ni_syscall	# 312
	.long sys_ni_syscall	# 313
	.long sys_ni_syscall	# 314
	.long sys_ni_syscall	# 315
	.long sys_ni_syscall	# 316
	.long sys_ni_syscall	# 317
	.long sys_ni_syscall	# 318
	.long sys_ni_syscall	# 319
	.long sys_ni_syscall	# 320
	.long sys_ni_syscall	# 321
	.long sys_ni_syscall	# 322
	.long sys_ni_syscall	# 323
	.long sys_ni_syscall	# 324
	.long sys_ni_syscall	# 325
	.long sys_ni_syscall	# 326
	.long sys_ni_syscall	# 327
	.long sys_ni_syscall	# 328
	.long sys_ni_syscall	# 329
	.long sys_ni_syscall	# 330
	.long sys_ni_syscall	# 331
	.long sys_ni_syscall	# 332
	.long sys_ni_syscall	# 333
	.long sys_ni_syscall	# 334
	.long sys_ni_syscall	# 335
	.long sys_ni_syscall	# 336
	.long sys_ni_syscall	# 337
	.long sys_ni_syscall	# 338
	.long sys_ni_syscall	# 339
	.long sys_ni_syscall	# 340
	.long sys_ni_syscall	# 341
	.long sys_ni_syscall	# 342
	.long sys_ni_syscall	# 343
	.long sys_ni_syscall	# 344
	.long sys_ni_syscall	# 345
	.long sys_ni_syscall	# 346
	.long sys_ni_syscall	# 347
	.long sys_ni_syscall	# 348
	.long sys_ni_syscall	# 349
	.long sys_ni_syscall	# 350
	.long sys_ni_syscall	# 351
	.long sys_ni_syscall	# 352
	.long sys_ni_syscall	# 353
	.long sys_ni_syscall	# 354
	.long sys_getrandom		# 355 getrandom
	.size sys_call_table, . - sys_call_table
