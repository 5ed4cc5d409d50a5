/*
 * qemu/option.h: "key=value,key=value" option strings, as -machine,
 * -drive, -device, -netdev, -chardev, -smp take them (util/qemu-option.c).
 *
 * qemu_opts_parse("virt,gic-version=3", "type") gives type=virt,
 * gic-version=3: a first element without '=' is the value of the
 * implied key (NULL: an error).  ",," is a literal comma.  "id" is an
 * ordinary key.  Lookups mark options used; qemu_opts_check_unused
 * reports the first one nobody looked at ("Invalid parameter 'x'"),
 * so every consumer rejects what it does not know.
 *
 * Later elements without '=' are booleans, as in QEMU: "server" is
 * server=on and "noX" is X=off ("nowait" is wait=off); a lookup of the
 * spelled name ("nowait") also finds it, and then reads "on".  An
 * empty element (a trailing ',') is ignored; an empty name is an error.
 */
#ifndef QEMU_OPTION_H
#define QEMU_OPTION_H

#include <stdbool.h>
#include <stdint.h>

typedef struct QemuOpt {
    char *name;
    char *value;
    bool used;
    bool bare_no;                /* given as a bare "no<name>" */
} QemuOpt;

typedef struct QemuOpts {
    int n;
    QemuOpt *opt;
    struct QemuOpts *next;       /* for lists kept by vl.c */
} QemuOpts;

/* NULL after error_report() of the problem. */
QemuOpts *qemu_opts_parse(const char *str, const char *implied_key);
/* Parse str as above and append its options to opts (-M a -M b). */
bool qemu_opts_parse_append(QemuOpts *opts, const char *str,
                            const char *implied_key);
/* Frees opts alone (not opts->next); NULL is fine. */
void qemu_opts_free(QemuOpts *opts);

/* The last value of name, or NULL; marks it used. */
const char *qemu_opt_get(QemuOpts *opts, const char *name);
/*
 * Typed lookups: def when absent; false from *_checked after
 * error_report() when the value is malformed ("on/off/yes/no/true/
 * false" for bool; sizes take K/M/G/T suffixes, bytes by default).
 */
bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool def,
                       bool *val);
bool qemu_opt_get_number(QemuOpts *opts, const char *name, uint64_t def,
                         uint64_t *val);
bool qemu_opt_get_size(QemuOpts *opts, const char *name, uint64_t def,
                       uint64_t *val);
/* "on/off/yes/no/true/false" on its own (name is for the error line). */
bool qemu_parse_bool(const char *name, const char *str, bool *val);
/*
 * Parse a size on its own ("512M", "2G", "1024" = MiB when mb_default).
 * Suffixes B K M G T P E (either case), a decimal fraction before a
 * suffix ("1.5G"), or 0x hex.  false on a malformed value or overflow;
 * prints nothing (the caller names the option).
 */
bool qemu_parse_size(const char *str, bool mb_default, uint64_t *val);

/* Whether name was given (does not mark it used). */
bool qemu_opt_has(QemuOpts *opts, const char *name);
/* Mark every option used (a consumer that takes anything). */
void qemu_opts_mark_all_used(QemuOpts *opts);

/*
 * false (after error_report) when an option was never looked up:
 * "<what>: Invalid parameter 'x'", or without the "<what>: " when
 * what is NULL (vl.c sets the error context to the option instead).
 */
bool qemu_opts_check_unused(QemuOpts *opts, const char *what);

#endif
