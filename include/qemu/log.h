/*
 * qemu/log.h: the -d / -D log, as QEMU users know it.
 *
 * `-d item,item` selects what is logged (`-d help` lists the items),
 * `-D file` sends it to a file instead of stderr.  Code tests
 * qemu_loglevel_mask(ITEM) before building expensive output.
 */
#ifndef QEMU_LOG_H
#define QEMU_LOG_H

#include <stdbool.h>
#include <stdio.h>

#define CPU_LOG_TB_OUT_ASM  (1 << 0)
#define CPU_LOG_TB_IN_ASM   (1 << 1)
#define CPU_LOG_TB_OP       (1 << 2)
#define CPU_LOG_TB_OP_OPT   (1 << 3)
#define CPU_LOG_INT         (1 << 4)
#define CPU_LOG_EXEC        (1 << 5)
#define CPU_LOG_TB_CPU      (1 << 6)
#define CPU_LOG_MMU         (1 << 7)
#define CPU_LOG_PAGE        (1 << 8)
#define LOG_UNIMP           (1 << 9)
#define LOG_GUEST_ERROR     (1 << 10)
#define CPU_LOG_RESET       (1 << 11)
#define CPU_LOG_TB_NOCHAIN  (1 << 12)
#define LOG_STRACE          (1 << 13)
#define CPU_LOG_FPU         (1 << 14)

extern int qemu_loglevel;
extern FILE *qemu_logfile;

static inline bool qemu_loglevel_mask(int mask)
{
    return (qemu_loglevel & mask) != 0;
}

/* Parse "-d" items; returns the mask, or -1 (and prints why) on error. */
int qemu_str_to_log_mask(const char *str);
/* Print the items and what they log. */
void qemu_print_log_usage(FILE *f);
void qemu_set_log(int mask);
/* "-D file"; false (after printing one error line) if it cannot be opened. */
bool qemu_set_log_filename(const char *filename);

/* The log stream (stderr unless -D); lock around multi-line records. */
FILE *qemu_log_trylock(void);
void qemu_log_unlock(FILE *f);
void qemu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define qemu_log_mask(mask, ...)            \
    do {                                    \
        if (qemu_loglevel_mask(mask)) {     \
            qemu_log(__VA_ARGS__);          \
        }                                   \
    } while (0)

/* Disassemble len bytes of host code at p into the log (-d out_asm). */
void log_disas_host(FILE *f, const void *p, size_t len);
/*
 * Disassemble guest code through capstone (-d in_asm): arch and mode are
 * capstone's cs_arch/cs_mode values; vaddr is the guest address of p.
 * Prints raw words when capstone is not available.
 */
void log_disas_guest(FILE *f, int cs_arch, int cs_mode, const void *p,
                     size_t len, unsigned long long vaddr);

#endif
