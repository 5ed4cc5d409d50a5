/*
 * linux-user/syscall.c: the generic system call layer.
 *
 * do_syscall() is called by the target's cpu loop with the target's call
 * number and six arguments.  It offers the call to each family in turn
 * (the target's own, <arch>/; then syscall-file.c, -mem.c, -proc.c,
 * -time.c, -signal.c, -sock.c, -ipc.c, and -legacy.c for the old calls
 * that the generic table lacks); the
 * numbers are the target's (<arch>/syscall_nr.h), so a family's switch
 * compiles for every target and simply lacks the calls a target does not
 * have.  Results are guest values: >= 0, or -errno with the generic Linux
 * errno numbers (the same on the host and every target so far).
 *
 * -strace (or -d strace) prints each call with decoded arguments and its
 * result; an unknown call returns -ENOSYS and is logged under -d unimp.
 *
 * The shared helpers live here too: guest path lookup (the -L prefix is
 * not applied to plain file access, only to the interpreter, as in QEMU),
 * /proc/self/{exe,maps} emulation, stat conversion and execve.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "qemu.h"
#include "qemu/log.h"
#include "struct-conv.h"
#include "syscall_nr.h"

static const char *const syscall_names[TARGET_NR_syscalls] = {
#include "syscall_names.h.inc"
};

const char *target_syscall_name(int num)
{
    if (num >= 0 && num < TARGET_NR_syscalls && syscall_names[num]) {
        return syscall_names[num];
    }
    return NULL;
}

/* ---------------------------------------------------------------- strace */

/*
 * Argument formats for -strace: one letter per argument.
 *   d decimal  x hex  o octal  s string  p pointer  f dirfd (AT_FDCWD)
 */
typedef struct StraceFmt {
    int nr;
    const char *fmt;
} StraceFmt;

static const StraceFmt strace_fmts[] = {
    { TARGET_NR_openat, "fsxo" },
    { TARGET_NR_close, "d" },
    { TARGET_NR_read, "dpd" },
    { TARGET_NR_write, "dpd" },
    { TARGET_NR_readv, "dpd" },
    { TARGET_NR_writev, "dpd" },
    { TARGET_NR_pread64, "dpdd" },
    { TARGET_NR_pwrite64, "dpdd" },
    { TARGET_NR_lseek, "ddd" },
    { TARGET_NR_fstat, "dp" },
#ifdef TARGET_NR_newfstatat
    { TARGET_NR_newfstatat, "fspx" },
#endif
    { TARGET_NR_statx, "fsxxp" },
    { TARGET_NR_faccessat, "fso" },
    { TARGET_NR_faccessat2, "fsox" },
    { TARGET_NR_readlinkat, "fspd" },
    { TARGET_NR_unlinkat, "fsx" },
    { TARGET_NR_mkdirat, "fso" },
    { TARGET_NR_renameat, "fsfs" },
    { TARGET_NR_renameat2, "fsfsx" },
    { TARGET_NR_chdir, "s" },
    { TARGET_NR_getcwd, "pd" },
    { TARGET_NR_execve, "spp" },
    { TARGET_NR_exit, "d" },
    { TARGET_NR_exit_group, "d" },
    { TARGET_NR_brk, "x" },
#ifdef TARGET_NR_mmap
    { TARGET_NR_mmap, "xxxxdx" },
#endif
#ifdef TARGET_NR_mmap2
    { TARGET_NR_mmap2, "xxxxdx" },
#endif
    { TARGET_NR_munmap, "xx" },
    { TARGET_NR_mprotect, "xxx" },
    { TARGET_NR_mremap, "xxxxx" },
    { TARGET_NR_madvise, "xxd" },
    { TARGET_NR_ioctl, "dxx" },
    { TARGET_NR_fcntl, "ddx" },
    { TARGET_NR_dup3, "ddx" },
    { TARGET_NR_pipe2, "px" },
    { TARGET_NR_kill, "dd" },
    { TARGET_NR_tgkill, "ddd" },
    { TARGET_NR_tkill, "dd" },
    { TARGET_NR_rt_sigaction, "dppd" },
    { TARGET_NR_rt_sigprocmask, "dppd" },
    { TARGET_NR_clone, "xxxxx" },
    { TARGET_NR_wait4, "dpxp" },
    { TARGET_NR_set_tid_address, "p" },
    { TARGET_NR_futex, "pdxpxx" },
    { TARGET_NR_clock_gettime, "dp" },
    { TARGET_NR_nanosleep, "pp" },
    { TARGET_NR_clock_nanosleep, "dxpp" },
    { TARGET_NR_getdents64, "dpd" },
    { TARGET_NR_socket, "ddd" },
    { TARGET_NR_connect, "dpd" },
    { TARGET_NR_bind, "dpd" },
    { TARGET_NR_prlimit64, "ddpp" },
    { TARGET_NR_getrandom, "pdx" },
    { TARGET_NR_uname, "p" },
};

static void strace_arg(FILE *f, char c, abi_long v)
{
    switch (c) {
    case 'd':
        fprintf(f, "%" PRId64, (int64_t)v);
        break;
    case 'o':
        fprintf(f, "0%" PRIo64, (uint64_t)(abi_ulong)v);
        break;
    case 'f':
        if ((int)v == AT_FDCWD) {
            fprintf(f, "AT_FDCWD");
        } else {
            fprintf(f, "%d", (int)v);
        }
        break;
    case 's': {
        const char *s = v ? lock_user_string(v) : NULL;

        if (s) {
            fprintf(f, "\"%.64s\"%s", s, strlen(s) > 64 ? "..." : "");
        } else {
            fprintf(f, "0x%" PRIx64, (uint64_t)(abi_ulong)v);
        }
        break;
    }
    case 'p':
        if (v == 0) {
            fprintf(f, "NULL");
            break;
        }
        /* fall through */
    default:
        fprintf(f, "0x%" PRIx64, (uint64_t)(abi_ulong)v);
        break;
    }
}

void print_syscall(int num, abi_long *args)
{
    FILE *f = qemu_log_trylock();
    const char *name = target_syscall_name(num);
    const char *fmt = "xxxxxx";
    size_t i;

    for (i = 0; i < sizeof(strace_fmts) / sizeof(strace_fmts[0]); i++) {
        if (strace_fmts[i].nr == num) {
            fmt = strace_fmts[i].fmt;
            break;
        }
    }
    fprintf(f, "%d ", (int)getpid());
    if (name) {
        fprintf(f, "%s(", name);
    } else {
        fprintf(f, "syscall_%d(", num);
    }
    for (i = 0; fmt[i] && i < 6; i++) {
        if (i) {
            fputc(',', f);
        }
        strace_arg(f, fmt[i], args[i]);
    }
    fputc(')', f);
    qemu_log_unlock(f);
}

void print_syscall_ret(int num, abi_long ret)
{
    FILE *f = qemu_log_trylock();

    if (is_error(ret)) {
        fprintf(f, " = -1 errno=%d (%s)\n", (int)-ret, strerror(-ret));
    } else if (
#ifdef TARGET_NR_mmap
               num == TARGET_NR_mmap ||
#endif
#ifdef TARGET_NR_mmap2
               num == TARGET_NR_mmap2 ||
#endif
               num == TARGET_NR_brk ||
               num == TARGET_NR_mremap) {
        fprintf(f, " = 0x%" PRIx64 "\n", (uint64_t)(abi_ulong)ret);
    } else {
        fprintf(f, " = %" PRId64 "\n", (int64_t)ret);
    }
    qemu_log_unlock(f);
}

void unimplemented_syscall(int num)
{
    const char *name = target_syscall_name(num);

    qemu_log_mask(LOG_UNIMP, "Unsupported syscall: %d%s%s%s\n", num,
                  name ? " (" : "", name ? name : "", name ? ")" : "");
}

/* ------------------------------------------------------- shared helpers */

char *path_for_host(const char *guest_path, char *buf, size_t size)
{
    int n;

    if (!interp_prefix || guest_path[0] != '/' || !guest_path[1] ||
        !interp_prefix[0] || !strcmp(interp_prefix, "/")) {
        return (char *)guest_path;
    }
    n = snprintf(buf, size, "%s%s", interp_prefix, guest_path);
    if (n <= 0 || (size_t)n >= size || faccessat(AT_FDCWD, buf, F_OK,
                                                 AT_SYMLINK_NOFOLLOW) != 0) {
        return (char *)guest_path;
    }
    return buf;
}

bool is_proc_self_exe(const char *path)
{
    char self[64];

    snprintf(self, sizeof(self), "/proc/%d/exe", (int)getpid());
    return !strcmp(path, "/proc/self/exe") || !strcmp(path, self) ||
           !strcmp(path, "/proc/thread-self/exe");
}

static bool is_proc_self(const char *path, const char *entry)
{
    char buf[64];

    snprintf(buf, sizeof(buf), "/proc/%d/%s", (int)getpid(), entry);
    if (!strcmp(path, buf)) {
        return true;
    }
    snprintf(buf, sizeof(buf), "/proc/self/%s", entry);
    return !strcmp(path, buf);
}

/* A memfd (or unlinked temp file) holding generated text. */
static int fake_file(void)
{
    int fd = memfd_create("qemu-proc", MFD_CLOEXEC);

    if (fd < 0) {
        char tmpl[] = "/tmp/qemu-proc-XXXXXX";

        fd = mkstemp(tmpl);
        if (fd >= 0) {
            unlink(tmpl);
        }
    }
    return fd;
}

/* The guest's argument strings, NUL-separated, from its initial stack. */
static void fake_cmdline(int fd)
{
    abi_ulong len;
    const void *p;

    if (!global_image || global_image->arg_end <= global_image->arg_start) {
        return;
    }
    len = global_image->arg_end - global_image->arg_start;
    p = lock_user(VERIFY_READ, global_image->arg_start, len);
    if (p && write(fd, p, len) < 0) {
        return;
    }
}

static int fake_auxv(int fd)
{
    const abi_ulong w = sizeof(abi_ulong);
    abi_ulong sp, pair[2];

    if (!global_image) {
        return 0;
    }
    /* Walk argv and envp to the auxv on the initial stack. */
    sp = global_image->start_stack + w;
    for (;;) {
        abi_ulong v;

        if (!get_user_ual(&v, sp)) {
            return 0;
        }
        sp += w;
        if (!v) {
            break;
        }
    }
    for (;;) {
        abi_ulong v;

        if (!get_user_ual(&v, sp)) {
            return 0;
        }
        sp += w;
        if (!v) {
            break;
        }
    }
    do {
        if (!get_user_ual(&pair[0], sp) || !get_user_ual(&pair[1], sp + w)) {
            break;
        }
        if (write(fd, pair, sizeof(pair)) != sizeof(pair)) {
            break;
        }
        sp += 2 * w;
    } while (pair[0] != 0);
    return 0;
}

/*
 * Files of /proc/self that must show the guest's view.  Returns a host fd
 * (or -errno) with *handled set, or leaves *handled false.
 */
int open_proc_self_file(const char *path, int flags, bool *handled)
{
    int fd;

    *handled = false;
    if (is_proc_self_exe(path)) {
        *handled = true;
        fd = open(exec_path_abs, flags | O_CLOEXEC);
        return fd < 0 ? -errno : fd;
    }
    if (is_proc_self(path, "maps") || is_proc_self(path, "auxv") ||
        is_proc_self(path, "cmdline")) {
        *handled = true;
        fd = fake_file();
        if (fd < 0) {
            return -errno;
        }
        if (is_proc_self(path, "maps")) {
            write_guest_maps(fd);
        } else if (is_proc_self(path, "cmdline")) {
            fake_cmdline(fd);
        } else {
            fake_auxv(fd);
        }
        lseek(fd, 0, SEEK_SET);
        return fd;
    }
    return 0;
}

int host_to_target_stat(abi_ulong addr, const struct stat *h)
{
    uint8_t *t = lock_user(VERIFY_WRITE, addr, TARGET_STAT_SIZE);

    if (!t) {
        return -EFAULT;
    }
    memset(t, 0, TARGET_STAT_SIZE);
    CONV_TO_TARGET(TARGET_STAT_FIELDS, t, h);
    return 0;
}

/* ---------------------------------------------------------------- execve */

/* Build an argv from the guest's NULL-terminated array. */
static char **guest_strv(abi_ulong addr, int *count, int *err)
{
    char **v = NULL;
    int n = 0;

    *err = 0;
    for (;;) {
        abi_ulong p;
        char *s;

        if (n > 1 << 20) {
            *err = -E2BIG;
            break;
        }
        if (!addr) {
            break;
        }
        if (!get_user_ual(&p, addr + n * sizeof(abi_ulong))) {
            *err = -EFAULT;
            break;
        }
        v = realloc(v, sizeof(char *) * (n + 2));
        if (!p) {
            break;
        }
        s = lock_user_string(p);
        if (!s) {
            *err = -EFAULT;
            break;
        }
        v[n++] = s;
    }
    if (*err) {
        free(v);
        return NULL;
    }
    if (!v) {
        v = calloc(2, sizeof(char *));
    }
    v[n] = NULL;
    *count = n;
    return v;
}

/* Is path an ELF executable of the target (class, byte order, machine)? */
static bool is_target_elf(const char *path)
{
    unsigned char h[20];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool ok;

    if (fd < 0) {
        return false;
    }
    ok = read(fd, h, sizeof(h)) == sizeof(h) && !memcmp(h, "\177ELF", 4) &&
         h[4] == ELF_CLASS && h[5] == ELF_DATA &&
         (ELF_DATA == 1 ? h[18] | (h[19] << 8) : (h[18] << 8) | h[19]) ==
         ELF_MACHINE;
    close(fd);
    return ok;
}

/*
 * execve: run the new program under a fresh copy of this emulator, with
 * the options we were started with.  Scripts (#!) are resolved here as
 * the kernel would, since the emulator only loads ELF files.
 */
abi_long do_execve(const char *path, abi_ulong guest_argv, abi_ulong guest_env)
{
    char **argv, **envp, **nargv;
    int argc, envc, err, i, n = 0;
    char hdr[256];
    char *interp = NULL, *interp_arg = NULL;
    const char *prog = path;
    int fd;
    char self[PATH_MAX], ibuf[PATH_MAX], *real = NULL;
    ssize_t sl;

    argv = guest_strv(guest_argv, &argc, &err);
    if (!argv) {
        return err;
    }
    envp = guest_strv(guest_env, &envc, &err);
    if (!envp) {
        free(argv);
        return err;
    }
    if (is_proc_self_exe(path)) {
        prog = exec_path_abs;
    }
    fd = open(prog, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        err = -errno;
        goto out;
    }
    if (access(prog, X_OK) != 0) {
        err = -errno;
        close(fd);
        goto out;
    }
    memset(hdr, 0, sizeof(hdr));
    if (read(fd, hdr, sizeof(hdr) - 1) < 0) {
        err = -errno;
        close(fd);
        goto out;
    }
    close(fd);
    if (hdr[0] == '#' && hdr[1] == '!') {
        char *p = hdr + 2, *e;

        e = strchr(p, '\n');
        if (!e) {
            err = -ENOEXEC;
            goto out;
        }
        *e = '\0';
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        interp = p;
        while (*p && *p != ' ' && *p != '\t') {
            p++;
        }
        if (*p) {
            *p++ = '\0';
            while (*p == ' ' || *p == '\t') {
                p++;
            }
            e = p + strlen(p);
            while (e > p && (e[-1] == ' ' || e[-1] == '\t')) {
                *--e = '\0';
            }
            if (*p) {
                interp_arg = p;
            }
        }
        if (!*interp) {
            err = -ENOEXEC;
            goto out;
        }
        if (!is_target_elf(path_for_host(interp, ibuf, sizeof(ibuf)))) {
            /* A host interpreter: the host kernel runs the script. */
            goto native;
        }
        interp = path_for_host(interp, ibuf, sizeof(ibuf));
    } else if (memcmp(hdr, "\177ELF", 4) != 0) {
        err = -ENOEXEC;
        goto out;
    } else if (!is_target_elf(prog)) {
        goto native;
    }

    sl = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (sl < 0) {
        err = -errno;
        goto out;
    }
    self[sl] = '\0';
    nargv = calloc(qemu_opts_count + argc + 16, sizeof(char *));
    nargv[n++] = qemu_argv_saved[0];
    /*
     * Settings that may have come from QEMU_* variables, which the guest
     * may have removed from the environment it passes on; the options we
     * were given follow and take precedence.
     */
    if (interp_prefix) {
        nargv[n++] = "-L";
        nargv[n++] = (char *)interp_prefix;
    }
    nargv[n++] = "-cpu";
    nargv[n++] = (char *)cpu_model;
    if (do_strace) {
        nargv[n++] = "-strace";
    }
    for (i = 1; i <= qemu_opts_count; i++) {
        /* -0 names the first program only. */
        if (!strcmp(qemu_argv_saved[i], "-0") ||
            !strcmp(qemu_argv_saved[i], "--0")) {
            i++;
            continue;
        }
        nargv[n++] = qemu_argv_saved[i];
    }
    if (interp) {
        nargv[n++] = "-0";
        nargv[n++] = interp;
        nargv[n++] = interp;
        if (interp_arg) {
            nargv[n++] = interp_arg;
        }
        nargv[n++] = (char *)path;
        for (i = 1; i < argc; i++) {
            nargv[n++] = argv[i];
        }
    } else {
        nargv[n++] = "-0";
        nargv[n++] = argc ? argv[0] : (char *)path;
        /* A /proc/self/fd path would not survive close-on-exec. */
        real = realpath(prog, NULL);
        nargv[n++] = real ? real : (char *)prog;
        for (i = 1; i < argc; i++) {
            nargv[n++] = argv[i];
        }
    }
    nargv[n] = NULL;
    preexit_cleanup(0);
    execve(self, nargv, envp);
    err = -errno;
    free(nargv);
    free(real);
    goto out;

native:
    /*
     * Not a program of the target (a host binary, or a script for a host
     * interpreter): the host kernel runs it natively, as under QEMU.
     */
    preexit_cleanup(0);
    execve(prog, argv, envp);
    err = -errno;
out:
    free(argv);
    free(envp);
    return err;
}

/* -------------------------------------------------------------- dispatch */

static SyscallFamily *const families[] = {
    do_syscall_arch,
    do_syscall_file,
    do_syscall_mem,
    do_syscall_proc,
    do_syscall_time,
    do_syscall_signal,
    do_syscall_sock,
    do_syscall_ipc,
    do_syscall_legacy,
};

static bool dispatch_from(size_t first, CPUArchState *env, int num,
                          abi_long *args, abi_long *ret)
{
    size_t i;

    for (i = first; i < sizeof(families) / sizeof(families[0]); i++) {
        if (families[i](env, num, args, ret)) {
            return true;
        }
    }
    return false;
}

bool syscall_dispatch(CPUArchState *env, int num, abi_long *args,
                      abi_long *ret)
{
    return dispatch_from(0, env, num, args, ret);
}

bool syscall_dispatch_generic(CPUArchState *env, int num, abi_long *args,
                              abi_long *ret)
{
    return dispatch_from(1, env, num, args, ret);      /* after the arch's */
}

/* Calls that fail with EINTR when a handler runs, even with SA_RESTART
 * (signal(7)); the rest are restarted then. */
static bool never_restarted(int num)
{
    switch (num) {
    case TARGET_NR_rt_sigtimedwait:
    case TARGET_NR_ppoll:
    case TARGET_NR_pselect6:
    case TARGET_NR_epoll_pwait:
    case TARGET_NR_nanosleep:
    case TARGET_NR_clock_nanosleep:
    case TARGET_NR_io_getevents:
    case TARGET_NR_msgrcv:
    case TARGET_NR_msgsnd:
#ifdef TARGET_NR_semtimedop
    case TARGET_NR_semtimedop:
#endif
    /* The old calls of the same kinds (x86). */
#ifdef TARGET_NR_pause
    case TARGET_NR_pause:
#endif
#ifdef TARGET_NR_poll
    case TARGET_NR_poll:
#endif
#ifdef TARGET_NR_select
    case TARGET_NR_select:
#endif
#ifdef TARGET_NR__newselect
    case TARGET_NR__newselect:
#endif
#ifdef TARGET_NR_epoll_wait
    case TARGET_NR_epoll_wait:
#endif
#ifdef TARGET_NR_sigsuspend
    case TARGET_NR_sigsuspend:
#endif
#ifdef TARGET_NR_clock_nanosleep_time64
    case TARGET_NR_clock_nanosleep_time64:
    case TARGET_NR_ppoll_time64:
    case TARGET_NR_pselect6_time64:
    case TARGET_NR_rt_sigtimedwait_time64:
    case TARGET_NR_semtimedop_time64:
#endif
        return true;
    default:
        return false;
    }
}

abi_long do_syscall(CPUArchState *env, int num, abi_long a1, abi_long a2,
                    abi_long a3, abi_long a4, abi_long a5, abi_long a6)
{
    abi_long args[6] = { a1, a2, a3, a4, a5, a6 };
    volatile abi_long ret = -ENOSYS;
    volatile bool handled = false;

    if (do_strace) {
        print_syscall(num, args);
    }
    /*
     * Guest memory checked by lock_user can still vanish under us when
     * another guest thread unmaps it: the fault handler comes back here
     * and the call fails with EFAULT, as in the kernel.
     */
    if (sigsetjmp(thread_ts->syscall_jmp, 0) != 0) {
        ret = -EFAULT;
        handled = true;
    } else {
        abi_long r;

        thread_ts->in_syscall = true;
        if (syscall_dispatch(env, num, args, &r)) {
            ret = r;
            handled = true;
        }
    }
    thread_ts->in_syscall = false;
    if (!handled) {
        unimplemented_syscall(num);
        ret = -ENOSYS;
    }
    if (ret == -EINTR && num != TARGET_NR_rt_sigsuspend &&
        signal_restart_wanted(!never_restarted(num))) {
        ret = -QEMU_ERESTARTSYS;
    }
    if (do_strace) {
        print_syscall_ret(num, ret);
    }
    return ret;
}
