/*
 * linux-user/qemu.h: what the parts of user-mode emulation share.
 *
 * linux-user/ runs one Linux program of the target architecture as a
 * host process: main.c parses the command line, elfload.c maps the
 * program and builds its stack, mmap.c owns the guest address space,
 * syscall*.c translate system calls, signal.c queues host signals and
 * delivers them to the guest through the target's frames
 * (<arch>/signal.c), and <arch>/cpu_loop.c runs the CPU.  The per-target
 * ABI comes from linux-user/<arch>/target_*.h.
 */
#ifndef LINUX_USER_QEMU_H
#define LINUX_USER_QEMU_H

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "exec/cpu.h"
#include "user/guest-mem.h"
#include "target_cpu.h"
#include "target_elf.h"

/* Guest C types (the target's "long" is TARGET_LONG_BITS wide). */
#if TARGET_LONG_BITS == 64
typedef uint64_t abi_ulong;
typedef int64_t abi_long;
#define TARGET_ABI_FMT_lx "%" PRIx64
#else
typedef uint32_t abi_ulong;
typedef int32_t abi_long;
#define TARGET_ABI_FMT_lx "%" PRIx32
#endif

#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE ((abi_ulong)1 << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))
#define TARGET_PAGE_ALIGN(a) (((a) + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK)

/* Byte order of guest data (every target so far is little-endian). */
#ifdef TARGET_BIG_ENDIAN
#define tswap16(x) __builtin_bswap16(x)
#define tswap32(x) __builtin_bswap32(x)
#define tswap64(x) __builtin_bswap64(x)
#else
#define tswap16(x) ((uint16_t)(x))
#define tswap32(x) ((uint32_t)(x))
#define tswap64(x) ((uint64_t)(x))
#endif

/* ------------------------------------------------------------ options */

extern const char *exec_path;         /* the guest program as given */
extern char *exec_path_abs;           /* its absolute path (/proc/self/exe) */
extern const char *interp_prefix;     /* -L */
extern unsigned long guest_stack_size;
extern bool do_strace;
extern int qemu_argc_saved;
extern char **qemu_argv_saved;       /* our own options, for execve */
extern int qemu_opts_count;           /* argv[1..qemu_opts_count] are ours */
extern const char *cpu_model;
extern bool one_insn_per_tb;
/* Random bytes for the guest: getrandom(2), or the -seed sequence. */
void guest_random_seed(uint64_t seed);
int guest_random(void *buf, size_t len, unsigned flags);        /* -one-insn-per-tb (engine hook pending) */

/* ------------------------------------------------------------ memory */

extern uint64_t reserved_va;          /* size of the guest address space */

/* Reserve the guest address space; false after printing why. */
bool guest_space_init(uintptr_t want_base, uint64_t size);
void mmap_lock(void);
void mmap_unlock(void);
void page_set_flags(abi_ulong start, abi_ulong end, int flags);
/* Find len bytes of free guest space, top-down from hint (0: default). */
abi_ulong mmap_find_vma(abi_ulong hint, abi_ulong len);
/* The guest's mmap family: results are guest addresses or -errno. */
abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags,
                     int fd, off_t offset);
abi_long target_munmap(abi_ulong start, abi_ulong len);
abi_long target_mprotect(abi_ulong start, abi_ulong len, int prot);
abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size,
                       abi_ulong new_size, int flags, abi_ulong new_addr);
abi_long target_madvise(abi_ulong start, abi_ulong len, int advice);
abi_long target_brk(abi_ulong new_brk);
void target_set_brk(abi_ulong start);
/* Top of the area mmap hands out (below the stack). */
extern abi_ulong mmap_next_start;
/* SIGSEGV on a write to a page holding code: true if handled. */
bool handle_smc_fault(uintptr_t host_addr, bool is_write);
/* Make [addr, addr+len) writable by the host again (before a syscall
 * writes there); TBs on those pages are invalidated. */
void unprotect_guest_range(abi_ulong addr, abi_ulong len);
/* Write /proc/self/maps as the guest sees it into fd. */
int write_guest_maps(int fd);
void mmap_install_hooks(void);
void mmap_fork_start(void);
void mmap_fork_end(bool child);

/* Access to guest memory from syscalls: NULL when not accessible. */
#define VERIFY_READ  PAGE_READ
#define VERIFY_WRITE (PAGE_READ | PAGE_WRITE)
void *lock_user(int type, abi_ulong addr, abi_ulong len);
/* A NUL-terminated guest string, or NULL (bad address or unterminated). */
char *lock_user_string(abi_ulong addr);

#define DEF_GUEST_ACCESS(sz, T)                                        \
static inline bool get_user_u##sz(T *v, abi_ulong a)                  \
{                                                                      \
    T *p = lock_user(VERIFY_READ, a, sizeof(T));                       \
    if (!p) {                                                          \
        return false;                                                  \
    }                                                                  \
    memcpy(v, p, sizeof(T));                                           \
    *v = (T)tswap##sz(*v);                                             \
    return true;                                                       \
}                                                                      \
static inline bool put_user_u##sz(T v, abi_ulong a)                   \
{                                                                      \
    T *p = lock_user(VERIFY_WRITE, a, sizeof(T));                      \
    if (!p) {                                                          \
        return false;                                                  \
    }                                                                  \
    v = (T)tswap##sz(v);                                               \
    memcpy(p, &v, sizeof(T));                                          \
    return true;                                                       \
}
DEF_GUEST_ACCESS(16, uint16_t)
DEF_GUEST_ACCESS(32, uint32_t)
DEF_GUEST_ACCESS(64, uint64_t)
#undef DEF_GUEST_ACCESS

static inline bool get_user_ual(abi_ulong *v, abi_ulong a)
{
#if TARGET_LONG_BITS == 64
    return get_user_u64((uint64_t *)v, a);
#else
    return get_user_u32((uint32_t *)v, a);
#endif
}

static inline bool put_user_ual(abi_ulong v, abi_ulong a)
{
#if TARGET_LONG_BITS == 64
    return put_user_u64(v, a);
#else
    return put_user_u32(v, a);
#endif
}

/* -------------------------------------------------------- ELF loading */

typedef struct ImageInfo {
    abi_ulong load_bias;
    abi_ulong load_addr;          /* lowest mapped address of the program */
    abi_ulong entry;              /* where the CPU starts (interp or prog) */
    abi_ulong prog_entry;         /* AT_ENTRY */
    abi_ulong phdr, phent, phnum;
    abi_ulong interp_base;        /* AT_BASE, 0 without interpreter */
    abi_ulong start_brk, brk;
    abi_ulong start_code, end_code, start_data, end_data;
    abi_ulong stack_top, stack_limit;
    abi_ulong start_stack;        /* sp at entry */
    abi_ulong arg_start, arg_end, env_start, env_end;
    abi_ulong execfn;
} ImageInfo;

/* Load the program; false after printing one error line. */
bool loader_exec(const char *filename, char **argv, char **envp,
                 CPUArchState *env,
                 ImageInfo *info);

/* ----------------------------------------------------------- threads */

#define TARGET_NSIG 64
#define TARGET_SIGRTMIN 32
#define SIGQUEUE_RT 8

typedef struct TargetSigInfo {
    int si_signo, si_errno, si_code;
    int pad;
    /* The union of the kernel's siginfo, as raw guest bytes. */
    union {
        uint8_t raw[128 - 16];
        uint64_t align;
    } u;
} TargetSigInfo;

typedef struct TaskState {
    CPUArchState *env;
    pid_t tid;
    abi_ulong child_tidptr;       /* CLONE_CHILD_CLEARTID / set_tid_address */
    abi_ulong robust_list;
    uint64_t sigmask;             /* guest blocked set: bit n-1 = signal n */
    /*
     * Pending signals, per guest signal number: one instance of a
     * standard signal, up to SIGQUEUE_RT of a real-time one (in order).
     */
    struct {
        bool pending;
        uint8_t count, head;
        TargetSigInfo info[SIGQUEUE_RT];
    } sigtab[TARGET_NSIG + 1];
    /* A synchronous fault to deliver before anything else. */
    bool sync_pending;
    TargetSigInfo sync_info;
    volatile sig_atomic_t signal_pending;
    /* sigaltstack */
    abi_ulong ss_sp, ss_size;
    int ss_flags;
    /* Set while sigsuspend/ppoll temporarily change the mask. */
    bool in_sigsuspend;
    uint64_t saved_sigmask;
    /* A host fault on guest memory inside a syscall returns -EFAULT. */
    sigjmp_buf syscall_jmp;
    volatile bool in_syscall;
    struct TaskState *next;       /* list of threads */
    pthread_t thread;
} TaskState;

extern __thread TaskState *thread_ts;
extern ImageInfo *global_image;

/* ----------------------------------------------------------- syscalls */

/* Returned by do_syscall: re-execute the svc (the host call was
 * interrupted by a signal whose handler has SA_RESTART). */
#define QEMU_ERESTARTSYS 512
/* Returned by do_syscall for exit-type calls handled without a result. */
#define QEMU_ESIGRETURN 513

abi_long do_syscall(CPUArchState *env, int num, abi_long a1, abi_long a2,
                    abi_long a3, abi_long a4, abi_long a5, abi_long a6);
/*
 * A host syscall that may block (safe-syscall.c): returns -errno, or
 * -QEMU_ERESTARTSYS when a guest signal arrived just before it started.
 */
abi_long safe_syscall(long number, long a1, long a2, long a3, long a4,
                      long a5, long a6);
#define safe_syscall3(n, a, b, c) \
    safe_syscall((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define safe_syscall4(n, a, b, c, d) \
    safe_syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define safe_syscall6(n, a, b, c, d, e, f) \
    safe_syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), \
                 (long)(f))
/* From the host signal handler: bail out of a syscall not yet started. */
void safe_syscall_fixup(void *puc);

/* Host result to guest result: -1/errno becomes -errno. */
static inline abi_long get_errno(long ret)
{
    return ret == -1 ? -errno : ret;
}
/* Host errno values are the generic Linux ones, as are the targets'. */
static inline bool is_error(abi_long ret)
{
    return (abi_ulong)ret >= (abi_ulong)-4096;
}

/* A syscall family: returns true if it handled num (result in *ret). */
typedef bool SyscallFamily(CPUArchState *env, int num, abi_long *args,
                           abi_long *ret);
SyscallFamily do_syscall_file, do_syscall_mem, do_syscall_proc,
              do_syscall_time, do_syscall_signal, do_syscall_sock,
              do_syscall_ipc, do_syscall_legacy;
/* The target's own calls and layouts (<arch>/), offered first. */
SyscallFamily do_syscall_arch;
/* Offer a call to every family (a family rewriting an old call into
 * a newer one uses it): false if none handles num. */
bool syscall_dispatch(CPUArchState *env, int num, abi_long *args,
                      abi_long *ret);
/* The same without the target's family (a target call rewritten into
 * the generic one of the same number). */
bool syscall_dispatch_generic(CPUArchState *env, int num, abi_long *args,
                              abi_long *ret);
/* select(2) with fd_sets of target longs; getdents(2) (syscall-legacy.c). */
abi_long do_select(int n, abi_ulong r, abi_ulong w, abi_ulong e,
                   abi_ulong tv);
abi_long do_getdents_legacy(int fd, abi_ulong addr, abi_ulong count);

/* Helpers shared by the families. */
int target_to_host_open_flags(int t);
int host_to_target_open_flags(int h);
struct iovec *guest_iovec(int type, abi_ulong addr, abi_long count,
                          abi_long *err);
char *path_for_host(const char *guest_path, char *buf, size_t size);
int host_to_target_stat(abi_ulong addr, const struct stat *st);
bool is_proc_self_exe(const char *path);
int open_proc_self_file(const char *path, int flags, bool *handled);
void print_syscall(int num, abi_long *args);
void print_syscall_ret(int num, abi_long ret);
const char *target_syscall_name(int num);
/* Before the exit of the whole process: flush logs etc. */
void preexit_cleanup(int code);
abi_long do_execve(const char *path, abi_ulong argv, abi_ulong envp);
void unimplemented_syscall(int num);

/* ------------------------------------------------------------ signals */

void signal_init(void);
/* Deliver what is pending and unblocked (called from the cpu loop). */
void process_pending_signals(CPUArchState *env);
/* Queue a synchronous fault (SIGSEGV, SIGILL...) for the current thread. */
void force_sig_fault(int sig, int code, abi_ulong addr);
/* Take the oldest pending instance of sig (false if none). */
bool sigtab_take(TaskState *ts, int sig, TargetSigInfo *info);
/* Guest kill/tgkill aimed at this process's threads. */
void queue_signal(TaskState *ts, int sig, const TargetSigInfo *info);
/* After an EINTR: should the interrupted syscall be restarted?  Some
 * calls return EINTR whenever a handler runs, SA_RESTART or not. */
bool signal_restart_wanted(bool sa_restart_applies);
/* Terminate the process as the guest signal would (never returns). */
void dump_and_die(int sig) __attribute__((noreturn));
int target_to_host_signal(int sig);
int host_to_target_signal(int sig);
void host_to_target_siginfo(TargetSigInfo *t, const siginfo_t *h);

typedef struct TargetSigaction {
    abi_ulong handler;
    abi_ulong flags;
    abi_ulong restorer;
    uint64_t mask;
} TargetSigaction;

/* The guest's dispositions (index: guest signal number). */
extern TargetSigaction sigact_table[TARGET_NSIG + 1];
abi_long do_sigaction(int sig, const TargetSigaction *act,
                      TargetSigaction *oact);
abi_long do_sigprocmask(int how, const uint64_t *set, uint64_t *old);
abi_long do_sigaltstack(abi_ulong uss, abi_ulong uoss, abi_ulong sp);
bool on_sig_stack(abi_ulong sp);

#define TARGET_SA_NOCLDSTOP 0x00000001
#define TARGET_SA_NOCLDWAIT 0x00000002
#define TARGET_SA_SIGINFO   0x00000004
#define TARGET_SA_ONSTACK   0x08000000
#define TARGET_SA_RESTART   0x10000000
#define TARGET_SA_NODEFER   0x40000000
#define TARGET_SA_RESETHAND 0x80000000
#define TARGET_SA_RESTORER  0x04000000
#define TARGET_SS_ONSTACK 1
#define TARGET_SS_DISABLE 2
#define TARGET_SIG_DFL 0
#define TARGET_SIG_IGN 1

/* Set by the cpu loop around cpu_exec(): host faults are guest faults. */
void cpu_loop_set_in_exec(bool on);

/* Target hooks (<arch>/signal.c). */
void target_signal_init(void);
void target_setup_rt_frame(CPUArchState *env, int sig,
                           const TargetSigaction *ka,
                           const TargetSigInfo *info, uint64_t set);
abi_long target_rt_sigreturn(CPUArchState *env);

/* The cpu loop (<arch>/cpu_loop.c). */
void cpu_loop(CPUArchState *env) __attribute__((noreturn));
/* Create a thread for clone(CLONE_VM|CLONE_THREAD). */
abi_long do_clone_thread(CPUArchState *env, unsigned long flags,
                         abi_ulong newsp, abi_ulong parent_tid,
                         abi_ulong tls, abi_ulong child_tid);
/* The list of guest threads, and its lock. */
extern pthread_mutex_t thread_list_lock;
extern TaskState *thread_list;
extern int guest_thread_count;

#endif
