/*
 * test-qemu-option: "key=value" option strings (util/qemu-option.c):
 * implied keys, ",,", bare booleans, typed getters, sizes and the
 * detection of options nobody looked up.
 */
#include <stdint.h>

#include "qemu/error-report.h"
#include "qemu/option.h"
#include "tap.h"
#include "vl-capture.h"

static bool str_is(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

static void test_parse(void)
{
    QemuOpts *o;
    Capture c;
    const char *out;

    o = qemu_opts_parse("virt,gic-version=3", "type");
    tap_report(o && o->n == 2 && str_is(qemu_opt_get(o, "type"), "virt") &&
               str_is(qemu_opt_get(o, "gic-version"), "3"),
               "implied key takes the first bare element");
    qemu_opts_free(o);

    capture_begin(&c, stderr);
    o = qemu_opts_parse("foo,bar=1", NULL);
    out = capture_end(&c);
    tap_report(!o && !strcmp(out, "qemu: Expected '=' after parameter "
                             "'foo'\n"),
               "bare first element without an implied key is an error");

    o = qemu_opts_parse("file=a,,b.img,format=raw", NULL);
    tap_report(o && o->n == 2 && str_is(qemu_opt_get(o, "file"), "a,b.img") &&
               str_is(qemu_opt_get(o, "format"), "raw"),
               "',,' is a literal comma in a value");
    qemu_opts_free(o);

    o = qemu_opts_parse("a,,b,,,x=1", "path");
    tap_report(o && o->n == 2 && str_is(qemu_opt_get(o, "path"), "a,b,") &&
               str_is(qemu_opt_get(o, "x"), "1"),
               "',,' in the implied value, then a separator");
    qemu_opts_free(o);

    o = qemu_opts_parse("a=1,b=2,a=3", NULL);
    tap_report(o && str_is(qemu_opt_get(o, "a"), "3") &&
               str_is(qemu_opt_get(o, "b"), "2"),
               "the last of a repeated key wins");
    tap_report(qemu_opts_check_unused(o, "x"),
               "looking up a repeated key uses every copy");
    qemu_opts_free(o);

    o = qemu_opts_parse("virt,", "type");
    tap_report(o && o->n == 1, "a trailing comma adds nothing");
    qemu_opts_free(o);

    o = qemu_opts_parse("append=", NULL);
    tap_report(o && str_is(qemu_opt_get(o, "append"), ""),
               "an empty value is kept");
    qemu_opts_free(o);

    capture_begin(&c, stderr);
    o = qemu_opts_parse("a=1,=2", NULL);
    out = capture_end(&c);
    tap_report(!o && strstr(out, "Invalid parameter name in '=2'"),
               "an empty name is an error");

    o = qemu_opts_parse("", NULL);
    tap_report(o && o->n == 0, "an empty string with no implied key");
    qemu_opts_free(o);

    o = qemu_opts_parse("virt", "type");
    tap_report(qemu_opts_parse_append(o, "gic-version=2", "type") &&
               qemu_opts_parse_append(o, "virt-7.2", "type") && o->n == 3 &&
               str_is(qemu_opt_get(o, "type"), "virt-7.2") &&
               str_is(qemu_opt_get(o, "gic-version"), "2"),
               "parse_append merges -M a -M b");
    qemu_opts_free(o);
    qemu_opts_free(NULL);
}

static void test_bools(void)
{
    static const char *const yes[] = { "on", "yes", "true" };
    static const char *const no[] = { "off", "no", "false" };
    QemuOpts *o;
    Capture c;
    const char *out;
    bool v, ok;
    char buf[64];
    int i;

    o = qemu_opts_parse("socket,server,nowait,id=c0", "backend");
    tap_report(o && str_is(qemu_opt_get(o, "server"), "on") &&
               str_is(qemu_opt_get(o, "wait"), "off"),
               "bare 'server' is on, 'nowait' is wait=off");
    tap_report(str_is(qemu_opt_get(o, "nowait"), "on"),
               "'nowait' is also found by its spelling");
    qemu_opts_free(o);

    for (i = 0; i < 3; i++) {
        snprintf(buf, sizeof(buf), "x=%s", yes[i]);
        o = qemu_opts_parse(buf, NULL);
        v = false;
        ok = qemu_opt_get_bool(o, "x", false, &v);
        tap_report(ok && v, "bool '%s' is true", yes[i]);
        qemu_opts_free(o);
        snprintf(buf, sizeof(buf), "x=%s", no[i]);
        o = qemu_opts_parse(buf, NULL);
        v = true;
        ok = qemu_opt_get_bool(o, "x", true, &v);
        tap_report(ok && !v, "bool '%s' is false", no[i]);
        qemu_opts_free(o);
    }
    o = qemu_opts_parse("readonly=maybe", NULL);
    capture_begin(&c, stderr);
    ok = qemu_opt_get_bool(o, "readonly", false, &v);
    out = capture_end(&c);
    tap_report(!ok && !strcmp(out, "qemu: Parameter 'readonly' expects 'on' "
                              "or 'off'\n"), "a bad bool is reported");
    ok = qemu_opt_get_bool(o, "absent", true, &v);
    tap_report(ok && v, "an absent bool takes the default");
    qemu_opts_free(o);
}

static void test_numbers(void)
{
    QemuOpts *o = qemu_opts_parse("cpus=4,mask=0x10,bad=4x,neg=-1,"
                                  "mem=64K,big=1.5G,junk=1Q", NULL);
    Capture c;
    const char *out;
    uint64_t v;
    bool ok;

    tap_report(qemu_opt_get_number(o, "cpus", 0, &v) && v == 4,
               "number 4");
    tap_report(qemu_opt_get_number(o, "mask", 0, &v) && v == 16,
               "number 0x10 is 16");
    capture_begin(&c, stderr);
    ok = qemu_opt_get_number(o, "bad", 0, &v);
    out = capture_end(&c);
    tap_report(!ok && !strcmp(out, "qemu: Parameter 'bad' expects a "
                              "number\n"), "number '4x' is reported");
    capture_begin(&c, stderr);
    ok = qemu_opt_get_number(o, "neg", 0, &v);
    capture_end(&c);
    tap_report(!ok, "a negative number is refused");
    tap_report(qemu_opt_get_number(o, "none", 7, &v) && v == 7,
               "an absent number takes the default");
    tap_report(qemu_opt_get_size(o, "mem", 0, &v) && v == 65536,
               "size 64K");
    tap_report(qemu_opt_get_size(o, "big", 0, &v) && v == 1610612736ull,
               "size 1.5G");
    capture_begin(&c, stderr);
    ok = qemu_opt_get_size(o, "junk", 0, &v);
    out = capture_end(&c);
    tap_report(!ok && strstr(out, "Parameter 'junk' expects a size"),
               "size '1Q' is reported");
    qemu_opts_free(o);
}

static void test_parse_size(void)
{
    static const struct {
        const char *s;
        bool mb;
        bool ok;
        uint64_t v;
    } cases[] = {
        { "512M", true, true, 512ull << 20 },
        { "2G", true, true, 2ull << 30 },
        { "1024", true, true, 1ull << 30 },
        { "1024", false, true, 1024 },
        { "4k", false, true, 4096 },
        { "1t", false, true, 1ull << 40 },
        { "100B", true, true, 100 },
        { "1.5G", false, true, 1610612736ull },
        { "1.5", true, true, 1572864 },
        { "0.5", false, false, 0 },
        { "0x1000", false, true, 4096 },
        { "0x10M", false, true, 16ull << 20 },
        { "18446744073709551615", false, true, UINT64_MAX },
        { "18446744073709551616", false, false, 0 },
        { "16E", false, false, 0 },
        { "15E", false, true, 15ull << 60 },
        { "", true, false, 0 },
        { "abc", true, false, 0 },
        { "-1", true, false, 0 },
        { "12MB", true, false, 0 },
        { "0x", false, false, 0 },
        { ".", true, false, 0 },
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint64_t v = 0xdead;
        bool ok = qemu_parse_size(cases[i].s, cases[i].mb, &v);

        tap_report(ok == cases[i].ok && (!ok || v == cases[i].v),
                   "size '%s'%s: %s %llu", cases[i].s,
                   cases[i].mb ? " (MiB default)" : "",
                   ok ? "ok" : "refused", (unsigned long long)v);
    }
}

static void test_unused(void)
{
    QemuOpts *o = qemu_opts_parse("virtio-blk-device,drive=d0,foo=1",
                                  "driver");
    Capture c;
    const char *out;
    bool ok;

    qemu_opt_get(o, "driver");
    qemu_opt_get(o, "drive");
    tap_report(qemu_opt_has(o, "foo") && !qemu_opt_has(o, "bar"),
               "qemu_opt_has");
    capture_begin(&c, stderr);
    ok = qemu_opts_check_unused(o, "virtio-blk-device");
    out = capture_end(&c);
    tap_report(!ok && !strcmp(out, "qemu: virtio-blk-device: Invalid "
                              "parameter 'foo'\n"),
               "the option nobody looked up is reported (has() does not "
               "count)");
    qemu_opt_get(o, "foo");
    tap_report(qemu_opts_check_unused(o, "x"), "all used now");
    qemu_opts_free(o);

    o = qemu_opts_parse("tcp:1,nodelay", "spec");
    qemu_opt_get(o, "spec");
    capture_begin(&c, stderr);
    ok = qemu_opts_check_unused(o, NULL);
    out = capture_end(&c);
    tap_report(!ok && !strcmp(out, "qemu: Invalid parameter 'nodelay'\n"),
               "an unused 'noX' is named as spelled, what NULL");
    qemu_opts_mark_all_used(o);
    tap_report(qemu_opts_check_unused(o, NULL), "mark_all_used");
    qemu_opts_free(o);
}

int main(void)
{
    test_parse();
    test_bools();
    test_numbers();
    test_parse_size();
    test_unused();
    return tap_exit_status();
}
