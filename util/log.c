/*
 * log.c: the -d / -D log (see qemu/log.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/log.h"

int qemu_loglevel;
FILE *qemu_logfile;

typedef struct LogItem {
    int mask;
    const char *name;
    const char *help;
} LogItem;

static const LogItem log_items[] = {
    { CPU_LOG_TB_OUT_ASM, "out_asm", "show generated host assembly code for each compiled TB" },
    { CPU_LOG_TB_IN_ASM, "in_asm", "show target assembly code for each compiled TB" },
    { CPU_LOG_TB_OP, "op", "show micro ops for each compiled TB" },
    { CPU_LOG_TB_OP_OPT, "op_opt", "show micro ops after optimization" },
    { CPU_LOG_INT, "int", "show interrupts/exceptions in short format" },
    { CPU_LOG_EXEC, "exec", "show trace before each executed TB (lots of logs)" },
    { CPU_LOG_TB_CPU, "cpu", "show CPU registers before entering a TB (lots of logs)" },
    { CPU_LOG_FPU, "fpu", "include FPU registers in the 'cpu' logging" },
    { CPU_LOG_MMU, "mmu", "log MMU-related activities" },
    { CPU_LOG_RESET, "cpu_reset", "show CPU state before CPU resets" },
    { LOG_UNIMP, "unimp", "log unimplemented functionality" },
    { LOG_GUEST_ERROR, "guest_errors", "log when the guest OS does something invalid (eg accessing a non-existent register)" },
    { CPU_LOG_PAGE, "page", "dump pages at beginning of user mode emulation" },
    { CPU_LOG_TB_NOCHAIN, "nochain", "do not chain compiled TBs so that \"exec\" and \"cpu\" show complete traces" },
    { LOG_STRACE, "strace", "log every user-mode syscall, its input, and its result" },
};

int qemu_str_to_log_mask(const char *str)
{
    char *copy = strdup(str), *save = NULL, *item;
    int mask = 0;
    size_t i;

    for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        if (!strcmp(item, "all")) {
            for (i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
                mask |= log_items[i].mask;
            }
            continue;
        }
        for (i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
            if (!strcmp(item, log_items[i].name)) {
                mask |= log_items[i].mask;
                break;
            }
        }
        if (i == sizeof(log_items) / sizeof(log_items[0])) {
            fprintf(stderr, "qemu: unknown -d item '%s' (try -d help)\n", item);
            free(copy);
            return -1;
        }
    }
    free(copy);
    return mask;
}

void qemu_print_log_usage(FILE *f)
{
    size_t i;

    fprintf(f, "Log items (comma separated):\n");
    for (i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
        fprintf(f, "%-15s %s\n", log_items[i].name, log_items[i].help);
    }
}

void qemu_set_log(int mask)
{
    qemu_loglevel = mask;
}

bool qemu_set_log_filename(const char *filename)
{
    FILE *f = fopen(filename, "w");

    if (!f) {
        fprintf(stderr, "qemu: cannot open log file '%s': %s\n", filename,
                strerror(errno));
        return false;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    if (qemu_logfile) {
        fclose(qemu_logfile);
    }
    qemu_logfile = f;
    return true;
}

FILE *qemu_log_trylock(void)
{
    FILE *f = qemu_logfile ? qemu_logfile : stderr;

    flockfile(f);
    return f;
}

void qemu_log_unlock(FILE *f)
{
    fflush(f);
    funlockfile(f);
}

void qemu_log(const char *fmt, ...)
{
    FILE *f = qemu_log_trylock();
    va_list ap;

    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    qemu_log_unlock(f);
}
