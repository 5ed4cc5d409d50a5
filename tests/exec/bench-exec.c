/*
 * bench-exec.c: speed of the translator and of chained TBs, printed (not
 * asserted) by `make bench`; `make demo` runs it too, as the built-in
 * demonstration until real guests land.
 *
 *   translation: TCG ops and host code bytes per second through
 *                optimizer + liveness + register allocation + backend
 *   execution:   guest instructions per second in a loop of chained TBs
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/tb.h"
#include "qemu/log.h"
#include "toy-cpu.h"

#define I(op, rd, rs, imm) toy_insn(TOY_##op, rd, rs, imm)

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    ToyCPU *cpu = toy_init(64 << 20);
    const uint32_t loop[] = {
        I(LI, 1, 0, 0), I(LI, 2, 0, 0),
        I(LI, 3, 0, 0x05f5), I(LUI, 3, 0, 0xe100),  /* 100,000,000 */
        I(ADD, 1, 2, 0),                            /* loop: */
        I(ADDI, 2, 0, 1),
        I(JMP, 0, 0, 0),                            /* a second TB */
        I(ADD, 1, 1, 0),
        I(BNE, 2, 3, -5),
        I(HALT, 0, 0, 0),
    };
    uint64_t ops0, bytes0, tbs0, n = 12000, i, rounds = 20, r;
    double t;

    if (!cpu) {
        return 1;
    }
    /* TCG_NO_OPT=1 skips the optimizer (to measure what it buys). */
    tcg_ctx->no_optimize = getenv("TCG_NO_OPT") != NULL;
    for (i = 1; i + 1 < (uint64_t)argc; i++) {
        if (!strcmp(argv[i], "-d")) {
            int mask = qemu_str_to_log_mask(argv[i + 1]);
            if (mask < 0) {
                return 1;
            }
            qemu_set_log(mask);
        } else if (!strcmp(argv[i], "-D") && !qemu_set_log_filename(argv[i + 1])) {
            return 1;
        }
    }
    printf("%-44s %s\n", "TCG backend:",
#ifdef TCG_TARGET_INTERPRETER
           "interpreter (tci)"
#else
           "native x86-64"
#endif
    );

    /* Translation: many distinct 16-insn TBs, invalidated and redone. */
    for (i = 0; i < n; i++) {
        uint32_t blk[16];
        int k;
        for (k = 0; k < 15; k++) {
            blk[k] = k % 3 == 0 ? I(ADD, k % 8, (k + 3) % 8, 0)
                   : k % 3 == 1 ? I(ADDI, k % 8, 0, k * 7)
                   : I(MUL, (k + 1) % 8, k % 8, 0);
        }
        blk[15] = I(JMP, 0, 0, 0);
        memcpy(toy_mem + 0x10000 + i * 64, blk, 64);
    }
    {
        uint32_t halt = I(HALT, 0, 0, 0);
        memcpy(toy_mem + 0x10000 + n * 64, &halt, 4);
    }
    ops0 = tcg_ctx->stat_ops;
    bytes0 = tb_stats.code_bytes;
    tbs0 = tb_stats.tbs_translated;
    t = now();
    for (r = 0; r < rounds; r++) {
        tb_flush();
        toy_run(cpu, 0x10000);
    }
    t = now() - t;
    printf("%-44s %.2f M ops/s, %.1f MB/s host code, %.0f k TBs/s\n",
           "translation (16-insn TBs, incl. execution):",
           (tcg_ctx->stat_ops - ops0) / t / 1e6,
           (tb_stats.code_bytes - bytes0) / t / 1e6,
           (tb_stats.tbs_translated - tbs0) / t / 1e3);

    memcpy(toy_mem + 0x1000, loop, sizeof(loop));
    t = now();
    toy_run(cpu, 0x1000);
    t = now() - t;
    printf("%-44s %.0f M guest insns/s (%.3f s for 500 M insns, r1=%llu)\n",
           "chained loop of two TBs:", 5e8 / t / 1e6, t,
           (unsigned long long)cpu->env.r[1]);
    if (argc > 1 && !strcmp(argv[argc - 1], "--stats")) {
        tb_dump_stats(stdout);
    }
    return 0;
}
