/*
 * util/qemu-option.c: "key=value,key=value" option strings (see
 * qemu/option.h), the syntax of -machine, -drive, -device, -netdev,
 * -chardev, -smp and friends.
 *
 * Parsing copies every element into a QemuOpt in the order given;
 * lookups scan from the end so the last value of a repeated key wins,
 * and mark every option of that name used.  Typed getters share one
 * reporting convention: a malformed value is reported once, here,
 * naming the parameter, and the getter returns false.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/error-report.h"
#include "qemu/option.h"

static bool opts_add(QemuOpts *opts, const char *name, size_t nlen,
                     const char *value, bool bare_no)
{
    QemuOpt *n = realloc(opts->opt, (opts->n + 1) * sizeof(*n));

    if (!n) {
        return false;
    }
    opts->opt = n;
    n = &opts->opt[opts->n];
    n->name = strndup(name, nlen);
    n->value = strdup(value);
    n->used = false;
    n->bare_no = bare_no;
    if (!n->name || !n->value) {
        free(n->name);
        free(n->value);
        return false;
    }
    opts->n++;
    return true;
}

/*
 * Copy one element starting at *p into a fresh buffer, turning ",," into
 * ',' and stopping at a lone ',' or the end; *p moves past the element
 * and its separator.
 */
static char *next_element(const char **p)
{
    const char *s = *p;
    char *out = malloc(strlen(s) + 1), *o = out;

    if (!out) {
        return NULL;
    }
    while (*s) {
        if (*s == ',') {
            if (s[1] == ',') {
                *o++ = ',';
                s += 2;
                continue;
            }
            s++;
            break;
        }
        *o++ = *s++;
    }
    *o = '\0';
    *p = s;
    return out;
}

static bool opts_parse_into(QemuOpts *opts, const char *str,
                            const char *implied_key)
{
    const char *p = str;
    bool first = true;

    while (*p || first) {
        char *el = next_element(&p);
        char *eq;
        bool ok = true;

        if (!el) {
            error_report("out of memory");
            return false;
        }
        eq = strchr(el, '=');
        if (eq) {
            if (eq == el) {
                error_report("Invalid parameter name in '%s'", el);
                ok = false;
            } else {
                ok = opts_add(opts, el, eq - el, eq + 1, false);
            }
        } else if (first && implied_key) {
            ok = opts_add(opts, implied_key, strlen(implied_key), el, false);
        } else if (first && !*el) {
            /* "" with no implied key: nothing given. */
        } else if (first) {
            error_report("Expected '=' after parameter '%s'", el);
            ok = false;
        } else if (!*el) {
            /* A trailing ',': nothing. */
        } else if (!strncmp(el, "no", 2) && el[2]) {
            ok = opts_add(opts, el + 2, strlen(el + 2), "off", true);
        } else {
            ok = opts_add(opts, el, strlen(el), "on", false);
        }
        free(el);
        if (!ok) {
            return false;
        }
        first = false;
    }
    return true;
}

QemuOpts *qemu_opts_parse(const char *str, const char *implied_key)
{
    QemuOpts *opts = calloc(1, sizeof(*opts));

    if (!opts) {
        error_report("out of memory");
        return NULL;
    }
    if (!opts_parse_into(opts, str ? str : "", implied_key)) {
        qemu_opts_free(opts);
        return NULL;
    }
    return opts;
}

bool qemu_opts_parse_append(QemuOpts *opts, const char *str,
                            const char *implied_key)
{
    return opts_parse_into(opts, str ? str : "", implied_key);
}

void qemu_opts_free(QemuOpts *opts)
{
    int i;

    if (!opts) {
        return;
    }
    for (i = 0; i < opts->n; i++) {
        free(opts->opt[i].name);
        free(opts->opt[i].value);
    }
    free(opts->opt);
    free(opts);
}

const char *qemu_opt_get(QemuOpts *opts, const char *name)
{
    const char *val = NULL;
    int i;

    if (!opts) {
        return NULL;
    }
    for (i = opts->n - 1; i >= 0; i--) {
        QemuOpt *o = &opts->opt[i];

        if (!strcmp(o->name, name)) {
            if (!val) {
                val = o->value;
            }
            o->used = true;
        } else if (o->bare_no && !strncmp(name, "no", 2) &&
                   !strcmp(o->name, name + 2)) {
            /* "nowait" looked up by its spelling. */
            if (!val) {
                val = "on";
            }
            o->used = true;
        }
    }
    return val;
}

bool qemu_opt_has(QemuOpts *opts, const char *name)
{
    int i;

    for (i = 0; opts && i < opts->n; i++) {
        if (!strcmp(opts->opt[i].name, name)) {
            return true;
        }
    }
    return false;
}

void qemu_opts_mark_all_used(QemuOpts *opts)
{
    int i;

    for (i = 0; opts && i < opts->n; i++) {
        opts->opt[i].used = true;
    }
}

bool qemu_parse_bool(const char *name, const char *str, bool *val)
{
    if (!strcmp(str, "on") || !strcmp(str, "yes") || !strcmp(str, "true")) {
        *val = true;
    } else if (!strcmp(str, "off") || !strcmp(str, "no") ||
               !strcmp(str, "false")) {
        *val = false;
    } else {
        error_report("Parameter '%s' expects 'on' or 'off'", name);
        return false;
    }
    return true;
}

bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool def,
                       bool *val)
{
    const char *v = qemu_opt_get(opts, name);

    if (!v) {
        *val = def;
        return true;
    }
    return qemu_parse_bool(name, v, val);
}

bool qemu_opt_get_number(QemuOpts *opts, const char *name, uint64_t def,
                         uint64_t *val)
{
    const char *v = qemu_opt_get(opts, name);
    char *end;
    unsigned long long n;

    if (!v) {
        *val = def;
        return true;
    }
    errno = 0;
    n = strtoull(v, &end, 0);
    if (!isdigit((unsigned char)v[0]) || errno || *end) {
        error_report("Parameter '%s' expects a number", name);
        return false;
    }
    *val = n;
    return true;
}

bool qemu_opt_get_size(QemuOpts *opts, const char *name, uint64_t def,
                       uint64_t *val)
{
    const char *v = qemu_opt_get(opts, name);

    if (!v) {
        *val = def;
        return true;
    }
    if (!qemu_parse_size(v, false, val)) {
        error_report("Parameter '%s' expects a size (a number with an "
                     "optional K, M, G or T suffix)", name);
        return false;
    }
    return true;
}

static int size_shift(char c)
{
    switch (toupper((unsigned char)c)) {
    case 'B':
        return 0;
    case 'K':
        return 10;
    case 'M':
        return 20;
    case 'G':
        return 30;
    case 'T':
        return 40;
    case 'P':
        return 50;
    case 'E':
        return 60;
    default:
        return -1;
    }
}

bool qemu_parse_size(const char *str, bool mb_default, uint64_t *val)
{
    const char *p = str;
    uint64_t whole = 0, frac = 0, frac_div = 1, res;
    bool have_digits = false, have_frac = false;
    int shift;

    if (!str) {
        return false;
    }
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        char *end;

        if (!isxdigit((unsigned char)p[2])) {
            return false;
        }
        errno = 0;
        whole = strtoull(p + 2, &end, 16);
        if (errno) {
            return false;
        }
        p = end;
        have_digits = true;
    } else {
        for (; isdigit((unsigned char)*p); p++) {
            if (__builtin_mul_overflow(whole, 10, &whole) ||
                __builtin_add_overflow(whole, (uint64_t)(*p - '0'), &whole)) {
                return false;
            }
            have_digits = true;
        }
        if (*p == '.') {
            p++;
            have_frac = true;
            for (; isdigit((unsigned char)*p); p++) {
                /* 18 digits of fraction are plenty; ignore the rest. */
                if (frac_div < 1000000000000000000ull) {
                    frac = frac * 10 + (uint64_t)(*p - '0');
                    frac_div *= 10;
                }
                have_digits = true;
            }
        }
    }
    if (!have_digits) {
        return false;
    }
    if (*p == '\0') {
        shift = mb_default ? 20 : 0;
    } else {
        shift = size_shift(*p);
        if (shift < 0 || p[1] != '\0') {
            return false;
        }
    }
    if (have_frac && frac && shift == 0) {
        return false;                   /* a fraction of a byte */
    }
    if (shift && whole > (UINT64_MAX >> shift)) {
        return false;
    }
    res = whole << shift;
    if (frac) {
        /* frac / frac_div of 2^shift, rounded down. */
        unsigned __int128 f = ((unsigned __int128)frac << shift) / frac_div;

        if (__builtin_add_overflow(res, (uint64_t)f, &res)) {
            return false;
        }
    }
    *val = res;
    return true;
}

bool qemu_opts_check_unused(QemuOpts *opts, const char *what)
{
    int i;

    for (i = 0; opts && i < opts->n; i++) {
        QemuOpt *o = &opts->opt[i];

        if (!o->used) {
            error_report("%s%sInvalid parameter '%s%s'", what ? what : "",
                         what ? ": " : "", o->bare_no ? "no" : "", o->name);
            return false;
        }
    }
    return true;
}
