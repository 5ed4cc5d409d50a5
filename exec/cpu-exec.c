/*
 * cpu-exec.c: the execution loop.
 *
 * cpu_exec() finds or translates the TB for the current guest state,
 * chains it to the TB that just exited through a goto_tb, and runs it.
 * Generated code returns here only at an exit_tb without a chained
 * successor, at an exit request (tested at every TB entry), or by
 * siglongjmp from a helper raising a guest exception.
 *
 * System mode (tcg_ctx->system_mode): a halted CPU without work returns
 * EXCP_HLT at once, guest exceptions (exception_index < EXCP_INTERRUPT)
 * are delivered here through cc->do_interrupt and the loop runs on, and
 * cpu_exit/cpu_interrupt wake the vCPU thread through cpu_kick_hook.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "exec/tb.h"
#include "exec/translator.h"
#include "qemu/log.h"

intptr_t cpu_env_offset;
uint32_t tb_default_cflags;
CPUState **cpu_list;
int cpu_count;
void (*cpu_kick_hook)(CPUState *cs);

/* ------------------------------------------------- exclusive sections */

static pthread_mutex_t exclusive_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t exclusive_resume = PTHREAD_COND_INITIALIZER;
static bool exclusive_active;
static int exclusive_pending;

static void cpu_exec_start(CPUState *cs)
{
    pthread_mutex_lock(&exclusive_lock);
    while (exclusive_active) {
        pthread_cond_wait(&exclusive_resume, &exclusive_lock);
    }
    cs->running = true;
    pthread_mutex_unlock(&exclusive_lock);
}

static void cpu_exec_end(CPUState *cs)
{
    pthread_mutex_lock(&exclusive_lock);
    cs->running = false;
    if (cs->exclusive_waiter) {
        cs->exclusive_waiter = false;
        if (--exclusive_pending == 0) {
            pthread_cond_signal(&exclusive_cond);
        }
    }
    pthread_mutex_unlock(&exclusive_lock);
}

void start_exclusive(void)
{
    int i;

    pthread_mutex_lock(&exclusive_lock);
    while (exclusive_active) {
        pthread_cond_wait(&exclusive_resume, &exclusive_lock);
    }
    exclusive_active = true;
    for (i = 0; i < cpu_count; i++) {
        CPUState *c = cpu_list[i];

        if (c->running && !c->exclusive_waiter) {
            c->exclusive_waiter = true;
            exclusive_pending++;
            cpu_exit(c);
        }
    }
    while (exclusive_pending > 0) {
        pthread_cond_wait(&exclusive_cond, &exclusive_lock);
    }
    pthread_mutex_unlock(&exclusive_lock);
}

void end_exclusive(void)
{
    pthread_mutex_lock(&exclusive_lock);
    exclusive_active = false;
    pthread_cond_broadcast(&exclusive_resume);
    pthread_mutex_unlock(&exclusive_lock);
}

/* The code buffer filled up: flush it with every other CPU stopped. */
static void cpu_exec_flush(CPUState *cs)
{
    cpu_exec_end(cs);
    start_exclusive();
    if (tb_flush_requested) {
        tb_flush();
        tb_flush_requested = false;
    }
    end_exclusive();
    cpu_exec_start(cs);
}

void cpu_common_init(CPUState *cs, const CPUClass *cc, void *env)
{
    cs->cc = cc;
    cs->env_ptr = env;
    cs->exception_index = -1;
    /* Cache-line aligned: no entry straddles two lines. */
    if (posix_memalign((void **)&cs->tb_jmp_cache, 64, TB_JMP_CACHE_BYTES)) {
        fprintf(stderr, "qemu: out of memory\n");
        exit(1);
    }
    memset(cs->tb_jmp_cache, 0, TB_JMP_CACHE_BYTES);
    cpu_env_offset = (char *)env - (char *)cs;
    tb_register_cpu(cs);
}

void cpu_exit(CPUState *cs)
{
    __atomic_store_n(&cs->exit_request, true, __ATOMIC_RELAXED);
    __atomic_store_n(&cs->tb_exit_flag, -1, __ATOMIC_RELEASE);
    if (cpu_kick_hook) {
        cpu_kick_hook(cs);
    }
}

void cpu_interrupt(CPUState *cs, int mask)
{
    __atomic_fetch_or(&cs->interrupt_request, mask, __ATOMIC_SEQ_CST);
    __atomic_store_n(&cs->tb_exit_flag, -1, __ATOMIC_RELEASE);
    if (cpu_kick_hook) {
        cpu_kick_hook(cs);
    }
}

void cpu_reset_interrupt(CPUState *cs, int mask)
{
    __atomic_fetch_and(&cs->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}

void cpu_loop_exit(CPUState *cs)
{
    siglongjmp(cs->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cs, uintptr_t retaddr)
{
    if (retaddr) {
        cpu_restore_state(cs, retaddr);
    }
    cpu_loop_exit(cs);
}

void cpu_raise_exception(CPUState *cs, int excp, uintptr_t retaddr)
{
    cs->exception_index = excp;
    cpu_loop_exit_restore(cs, retaddr);
}

/* Find the TB for the current state, translating it if needed. */
static TranslationBlock *tb_find(CPUState *cs)
{
    uint64_t pc, cs_base;
    uint32_t flags;
    TranslationBlock *tb;

    cs->cc->get_tb_cpu_state(cs, &pc, &cs_base, &flags);
    tb = tb_lookup(cs, pc, cs_base, flags);
    while (!tb) {
        tb = tb_gen_code(cs, pc, cs_base, flags, tb_default_cflags);
        if (!tb) {
            cpu_exec_flush(cs);
            continue;
        }
        /* Fill the jump cache so the next lookup (inline too) hits. */
        if (!(__atomic_load_n(&tb->cflags, __ATOMIC_ACQUIRE) & CF_INVALID)) {
            tb_jmp_cache_set(cs->tb_jmp_cache, pc, cs_base, flags, tb->tc_ptr,
                             tb->size == 0 ||
                             ((pc + tb->size - 1) ^ pc) >> 12 != 0,
                             tcg_ctx->system_mode && tb_sys_ops);
        }
    }
    return tb;
}

const void *helper_lookup_tb_ptr(void *env)
{
    CPUState *cs = env_cpu(env);
    uint64_t pc, cs_base;
    uint32_t flags;
    TranslationBlock *tb;

    tb_stats.lookups_helper++;
    cs->cc->get_tb_cpu_state(cs, &pc, &cs_base, &flags);
    tb = tb_lookup(cs, pc, cs_base, flags);
    return tb ? tb->tc_ptr : tcg_ctx->code_gen_epilogue;
}

/* Handle an exit request; returns true if the loop must return. */
static bool cpu_handle_exit_request(CPUState *cs, int *ret)
{
    int irq = __atomic_load_n(&cs->interrupt_request, __ATOMIC_SEQ_CST);

    __atomic_store_n(&cs->tb_exit_flag, 0, __ATOMIC_SEQ_CST);
    if (irq && cs->cc->exec_interrupt) {
        if (irq & CPU_INTERRUPT_EXITTB) {
            cpu_reset_interrupt(cs, CPU_INTERRUPT_EXITTB);
        }
        cs->cc->exec_interrupt(cs, irq);
        if (cs->exception_index >= 0) {
            return false;
        }
    }
    if (__atomic_load_n(&cs->exit_request, __ATOMIC_SEQ_CST)) {
        cs->exit_request = false;
        *ret = EXCP_INTERRUPT;
        return true;
    }
    /* A request that arrived meanwhile re-arms the flag. */
    if (cs->exit_request || cs->interrupt_request) {
        __atomic_store_n(&cs->tb_exit_flag, -1, __ATOMIC_SEQ_CST);
    }
    return false;
}

/* -d exec, -d cpu: a line per TB entered from the loop. */
static void log_tb_exec(CPUState *cs, const TranslationBlock *tb)
{
    FILE *f = qemu_log_trylock();

    if (qemu_loglevel_mask(CPU_LOG_TB_CPU) && cs->cc->dump_state) {
        cs->cc->dump_state(cs, f);
    }
    if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
        fprintf(f, "Trace %d: %p [%016llx/%016llx/%08x]\n", cs->cpu_index,
                (const void *)tb->tc_ptr, (unsigned long long)tb->cs_base,
                (unsigned long long)tb->pc, tb->flags);
    }
    qemu_log_unlock(f);
}

static int cpu_exec_loop(CPUState *cs);

int cpu_exec(CPUState *cs)
{
    int ret;

    if (tcg_ctx->system_mode && cs->halted) {
        if (!cs->cc->has_work || !cs->cc->has_work(cs)) {
            return EXCP_HLT;
        }
        cs->halted = false;
    }
    cpu_exec_start(cs);
    ret = cpu_exec_loop(cs);
    cpu_exec_end(cs);
    return ret;
}

static int cpu_exec_loop(CPUState *cs)
{
    TranslationBlock *volatile last_tb = NULL;
    volatile int tb_exit = 0;
    int ret;

    if (sigsetjmp(cs->jmp_env, 0) != 0) {
        /*
         * Back from cpu_loop_exit.  The translation lock is not held,
         * unless a system-mode instruction fetch faulted while
         * translating: tb_gen_code_cleanup drops it then.
         */
        tb_gen_code_cleanup();
        last_tb = NULL;
    }
    for (;;) {
        TranslationBlock *tb;
        uint64_t flushes;
        uintptr_t r;

        if (cs->exception_index >= 0) {
            if (tcg_ctx->system_mode && cs->exception_index < EXCP_INTERRUPT &&
                cs->cc->do_interrupt) {
                /* A guest exception: enter its handler and run on. */
                cs->cc->do_interrupt(cs);
                cs->exception_index = -1;
                last_tb = NULL;
                continue;
            }
            ret = cs->exception_index;
            cs->exception_index = -1;
            return ret;
        }
        if (cs->tb_exit_flag) {
            if (cpu_handle_exit_request(cs, &ret)) {
                return ret;
            }
            /* exec_interrupt may have changed the state: do not chain. */
            last_tb = NULL;
            if (tcg_ctx->system_mode && cs->halted) {
                return EXCP_HLT;
            }
        }
        if (cs->exception_index >= 0) {
            continue;
        }
        flushes = tb_stats.flushes;
        tb = tb_find(cs);
        if (tb_stats.flushes != flushes) {
            last_tb = NULL;     /* flushed with the rest of the cache */
        }
        if (last_tb && !(tb->cflags & CF_NO_GOTO_TB)) {
            tb_add_jump(last_tb, tb_exit, tb);
        }
        if (qemu_loglevel_mask(CPU_LOG_EXEC | CPU_LOG_TB_CPU)) {
            log_tb_exec(cs, tb);
        }
        r = tcg_qemu_tb_exec(cs->env_ptr, tb->tc_ptr);
        last_tb = (TranslationBlock *)(r & ~(uintptr_t)TB_EXIT_MASK);
        tb_exit = r & TB_EXIT_MASK;
        if (tb_exit == TB_EXIT_REQUESTED) {
            /* Left at the entry of last_tb, before any of its insns. */
            if (last_tb && cs->cc->synchronize_from_tb) {
                cs->cc->synchronize_from_tb(cs, last_tb);
            }
            last_tb = NULL;
        }
    }
}
