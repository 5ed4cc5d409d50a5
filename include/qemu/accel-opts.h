/*
 * accel-opts.h: the -accel option, shared by qemu-<arch> and
 * qemu-system-<arch>.  Only TCG exists: `-accel tcg[,tb-size=MB]
 * [,one-insn-per-tb=on|off]`; `-accel help` lists the accelerators.
 */
#ifndef QEMU_ACCEL_OPTS_H
#define QEMU_ACCEL_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct AccelOpts {
    size_t tb_size;          /* code buffer in bytes, 0 = the default */
    bool one_insn_per_tb;
} AccelOpts;

/* Print the accelerators, one per line. */
void accel_print_help(FILE *f);
/*
 * Parse the argument of -accel into opts.  Returns false after printing
 * one error line naming the bad part.
 */
bool accel_parse_opts(const char *str, AccelOpts *opts);

#endif
