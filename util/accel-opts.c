/*
 * accel-opts.c: parsing of -accel (see qemu/accel-opts.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/accel-opts.h"

void accel_print_help(FILE *f)
{
    fprintf(f, "Accelerators supported in QEMU binary:\ntcg\n");
}

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) {
        *out = true;
    } else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        *out = false;
    } else {
        return false;
    }
    return true;
}

bool accel_parse_opts(const char *str, AccelOpts *opts)
{
    char *copy = strdup(str), *save = NULL, *item;
    bool first = true, ok = true;

    memset(opts, 0, sizeof(*opts));
    for (item = strtok_r(copy, ",", &save); item && ok;
         item = strtok_r(NULL, ",", &save), first = false) {
        char *eq = strchr(item, '=');

        if (first && !eq) {
            if (strcmp(item, "tcg") != 0) {
                fprintf(stderr, "qemu: -accel %s: accelerator '%s' is not "
                        "available (only tcg)\n", str, item);
                ok = false;
            }
            continue;
        }
        if (!eq) {
            fprintf(stderr, "qemu: -accel %s: '%s' needs a value\n", str, item);
            ok = false;
            break;
        }
        *eq++ = '\0';
        if (!strcmp(item, "accel") && first) {
            if (strcmp(eq, "tcg") != 0) {
                fprintf(stderr, "qemu: -accel %s: accelerator '%s' is not "
                        "available (only tcg)\n", str, eq);
                ok = false;
            }
        } else if (!strcmp(item, "tb-size")) {
            char *end;
            unsigned long long mb;

            errno = 0;
            mb = strtoull(eq, &end, 10);
            /* At least 1 MB; at most 2 GB so direct jumps reach across it. */
            if (errno || *end || end == eq || mb < 1 || mb > 2048) {
                fprintf(stderr, "qemu: -accel %s: tb-size must be a number of "
                        "MB between 1 and 2048\n", str);
                ok = false;
            } else {
                opts->tb_size = (size_t)mb << 20;
            }
        } else if (!strcmp(item, "one-insn-per-tb")) {
            if (!parse_bool(eq, &opts->one_insn_per_tb)) {
                fprintf(stderr, "qemu: -accel %s: one-insn-per-tb must be on "
                        "or off\n", str);
                ok = false;
            }
        } else {
            fprintf(stderr, "qemu: -accel %s: unknown property '%s'\n", str,
                    item);
            ok = false;
        }
    }
    free(copy);
    return ok;
}
