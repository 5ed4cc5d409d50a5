/*
 * exec/translator.h: the loop every frontend's translate hook runs.
 *
 * translator_loop() emits the TB-entry exit check, then calls the
 * target's hooks once per guest instruction until the target ends the
 * TB, the instruction budget is spent, the code crosses into a new page,
 * or TCG runs short of temps.
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include "exec/tb.h"
#include "tcg/tcg-op.h"

typedef enum DisasJumpType {
    DISAS_NEXT,          /* keep translating */
    DISAS_TOO_MANY,      /* stopped by the loop: the target chains to pc_next */
    DISAS_NORETURN,      /* the TB already ended (exception, exit) */
    DISAS_TARGET_0,      /* first target-specific value */
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    uint64_t pc_first;
    uint64_t pc_next;
    DisasJumpType is_jmp;
    int num_insns;
    int max_insns;
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUState *cs);
    void (*tb_start)(DisasContextBase *db, CPUState *cs);
    void (*insn_start)(DisasContextBase *db, CPUState *cs);
    void (*translate_insn)(DisasContextBase *db, CPUState *cs);
    void (*tb_stop)(DisasContextBase *db, CPUState *cs);
} TranslatorOps;

void translator_loop(CPUState *cs, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db);

/* May the TB end with goto_tb to dest?  (same page, chaining allowed) */
bool translator_use_goto_tb(DisasContextBase *db, uint64_t dest);

/*
 * End the TB by jumping to the TB for the current guest state: the
 * frontend has stored the new pc, which is also in pc (address type).
 * The jump cache is probed inline; misses call helper_lookup_tb_ptr.
 */
void tcg_gen_lookup_and_goto_ptr(TCGTemp *pc);

/* The slow path of that lookup (also usable by frontends directly). */
const void *helper_lookup_tb_ptr(void *env);

#endif
