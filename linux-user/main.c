/*
 * linux-user/main.c: qemu-<arch>, the user-mode emulator's command line.
 *
 *   qemu-aarch64 [options] program [arguments...]
 *
 * The options and the environment variables that stand for them are the
 * ones QEMU users know (see `-h`); options come before the program, the
 * first non-option word is the program.  main() sets up the translation
 * engine, the CPU, the guest address space and the signal handlers, loads
 * the program (elfload.c) and enters the target's cpu_loop(), which never
 * returns: the process ends through the guest's exit_group or a signal.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <unistd.h>

#include "qemu.h"
#include "exec/tb.h"
#include "qemu/accel-opts.h"
#include "qemu/log.h"
#include "qemu/perfmap.h"

#define QEMU_VERSION_STR "8.0.0"
#define QEMU_FULL_VERSION \
    "QEMU emulator version " QEMU_VERSION_STR

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1
#endif

/* 1 TiB of guest space unless -R says otherwise (or the target's
 * address space is smaller: 32-bit targets). */
#ifdef TARGET_DEFAULT_RESERVED_VA
#define DEFAULT_RESERVED_VA TARGET_DEFAULT_RESERVED_VA
#define MAX_RESERVED_VA TARGET_MAX_RESERVED_VA
#else
#define DEFAULT_RESERVED_VA (1ull << 40)
#define MAX_RESERVED_VA (1ull << 46)
#endif

const char *exec_path;
char *exec_path_abs;
const char *interp_prefix;
unsigned long guest_stack_size = 8ul << 20;
bool do_strace;
int qemu_argc_saved;
char **qemu_argv_saved;
int qemu_opts_count;
const char *cpu_model = TARGET_DEFAULT_CPU;
bool one_insn_per_tb;

static const char *argv0_override;
static uintptr_t opt_guest_base;
static uint64_t opt_reserved_va;
static const char *log_items;
static const char *log_file;
static AccelOpts accel_opts;
static char **env_set;
static int env_set_count;
static char **env_unset;
static int env_unset_count;

static void usage(void) __attribute__((noreturn));

static void error_exit(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void error_exit(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "qemu-%s: ", TARGET_NAME);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* "8M", "1G", "65536", "0x10000": a byte count, false if malformed. */
static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;
    int shift = 0;

    errno = 0;
    v = strtoull(s, &end, 0);
    if (errno || end == s || s[0] == '-') {
        return false;
    }
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    case '\0': break;
    default: return false;
    }
    if (*end || (shift && (v >> (64 - shift)))) {
        return false;
    }
    *out = (uint64_t)v << shift;
    return true;
}

/* --------------------------------------------------------------- options */

typedef struct Option {
    const char *name;
    const char *env;          /* the environment variable, or NULL */
    bool has_arg;
    void (*handle)(const char *arg);
    const char *arg_name;
    const char *help;
} Option;

static void opt_help(const char *arg) { usage(); }

static void opt_prefix(const char *arg)
{
    interp_prefix = arg;
}

static void opt_set_env(const char *arg)
{
    char *copy = strdup(arg), *save = NULL, *item;

    /* QEMU_SET_ENV takes a comma-separated list; -E one assignment each. */
    for (item = strtok_r(copy, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        if (!strchr(item, '=')) {
            error_exit("-E %s: expected var=value", arg);
        }
        env_set = realloc(env_set, sizeof(char *) * (env_set_count + 1));
        env_set[env_set_count++] = item;
    }
}

static void opt_unset_env(const char *arg)
{
    char *copy = strdup(arg), *save = NULL, *item;

    for (item = strtok_r(copy, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        env_unset = realloc(env_unset,
                            sizeof(char *) * (env_unset_count + 1));
        env_unset[env_unset_count++] = item;
    }
}

static void opt_argv0(const char *arg)
{
    argv0_override = arg;
}

static void opt_stack_size(const char *arg)
{
    uint64_t v;

    if (!parse_size(arg, &v) || v < 64 * 1024 || v > (1ull << 34)) {
        error_exit("-s %s: invalid stack size (64K..16G, suffixes k M G)",
                   arg);
    }
    guest_stack_size = (v + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK;
}

static void opt_cpu(const char *arg)
{
    if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
        target_cpu_list(stdout);
        exit(0);
    }
    cpu_model = arg;
}

static void opt_set_guest_base(const char *arg)
{
    uint64_t v;

    if (!parse_size(arg, &v) || (v & (TARGET_PAGE_SIZE - 1)) || v == 0 ||
        v >= (1ull << 47)) {
        error_exit("-B %s: guest_base must be a page-aligned address below "
                   "2^47", arg);
    }
    opt_guest_base = v;
}

static void opt_reserved(const char *arg)
{
    uint64_t v;

    if (!parse_size(arg, &v) || v < (16ull << 20) || v > MAX_RESERVED_VA) {
        error_exit("-R %s: reserved_va must be between 16M and %lluM", arg,
                   (unsigned long long)(MAX_RESERVED_VA >> 20));
    }
    opt_reserved_va = v;
}

static void opt_log(const char *arg)
{
    if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
        qemu_print_log_usage(stdout);
        exit(0);
    }
    log_items = arg;
}

static void opt_log_file(const char *arg)
{
    log_file = arg;
}

static void opt_strace(const char *arg)
{
    do_strace = true;
}

static void opt_one_insn(const char *arg)
{
    one_insn_per_tb = true;
}

static void opt_accel(const char *arg)
{
    if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
        accel_print_help(stdout);
        exit(0);
    }
    if (!accel_parse_opts(arg, &accel_opts)) {
        exit(1);
    }
    if (accel_opts.one_insn_per_tb) {
        one_insn_per_tb = true;
    }
}

static void opt_seed(const char *arg)
{
    char *end;

    errno = 0;
    strtoull(arg, &end, 0);
    if (errno || *end || end == arg) {
        error_exit("-seed %s: expected a number", arg);
    }
    guest_random_seed(strtoull(arg, NULL, 0));
}

/* -seed makes the guest's random bytes (AT_RANDOM, getrandom) repeatable. */
static bool random_seeded;
static uint64_t random_state;
static pthread_mutex_t random_lock = PTHREAD_MUTEX_INITIALIZER;

void guest_random_seed(uint64_t seed)
{
    random_seeded = true;
    random_state = seed ? seed : 0x9e3779b97f4a7c15ull;
}

int guest_random(void *buf, size_t len, unsigned flags)
{
    uint8_t *p = buf;
    size_t i;

    if (!random_seeded) {
        ssize_t r = getrandom(buf, len, flags);

        return r < 0 ? -errno : (int)r;
    }
    pthread_mutex_lock(&random_lock);
    for (i = 0; i < len; i++) {
        /* xorshift64*: fine for reproducible test runs, not for secrets. */
        random_state ^= random_state >> 12;
        random_state ^= random_state << 25;
        random_state ^= random_state >> 27;
        p[i] = (uint8_t)((random_state * 0x2545f4914f6cdd1dull) >> 56);
    }
    pthread_mutex_unlock(&random_lock);
    return (int)len;
}

static void opt_perfmap(const char *arg)
{
    (void)arg;
    if (!perfmap_enable()) {
        exit(1);
    }
}

static void opt_pagesize(const char *arg)
{
    uint64_t v;

    if (!parse_size(arg, &v) || v != TARGET_PAGE_SIZE) {
        error_exit("-p %s: only the target page size (%u) is supported", arg,
                   (unsigned)TARGET_PAGE_SIZE);
    }
}

static void opt_version(const char *arg)
{
    printf("%s\n", QEMU_FULL_VERSION);
    printf("qemu-%s: user-mode emulation of %s Linux programs\n",
           TARGET_NAME, TARGET_NAME);
    printf("Copyright (c) 2026 the project authors\n");
    exit(0);
}

static const Option options[] = {
    { "h", NULL, false, opt_help, "", "print this help" },
    { "help", NULL, false, opt_help, "", "print this help" },
    { "L", "QEMU_LD_PREFIX", true, opt_prefix, "path",
      "set the elf interpreter prefix to 'path'" },
    { "s", "QEMU_STACK_SIZE", true, opt_stack_size, "size",
      "set the stack size to 'size' bytes" },
    { "cpu", "QEMU_CPU", true, opt_cpu, "model",
      "select CPU (-cpu help for list)" },
    { "E", "QEMU_SET_ENV", true, opt_set_env, "var=value",
      "sets targets environment variable (see below)" },
    { "U", "QEMU_UNSET_ENV", true, opt_unset_env, "var",
      "unsets targets environment variable (see below)" },
    { "0", "QEMU_ARGV0", true, opt_argv0, "argv0",
      "forces target process argv[0] to be 'argv0'" },
    { "B", "QEMU_GUEST_BASE", true, opt_set_guest_base, "address",
      "set guest_base address to 'address'" },
    { "R", "QEMU_RESERVED_VA", true, opt_reserved, "size",
      "reserve 'size' bytes for guest virtual address space" },
    { "d", "QEMU_LOG", true, opt_log, "item[,...]",
      "enable logging of specified items (use '-d help' for a list of "
      "items)" },
    { "D", "QEMU_LOG_FILENAME", true, opt_log_file, "logfile",
      "write logs to 'logfile' (default stderr)" },
    { "p", "QEMU_PAGESIZE", true, opt_pagesize, "pagesize",
      "set the host page size to 'pagesize'" },
    { "one-insn-per-tb", "QEMU_ONE_INSN_PER_TB", false, opt_one_insn, "",
      "run with one guest instruction per emulated TB" },
    { "singlestep", "QEMU_SINGLESTEP", false, opt_one_insn, "",
      "deprecated synonym for -one-insn-per-tb" },
    { "strace", "QEMU_STRACE", false, opt_strace, "",
      "log system calls" },
    { "perfmap", "QEMU_PERFMAP", false, opt_perfmap, "",
      "name translated code for perf in /tmp/perf-PID.map" },
    { "seed", "QEMU_RAND_SEED", true, opt_seed, "seed",
      "seed the guest's random numbers (getrandom, AT_RANDOM)" },
    { "accel", NULL, true, opt_accel, "tcg[,opts]",
      "accelerator: tcg[,tb-size=MB][,one-insn-per-tb=on] (-accel help)" },
    { "version", "QEMU_VERSION", false, opt_version, "",
      "display version information and exit" },
};

#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

static void usage(void)
{
    size_t i;

    printf("usage: qemu-%s [options] program [arguments...]\n"
           "Linux CPU emulator (compiled for %s emulation)\n\n"
           "Options and associated environment variables:\n\n"
           "Argument             Env-variable      Description\n",
           TARGET_NAME, TARGET_NAME);
    for (i = 0; i < N_OPTIONS; i++) {
        char arg[64];

        if (!strcmp(options[i].name, "help")) {
            continue;
        }
        snprintf(arg, sizeof(arg), "-%s %s", options[i].name,
                 options[i].arg_name);
        printf("%-20s %-17s %s\n", arg, options[i].env ? options[i].env : "",
               options[i].help);
    }
    printf("\nDefaults:\n"
           "QEMU_LD_PREFIX  = %s\n"
           "QEMU_STACK_SIZE = %lu byte\n"
           "\nYou can use -E and -U options or the QEMU_SET_ENV and\n"
           "QEMU_UNSET_ENV environment variables to set and unset\n"
           "environment variables for the target process.\n"
           "It is possible to provide several variables by separating them\n"
           "by commas in getsubopt(3) style. Additionally it is possible to\n"
           "provide the -E and -U options multiple times.\n"
           "The following lines are equivalent:\n"
           "    -E var1=val2 -E var2=val2 -U LD_PRELOAD -U LD_DEBUG\n"
           "    -E var1=val2,var2=val2 -U LD_PRELOAD,LD_DEBUG\n"
           "    QEMU_SET_ENV=var1=val2,var2=val2 QEMU_UNSET_ENV=LD_PRELOAD,"
           "LD_DEBUG\n"
           "Note that if you provide several changes to a single variable\n"
           "the last change will stay in effect.\n",
           interp_prefix ? interp_prefix : "(none)", guest_stack_size);
    exit(0);
}

static int parse_args(int argc, char **argv)
{
    int optind = 1;
    size_t i;

    /* The environment first, so that options override it. */
    for (i = 0; i < N_OPTIONS; i++) {
        const char *v;

        if (options[i].env && (v = getenv(options[i].env)) != NULL) {
            if (options[i].handle == opt_version) {
                continue;
            }
            options[i].handle(v);
        }
    }

    while (optind < argc) {
        const char *r = argv[optind];
        const Option *o = NULL;

        if (r[0] != '-') {
            break;
        }
        optind++;
        if (!strcmp(r, "--")) {
            break;
        }
        r++;
        if (r[0] == '-') {
            r++;
        }
        for (i = 0; i < N_OPTIONS; i++) {
            if (!strcmp(r, options[i].name)) {
                o = &options[i];
                break;
            }
        }
        if (!o) {
            error_exit("invalid option '%s' (see -h)", argv[optind - 1]);
        }
        if (o->has_arg) {
            if (optind >= argc) {
                error_exit("option '%s' needs an argument",
                           argv[optind - 1]);
            }
            o->handle(argv[optind++]);
        } else {
            o->handle(NULL);
        }
    }
    return optind;
}

/* The guest's environment: ours, changed by -E/-U. */
static char **build_guest_env(void)
{
    extern char **environ;
    char **env;
    int n = 0, i, j;

    for (; environ[n]; n++) {
    }
    env = calloc(n + env_set_count + 1, sizeof(char *));
    for (i = 0; i < n; i++) {
        env[i] = environ[i];
    }
    for (j = 0; j < env_unset_count; j++) {
        size_t l = strlen(env_unset[j]);
        int k, w = 0;

        for (k = 0; k < n; k++) {
            if (!(strncmp(env[k], env_unset[j], l) == 0 && env[k][l] == '=')) {
                env[w++] = env[k];
            }
        }
        n = w;
    }
    for (j = 0; j < env_set_count; j++) {
        size_t l = strchr(env_set[j], '=') - env_set[j] + 1;
        int k;

        for (k = 0; k < n; k++) {
            if (strncmp(env[k], env_set[j], l) == 0) {
                break;
            }
        }
        env[k] = env_set[j];
        if (k == n) {
            n++;
        }
    }
    env[n] = NULL;
    return env;
}

void preexit_cleanup(int code)
{
    if (qemu_logfile) {
        fflush(qemu_logfile);
    }
    fflush(stdout);
    fflush(stderr);
}

int main(int argc, char **argv)
{
    static ImageInfo info;
    CPUArchState *env;
    TaskState *ts;
    char **guest_argv, **guest_env;
    const char *load_path;
    int optind, i, mask = 0;

    qemu_argc_saved = argc;
    qemu_argv_saved = argv;
    optind = parse_args(argc, argv);
    qemu_opts_count = optind - 1;
    if (optind >= argc) {
        error_exit("no user program specified (see -h)");
    }
    exec_path = argv[optind];
    load_path = exec_path;
    /*
     * Started by binfmt_misc with flag P: argv[optind] is the program's
     * full path and argv[optind + 1] the argv[0] it was run with.
     */
    if ((getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) &&
        optind + 1 < argc) {
        optind++;
        if (!argv0_override) {
            argv0_override = argv[optind];
        }
    }

    if (log_items) {
        mask = qemu_str_to_log_mask(log_items);
        if (mask < 0) {
            exit(1);
        }
    }
    if (do_strace) {
        mask |= LOG_STRACE;
    }
    if (log_file && !qemu_set_log_filename(log_file)) {
        exit(1);
    }
    qemu_set_log(mask);
    do_strace = qemu_loglevel_mask(LOG_STRACE);

    /* binfmt_misc flag O: the kernel opened the program for us. */
    if (getauxval(AT_EXECFD) > 0) {
        static char fd_path[64];

        snprintf(fd_path, sizeof(fd_path), "/proc/self/fd/%lu",
                 getauxval(AT_EXECFD));
        load_path = fd_path;
    }
    exec_path_abs = realpath(exec_path, NULL);
    if (!exec_path_abs && load_path != exec_path) {
        exec_path_abs = strdup(exec_path);
    }
    if (!exec_path_abs) {
        error_exit("%s: %s", exec_path, strerror(errno));
    }

    tcg_exec_init(accel_opts.tb_size, false);
    if (one_insn_per_tb) {
        tb_default_cflags = 1;      /* CF_COUNT_MASK: one guest insn per TB */
    }
    env = target_cpu_create(cpu_model);
    if (!env) {
        error_exit("unable to find CPU model '%s' (-cpu help lists them)",
                   cpu_model);
    }
    if (!guest_space_init(opt_guest_base,
                          opt_reserved_va ? opt_reserved_va
                                          : DEFAULT_RESERVED_VA)) {
        exit(1);
    }
    mmap_install_hooks();

    guest_argv = calloc(argc - optind + 1, sizeof(char *));
    for (i = optind; i < argc; i++) {
        guest_argv[i - optind] = argv[i];
    }
    if (argv0_override) {
        guest_argv[0] = (char *)argv0_override;
    }
    guest_env = build_guest_env();

    ts = calloc(1, sizeof(*ts));
    ts->env = env;
    ts->tid = gettid();
    thread_ts = ts;
    thread_list = ts;
    guest_thread_count = 1;
    ts->thread = pthread_self();

    if (!loader_exec(load_path, guest_argv, guest_env, env, &info)) {
        exit(1);
    }
    signal_init();
    target_cpu_init_regs(env, info.entry, info.start_stack);
    cpu_loop(env);
}
