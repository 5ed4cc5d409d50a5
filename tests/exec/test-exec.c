/*
 * test-exec.c: the execution engine, driven by the toy test CPU.
 *
 * Built twice, against the native backend and the interpreter.  Checks:
 * direct chaining, inline indirect-jump lookups, invalidation of a page
 * unchains its TBs and new code runs, a full code buffer flushes and
 * execution continues, faults inside a TB (helper and alignment) restore
 * the exact guest pc, exit requests from another thread, and bad guest
 * code (undefined instructions, a pc outside memory) becomes exceptions.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec/tb.h"
#include "tests/unit/tap.h"
#include "toy-cpu.h"

static ToyCPU *cpu;

/* Assemble insns at addr. */
static void put(uint64_t addr, const uint32_t *code, size_t n)
{
    memcpy(toy_mem + addr, code, n * 4);
}

#define I(op, rd, rs, imm) toy_insn(TOY_##op, rd, rs, imm)

static void test_loop_chains(void)
{
    /* r1 = sum 1..100000 with a loop split over two TBs by a JMP. */
    const uint32_t prog[] = {
        I(LI, 1, 0, 0),         /* 0x00 r1 = 0 */
        I(LI, 2, 0, 1),         /* 0x04 r2 = 1 */
        I(LI, 3, 0, 1),         /* 0x08 r3 = 100000 = 1 << 16 | 0x86a0 */
        I(LUI, 3, 0, 0x86a0),   /* 0x0c */
        I(ADDI, 3, 0, 1),       /* 0x10 r3 = 100001 */
        I(ADD, 1, 2, 0),        /* 0x14 loop: r1 += r2 */
        I(JMP, 0, 0, 0),        /* 0x18 -> 0x1c (new TB) */
        I(ADDI, 2, 0, 1),       /* 0x1c r2++ */
        I(BNE, 2, 3, -4),       /* 0x20 if r2 != r3 goto 0x14 */
        I(HALT, 0, 0, 0),       /* 0x24 */
    };
    uint64_t tbs = tb_stats.tbs_translated, chained = tb_stats.chained;
    int e;

    put(0x1000, prog, sizeof(prog) / 4);
    e = toy_run(cpu, 0x1000);
    tap_report(e == EXCP_TOY_HALT && cpu->env.r[1] == 5000050000ull &&
               cpu->env.pc == 0x1024,
               "loop of 100000 iterations: sum %llu, pc %#llx",
               (unsigned long long)cpu->env.r[1],
               (unsigned long long)cpu->env.pc);
    tap_report(tb_stats.tbs_translated - tbs <= 6 &&
               tb_stats.chained - chained >= 2,
               "the loop is translated once and chained (%llu TBs, %llu chains)",
               (unsigned long long)(tb_stats.tbs_translated - tbs),
               (unsigned long long)(tb_stats.chained - chained));
}

static void test_indirect_jumps(void)
{
    /* A loop whose back edge is an indirect jump (JR). */
    const uint32_t prog[] = {
        I(LI, 1, 0, 0),         /* 0x00 counter */
        I(LI, 2, 0, 20000),     /* 0x04 limit */
        I(LI, 5, 0, 0x2010),    /* 0x08 r5 = loop address */
        I(JR, 0, 5, 0),         /* 0x0c */
        I(ADDI, 1, 0, 1),       /* 0x10 loop: r1++ */
        I(BNE, 1, 2, 1),        /* 0x14 if r1 != r2 goto 0x1c */
        I(HALT, 0, 0, 0),       /* 0x18 */
        I(JR, 0, 5, 0),         /* 0x1c back to 0x10 */
    };
    uint64_t helper = tb_stats.lookups_helper;
    int e;

    put(0x2000, prog, sizeof(prog) / 4);
    e = toy_run(cpu, 0x2000);
    tap_report(e == EXCP_TOY_HALT && cpu->env.r[1] == 20000,
               "indirect-jump loop runs 20000 times (r1 = %llu)",
               (unsigned long long)cpu->env.r[1]);
    tap_report(tb_stats.lookups_helper - helper < 100,
               "indirect jumps hit the inline jump cache (%llu slow lookups)",
               (unsigned long long)(tb_stats.lookups_helper - helper));
}

static void test_invalidate(void)
{
    /* Two chained TBs; patching the second and invalidating its page
     * must unchain the first and run the new code. */
    const uint32_t prog[] = {
        I(LI, 1, 0, 1),         /* 0x3000 */
        I(JMP, 0, 0, 0x3fe),    /* 0x3004 -> 0x4000 */
    };
    const uint32_t tail[] = { I(ADDI, 1, 0, 10), I(HALT, 0, 0, 0) };
    const uint32_t tail2[] = { I(ADDI, 1, 0, 20), I(HALT, 0, 0, 0) };
    uint64_t unchained, inval;
    int e, i;

    put(0x3000, prog, 2);
    put(0x4000, tail, 2);
    for (i = 0; i < 3; i++) {
        e = toy_run(cpu, 0x3000);
    }
    tap_report(e == EXCP_TOY_HALT && cpu->env.r[1] == 11,
               "before patching: r1 = %llu", (unsigned long long)cpu->env.r[1]);
    unchained = tb_stats.unchained;
    inval = tb_stats.invalidated;
    put(0x4000, tail2, 2);
    tb_invalidate_phys_page(0x4000);
    tap_report(tb_stats.invalidated > inval && tb_stats.unchained > unchained,
               "invalidating the page drops its TB and unchains the jump into it");
    e = toy_run(cpu, 0x3000);
    tap_report(e == EXCP_TOY_HALT && cpu->env.r[1] == 21,
               "after patching the new code runs: r1 = %llu",
               (unsigned long long)cpu->env.r[1]);
    tap_report(!tb_page_has_code(0x5000) && tb_page_has_code(0x3000),
               "pages with code are tracked");
}

static void test_flush(void)
{
    /* 40000 TBs of straight-line code overflow a small code buffer. */
    uint64_t flushes = tb_stats.flushes;
    uint64_t base = 0x10000, n = 40000, i;
    int e;

    for (i = 0; i < n; i++) {
        uint32_t insn[2] = { I(ADDI, 1, 0, 1), I(JMP, 0, 0, 0) };
        put(base + i * 8, insn, 2);
    }
    {
        uint32_t halt = I(HALT, 0, 0, 0);
        put(base + n * 8, &halt, 1);
    }
    cpu->env.r[1] = 0;
    e = toy_run(cpu, base);
    tap_report(e == EXCP_TOY_HALT && cpu->env.r[1] == n &&
               tb_stats.flushes > flushes,
               "a full code buffer is flushed and execution continues "
               "(%llu flushes, r1 = %llu)",
               (unsigned long long)(tb_stats.flushes - flushes),
               (unsigned long long)cpu->env.r[1]);
}

static void test_precise_faults(void)
{
    const uint32_t divprog[] = {
        I(LI, 1, 0, 100),       /* 0x6000 */
        I(LI, 2, 0, 7),         /* 0x6004 */
        I(DIV, 1, 2, 0),        /* 0x6008 r1 = 14 */
        I(LI, 2, 0, 0),         /* 0x600c */
        I(ADDI, 3, 0, 5),       /* 0x6010 */
        I(DIV, 1, 2, 0),        /* 0x6014 divide by zero */
        I(HALT, 0, 0, 0),
    };
    const uint32_t ldprog[] = {
        I(LI, 4, 0, 0x7100),    /* 0x7000 */
        I(LD, 5, 4, 1),         /* 0x7004 unaligned plain load: fine */
        I(LDA, 6, 4, 8),        /* 0x7008 aligned: fine */
        I(ADDI, 4, 0, 3),       /* 0x700c */
        I(LDA, 6, 4, 0),        /* 0x7010 unaligned: fault */
        I(HALT, 0, 0, 0),
    };
    int e;

    put(0x6000, divprog, sizeof(divprog) / 4);
    cpu->env.r[3] = 0;
    e = toy_run(cpu, 0x6000);
    tap_report(e == EXCP_TOY_DIVZERO && cpu->env.pc == 0x6014 &&
               cpu->env.r[1] == 14 && cpu->env.r[3] == 5,
               "helper fault restores pc %#llx (want 0x6014) and state",
               (unsigned long long)cpu->env.pc);

    memset(toy_mem + 0x7100, 0x11, 32);
    put(0x7000, ldprog, sizeof(ldprog) / 4);
    e = toy_run(cpu, 0x7000);
    tap_report(e == EXCP_TOY_UNALIGNED && cpu->env.pc == 0x7010 &&
               cpu->env.r[4] == 0x7103 &&
               cpu->env.r[5] == 0x1111111111111111ull,
               "alignment fault restores pc %#llx (want 0x7010) and state",
               (unsigned long long)cpu->env.pc);
}

static void test_bad_code(void)
{
    uint32_t bad = 0xff000000;
    int e;

    put(0x8000, &bad, 1);
    e = toy_run(cpu, 0x8000);
    tap_report(e == EXCP_TOY_UDEF && cpu->env.pc == 0x8000,
               "undefined instruction raises an exception at its pc");
    e = toy_run(cpu, TOY_MEM_SIZE + 0x1000);
    tap_report(e == EXCP_TOY_FETCH, "a pc outside guest memory raises a fetch fault");
    cpu->env.r[9] = 0x8002;
    {
        uint32_t jr = I(JR, 0, 9, 0);
        put(0x8100, &jr, 1);
    }
    e = toy_run(cpu, 0x8100);
    tap_report(e == EXCP_TOY_FETCH && cpu->env.pc == 0x8002,
               "an indirect jump to a misaligned pc faults there");
}

static void *kicker(void *arg)
{
    usleep(50 * 1000);
    cpu_exit(&cpu->parent);
    return NULL;
}

static void test_exit_request(void)
{
    const uint32_t spin[] = {
        I(ADDI, 1, 0, 1),       /* 0x9000 */
        I(JMP, 0, 0, -2),       /* 0x9004 -> 0x9000 */
    };
    pthread_t th;
    int e;

    put(0x9000, spin, 2);
    pthread_create(&th, NULL, kicker, NULL);
    e = toy_run(cpu, 0x9000);
    pthread_join(th, NULL);
    tap_report(e == EXCP_INTERRUPT && (cpu->env.pc == 0x9000 || cpu->env.pc == 0x9004) &&
               cpu->env.r[1] > 0,
               "cpu_exit from another thread stops an endless chained loop "
               "(pc %#llx)", (unsigned long long)cpu->env.pc);
}

/* Run until a guest exception, going back in after exit requests. */
static int run_to_exception(ToyCPU *c)
{
    int e;

    while ((e = cpu_exec(&c->parent)) == EXCP_INTERRUPT) {
        continue;
    }
    return e;
}

static ToyCPU *loop_cpu;

static void *run_loop_cpu(void *arg)
{
    *(int *)arg = run_to_exception(loop_cpu);
    return NULL;
}

/*
 * One CPU fills the code buffer over and over while another runs a long
 * chained loop: each flush must wait until the other CPU is out of the
 * generated code, and both must compute the right results.
 */
static void test_flush_two_threads(void)
{
    /* Loops until the word at 0xc000 becomes non-zero. */
    const uint32_t loop[] = {
        I(LI, 1, 0, 0), I(LI, 2, 0, 0),             /* 0xb000 */
        I(LI, 5, 0, 0x6000), I(ADD, 5, 5, 0),       /* r5 = 0xc000 */
        I(ADD, 1, 2, 0),                            /* 0xb010 loop */
        I(ADDI, 2, 0, 1),
        I(LD, 4, 5, 0),
        I(BNE, 4, 6, 2),                            /* 0xb01c -> 0xb028 */
        I(JMP, 0, 0, -5),                           /* 0xb020 -> 0xb010 */
        I(HALT, 0, 0, 0),
        I(HALT, 0, 0, 0),                           /* 0xb028 */
    };
    uint64_t flushes = tb_stats.flushes, base = 0x10000, n = 40000, i;
    int e_loop = -1, e, rounds;
    pthread_t th;

    loop_cpu = toy_cpu_new();
    loop_cpu->parent.cpu_index = 1;
    put(0xb000, loop, sizeof(loop) / 4);
    /* Chain of n one-insn TBs (laid out by test_flush). */
    for (i = 0; i < n; i++) {
        uint32_t insn[2] = { I(ADDI, 1, 0, 1), I(JMP, 0, 0, 0) };
        put(base + i * 8, insn, 2);
    }
    memset(toy_mem + 0xc000, 0, 8);
    loop_cpu->env.pc = 0xb000;
    loop_cpu->env.r[6] = 0;
    pthread_create(&th, NULL, run_loop_cpu, &e_loop);
    e = EXCP_TOY_HALT;
    for (rounds = 0; rounds < 3 && e == EXCP_TOY_HALT; rounds++) {
        cpu->env.r[1] = 0;
        cpu->env.pc = base;
        e = run_to_exception(cpu);
        if (cpu->env.r[1] != n) {
            e = -1;
        }
    }
    __atomic_store_n((uint64_t *)(toy_mem + 0xc000), 1, __ATOMIC_RELEASE);
    pthread_join(th, NULL);
    {
        uint64_t n2 = loop_cpu->env.r[2];

        /* r1 = 0 + 1 + ... + (r2 - 1) */
        tap_report(e == EXCP_TOY_HALT && e_loop == EXCP_TOY_HALT && n2 > 0 &&
                   loop_cpu->env.pc == 0xb028 &&
                   loop_cpu->env.r[1] == n2 * (n2 - 1) / 2 &&
                   tb_stats.flushes > flushes,
                   "flushes wait for the other CPU: both finish right "
                   "(%llu flushes, the loop ran %llu times)",
                   (unsigned long long)(tb_stats.flushes - flushes),
                   (unsigned long long)n2);
    }
}

static void test_one_insn_per_tb(void)
{
    const uint32_t prog[] = {
        I(LI, 1, 0, 5), I(ADDI, 1, 0, 6), I(ADDI, 1, 0, 7), I(HALT, 0, 0, 0),
    };
    uint64_t tbs = tb_stats.tbs_translated, insns = tb_stats.insns_translated;
    int e;

    put(0xa000, prog, 4);
    tb_default_cflags = 1;
    e = toy_run(cpu, 0xa000);
    tb_default_cflags = 0;
    tap_report(e == EXCP_TOY_HALT && cpu->env.r[1] == 18 &&
               tb_stats.tbs_translated - tbs == 4 &&
               tb_stats.insns_translated - insns == 4,
               "one instruction per TB: 4 insns in %llu TBs, r1 = %llu",
               (unsigned long long)(tb_stats.tbs_translated - tbs),
               (unsigned long long)cpu->env.r[1]);
}

int main(void)
{
    cpu = toy_init(1 << 20);
    if (!cpu) {
        tap_report(false, "toy CPU setup");
        return 1;
    }
    /* TCG_NO_OPT=1 isolates optimizer bugs from engine bugs. */
    tcg_ctx->no_optimize = getenv("TCG_NO_OPT") != NULL;
    test_loop_chains();
    test_indirect_jumps();
    test_invalidate();
    test_precise_faults();
    test_bad_code();
    test_exit_request();
    test_flush();
    test_flush_two_threads();
    test_one_insn_per_tb();
    tap_report(toy_gen_tb_mismatches == 0,
               "translators see the TB being built as gen_tb (%u mismatches)",
               toy_gen_tb_mismatches);
    return tap_exit_status();
}
